// The public view (protocol/public_view.hpp): a state built through the real lifecycle to published
// and follow-up, then read as anyone would read it. Fields, R10 history, R11 overdue by the date
// alone, the state at each monitoring cut, CSV escaping and its formula guard, and, above all, no
// personal data anywhere in the output.
#include "protocol/public_view.hpp"
#include "protocol/public_feed.hpp"
#include "protocol/open_data.hpp"
#include "domain/apply.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain_fixture.hpp"

namespace encuentro::testing {
namespace {

using nlohmann::json;
namespace p = encuentro::protocol;

constexpr int kBogota = -300;

// Private strings the scenario puts into the state; none may ever reach the public view.
constexpr const char* kAuthor = "Dora Autora Reservada";
constexpr const char* kWalkIn = "Walter Caminante Sinregistro";
constexpr const char* kInterpreter = "Irene Intérprete Privada";
constexpr const char* kFacilitator = "Fabiola Facilitadora";
constexpr const char* kRelator = "Rodrigo Relator";
constexpr const char* kServant = "Susana Servidora";
constexpr const char* kComment = "Comentario privado de la evaluación";
constexpr const char* kComplaint = "Queja privada por el cobro de un trámite";
constexpr const char* kUnranked = "Propuesta sin votos que no es principal";
constexpr const char* kQuestion = "¿Cuándo pasa el bus por la vereda?";
constexpr const char* kQuestionAnswer = "Respuesta de la servidora a la pregunta";
constexpr const char* kOrganisation = "Junta de Acción Comunal Reservada";

constexpr const char* kWhatK1 = "=1+2 rutas nocturnas, con \"buses\" nuevos";
constexpr const char* kWhatK3 = "-5 % en la tarifa\nen horario nocturno";

// Phase published on 2026-12-25, follow-up since; event day 2026-12-22. Commitments:
//   k1 (w1's top proposal): due 2027-02-20, 40 % on 2027-01-20, fulfilled on 2027-02-15.
//   k2 (two of w2's proposals): due 2027-01-11, 30 % on 2027-01-20, then nothing: overdue.
//   k3 (w2's third): due 2027-03-01, revised on 2027-04-10 to 2027-12-31 (R10), no report.
// w1's second proposal is not adopted and its third (a citizen's own) is referred.
struct Published {
  Scenario s;
  std::vector<std::string> w1_principal, w2_principal;

  Published() {
    s.convene();
    for (int i = 1; i <= 34; ++i) {
      auto r = s.registration(i, i % 3 == 0 ? d::ValueGroup::mujeres : d::ValueGroup::juventud);
      r.contact = "persona" + std::to_string(i) + "@correo.example";
      if (i % 4 == 0) r.organisation = kOrganisation;
      s.ok(r);
    }
    s.advance_days(30);  // the event day: 2026-12-22
    for (int i = 1; i <= 34; ++i) s.ok(d::cmd::CheckIn{"r" + std::to_string(i)});
    s.ok(d::cmd::CheckInWalkIn{kWalkIn, "Vereda El Ajizal", d::ValueGroup::campesino, {}, true});
    s.ok(d::cmd::AdvancePhase{d::Phase::opening});
    s.ok(d::cmd::FormWorkshops{});
    s.ok(d::cmd::RecordInterpreter{kInterpreter, d::InterpreterKind::lsc});
    for (const auto& w : std::vector<d::Workshop>(s.state.workshops)) {
      s.ok(d::cmd::AssignStaff{w.id, d::StaffRole::facilitator, kFacilitator});
      s.ok(d::cmd::AssignStaff{w.id, d::StaffRole::relator, kRelator});
      s.ok(d::cmd::AssignStaff{w.id, d::StaffRole::servant, kServant});
    }
    s.ok(d::cmd::AdvancePhase{d::Phase::workshops});
    REQUIRE(s.state.workshops.size() == 2);

    // Workshop 1: an authored proposal, a citizen's own, a question, a complaint, one unvoted.
    const std::string a = s.capture("w1", "Más rutas de bus nocturnas");
    s.ok(d::cmd::CaptureContribution{"w1", d::ContributionKind::propuesta, "p1", "q1",
                                     "Ciclovías seguras en la avenida", kAuthor});
    const std::string b = s.state.contributions.back().id;
    const std::string q = s.capture("w1", kQuestion, d::ContributionKind::pregunta);
    s.ok(d::cmd::AnswerQuestion{q, kQuestionAnswer});
    s.capture("w1", kComplaint, d::ContributionKind::queja);
    s.capture("w1", kUnranked);
    const auto m1 = s.state.workshop("w1")->members;
    s.ok(d::cmd::SubmitProposal{"w1", m1[5], "p2", std::nullopt,
                                "Propuesta ciudadana: buses eléctricos para el barrio"});
    const std::string citizen = s.state.contributions.back().id;
    s.ok(d::cmd::AcceptProposal{citizen});
    s.ok(d::cmd::OpenVoting{"w1", 0});
    for (int i : {0, 1, 2}) s.ok(d::cmd::CastVote{"w1", m1[i], a});
    for (int i : {3, 4}) s.ok(d::cmd::CastVote{"w1", m1[i], b});
    s.ok(d::cmd::CastVote{"w1", m1[6], citizen});
    s.ok(d::cmd::RecordHandCount{"w1", citizen, 1});  // 1 dot by phone + 1 on paper
    s.ok(d::cmd::CloseVoting{"w1"});
    w1_principal = s.state.workshop("w1")->principal_proposals;
    REQUIRE(w1_principal == std::vector<std::string>{a, b, citizen});

    // Workshop 2: three proposals voted 3, 2, 1.
    const std::string x = s.capture("w2", "Paraderos con techo");
    const std::string y = s.capture("w2", "Alumbrado en los paraderos");
    const std::string z = s.capture("w2", "Tarifa diferencial nocturna");
    const auto m2 = s.state.workshop("w2")->members;
    s.ok(d::cmd::OpenVoting{"w2", 0});
    for (int i : {0, 1, 2}) s.ok(d::cmd::CastVote{"w2", m2[i], x});
    for (int i : {3, 4}) s.ok(d::cmd::CastVote{"w2", m2[i], y});
    s.ok(d::cmd::CastVote{"w2", m2[5], z});
    s.ok(d::cmd::CloseVoting{"w2"});
    w2_principal = s.state.workshop("w2")->principal_proposals;
    REQUIRE(w2_principal == std::vector<std::string>{x, y, z});

    for (const char* w : {"w1", "w2"}) {
      s.ok(d::cmd::WriteSynthesis{w, std::string("Síntesis del taller ") + w});
      s.ok(d::cmd::FinalizeSynthesis{w});
    }
    s.ok(d::cmd::AdvancePhase{d::Phase::plenary});
    s.ok(d::cmd::SubmitEvaluation{"a1", {5, 4, 3, 2}, kComment});
    s.ok(d::cmd::SubmitEvaluation{"a2", {4, 4, 4, 4}, ""});
    s.ok(d::cmd::SubmitEvaluation{"a3", {3, 5, 5, 3}, ""});
    s.ok(d::cmd::AdvancePhase{d::Phase::commitments});

    const d::Date event_day = s.ctx.today;
    auto terms = [&](const char* what, int due_in_days) {
      return d::CommitmentTerms{what,
                                "Alcaldía de Itagüí",
                                "Secretaría de Movilidad",
                                event_day.plus_days(due_in_days),
                                "Rutas en operación",
                                "3 rutas"};
    };
    s.ok(d::cmd::AnswerProposals{{a}, d::AnswerKind::commitment, terms(kWhatK1, 60), "", ""});
    s.ok(d::cmd::AnswerProposals{
        {b}, d::AnswerKind::not_adopted, std::nullopt, "No hay presupuesto en 2027.", ""});
    s.ok(d::cmd::AnswerProposals{{citizen},
                                 d::AnswerKind::referred,
                                 std::nullopt,
                                 "Competencia del Área Metropolitana.",
                                 "Área Metropolitana del Valle de Aburrá"});
    s.ok(d::cmd::AnswerProposals{
        {x, y}, d::AnswerKind::commitment, terms("Paraderos seguros", 20), "", ""});
    s.ok(d::cmd::AnswerProposals{{z}, d::AnswerKind::commitment, terms(kWhatK3, 69), "", ""});

    s.advance_days(3);  // 2026-12-25
    s.ok(d::cmd::AdvancePhase{d::Phase::published});
    s.advance_days(1);
    s.ok(d::cmd::AdvancePhase{d::Phase::follow_up});
    s.advance_days(25);  // 2027-01-20
    s.ok(d::cmd::ReportProgress{"k1", 40, d::ProgressStatus::en_ejecucion, "Licitación", "",
                                s.ctx.today});
    s.ok(d::cmd::ReportProgress{"k2", 30, d::ProgressStatus::en_ejecucion, "Diseños", "",
                                s.ctx.today});
    s.advance_days(26);  // 2027-02-15
    s.ok(d::cmd::ReportProgress{"k1", 100, d::ProgressStatus::cumplido, "Rutas en operación",
                                "https://www.itagui.gov.co/rutas", s.ctx.today});
    s.advance_days(54);  // 2027-04-10
    s.ok(d::cmd::ReviseCommitment{"k3", terms(kWhatK3, 374), "Ajuste presupuestal del Concejo"});
    REQUIRE(s.ctx.today == d::Date::from_ymd(2027, 4, 10));
  }
};

const d::Date kToday = d::Date::from_ymd(2027, 7, 5);

const json* find_by_id(const json& list, const std::string& id) {
  for (const auto& item : list) {
    if (item.at("id") == id) return &item;
  }
  return nullptr;
}

// Every key and every string value of a JSON document.
void walk(const json& j, const std::function<void(const std::string&)>& on_key,
          const std::function<void(const std::string&)>& on_string) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      on_key(key);
      walk(value, on_key, on_string);
    }
  } else if (j.is_array()) {
    for (const auto& value : j) walk(value, on_key, on_string);
  } else if (j.is_string()) {
    on_string(j.get<std::string>());
  }
}

// RFC 4180 reader for the test: rows of cells, CRLF-separated, quotes doubled inside quotes.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      rows.back().push_back(std::move(cell));
      cell.clear();
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(cell));
      cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      cell += ch;
    }
  }
  if (rows.back().empty() && cell.empty()) rows.pop_back();
  return rows;
}

// ---- veeduría ------------------------------------------------------------------------------------

TEST_CASE("veeduría: observations wait for moderation; only approved ones are public, with reply") {
  Published pub;
  Scenario& s = pub.s;
  s.ok(d::cmd::SubmitObservation{"k2", "La obra de paraderos está parada desde marzo.", "Vecina"});
  s.ok(d::cmd::SubmitObservation{"k2", "Insulto que no debe publicarse", ""});
  s.ok(d::cmd::SubmitObservation{"k1", "<script>alert(1)</script> sin moderar", ""});
  REQUIRE(s.state.observations.size() == 3);
  CHECK(s.state.observations[0].id == "o1");
  CHECK(s.state.observations[0].status == d::ObservationStatus::pending);

  // Before moderation: nowhere in public.
  auto k2 = [&] {
    return *find_by_id(p::public_encuentro(s.state, kToday, kBogota).at("commitments"), "k2");
  };
  CHECK(k2().at("observations").empty());
  CHECK(p::dataset_rows(p::Dataset::observations, s.state, kToday, kBogota).empty());

  s.ok(d::cmd::ModerateObservation{"o1", d::ObservationStatus::approved, ""});
  s.ok(d::cmd::ModerateObservation{"o2", d::ObservationStatus::rejected, "Lenguaje ofensivo"});
  s.advance_days(2);
  s.ok(d::cmd::ReplyToObservation{"o1", "La obra se reanuda el 15 de abril."});

  const json observations = k2().at("observations");
  REQUIRE(observations.size() == 1);
  CHECK(observations[0] == json{{"id", "o1"},
                                {"text", "La obra de paraderos está parada desde marzo."},
                                {"alias", "Vecina"},
                                {"date", "2027-04-10"},
                                {"reply", {{"text", "La obra se reanuda el 15 de abril."},
                                           {"date", "2027-04-12"}}}});
  const std::string everything = p::public_encuentro(s.state, kToday, kBogota).dump() +
                                 p::encuentro_feed(s.state) + *p::commitment_feed(s.state, "k1") +
                                 *p::commitment_feed(s.state, "k2");
  for (const char* hidden : {"Insulto", "Lenguaje ofensivo", "sin moderar"}) {
    CAPTURE(hidden);
    CHECK(everything.find(hidden) == std::string::npos);
  }
  const std::string feed = *p::commitment_feed(s.state, "k2");
  CHECK(feed.find("urn:encuentro:e-test:observacion:o1") != std::string::npos);
  CHECK(feed.find("La obra se reanuda el 15 de abril.") != std::string::npos);

  const json rows = p::dataset_rows(p::Dataset::observations, s.state, kToday, kBogota);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("respuesta") == "La obra se reanuda el 15 de abril.");
  CHECK(rows[0].at("fecha_respuesta") == "2027-04-12");
}

TEST_CASE("veeduría: the rules of submitting, moderating and replying") {
  Published pub;
  Scenario& s = pub.s;
  using d::RejectionCode;
  CHECK(s.refused(d::cmd::SubmitObservation{"k9", "Texto", ""}).code == RejectionCode::not_found);
  CHECK(s.refused(d::cmd::SubmitObservation{"k1", "   \n", ""}).code ==
        RejectionCode::invalid_argument);
  CHECK(s.refused(d::cmd::SubmitObservation{"k1", std::string(1001, 'x'), ""}).code ==
        RejectionCode::invalid_argument);
  s.ok(d::cmd::SubmitObservation{"k1", std::string(1000, 'x'), ""});  // the limit is inclusive
  CHECK(s.refused(d::cmd::SubmitObservation{"k1", "Texto", "Firma\ncon salto"}).details.at(
            "field") == "alias");
  CHECK(s.refused(d::cmd::SubmitObservation{"k1", "Texto", std::string(61, 'a')}).code ==
        RejectionCode::invalid_argument);

  // Moderation: approved or rejected, a rejection says why, and only once.
  CHECK(s.refused(d::cmd::ModerateObservation{"o1", d::ObservationStatus::pending, ""}).code ==
        RejectionCode::invalid_argument);
  CHECK(s.refused(d::cmd::ModerateObservation{"o1", d::ObservationStatus::rejected, " "})
            .details.at("field") == "reason");
  CHECK(s.refused(d::cmd::ModerateObservation{"o7", d::ObservationStatus::approved, ""}).code ==
        RejectionCode::not_found);
  CHECK(s.refused(d::cmd::ReplyToObservation{"o1", "Respuesta"}).code ==
        RejectionCode::not_approved);
  s.ok(d::cmd::ModerateObservation{"o1", d::ObservationStatus::approved, ""});
  CHECK(s.refused(d::cmd::ModerateObservation{"o1", d::ObservationStatus::rejected, "Tarde"})
            .code == RejectionCode::not_pending);
  CHECK(s.refused(d::cmd::ReplyToObservation{"o1", ""}).code == RejectionCode::invalid_argument);
  s.ok(d::cmd::ReplyToObservation{"o1", "Respuesta"});
  CHECK(s.refused(d::cmd::ReplyToObservation{"o1", "Otra"}).code ==
        RejectionCode::already_replied);

  // The moderation queue of one commitment is bounded; others are not affected.
  for (int i = 0; i < d::kMaxPendingObservations; ++i) {
    s.ok(d::cmd::SubmitObservation{"k2", "Observación " + std::to_string(i), ""});
  }
  CHECK(s.refused(d::cmd::SubmitObservation{"k2", "Una más", ""}).code ==
        RejectionCode::too_many_pending);
  s.ok(d::cmd::SubmitObservation{"k3", "En otro compromiso sí", ""});
  s.ok(d::cmd::ModerateObservation{"o2", d::ObservationStatus::rejected, "Repetida"});
  s.ok(d::cmd::SubmitObservation{"k2", "Ahora cabe", ""});

  // Closed: no new observations, moderation and replies still possible.
  s.ok(d::cmd::SubmitObservation{"k1", "Última", ""});
  const std::string last = s.state.observations.back().id;
  s.ok(d::cmd::AdvancePhase{d::Phase::closed});
  CHECK(s.refused(d::cmd::SubmitObservation{"k1", "Tarde", ""}).code == RejectionCode::wrong_phase);
  s.ok(d::cmd::ModerateObservation{last, d::ObservationStatus::approved, ""});
}

TEST_CASE("veeduría: nothing before publication") {
  Scenario s;
  s.convene();
  CHECK(s.refused(d::cmd::SubmitObservation{"k1", "Texto", ""}).code ==
        d::RejectionCode::wrong_phase);
  CHECK(s.refused(d::cmd::ErasePersonalData{}).code == d::RejectionCode::wrong_phase);
}

// ---- open data -----------------------------------------------------------------------------------

TEST_CASE("open data: every dataset's rows have exactly the dictionary's columns, in JSON and CSV") {
  Published pub;
  Scenario& s = pub.s;
  s.ok(d::cmd::SubmitObservation{"k1", "=HYPERLINK(\"http://x\")", "Veedor, \"el de siempre\""});
  s.ok(d::cmd::ModerateObservation{"o1", d::ObservationStatus::approved, ""});
  const json dictionary = p::data_dictionary();
  REQUIRE(dictionary.at("datasets").size() == p::datasets().size());
  for (const p::DatasetInfo& info : p::datasets()) {
    CAPTURE(info.slug);
    std::vector<std::string> names;
    for (const p::Column& c : info.columns) names.emplace_back(c.name);
    const json rows = info.id == p::Dataset::encuentros
                          ? json::array({p::encuentro_row(s.state, kToday)})
                          : p::dataset_rows(info.id, s.state, kToday, kBogota);
    CHECK_FALSE(rows.empty());
    for (const json& row : rows) {
      std::vector<std::string> keys;
      for (const auto& [key, value] : row.items()) keys.push_back(key);
      std::vector<std::string> sorted = names;
      std::sort(sorted.begin(), sorted.end());
      CHECK(keys == sorted);  // nlohmann orders keys
    }
    const auto table = parse_csv(p::to_csv(info, rows).substr(3));  // after the BOM
    REQUIRE(table.size() >= 2);
    CHECK(table[0] == names);
    for (std::size_t i = 1; i < table.size(); ++i) {
      if (table[i].size() == 1 && table[i][0].empty()) continue;  // the final CRLF
      CHECK(table[i].size() == names.size());
    }
  }
  const json proposals = p::dataset_rows(p::Dataset::proposals, s.state, kToday, kBogota);
  CHECK(proposals.size() == pub.w1_principal.size() + pub.w2_principal.size());
  const json* top = find_by_id(proposals, pub.w1_principal[0]);
  REQUIRE(top != nullptr);
  CHECK(top->at("votos") == 3);
  CHECK(top->at("respuesta") == "compromiso");
  CHECK(top->at("compromiso_id") == "k1");
  const json answers = p::dataset_rows(p::Dataset::answers, s.state, kToday, kBogota);
  CHECK(find_by_id(answers, "ans3")->at("tipo") == "remitida");
  const json progress = p::dataset_rows(p::Dataset::progress, s.state, kToday, kBogota);
  CHECK(progress.size() == s.state.progress_reports.size());
  const std::string csv = p::to_csv(*p::find_dataset("observations"),
                                    p::dataset_rows(p::Dataset::observations, s.state, kToday,
                                                    kBogota));
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http") != std::string::npos);  // the formula guard
  CHECK(csv.find("\"Veedor, \"\"el de siempre\"\"\"") != std::string::npos);
  const json row = p::encuentro_row(s.state, kToday);
  CHECK(row.at("fase") == "seguimiento");
  CHECK(row.at("compromisos") == 3);
  CHECK(row.at("compromisos_cumplidos") == 1);
  CHECK(row.at("compromisos_vencidos") == 1);
  CHECK(p::find_dataset("nope") == nullptr);
}

// ---- commitments with parts ----------------------------------------------------------------------

TEST_CASE("a commitment with parts: progress is the average of its parts, not their sum") {
  Published pub;
  Scenario& s = pub.s;
  d::CommitmentTerms terms = s.state.commitment("k3")->terms();
  terms.territory = "Comuna 4";
  terms.parts = {"Diseño", "Obra", "Entrega"};
  // Parts are added by a revision (R10); k3 has no report yet, so it may get them.
  s.ok(d::cmd::ReviseCommitment{"k3", terms, "Se divide en tres etapas"});
  CHECK(s.refused(d::cmd::ReportProgress{"k3", 10, d::ProgressStatus::en_ejecucion, "", "",
                                         s.ctx.today})
            .details.at("field") == "part");
  CHECK(s.refused(d::cmd::ReportProgress{"k3", 10, d::ProgressStatus::en_ejecucion, "", "",
                                         s.ctx.today, 4})
            .details.at("field") == "part");
  CHECK(s.refused(d::cmd::ReportProgress{"k1", 10, d::ProgressStatus::en_ejecucion, "", "",
                                         s.ctx.today, 1})
            .details.at("field") == "part");
  auto report = [&](int part, int percent, d::ProgressStatus status) {
    s.ok(d::cmd::ReportProgress{"k3", percent, status, "", "", s.ctx.today, part});
  };
  const d::Commitment& k3 = *s.state.commitment("k3");
  CHECK(d::progress_of(s.state, k3, s.ctx.today).status == d::ProgressStatus::pendiente);
  report(1, 100, d::ProgressStatus::cumplido);
  report(2, 50, d::ProgressStatus::en_ejecucion);
  auto p = d::progress_of(s.state, *s.state.commitment("k3"), s.ctx.today);
  CHECK(p.percent == 50);  // (100 + 50 + 0) / 3, not 150
  CHECK(p.status == d::ProgressStatus::en_ejecucion);
  REQUIRE(p.parts.size() == 3);
  CHECK(p.parts[2].status == d::ProgressStatus::pendiente);
  report(2, 100, d::ProgressStatus::cumplido);
  report(3, 40, d::ProgressStatus::no_cumplido);
  p = d::progress_of(s.state, *s.state.commitment("k3"), s.ctx.today);
  CHECK(p.percent == 80);
  CHECK(p.status == d::ProgressStatus::no_cumplido);  // every part closed, one not fulfilled
  report(3, 100, d::ProgressStatus::cumplido);
  p = d::progress_of(s.state, *s.state.commitment("k3"), s.ctx.today);
  CHECK(p.percent == 100);
  CHECK(p.status == d::ProgressStatus::cumplido);

  const json view = *find_by_id(p::public_encuentro(s.state, kToday, kBogota)["commitments"], "k3");
  CHECK(view["percent"] == 100);
  CHECK(view["terms"]["territory"] == "Comuna 4");
  REQUIRE(view["parts"].size() == 3);
  CHECK(view["parts"][1] ==
        json{{"part", 2}, {"what", "Obra"}, {"percent", 100}, {"status", "cumplido"}});
  const json row = *find_by_id(p::commitments_json(s.state, kToday), "k3");
  CHECK(row["partes"] == 3);
  CHECK(row["territorio"] == "Comuna 4");
  CHECK(row["avance_pct"] == 100);

  // Parts never go away, and the whole-reported k2 cannot get parts.
  terms.parts = {"Diseño", "Obra"};
  CHECK(s.refused(d::cmd::ReviseCommitment{"k3", terms, "Menos"}).details.at("field") == "parts");
  d::CommitmentTerms k2 = s.state.commitment("k2")->terms();
  k2.parts = {"Uno", "Dos"};
  CHECK(s.refused(d::cmd::ReviseCommitment{"k2", k2, "Partes"}).details.at("field") == "parts");
  k2.parts = {"Solo una"};
  CHECK(s.refused(d::cmd::ReviseCommitment{"k2", k2, "Partes"}).details.at("field") == "parts");
}

// ---- personal data -------------------------------------------------------------------------------

TEST_CASE("personal data erasure: names, contacts, codes and needs go; the public aggregates stay") {
  Published pub;
  Scenario& s = pub.s;
  const json before = p::public_encuentro(s.state, kToday, kBogota);
  const std::size_t registrants = s.state.registrants.size();
  const std::size_t participants = s.state.participants.size();

  s.ok(d::cmd::ErasePersonalData{});
  CHECK(s.state.personal_data_erased_at == s.ctx.now);
  CHECK(s.state.registrants.size() == registrants);
  CHECK(s.state.participants.size() == participants);
  for (const auto& r : s.state.registrants) {
    CHECK(r.name.empty());
    CHECK(r.contact.empty());
    CHECK(r.organisation.empty());
    CHECK(r.code.empty());
    CHECK(r.needs == d::Accessibility{});
    CHECK_FALSE(r.territory.empty());
  }
  for (const auto& person : s.state.participants) {
    CHECK(person.name.empty());
    CHECK(person.needs == d::Accessibility{});
  }
  for (const auto& c : s.state.contributions) CHECK(c.author.empty());
  const json after = p::public_encuentro(s.state, kToday, kBogota);
  CHECK(after.at("attendance") == before.at("attendance"));
  CHECK(after.at("evaluation") == before.at("evaluation"));
  CHECK(after.at("counts") == before.at("counts"));
  CHECK(s.refused(d::cmd::ErasePersonalData{}).code == d::RejectionCode::already_erased);

  // The log forgets too: every event, erased the same way and folded again, gives this state.
  d::Encuentro replayed;
  for (d::Recorded rec : s.log) {
    d::erase_personal_data(rec.event);
    d::apply(replayed, rec);
  }
  CHECK(replayed == s.state);
  const std::string log_text = [&] {
    std::string all;
    for (d::Recorded rec : s.log) {
      d::erase_personal_data(rec.event);
      if (auto* e = std::get_if<d::ev::Registered>(&rec.event)) all += e->registrant.name + "|";
      if (auto* e = std::get_if<d::ev::CheckedIn>(&rec.event)) all += e->participant.name + "|";
      if (auto* e = std::get_if<d::ev::ContributionCaptured>(&rec.event))
        all += e->contribution.author + "|";
    }
    return all;
  }();
  CHECK(log_text.find("Persona") == std::string::npos);
  CHECK(log_text.find(kWalkIn) == std::string::npos);
  CHECK(log_text.find(kAuthor) == std::string::npos);
}

}  // namespace

TEST_CASE("public view: only published, follow-up and closed encuentros are public") {
  Scenario s;
  s.convene();
  CHECK_FALSE(p::is_public(s.state));
  for (d::Phase phase : {d::Phase::draft, d::Phase::convened, d::Phase::opening,
                         d::Phase::workshops, d::Phase::plenary, d::Phase::commitments}) {
    s.state.phase = phase;
    CHECK_FALSE(p::is_public(s.state));
  }
  for (d::Phase phase : {d::Phase::published, d::Phase::follow_up, d::Phase::closed}) {
    s.state.phase = phase;
    CHECK(p::is_public(s.state));
  }
}

TEST_CASE("public view: the list entry has the details and the counts by status and overdue") {
  Published pub;
  const json summary = p::public_summary(pub.s.state, kToday);
  CHECK(summary.at("id") == "e-test");
  CHECK(summary.at("title") == pub.s.state.details.title);
  CHECK(summary.at("entities") == json::array({"Alcaldía de Itagüí"}));
  CHECK(summary.at("date") == "2026-12-22");
  CHECK(summary.at("venue") == "Casa de la Cultura");
  CHECK(summary.at("phase") == "follow_up");
  const json& counts = summary.at("counts");
  CHECK(counts.at("workshops") == 2);
  CHECK(counts.at("participants") == 35);
  CHECK(counts.at("principal_proposals") == 6);
  CHECK(counts.at("commitments") == 3);
  CHECK(counts.at("commitments_by_status") ==
        json{{"pendiente", 1}, {"en_ejecucion", 1}, {"cumplido", 1}, {"no_cumplido", 0}});
  CHECK(counts.at("commitments_overdue") == 1);
}

TEST_CASE("public view: details, points, workshops with ranked principal proposals and answers") {
  Published pub;
  const json view = p::public_encuentro(pub.s.state, kToday, kBogota);
  CHECK(view.at("id") == "e-test");
  CHECK(view.at("as_of") == "2027-07-05");

  const json& det = view.at("details");
  CHECK(det.at("objective") == pub.s.state.details.objective);
  CHECK(det.at("report_summary") == "Informe de gestión 2026");
  CHECK(det.at("methodology") == pub.s.state.details.methodology);
  CHECK(det.at("start_time") == "08:00");
  CHECK(det.at("end_time") == "12:00");
  CHECK(det.at("phase") == "follow_up");
  CHECK(det.at("published_on") == "2026-12-25");

  const json& points = view.at("points");
  REQUIRE(points.size() == 2);
  CHECK(points[0].at("title") == "Movilidad");
  CHECK(points[0].at("questions")[0] ==
        json{{"id", "q1"}, {"text", "¿Qué debe priorizar la Alcaldía en movilidad?"}});

  const json& workshops = view.at("workshops");
  REQUIRE(workshops.size() == 2);
  CHECK(workshops[0].at("number") == 1);
  CHECK(workshops[0].at("synthesis") == "Síntesis del taller w1");
  CHECK(workshops[0].at("participants").get<int>() + workshops[1].at("participants").get<int>() ==
        35);
  const json& w1 = workshops[0].at("principal_proposals");
  REQUIRE(w1.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(w1[i].at("id") == pub.w1_principal[i]);  // ranked
  CHECK(w1[0].at("text") == "Más rutas de bus nocturnas");
  CHECK(w1[0].at("kind") == "propuesta");
  CHECK(w1[0].at("point_id") == "p1");
  CHECK(w1[0].at("question_id") == "q1");
  CHECK(w1[0].at("votes") == 3);
  CHECK(w1[0].at("answer") ==
        json{{"kind", "commitment"}, {"reason", ""}, {"referred_to", ""}, {"commitment_id", "k1"}});
  CHECK(w1[1].at("votes") == 2);
  CHECK(w1[1].at("answer").at("kind") == "not_adopted");
  CHECK(w1[1].at("answer").at("reason") == "No hay presupuesto en 2027.");
  CHECK(w1[1].at("answer").at("commitment_id").is_null());
  CHECK(w1[2].at("votes") == 2);  // a phone dot and a paper dot
  CHECK(w1[2].at("question_id").is_null());
  CHECK(w1[2].at("answer").at("kind") == "referred");
  CHECK(w1[2].at("answer").at("referred_to") == "Área Metropolitana del Valle de Aburrá");
  CHECK(workshops[1].at("principal_proposals")[1].at("answer").at("commitment_id") == "k2");
}

TEST_CASE("public view: commitments keep every version (R10) and show progress and reports") {
  Published pub;
  const json view = p::public_encuentro(pub.s.state, kToday, kBogota);
  const json& commitments = view.at("commitments");
  REQUIRE(commitments.size() == 3);

  const json& k1 = commitments[0];
  CHECK(k1.at("id") == "k1");
  CHECK(k1.at("proposal_ids") == json::array({pub.w1_principal[0]}));
  CHECK(k1.at("terms").at("what") == kWhatK1);
  CHECK(k1.at("terms").at("due_date") == "2027-02-20");
  CHECK(k1.at("terms").at("office") == "Secretaría de Movilidad");
  CHECK(k1.at("status") == "cumplido");
  CHECK(k1.at("percent") == 100);
  CHECK(k1.at("overdue") == false);
  CHECK(k1.at("latest_report").at("status") == "cumplido");
  CHECK(k1.at("latest_report").at("as_of") == "2027-02-15");
  CHECK(k1.at("latest_report").at("evidence_url") == "https://www.itagui.gov.co/rutas");
  REQUIRE(k1.at("reports").size() == 2);
  CHECK(k1.at("reports")[0].at("percent") == 40);
  CHECK(k1.at("reports")[0].at("note") == "Licitación");

  const json& k2 = commitments[1];
  CHECK(k2.at("proposal_ids") == json::array({pub.w2_principal[0], pub.w2_principal[1]}));
  CHECK(k2.at("status") == "en_ejecucion");
  CHECK(k2.at("overdue") == true);

  const json& k3 = commitments[2];
  CHECK(k3.at("version") == 2);
  CHECK(k3.at("terms").at("due_date") == "2027-12-31");
  CHECK(k3.at("status") == "pendiente");
  CHECK(k3.at("percent") == 0);
  CHECK(k3.at("latest_report").is_null());
  CHECK(k3.at("reports").empty());
  CHECK(k3.at("overdue") == false);
  const json& versions = k3.at("versions");
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].at("version") == 1);
  CHECK(versions[0].at("terms").at("due_date") == "2027-03-01");
  CHECK(versions[0].at("date") == "2026-12-22");
  CHECK(versions[0].at("reason") == "");
  CHECK(versions[1].at("version") == 2);
  CHECK(versions[1].at("date") == "2027-04-10");
  CHECK(versions[1].at("reason") == "Ajuste presupuestal del Concejo");
}

TEST_CASE("public view: R11 overdue by the calendar alone, in the view and the downloads") {
  Published pub;
  auto overdue_on = [&](d::Date today, const char* id) {
    const json view = p::public_encuentro(pub.s.state, today, kBogota);
    const bool in_view = find_by_id(view.at("commitments"), id)->at("overdue").get<bool>();
    const bool in_json =
        find_by_id(p::commitments_json(pub.s.state, today), id)->at("vencido").get<bool>();
    CHECK(in_view == in_json);
    return in_view;
  };
  // k2 is due 2027-01-11 and never fulfilled: overdue from the next day on, without any event.
  CHECK_FALSE(overdue_on(d::Date::from_ymd(2027, 1, 11), "k2"));
  CHECK(overdue_on(d::Date::from_ymd(2027, 1, 12), "k2"));
  // k1 was fulfilled before its due date: never overdue.
  CHECK_FALSE(overdue_on(d::Date::from_ymd(2027, 2, 21), "k1"));
  // k3's revised due date is 2027-12-31.
  CHECK_FALSE(overdue_on(d::Date::from_ymd(2027, 12, 31), "k3"));
  CHECK(overdue_on(d::Date::from_ymd(2028, 1, 1), "k3"));
  CHECK(p::public_summary(pub.s.state, d::Date::from_ymd(2028, 1, 1))
            .at("counts")
            .at("commitments_overdue") == 2);
}

TEST_CASE("public view: the state of each commitment at every monitoring cut since the event") {
  Published pub;
  const json view = p::public_encuentro(pub.s.state, kToday, kBogota);
  auto cuts = [&](const char* id) { return find_by_id(view.at("commitments"), id)->at("cuts"); };
  const json k1 = cuts("k1");
  REQUIRE(k1.size() == 3);  // 2026-12-31, 2027-03-31, 2027-06-30 fall between event and today
  CHECK(k1[0] == json{{"date", "2026-12-31"},
                      {"percent", 0},
                      {"status", "pendiente"},
                      {"reported", false},
                      {"overdue", false}});
  CHECK(k1[1] == json{{"date", "2027-03-31"},
                      {"percent", 100},
                      {"status", "cumplido"},
                      {"reported", true},
                      {"overdue", false}});
  CHECK(k1[2].at("date") == "2027-06-30");
  const json k2 = cuts("k2");
  CHECK(k2[0].at("overdue") == false);
  CHECK(k2[1] == json{{"date", "2027-03-31"},
                      {"percent", 30},
                      {"status", "en_ejecucion"},
                      {"reported", true},
                      {"overdue", true}});
  CHECK(k2[2].at("overdue") == true);
  // k3 at 2027-03-31 was judged by the due date then in force (2027-03-01): overdue. By the cut
  // of 2027-06-30 it had been revised to 2027-12-31: not overdue.
  const json k3 = cuts("k3");
  CHECK(k3[1].at("overdue") == true);
  CHECK(k3[2].at("overdue") == false);
  // Before the first cut there is none.
  const json early = p::public_encuentro(pub.s.state, d::Date::from_ymd(2026, 12, 30), kBogota);
  CHECK(early.at("commitments")[0].at("cuts").empty());
}

TEST_CASE("public view: attendance and evaluation appear only as aggregates") {
  Published pub;
  const json view = p::public_encuentro(pub.s.state, kToday, kBogota);
  const json& att = view.at("attendance");
  CHECK(att.at("total") == 35);
  CHECK(att.at("registered") == 34);
  int by_group = 0;
  for (const auto& g : att.at("by_value_group")) by_group += g.at("count").get<int>();
  CHECK(by_group == 35);
  CHECK(att.at("by_value_group")[0] == json{{"value_group", "juventud"}, {"count", 23}});
  int by_territory = 0;
  bool walk_in_territory = false;
  bool others = false;
  for (const auto& t : att.at("by_territory")) {
    by_territory += t.at("count").get<int>();
    walk_in_territory |= t.at("territory") == "Vereda El Ajizal";
    others |= t.at("territory") == "Otros territorios";
    if (t.at("territory") != "Otros territorios") CHECK(t.at("count").get<int>() >= 5);
  }
  CHECK(by_territory == 35);
  // The walk-in's vereda had one attendee: it is counted, but only inside "Otros territorios".
  CHECK_FALSE(walk_in_territory);
  CHECK(others);
  const json& ev = view.at("evaluation");
  CHECK(ev.at("count") == 3);
  CHECK(ev.at("averages").at("organisation") == 4.0);
  CHECK(ev.at("averages").at("methodology") == 4.33);
  CHECK(ev.at("averages").at("participation") == 4.0);
  CHECK(ev.at("averages").at("answers") == 3.0);
}

TEST_CASE("public view: no personal data in the list, the detail or the downloads") {
  Published pub;
  const d::Encuentro& e = pub.s.state;
  const json summary = p::public_summary(e, kToday);
  const json view = p::public_encuentro(e, kToday, kBogota);
  const json rows = p::commitments_json(e, kToday);
  const std::string csv = p::commitments_csv(e, kToday);
  const std::string all = summary.dump() + view.dump() + rows.dump() + csv;
  // json::dump escapes nothing but control characters and quotes, so plain text is searchable.

  std::vector<std::string> secrets{kAuthor,   kWalkIn,          kInterpreter,    kFacilitator,
                                   kRelator,  kServant,         kComment,        kComplaint,
                                   kUnranked, kQuestion,        kQuestionAnswer, kOrganisation,
                                   "org-1",   "@correo.example"};
  for (const auto& r : e.registrants) {
    secrets.push_back(r.name);
    secrets.push_back(r.code);
    if (!r.contact.empty()) secrets.push_back(r.contact);
  }
  for (const auto& part : e.participants) secrets.push_back(part.name);
  REQUIRE(secrets.size() > 100);
  for (const auto& secret : secrets) {
    CAPTURE(secret);
    CHECK(all.find(secret) == std::string::npos);
  }

  // No personal field by name, and no person's id as a value anywhere (r12, a7). ("organisation"
  // is an evaluation rating here; the registrants' organisations are among the secrets above.)
  const std::set<std::string> forbidden_keys{
      "name",          "contact",        "code",    "author", "submitted_by", "participant_id",
      "registrant_id", "members",        "comment", "actor",  "facilitator",  "relator",
      "servants",      "interpreter_id", "speaker", "needs",  "source",       "registrants"};
  std::set<std::string> person_ids;
  for (const auto& r : e.registrants) person_ids.insert(r.id);
  for (const auto& part : e.participants) person_ids.insert(part.id);
  for (const auto& i : e.interpreters) person_ids.insert(i.id);
  int strings = 0;
  for (const json* doc : {&summary, &view, &rows}) {
    walk(
        *doc, [&](const std::string& key) { CHECK_MESSAGE(!forbidden_keys.count(key), key); },
        [&](const std::string& value) {
          ++strings;
          CHECK_MESSAGE(!person_ids.count(value), value);
        });
  }
  CHECK(strings > 50);  // the walk did see the documents
  for (const auto& row : parse_csv(csv.substr(3))) {
    for (const auto& cell : row) CHECK_MESSAGE(!person_ids.count(cell), cell);
  }
  // Proposals other than the principal ones never appear; the principal ones all do.
  for (const auto& c : e.contributions) {
    const auto principal = d::all_principal_proposals(e);
    const bool is_principal =
        std::find(principal.begin(), principal.end(), c.id) != principal.end();
    CAPTURE(c.text);
    CHECK((view.dump().find(c.text) != std::string::npos) == is_principal);
  }
}

TEST_CASE("public view: commitments as open data, CSV per RFC 4180 with the formula guard") {
  Published pub;
  const std::string csv = p::commitments_csv(pub.s.state, kToday);
  REQUIRE(csv.starts_with("\xEF\xBB\xBF"));
  const std::string header =
      "id,compromiso,entidad,dependencia,fecha_limite,indicador,meta,territorio,partes,propuestas,estado,avance_pct,"
      "fecha_avance,vencido\r\n";
  CHECK(csv.substr(3, header.size()) == header);
  CHECK(csv.ends_with("\r\n"));
  // Every line break outside a quoted cell is CRLF; the one LF inside k3's text is quoted.
  const auto rows = parse_csv(csv.substr(3));
  REQUIRE(rows.size() == 4);
  for (const auto& row : rows) CHECK(row.size() == 14);
  CHECK(rows[1] == std::vector<std::string>{"k1", std::string("'") + kWhatK1, "Alcaldía de Itagüí",
                                            "Secretaría de Movilidad", "2027-02-20",
                                            "Rutas en operación", "3 rutas", "", "0",
                                            pub.w1_principal[0], "cumplido", "100", "2027-02-15",
                                            "no"});
  CHECK(rows[2][9] == pub.w2_principal[0] + " " + pub.w2_principal[1]);
  CHECK(rows[2][10] == "en_ejecucion");
  CHECK(rows[2][13] == "sí");
  CHECK(rows[3][1] == std::string("'") + kWhatK3);
  CHECK(rows[3][12] == "");
  // Raw text: quotes doubled inside a quoted cell; the guarded formula starts after the quote.
  CHECK(csv.find("\"'=1+2 rutas nocturnas, con \"\"buses\"\" nuevos\"") != std::string::npos);
  CHECK(csv.find("\"'-5 % en la tarifa\nen horario nocturno\"") != std::string::npos);

  const json rows_json = p::commitments_json(pub.s.state, kToday);
  REQUIRE(rows_json.size() == 3);
  CHECK(rows_json[0] == json{{"id", "k1"},
                             {"compromiso", kWhatK1},
                             {"entidad", "Alcaldía de Itagüí"},
                             {"dependencia", "Secretaría de Movilidad"},
                             {"fecha_limite", "2027-02-20"},
                             {"indicador", "Rutas en operación"},
                             {"meta", "3 rutas"},
                             {"territorio", ""},
                             {"partes", 0},
                             {"propuestas", json::array({pub.w1_principal[0]})},
                             {"estado", "cumplido"},
                             {"avance_pct", 100},
                             {"fecha_avance", "2027-02-15"},
                             {"vencido", false}});
  CHECK(rows_json[2].at("fecha_avance").is_null());
  CHECK(rows_json[2].at("estado") == "pendiente");
}

TEST_CASE("public view: csv_cell quotes when needed and defuses formulas") {
  CHECK(p::csv_cell("") == "");
  CHECK(p::csv_cell("texto simple") == "texto simple");
  CHECK(p::csv_cell("a,b") == "\"a,b\"");
  CHECK(p::csv_cell("a;b") == "\"a;b\"");
  CHECK(p::csv_cell("dijo \"sí\"") == "\"dijo \"\"sí\"\"\"");
  CHECK(p::csv_cell("dos\nlíneas") == "\"dos\nlíneas\"");
  CHECK(p::csv_cell("=SUMA(A1:A9)") == "'=SUMA(A1:A9)");
  CHECK(p::csv_cell("+57 300") == "'+57 300");
  CHECK(p::csv_cell("-1") == "'-1");
  CHECK(p::csv_cell("@cmd") == "'@cmd");
  CHECK(p::csv_cell("\tx") == "'\tx");
  CHECK(p::csv_cell("\rx") == "\"'\rx\"");
  CHECK(p::csv_cell("=HYPERLINK(\"http://x\",\"y\")") ==
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  CHECK(p::csv_cell("a=b") == "a=b");  // only a leading sign is a formula
  CHECK(p::csv_cell("2027-01-11") == "2027-01-11");
}

TEST_CASE("public view: instants become civil dates in the configured zone") {
  // 2026-11-22 03:00 UTC is still 2026-11-21 in Bogotá (UTC-5).
  const d::Timestamp t = kTestNow - 12 * 60 * d::kMillisPerMinute;
  CHECK(p::civil_date_of(t, kBogota) == d::Date::from_ymd(2026, 11, 21));
  CHECK(p::civil_date_of(t, 0) == d::Date::from_ymd(2026, 11, 22));
  CHECK(p::civil_date_of(-1, 0) == d::Date::from_ymd(1969, 12, 31));
}

TEST_CASE("public feed: the encuentro's Atom feed has the publication, every version and report") {
  Published pub;
  const d::Encuentro& e = pub.s.state;
  const std::string feed = p::encuentro_feed(e);
  CHECK(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  CHECK(feed.find("<id>urn:encuentro:" + e.id + "</id>") != std::string::npos);
  CHECK(feed.find("href=\"/api/public/encuentros/" + e.id + "/feed.atom\"") != std::string::npos);
  // 1 publication + 4 versions (k1, k2, k3 and k3's revision) + 3 reports (k1 twice, k2 once).
  std::size_t entries = 0;
  for (std::size_t at = feed.find("<entry>"); at != std::string::npos; at = feed.find("<entry>", at + 1))
    ++entries;
  CHECK(entries == 8);
  CHECK(feed.find("</entry>") != std::string::npos);
  CHECK(feed.find("<title>Compromiso revisado (versión 2)") != std::string::npos);
  CHECK(feed.find("Motivo del cambio: Ajuste presupuestal del Concejo") != std::string::npos);
  CHECK(feed.find("(cumplido)") != std::string::npos);
  CHECK(feed.find("<id>urn:encuentro:" + e.id + ":avance:") != std::string::npos);

  // Newest first: each entry's <updated> is not after the one before it.
  std::vector<std::string> updated;
  for (std::size_t at = feed.find("<entry>"); at != std::string::npos;
       at = feed.find("<entry>", at + 1)) {
    const std::size_t start = feed.find("<updated>", at) + 9;
    updated.push_back(feed.substr(start, 20));
  }
  CHECK(std::is_sorted(updated.rbegin(), updated.rend()));

  // Markup-looking text is escaped; a formula-looking one is harmless in XML.
  CHECK(feed.find("con &quot;buses&quot; nuevos") != std::string::npos);
  CHECK(feed.find("\"buses\"") == std::string::npos);
  // Nothing personal, as in the JSON view.
  for (const auto& r : e.registrants) {
    CAPTURE(r.name);
    CHECK(feed.find(r.name) == std::string::npos);
  }
  for (const char* secret : {kAuthor, kWalkIn, kFacilitator, kRelator, kComment, kComplaint}) {
    CAPTURE(secret);
    CHECK(feed.find(secret) == std::string::npos);
  }
}

TEST_CASE("public feed: one commitment's feed; an unknown commitment has none") {
  Published pub;
  const auto k3 = p::commitment_feed(pub.s.state, "k3");
  REQUIRE(k3.has_value());
  CHECK(k3->find("<id>urn:encuentro:" + pub.s.state.id + ":compromiso:k3</id>") != std::string::npos);
  CHECK(k3->find("versión 2") != std::string::npos);
  CHECK(k3->find("k1:v1") == std::string::npos);  // only k3's entries
  CHECK_FALSE(p::commitment_feed(pub.s.state, "k99").has_value());
}

TEST_CASE("public feed: XML text and RFC 3339 instants") {
  CHECK(p::xml_text("a < b & \"c\" > 'd'") == "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;");
  CHECK(p::xml_text(std::string("x\x01y\tz\n", 6)) == "xy\tz\n");  // C0 controls are not XML
  CHECK(p::xml_text("tildes: ñ á") == "tildes: ñ á");
  CHECK(p::rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(p::rfc3339(1'772'463'600'000) == "2026-03-02T15:00:00Z");
  CHECK(p::rfc3339(-1000) == "1969-12-31T23:59:59Z");
}

}  // namespace encuentro::testing
