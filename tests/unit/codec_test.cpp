// The protocol codec: every event, command and a rich state survive a round trip through JSON;
// wire names are unique and stable; decoding of bad input fails with the right code and field,
// never with an exception or a crash.
#include "protocol/codec.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "protocol/untrusted_json.hpp"
#include "protocol/wire_names.hpp"

namespace {

namespace d = encuentro::domain;
namespace ev = encuentro::domain::ev;
namespace cmd = encuentro::domain::cmd;
namespace protocol = encuentro::protocol;
using nlohmann::json;

template <class T>
using Tag = std::type_identity<T>;

// ---- Sample values -----------------------------------------------------------------------------
// Every field of every sample differs from its default (checked below), so a field the codec
// failed to carry would come back as its default and fail the round trip.

constexpr d::Timestamp kAt = 1'795'359'600'000;  // 2026-11-22 15:00 UTC

d::Accessibility sample_needs() {
  return {true, true, "rampa y letra grande"};
}

d::EncuentroDetails sample_details() {
  d::EncuentroDetails details;
  details.title = "Encuentro de Diálogo: Movilidad 2026";
  details.entities = {"Alcaldía de Bello", "Secretaría de Movilidad"};
  details.objective = "Dialogar sobre el informe de gestión";
  details.report_summary = "Informe: 12 km de ciclorrutas, 3 paraderos";
  details.methodology = "Talleres por ejes temáticos";
  details.venue = "Coliseo Tulio Ospina";
  details.date = d::Date::from_ymd(2026, 12, 12);
  details.start_time = d::TimeOfDay{8 * 60 + 30};
  details.end_time = d::TimeOfDay{12 * 60 + 45};
  details.expected_attendance = 240;
  return details;
}

d::Registrant sample_registrant() {
  d::Registrant r;
  r.id = "r12";
  r.code = "K7Q-2MX";
  r.name = "Luz Marina Gómez";
  r.contact = "luz@example.org";
  r.territory = "Comuna 4";
  r.value_group = d::ValueGroup::persona_mayor;
  r.organisation = "JAC Niquía";
  r.needs = sample_needs();
  r.registered_at = kAt - 86'400'000;
  r.participant_id = "a7";
  return r;
}

d::Participant sample_participant() {
  d::Participant p;
  p.id = "a7";
  p.registrant_id = "r12";
  p.name = "Luz Marina Gómez";
  p.territory = "Comuna 4";
  p.value_group = d::ValueGroup::persona_mayor;
  p.needs = sample_needs();
  p.checked_in_at = kAt + 1;
  p.workshop_id = "w2";
  return p;
}

d::Contribution sample_contribution() {
  d::Contribution c;
  c.id = "c41";
  c.workshop_id = "w2";
  c.kind = d::ContributionKind::pregunta;
  c.point_id = "p2";
  c.question_id = "q3";
  c.text = "¿Cuándo se termina la ciclorruta de la 50?";
  c.author = "Don Efraín";
  c.source = d::ContributionSource::citizen;
  c.submitted_by = "a7";
  c.status = d::ContributionStatus::merged;
  c.merged_into = "c40";
  c.decline_reason = "duplicada";
  c.answer = "En junio de 2027";
  c.created_at = kAt + 10;
  c.edited_at = kAt + 20;
  return c;
}

d::CommitmentTerms sample_terms(int n) {
  d::CommitmentTerms t;
  t.what = "Construir 2 km de ciclorruta (v" + std::to_string(n) + ")";
  t.entity = "Alcaldía de Bello";
  t.office = "Secretaría de Movilidad";
  t.due_date = d::Date::from_ymd(2027, 6, 30 - n);
  t.indicator = "km construidos";
  t.goal = std::to_string(n + 1) + " km";
  return t;
}

d::CommitmentVersion sample_version(int n) {
  return {n, sample_terms(n), kAt + n, n == 1 ? "" : "Ajuste presupuestal"};
}

d::Commitment sample_commitment() {
  return {"k3", {"c41", "c44"}, {sample_version(1), sample_version(2)}};
}

d::Answer sample_answer() {
  return {"ans2",
          {"c41", "c44"},
          d::AnswerKind::referred,
          "k3",
          "Competencia departamental",
          "Gobernación de Antioquia",
          kAt + 30};
}

d::ProgressReport sample_report() {
  return {"g5",
          "k3",
          40,
          d::ProgressStatus::en_ejecucion,
          "Obra iniciada",
          "https://bello.gov.co/avance/g5",
          d::Date::from_ymd(2027, 3, 31),
          kAt + 40};
}

d::Evaluation sample_evaluation() {
  return {"a7", {5, 4, 3, 2}, "Muy bien organizado", kAt + 50};
}

// Events.
ev::EncuentroCreated sample(Tag<ev::EncuentroCreated>) {
  return {"e-7f3a", sample_details()};
}
ev::DetailsUpdated sample(Tag<ev::DetailsUpdated>) {
  return {sample_details()};
}
ev::PointAdded sample(Tag<ev::PointAdded>) {
  return {"p2", "Movilidad", "Ciclorrutas y buses"};
}
ev::PointUpdated sample(Tag<ev::PointUpdated>) {
  return {"p2", "Movilidad segura", "Vías"};
}
ev::PointRemoved sample(Tag<ev::PointRemoved>) {
  return {"p3"};
}
ev::QuestionAdded sample(Tag<ev::QuestionAdded>) {
  return {"p2", "q3", "¿Qué priorizar?"};
}
ev::QuestionUpdated sample(Tag<ev::QuestionUpdated>) {
  return {"q3", "¿Qué priorizar primero?"};
}
ev::QuestionRemoved sample(Tag<ev::QuestionRemoved>) {
  return {"q4"};
}
ev::ConvocationPublished sample(Tag<ev::ConvocationPublished>) {
  return {d::Date::from_ymd(2026, 11, 20)};
}
ev::Registered sample(Tag<ev::Registered>) {
  return {sample_registrant()};
}
ev::CheckedIn sample(Tag<ev::CheckedIn>) {
  return {sample_participant()};
}
ev::InterpreterRecorded sample(Tag<ev::InterpreterRecorded>) {
  return {{"i1", "Ana Ruiz", d::InterpreterKind::guide, "w1"}};
}
ev::WorkshopsFormed sample(Tag<ev::WorkshopsFormed>) {
  return {{{"w1", 1, {"a1", "a2"}, "i1"}, {"w2", 2, {"a3"}, std::nullopt}}};
}
ev::WorkshopAdded sample(Tag<ev::WorkshopAdded>) {
  return {"w3", 3};
}
ev::ParticipantMoved sample(Tag<ev::ParticipantMoved>) {
  return {"a7", "w1", "w2"};
}
ev::StaffAssigned sample(Tag<ev::StaffAssigned>) {
  return {"w2", d::StaffRole::servant, "Ing. Pérez"};
}
ev::PhaseAdvanced sample(Tag<ev::PhaseAdvanced>) {
  return {d::Phase::published, d::Phase::follow_up};
}
ev::TimerStarted sample(Tag<ev::TimerStarted>) {
  return {"w2", 75, kAt + 75 * 60'000};
}
ev::TimerPaused sample(Tag<ev::TimerPaused>) {
  return {"w2", 1'234'567};
}
ev::TimerResumed sample(Tag<ev::TimerResumed>) {
  return {"w2", kAt + 99};
}
ev::TimerExtended sample(Tag<ev::TimerExtended>) {
  return {"w2", 15, kAt + 5, 600'000};
}
ev::CurrentQuestionSet sample(Tag<ev::CurrentQuestionSet>) {
  return {"w2", "q3"};
}
ev::HandRaised sample(Tag<ev::HandRaised>) {
  return {"w2", "a7"};
}
ev::HandLowered sample(Tag<ev::HandLowered>) {
  return {"w2", "a8"};
}
ev::FloorGiven sample(Tag<ev::FloorGiven>) {
  return {"w2", "a9"};
}
ev::ContributionCaptured sample(Tag<ev::ContributionCaptured>) {
  return {sample_contribution()};
}
ev::ContributionEdited sample(Tag<ev::ContributionEdited>) {
  return {"c41", "p1", "q1", "Texto corregido", "Anónimo"};
}
ev::ContributionKindChanged sample(Tag<ev::ContributionKindChanged>) {
  return {"c41", d::ContributionKind::queja};
}
ev::ContributionsMerged sample(Tag<ev::ContributionsMerged>) {
  return {"c40", {"c41", "c42"}};
}
ev::QuestionAnswered sample(Tag<ev::QuestionAnswered>) {
  return {"c41", "En junio"};
}
ev::ProposalSubmitted sample(Tag<ev::ProposalSubmitted>) {
  return {sample_contribution()};
}
ev::ProposalAccepted sample(Tag<ev::ProposalAccepted>) {
  return {"c45"};
}
ev::ProposalDeclined sample(Tag<ev::ProposalDeclined>) {
  return {"c46", "Fuera del tema"};
}
ev::VotingOpened sample(Tag<ev::VotingOpened>) {
  return {"w2", 5};
}
ev::VoteCast sample(Tag<ev::VoteCast>) {
  return {"w2", "a7", "c41"};
}
ev::VoteRetracted sample(Tag<ev::VoteRetracted>) {
  return {"w2", "a7", "c42"};
}
ev::HandCountRecorded sample(Tag<ev::HandCountRecorded>) {
  return {"w2", "c41", 17};
}
ev::VotingClosed sample(Tag<ev::VotingClosed>) {
  return {"w2", {"c41", "c44", "c40"}};
}
ev::PrincipalProposalsSet sample(Tag<ev::PrincipalProposalsSet>) {
  return {"w2", {"c44", "c41"}};
}
ev::SynthesisWritten sample(Tag<ev::SynthesisWritten>) {
  return {"w2", "El taller pidió…"};
}
ev::SynthesisFinalized sample(Tag<ev::SynthesisFinalized>) {
  return {"w2"};
}
ev::PlenaryFocused sample(Tag<ev::PlenaryFocused>) {
  return {"all"};
}
ev::ProposalsAnswered sample(Tag<ev::ProposalsAnswered>) {
  return {sample_answer(), sample_commitment()};
}
ev::CommitmentRevised sample(Tag<ev::CommitmentRevised>) {
  return {"k3", sample_version(2)};
}
ev::ProgressReported sample(Tag<ev::ProgressReported>) {
  return {sample_report()};
}
ev::EvaluationSubmitted sample(Tag<ev::EvaluationSubmitted>) {
  return {sample_evaluation()};
}

// Commands.
cmd::CreateEncuentro sample(Tag<cmd::CreateEncuentro>) {
  return {"e-7f3a", sample_details()};
}
cmd::UpdateDetails sample(Tag<cmd::UpdateDetails>) {
  return {sample_details()};
}
cmd::AddPoint sample(Tag<cmd::AddPoint>) {
  return {"Movilidad", "Ciclorrutas"};
}
cmd::UpdatePoint sample(Tag<cmd::UpdatePoint>) {
  return {"p2", "Movilidad segura", "Vías"};
}
cmd::RemovePoint sample(Tag<cmd::RemovePoint>) {
  return {"p3"};
}
cmd::AddQuestion sample(Tag<cmd::AddQuestion>) {
  return {"p2", "¿Qué priorizar?"};
}
cmd::UpdateQuestion sample(Tag<cmd::UpdateQuestion>) {
  return {"q3", "¿Qué primero?"};
}
cmd::RemoveQuestion sample(Tag<cmd::RemoveQuestion>) {
  return {"q4"};
}
cmd::PublishConvocation sample(Tag<cmd::PublishConvocation>) {
  return {};
}
cmd::Register sample(Tag<cmd::Register>) {
  return {"K7Q-2MX",
          "Luz Marina Gómez",
          "luz@example.org",
          "Comuna 4",
          d::ValueGroup::victimas,
          "JAC Niquía",
          sample_needs(),
          true};
}
cmd::CheckIn sample(Tag<cmd::CheckIn>) {
  return {"r12"};
}
cmd::CheckInWalkIn sample(Tag<cmd::CheckInWalkIn>) {
  return {"Pedro Ruiz", "Vereda El Tambo", d::ValueGroup::campesino, sample_needs(), true};
}
cmd::RecordInterpreter sample(Tag<cmd::RecordInterpreter>) {
  return {"Ana Ruiz", d::InterpreterKind::lsc};
}
cmd::FormWorkshops sample(Tag<cmd::FormWorkshops>) {
  return {};
}
cmd::MoveParticipant sample(Tag<cmd::MoveParticipant>) {
  return {"a7", "w3"};
}
cmd::AssignStaff sample(Tag<cmd::AssignStaff>) {
  return {"w2", d::StaffRole::facilitator, "Marta Díaz"};
}
cmd::AdvancePhase sample(Tag<cmd::AdvancePhase>) {
  return {d::Phase::follow_up};
}
cmd::StartTimer sample(Tag<cmd::StartTimer>) {
  return {"w2", 75};
}
cmd::PauseTimer sample(Tag<cmd::PauseTimer>) {
  return {"w2"};
}
cmd::ResumeTimer sample(Tag<cmd::ResumeTimer>) {
  return {"w2"};
}
cmd::ExtendTimer sample(Tag<cmd::ExtendTimer>) {
  return {"w2", 10};
}
cmd::SetCurrentQuestion sample(Tag<cmd::SetCurrentQuestion>) {
  return {"w2", "q3"};
}
cmd::RaiseHand sample(Tag<cmd::RaiseHand>) {
  return {"w2", "a7"};
}
cmd::LowerHand sample(Tag<cmd::LowerHand>) {
  return {"w2", "a8"};
}
cmd::GiveFloor sample(Tag<cmd::GiveFloor>) {
  return {"w2", "a9"};
}
cmd::CaptureContribution sample(Tag<cmd::CaptureContribution>) {
  return {"w2", d::ContributionKind::propuesta, "p2", "q3", "Más buses nocturnos", "Doña Rosa"};
}
cmd::EditContribution sample(Tag<cmd::EditContribution>) {
  return {"c41", "p1", "q1", "Texto corregido", "Anónimo"};
}
cmd::ChangeKind sample(Tag<cmd::ChangeKind>) {
  return {"c41", d::ContributionKind::observacion};
}
cmd::MergeContributions sample(Tag<cmd::MergeContributions>) {
  return {"c40", {"c41", "c42"}};
}
cmd::AnswerQuestion sample(Tag<cmd::AnswerQuestion>) {
  return {"c41", "En junio"};
}
cmd::SubmitProposal sample(Tag<cmd::SubmitProposal>) {
  return {"w2", "a7", "p2", "q3", "Semáforo en la 50"};
}
cmd::AcceptProposal sample(Tag<cmd::AcceptProposal>) {
  return {"c45"};
}
cmd::DeclineProposal sample(Tag<cmd::DeclineProposal>) {
  return {"c46", "Fuera del tema"};
}
cmd::OpenVoting sample(Tag<cmd::OpenVoting>) {
  return {"w2", 4};
}
cmd::CastVote sample(Tag<cmd::CastVote>) {
  return {"w2", "a7", "c41"};
}
cmd::RetractVote sample(Tag<cmd::RetractVote>) {
  return {"w2", "a7", "c42"};
}
cmd::RecordHandCount sample(Tag<cmd::RecordHandCount>) {
  return {"w2", "c41", 17};
}
cmd::CloseVoting sample(Tag<cmd::CloseVoting>) {
  return {"w2"};
}
cmd::SetPrincipalProposals sample(Tag<cmd::SetPrincipalProposals>) {
  return {"w2", {"c44", "c41"}};
}
cmd::WriteSynthesis sample(Tag<cmd::WriteSynthesis>) {
  return {"w2", "El taller pidió…"};
}
cmd::FinalizeSynthesis sample(Tag<cmd::FinalizeSynthesis>) {
  return {"w2"};
}
cmd::FocusPlenary sample(Tag<cmd::FocusPlenary>) {
  return {"w1"};
}
cmd::AnswerProposals sample(Tag<cmd::AnswerProposals>) {
  return {{"c41", "c44"}, d::AnswerKind::commitment, sample_terms(1), "Viable", "Nadie"};
}
cmd::ReviseCommitment sample(Tag<cmd::ReviseCommitment>) {
  return {"k3", sample_terms(2), "Ajuste presupuestal"};
}
cmd::ReportProgress sample(Tag<cmd::ReportProgress>) {
  return {"k3",
          40,
          d::ProgressStatus::en_ejecucion,
          "Obra iniciada",
          "https://x.co/g5",
          d::Date::from_ymd(2027, 3, 31)};
}
cmd::SubmitEvaluation sample(Tag<cmd::SubmitEvaluation>) {
  return {"a7", {5, 4, 3, 2}, "Muy bien"};
}

// Calls f(Tag<Alternative>{}) for every alternative of Variant, in order. A new alternative
// without a sample() overload does not compile.
template <class Variant, class F>
void for_each_alternative(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(Tag<std::variant_alternative_t<I, Variant>>{}), ...);
  }
  (std::make_index_sequence<std::variant_size_v<Variant>>{});
}

// Every member of `defaults` (the encoding of a default-constructed value) must have another
// value in `sample`, recursively through objects.
void check_every_field_set(const json& sample, const json& defaults, const std::string& path) {
  for (const auto& [key, value] : defaults.items()) {
    const std::string here = path.empty() ? key : path + "." + key;
    CAPTURE(here);
    REQUIRE(sample.contains(key));
    if (value.is_object() && sample[key].is_object() && !value.empty()) {
      check_every_field_set(sample[key], value, here);
    } else {
      CHECK_MESSAGE(sample[key] != value, "sample leaves a field at its default: " << here);
    }
  }
}

// ---- A rich state: something of everything -----------------------------------------------------

d::Encuentro rich_state() {
  d::Encuentro e;
  e.id = "e-7f3a";
  e.seq = 321;
  e.phase = d::Phase::follow_up;
  e.details = sample_details();
  e.phase_history = {{d::Phase::draft, kAt, "org-1"}, {d::Phase::convened, kAt + 1, "org-2"}};
  e.convocation_published_on = d::Date::from_ymd(2026, 11, 20);
  e.points = {{"p1", "Movilidad", "Vías y buses", {{"q1", "¿Qué falta?"}, {"q2", "¿Dónde?"}}},
              {"p2", "Seguridad", "", {}}};

  d::Registrant walk_up = sample_registrant();
  walk_up.id = "r13";
  walk_up.participant_id.reset();
  walk_up.needs = {};
  walk_up.value_group = d::ValueGroup::lgbtiq;
  e.registrants = {sample_registrant(), walk_up};

  d::Participant walk_in = sample_participant();
  walk_in.id = "a8";
  walk_in.registrant_id.reset();
  walk_in.workshop_id.reset();
  e.participants = {sample_participant(), walk_in};
  e.interpreters = {{"i1", "Ana Ruiz", d::InterpreterKind::lsc, "w1"},
                    {"i2", "Juan Mora", d::InterpreterKind::guide, std::nullopt}};

  d::Workshop running;
  running.id = "w1";
  running.number = 1;
  running.members = {"a7", "a8"};
  running.facilitator = "Marta Díaz";
  running.relator = "Jorge Gil";
  running.servants = {"Ing. Pérez", "Dra. Soto"};
  running.interpreter_id = "i1";
  running.timer = {d::TimerStatus::running, 90, kAt + 5'400'000, 0, kAt};
  running.current_question = "q1";
  running.speaking_queue = {"a8"};
  running.speaker = "a7";
  running.heard = {"a7"};
  running.voting = {true, false, 4};

  d::Workshop done;
  done.id = "w2";
  done.number = 2;
  done.members = {"a9"};
  done.timer = {d::TimerStatus::paused, 60, 0, 120'000, kAt + 7};
  done.voting = {false, true, 3};
  done.principal_proposals = {"c1", "c2"};
  done.synthesis = "Se priorizó la ciclorruta";
  done.synthesis_final = true;
  e.workshops = {running, done};

  const std::pair<d::ContributionKind, d::ContributionStatus> mix[] = {
      {d::ContributionKind::propuesta, d::ContributionStatus::active},
      {d::ContributionKind::propuesta, d::ContributionStatus::pending},
      {d::ContributionKind::propuesta, d::ContributionStatus::declined},
      {d::ContributionKind::sugerencia, d::ContributionStatus::merged},
      {d::ContributionKind::observacion, d::ContributionStatus::active},
      {d::ContributionKind::pregunta, d::ContributionStatus::active},
      {d::ContributionKind::queja, d::ContributionStatus::active},
  };
  int n = 0;
  for (const auto& [kind, status] : mix) {
    d::Contribution c = sample_contribution();
    c.id = "c" + std::to_string(++n);
    c.kind = kind;
    c.status = status;
    c.source = n % 2 == 0 ? d::ContributionSource::citizen : d::ContributionSource::relator;
    if (c.source == d::ContributionSource::relator) c.submitted_by.reset();
    if (status != d::ContributionStatus::merged) c.merged_into.reset();
    if (status != d::ContributionStatus::declined) c.decline_reason.clear();
    if (kind != d::ContributionKind::pregunta) c.answer.clear();
    if (n == 3) c.question_id.reset();
    e.contributions.push_back(c);
  }
  e.votes = {{"a7", "c1"}, {"a7", "c1"}, {"a8", "c2"}};
  e.hand_counts = {{"c1", 12}, {"c2", 0}};
  e.plenary_focus = "all";

  d::Answer not_adopted{
      "ans1", {"c2"}, d::AnswerKind::not_adopted, std::nullopt, "Sin presupuesto", "", kAt + 60};
  d::Answer committed{"ans2", {"c1"}, d::AnswerKind::commitment, "k1", "", "", kAt + 61};
  e.answers = {not_adopted, committed, sample_answer()};
  d::Commitment k = sample_commitment();
  k.id = "k1";
  e.commitments = {k};
  d::ProgressReport later = sample_report();
  later.id = "g6";
  later.percent = 100;
  later.status = d::ProgressStatus::cumplido;
  later.as_of = d::Date::from_ymd(2027, 6, 30);
  e.progress_reports = {sample_report(), later};
  d::Evaluation other = sample_evaluation();
  other.participant_id = "a8";
  other.comment.clear();
  e.evaluations = {sample_evaluation(), other};
  e.question_counter = 4;
  e.point_counter = 3;
  return e;
}

protocol::DecodeError command_error(std::string_view name, const json& fields) {
  const auto decoded = protocol::decode_command(name, fields);
  REQUIRE_FALSE(decoded.ok());
  return decoded.error();
}

json capture_fields() {
  return {{"workshop_id", "w2"}, {"kind", "propuesta"}, {"point_id", "p2"}, {"text", "Más buses"}};
}

}  // namespace

// ---- Round trips --------------------------------------------------------------------------------

TEST_CASE("every event alternative round-trips through its wire name and payload") {
  std::size_t checked = 0;
  for_each_alternative<d::Event>([&](auto tag) {
    using T = typename decltype(tag)::type;
    const d::Event event = sample(tag);
    const std::string_view name = protocol::event_name(event);
    CAPTURE(name);
    check_every_field_set(protocol::encode_event_json(event), protocol::encode_event_json(T{}), "");

    const std::string payload = protocol::encode_event_payload(event);
    const auto decoded = protocol::decode_event(name, payload);
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
    CHECK(decoded->index() == event.index());
    CHECK(*decoded == event);
    CHECK(protocol::encode_event_payload(*decoded) == payload);  // stable bytes
    ++checked;
  });
  CHECK(checked == std::variant_size_v<d::Event>);
}

TEST_CASE("every command alternative round-trips, also through text") {
  std::size_t checked = 0;
  for_each_alternative<d::Command>([&](auto tag) {
    using T = typename decltype(tag)::type;
    const d::Command command = sample(tag);
    const std::string_view name = protocol::command_wire_name(command);
    CAPTURE(name);
    const json fields = protocol::encode_command(command);
    check_every_field_set(fields, protocol::encode_command(T{}), "");

    const auto decoded = protocol::decode_command(name, fields);
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
    CHECK(*decoded == command);

    // As a client sends it: text, parsed with the guard.
    const auto parsed = protocol::parse_untrusted(fields.dump());
    REQUIRE(parsed.ok());
    const auto from_text = protocol::decode_command(name, *parsed);
    REQUIRE(from_text.ok());
    CHECK(*from_text == command);
    ++checked;
  });
  CHECK(checked == std::variant_size_v<d::Command>);
}

TEST_CASE("a rich snapshot round-trips to an equal state") {
  const d::Encuentro state = rich_state();
  const std::string text = protocol::encode_snapshot(state);
  const auto decoded = protocol::decode_snapshot(text);
  REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
  CHECK(*decoded == state);
  CHECK(protocol::encode_snapshot(*decoded) == text);

  const json j = json::parse(text);
  CHECK(j.at("version") == protocol::kSnapshotVersion);
  CHECK(j.at("encuentro").at("workshops").size() == 2);
  CHECK(j.at("encuentro").at("contributions").size() == 7);
  CHECK(j.at("encuentro").at("commitments")[0].at("versions").size() == 2);

  SUBCASE("every top-level field of the state is set in the sample") {
    check_every_field_set(j.at("encuentro"),
                          json::parse(protocol::encode_snapshot({})).at("encuentro"), "encuentro");
  }
  SUBCASE("each part of the state matters to equality") {
    d::Encuentro changed = state;
    changed.commitments[0].versions[1].reason = "otra";
    CHECK(*protocol::decode_snapshot(protocol::encode_snapshot(changed)) != state);
  }
}

TEST_CASE("the empty state round-trips (its phase is the literal unknown)") {
  const auto decoded = protocol::decode_snapshot(protocol::encode_snapshot(d::Encuentro{}));
  REQUIRE(decoded.ok());
  CHECK(*decoded == d::Encuentro{});
}

TEST_CASE("value types round-trip through to_json/from_json (ADL)") {
  const json j = sample_registrant();
  CHECK(j.at("value_group") == "persona_mayor");
  CHECK(j.get<d::Registrant>() == sample_registrant());
  CHECK(json(sample_commitment()).get<d::Commitment>() == sample_commitment());
  CHECK(json(rich_state()).get<d::Encuentro>() == rich_state());

  d::Participant no_workshop = sample_participant();
  no_workshop.workshop_id.reset();
  const json p = no_workshop;
  CHECK(p.at("workshop_id").is_null());
  json absent = p;
  absent.erase("workshop_id");
  CHECK(absent.get<d::Participant>() == no_workshop);  // absent means empty, too
}

// ---- Wire conventions ---------------------------------------------------------------------------

TEST_CASE("wire spellings of enums, dates, times and timestamps") {
  CHECK(json(d::ProgressStatus::en_ejecucion) == "en_ejecucion");
  CHECK(json(d::ValueGroup::persona_mayor) == "persona_mayor");
  CHECK(json(d::Phase::follow_up) == "follow_up");
  CHECK(json(d::AnswerKind::not_adopted) == "not_adopted");
  CHECK(json(d::FlagCode::interpreter_obligation) == "interpreter_obligation");
  CHECK(json(d::Date::from_ymd(2026, 3, 4)) == "2026-03-04");
  CHECK(json(d::TimeOfDay{9 * 60 + 5}) == "09:05");
  const json timer = protocol::encode_event_json(ev::TimerStarted{"w1", 60, kAt});
  CHECK(timer.at("deadline").is_number_integer());
  CHECK(timer.at("deadline") == kAt);
}

TEST_CASE("wire names are unique, well formed and map both ways") {
  const auto& events = protocol::kEventNames;
  const auto& commands = protocol::kCommandNames;
  CHECK(events.size() == std::variant_size_v<d::Event>);
  CHECK(commands.size() == std::variant_size_v<d::Command>);
  CHECK(std::set<std::string_view>(events.begin(), events.end()).size() == events.size());
  CHECK(std::set<std::string_view>(commands.begin(), commands.end()).size() == commands.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    CAPTURE(events[i]);
    CHECK(protocol::wire_index<d::Event>(events[i]) == i);
  }
  for (std::size_t i = 0; i < commands.size(); ++i) {
    CAPTURE(commands[i]);
    CHECK(protocol::wire_index<d::Command>(commands[i]) == i);
  }
  // The names a sample gets are the names of its alternative.
  for_each_alternative<d::Event>([](auto tag) {
    const d::Event e = sample(tag);
    CHECK(protocol::event_name(e) == protocol::kEventNames[e.index()]);
  });
  // Spot checks against the published list (shared/README.md).
  CHECK(protocol::event_name(ev::CurrentQuestionSet{}) == "workshop.question_set");
  CHECK(protocol::event_name(ev::Registered{}) == "registrant.registered");
  CHECK(protocol::event_name(ev::ContributionsMerged{}) == "contribution.merged");
  CHECK(protocol::event_name(ev::EvaluationSubmitted{}) == "evaluation.submitted");
  CHECK(protocol::command_wire_name(cmd::CheckInWalkIn{}) == "checkin.walk_in");
  CHECK(protocol::command_wire_name(cmd::Register{}) == "registration.create");
  CHECK(protocol::command_wire_name(cmd::SetCurrentQuestion{}) == "workshop.set_question");
  CHECK(protocol::command_wire_name(cmd::SubmitEvaluation{}) == "evaluation.submit");
}

// ---- Commands from clients: strict -------------------------------------------------------------

TEST_CASE("omittable command fields may be absent or null") {
  const auto minimal = protocol::decode_command("contribution.capture", capture_fields());
  REQUIRE(minimal.ok());
  const auto& c = std::get<cmd::CaptureContribution>(*minimal);
  CHECK(c.author.empty());
  CHECK_FALSE(c.question_id.has_value());
  CHECK(c.kind == d::ContributionKind::propuesta);

  json with_nulls = capture_fields();
  with_nulls["author"] = nullptr;
  with_nulls["question_id"] = nullptr;
  const auto nulls = protocol::decode_command("contribution.capture", with_nulls);
  REQUIRE(nulls.ok());
  CHECK(*nulls == *minimal);

  const auto empty = protocol::decode_command("convocation.publish", json::object());
  REQUIRE(empty.ok());
  CHECK(std::holds_alternative<cmd::PublishConvocation>(*empty));

  const auto voting = protocol::decode_command("voting.open", {{"workshop_id", "w1"}});
  REQUIRE(voting.ok());
  CHECK(std::get<cmd::OpenVoting>(*voting).dots_per_person == 0);

  const auto walk_in = protocol::decode_command("checkin.walk_in", {{"name", "Pedro"},
                                                                    {"territory", "Comuna 1"},
                                                                    {"value_group", "campesino"},
                                                                    {"data_consent", true}});
  REQUIRE(walk_in.ok());
  CHECK(std::get<cmd::CheckInWalkIn>(*walk_in).needs == d::Accessibility{});
}

TEST_CASE("a missing required field is named") {
  json fields = capture_fields();
  fields.erase("text");
  const auto error = command_error("contribution.capture", fields);
  CHECK(error.code == "missing_field");
  CHECK(error.field == "text");

  const auto consent =
      command_error("checkin.walk_in",
                    {{"name", "Pedro"}, {"territory", "Comuna 1"}, {"value_group", "campesino"}});
  CHECK(consent.code == "missing_field");
  CHECK(consent.field == "data_consent");
}

TEST_CASE("a wrong JSON type is an invalid field") {
  const auto error = command_error("timer.start", {{"workshop_id", "w1"}, {"minutes", "60"}});
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "minutes");

  CHECK(command_error("timer.start", {{"workshop_id", "w1"}, {"minutes", 60.5}}).field ==
        "minutes");
  CHECK(command_error("timer.start", {{"workshop_id", 7}, {"minutes", 60}}).field == "workshop_id");
  CHECK(command_error("timer.start", {{"workshop_id", nullptr}, {"minutes", 60}}).code ==
        "invalid_field");
  CHECK(command_error(
            "checkin.walk_in",
            {{"name", "P"}, {"territory", "T"}, {"value_group", "mujeres"}, {"data_consent", 1}})
            .field == "data_consent");

  const auto element =
      command_error("contribution.merge", {{"into_id", "c1"}, {"from_ids", {"c2", 5}}});
  CHECK(element.code == "invalid_field");
  CHECK(element.field == "from_ids[1]");

  const auto not_object = command_error("timer.pause", json::array({"w1"}));
  CHECK(not_object.code == "invalid_field");
  CHECK(not_object.field.empty());
}

TEST_CASE("unknown enum values are refused from clients, by field") {
  json fields = capture_fields();
  fields["kind"] = "foo";
  auto error = command_error("contribution.capture", fields);
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "kind");
  CHECK(error.message.find("propuesta") != std::string::npos);  // says what is accepted

  fields["kind"] = "unknown";  // a real table entry, but never valid input
  CHECK(command_error("contribution.capture", fields).field == "kind");
  fields["kind"] = 1;
  CHECK(command_error("contribution.capture", fields).field == "kind");
  fields["kind"] = "Propuesta";  // case matters
  CHECK(command_error("contribution.capture", fields).field == "kind");

  CHECK(command_error("phase.advance", {{"to", "finished"}}).field == "to");
}

TEST_CASE("decode_enum tells unrecognised strings from unknown") {
  CHECK(*protocol::decode_enum<d::ProgressStatus>("cumplido") == d::ProgressStatus::cumplido);
  CHECK_FALSE(protocol::decode_enum<d::ProgressStatus>("done").ok());
  CHECK_FALSE(protocol::decode_enum<d::ProgressStatus>("unknown").ok());
  CHECK(*protocol::decode_enum<d::ProgressStatus>("unknown", protocol::UnknownEnum::accept) ==
        d::ProgressStatus::unknown);
  CHECK_FALSE(protocol::decode_enum<d::ProgressStatus>("done", protocol::UnknownEnum::accept).ok());
  CHECK_FALSE(protocol::decode_enum<d::ProgressStatus>(json(3)).ok());
}

TEST_CASE("an unknown command name is an unknown type") {
  const auto error = command_error("contribution.destroy", capture_fields());
  CHECK(error.code == "unknown_type");
  CHECK(command_error("", json::object()).code == "unknown_type");
  CHECK(command_error("contribution.captured", capture_fields()).code == "unknown_type");
}

TEST_CASE("an extra field is an unknown field, also nested") {
  json fields = capture_fields();
  fields["colour"] = "red";
  const auto error = command_error("contribution.capture", fields);
  CHECK(error.code == "unknown_field");
  CHECK(error.field == "colour");

  json create = protocol::encode_command(sample(Tag<cmd::CreateEncuentro>{}));
  create["details"]["budget"] = 1000;
  const auto nested = command_error("encuentro.create", create);
  CHECK(nested.code == "unknown_field");
  CHECK(nested.field == "details.budget");

  json long_key = capture_fields();
  long_key[std::string(300, 'k') + "\u00f1"] = 1;
  const auto long_error = command_error("contribution.capture", long_key);
  CHECK(long_error.code == "unknown_field");
  CHECK(long_error.field.size() < 80);  // a client's key is not echoed whole

  // Values quoted in messages are cut on a code point: the error can always be sent as JSON.
  json cut = capture_fields();
  cut["kind"] = std::string(39, 'x') + "\u00f1\u00f1\u00f1";
  const auto cut_error = command_error("contribution.capture", cut);
  CHECK_NOTHROW((void)json(cut_error.message).dump());

  json envelope = capture_fields();
  envelope["op"] = "c0f1";  // envelope keys are the transport's, not the command's
  CHECK(command_error("contribution.capture", envelope).code == "unknown_field");
}

TEST_CASE("dates and times must be real") {
  json create = protocol::encode_command(sample(Tag<cmd::CreateEncuentro>{}));
  create["details"]["date"] = "2026-02-30";
  auto error = command_error("encuentro.create", create);
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "details.date");

  for (const char* bad : {"2026-2-3", "2026/02/03", "20260203", "", "2026-13-01"}) {
    CAPTURE(bad);
    create["details"]["date"] = bad;
    CHECK(command_error("encuentro.create", create).field == "details.date");
  }
  create["details"]["date"] = "2028-02-29";  // a leap day is real
  CHECK(protocol::decode_command("encuentro.create", create).ok());

  create["details"]["start_time"] = "25:00";
  error = command_error("encuentro.create", create);
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "details.start_time");
  for (const char* bad : {"12:60", "9:00", "0900", "noon"}) {
    CAPTURE(bad);
    create["details"]["start_time"] = bad;
    CHECK(command_error("encuentro.create", create).field == "details.start_time");
  }

  json report = protocol::encode_command(sample(Tag<cmd::ReportProgress>{}));
  report["as_of"] = 20270331;
  CHECK(command_error("progress.report", report).field == "as_of");
}

TEST_CASE("numbers out of range are errors, not undefined behaviour") {
  // 2^70 does not fit 64 bits; nlohmann reads it as a double.
  auto parsed =
      protocol::parse_untrusted(R"({"workshop_id":"w1","minutes":1180591620717411303424})");
  REQUIRE(parsed.ok());
  auto error = command_error("timer.start", *parsed);
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "minutes");

  // Fits 64 bits, not an int.
  CHECK(command_error("timer.start", {{"workshop_id", "w1"}, {"minutes", 4294967296LL}}).field ==
        "minutes");
  CHECK(command_error("timer.start", {{"workshop_id", "w1"}, {"minutes", -2147483649LL}}).field ==
        "minutes");
  CHECK(protocol::decode_command("timer.start", {{"workshop_id", "w1"}, {"minutes", -5}}).ok());

  // 2^63 does not fit a Timestamp (int64).
  const auto event = protocol::decode_event(
      "timer.started", R"({"workshop_id":"w1","minutes":60,"deadline":9223372036854775808})");
  REQUIRE_FALSE(event.ok());
  CHECK(event.error().field == "deadline");

  // Beyond a double: the parser itself refuses.
  const auto huge = protocol::parse_untrusted(R"({"workshop_id":"w1","minutes":1e400})");
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().code == "bad_json");
}

// ---- Untrusted text -----------------------------------------------------------------------------

TEST_CASE("text that is not JSON is bad_json") {
  for (const char* bad : {"", "{", "{not json}", "[1,2", "{\"a\":1} trailing", "nul"}) {
    CAPTURE(bad);
    const auto parsed = protocol::parse_untrusted(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "bad_json");
  }
  const std::string invalid_utf8 = "{\"text\":\"\xC3\x28\"}";
  CHECK(protocol::parse_untrusted(invalid_utf8).error().code == "bad_json");

  const auto event = protocol::decode_event("point.added", "{\"point_id\": ");
  REQUIRE_FALSE(event.ok());
  CHECK(event.error().code == "bad_json");

  const auto snapshot = protocol::decode_snapshot("definitely not a snapshot");
  REQUIRE_FALSE(snapshot.ok());
  CHECK(snapshot.error().code == "bad_json");
}

TEST_CASE("deep nesting is refused before the recursive parser sees it") {
  const std::string deep(10'000, '[');
  auto parsed = protocol::parse_untrusted(deep);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == "bad_json");

  const std::string balanced = std::string(100'000, '[') + std::string(100'000, ']');
  CHECK(protocol::parse_untrusted(balanced, protocol::kMaxJsonDepth, protocol::kNoByteLimit)
            .error()
            .code == "bad_json");
  CHECK(protocol::decode_event("point.added", balanced).error().code == "bad_json");
  CHECK(protocol::decode_snapshot(balanced).error().code == "bad_json");

  // Exactly at the limit is fine; one more is not.
  const auto nested = [](std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  CHECK(protocol::parse_untrusted(nested(64)).ok());
  CHECK_FALSE(protocol::parse_untrusted(nested(65)).ok());
  CHECK(protocol::parse_untrusted(nested(3), 3).ok());
  CHECK_FALSE(protocol::parse_untrusted(nested(4), 3).ok());

  // Brackets inside strings do not count, escaped quotes do not end a string.
  const std::string in_string = "[\"" + std::string(1000, '[') + "\\\"[[[\"]";
  const auto text = protocol::parse_untrusted(in_string, 2);
  REQUIRE(text.ok());
  CHECK(text->at(0).get<std::string>().size() == 1004);
  CHECK(protocol::json_nesting_depth(R"({"a":"\\","b":[[]]})", 64) == 3);
}

TEST_CASE("a message over the byte limit is refused") {
  const std::string text = R"({"text":")" + std::string(200, 'x') + "\"}";
  CHECK(protocol::parse_untrusted(text, 64, 100).error().code == "bad_json");
  CHECK(protocol::parse_untrusted(text, 64, text.size()).ok());
  CHECK(protocol::parse_untrusted(std::string(protocol::kMaxMessageBytes + 1, ' ')).error().code ==
        "bad_json");
}

// ---- Stored events and snapshots ----------------------------------------------------------------

TEST_CASE("stored events are decoded strictly but replay unknown enum values") {
  json payload = protocol::encode_event_json(sample(Tag<ev::StaffAssigned>{}));
  payload["role"] = "unknown";
  const auto replayed = protocol::decode_event("staff.assigned", payload.dump());
  REQUIRE(replayed.ok());
  CHECK(std::get<ev::StaffAssigned>(*replayed).role == d::StaffRole::unknown);

  payload["role"] = "janitor";
  CHECK(protocol::decode_event("staff.assigned", payload.dump()).error().field == "role");

  json missing = protocol::encode_event_json(sample(Tag<ev::CheckedIn>{}));
  missing["participant"].erase("checked_in_at");
  const auto error = protocol::decode_event("participant.checked_in", missing.dump());
  REQUIRE_FALSE(error.ok());
  CHECK(error.error().code == "missing_field");
  CHECK(error.error().field == "participant.checked_in_at");

  json extra = protocol::encode_event_json(sample(Tag<ev::PointRemoved>{}));
  extra["by"] = "x";
  CHECK(protocol::decode_event("point.removed", extra.dump()).error().code == "unknown_field");

  CHECK(protocol::decode_event("point.exploded", "{}").error().code == "unknown_type");
  CHECK(protocol::decode_event("point.removed", "[]").error().code == "invalid_field");
}

TEST_CASE("a snapshot of another version is refused, and named") {
  json j = json::parse(protocol::encode_snapshot(rich_state()));
  j["version"] = protocol::kSnapshotVersion + 1;
  auto error = protocol::decode_snapshot(j.dump());
  REQUIRE_FALSE(error.ok());
  CHECK(error.error().code == "unsupported_version");
  CHECK(error.error().field == "version");

  j.erase("version");
  CHECK(protocol::decode_snapshot(j.dump()).error().code == "missing_field");

  json damaged = json::parse(protocol::encode_snapshot(rich_state()));
  damaged["encuentro"]["workshops"][1]["timer"]["status"] = "ticking";
  error = protocol::decode_snapshot(damaged.dump());
  REQUIRE_FALSE(error.ok());
  CHECK(error.error().code == "invalid_field");
  CHECK(error.error().field == "encuentro.workshops[1].timer.status");

  json extra = json::parse(protocol::encode_snapshot(rich_state()));
  extra["checksum"] = "abc";
  CHECK(protocol::decode_snapshot(extra.dump()).error().code == "unknown_field");
}

TEST_CASE("from_json failures are json::exceptions that carry the field") {
  json j = sample_registrant();
  j["needs"]["lsc_interpreter"] = "yes";
  CHECK_THROWS_AS(j.get<d::Registrant>(), nlohmann::json::exception);
  try {
    (void)j.get<d::Registrant>();
    FAIL("expected DecodeFailure");
  } catch (const protocol::DecodeFailure& failure) {
    CHECK(failure.error().field == "needs.lsc_interpreter");
    CHECK(std::string(failure.what()).find("needs.lsc_interpreter") != std::string::npos);
  }
}

// ---- Rejections ---------------------------------------------------------------------------------

TEST_CASE("a rejection becomes code, message and details") {
  const d::Rejection rejection{
      d::RejectionCode::convocation_too_late, "too late", {{"earliest_date", "2026-12-07"}}};
  const json j = protocol::rejection_to_json(rejection);
  CHECK(j.at("code") == "convocation_too_late");
  CHECK(j.at("message") == "too late");
  CHECK(j.at("details") == json{{"earliest_date", "2026-12-07"}});
  CHECK(protocol::rejection_to_json(d::Rejection{}).at("details") == json::object());
}

TEST_CASE("a Result is also the std::variant<T, DecodeError> it holds") {
  auto good = protocol::decode_event("point.removed", R"({"point_id":"p1"})");
  REQUIRE(good.ok());
  const d::Event* event = std::get_if<d::Event>(&good);
  REQUIRE(event != nullptr);
  CHECK(std::get<ev::PointRemoved>(*event).point_id == "p1");
  CHECK(std::get<d::Event>(std::move(good)) == d::Event{ev::PointRemoved{"p1"}});

  const auto bad = protocol::decode_event("point.removed", "{}");
  CHECK(std::holds_alternative<protocol::DecodeError>(bad));
  CHECK(std::get_if<protocol::DecodeError>(&bad)->field == "point_id");
  CHECK_FALSE(static_cast<bool>(bad));
}
