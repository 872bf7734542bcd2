#include "app/demo.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace encuentro::app {
namespace {

namespace d = domain;
namespace c = domain::cmd;

constexpr d::Timestamp kMinute = 60'000;
constexpr d::Timestamp kDay = 24 * 60 * kMinute;

// Fictional people: common Colombian given names and surnames, combined deterministically.
constexpr std::array kGiven = {"María",      "José",       "Luz Marina", "Carlos",  "Ana Milena",
                               "Jhon Jairo", "Paola",      "Andrés",     "Yuliana", "Luis Fernando",
                               "Gloria",     "Wilson",     "Daniela",    "Édgar",   "Marleny",
                               "Sebastián",  "Rosa Elena", "Fredy"};
constexpr std::array kSurname = {
    "Restrepo", "Gómez",   "Zapata",  "Quintero", "Mosquera", "Cardona", "Palacios", "Arango",
    "Valencia", "Córdoba", "Londoño", "Hurtado",  "Salgado",  "Berrío",  "Marimón",  "Julio"};
constexpr std::array kGroups = {d::ValueGroup::juventud,     d::ValueGroup::mujeres,
                                d::ValueGroup::organizacion, d::ValueGroup::persona_mayor,
                                d::ValueGroup::victimas,     d::ValueGroup::ciudadania,
                                d::ValueGroup::etnico,       d::ValueGroup::discapacidad,
                                d::ValueGroup::lgbtiq,       d::ValueGroup::campesino};

std::string person(int i) {
  return std::string(kGiven[static_cast<std::size_t>(i) % kGiven.size()]) + " " +
         kSurname[static_cast<std::size_t>(i * 7) % kSurname.size()] + " " +
         kSurname[static_cast<std::size_t>(i * 3 + 1) % kSurname.size()];
}

// Instant of a local (UTC-5) time on a civil date.
d::Timestamp at(d::Date date, int hour, int minute = 0) {
  return static_cast<d::Timestamp>(date.days_since_epoch) * kDay + (hour + 5) * 60 * kMinute +
         minute * kMinute;
}

class Script {
 public:
  Script(EncuentroService& service, std::string id) : service_(service), id_(std::move(id)) {}

  // Runs a command at `when`, or just after the previous one if that was later: the audit trail
  // of the demo never goes back in time (the simultaneous workshops are told one after another).
  Outcome run(const d::Command& command, d::Timestamp when) {
    last_ = std::max(when, last_ + 1000);
    Outcome out = service_.execute_at({id_, command, "demo", std::nullopt}, last_);
    if (out.kind != Outcome::Kind::applied) {
      throw std::runtime_error("demo " + id_ +
                               ": command refused: " + d::rejection_code_name(out.rejection.code) +
                               " " + out.rejection.message + out.detail);
    }
    return out;
  }
  d::Encuentro state() const { return *service_.snapshot(id_); }

 private:
  EncuentroService& service_;
  std::string id_;
  d::Timestamp last_ = 0;
};

c::Register registrant(int i, const std::array<const char*, 7>& territories, bool lsc) {
  c::Register r;
  r.code = "DEMO-" + std::to_string(1000 + i * 37);
  r.name = person(i);
  r.contact = "";  // the demo keeps no contact data
  r.territory = territories[static_cast<std::size_t>(i) % territories.size()];
  r.value_group = kGroups[static_cast<std::size_t>(i) % kGroups.size()];
  r.needs.lsc_interpreter = lsc;
  r.data_consent = true;
  return r;
}

void upcoming_itagui(EncuentroService& service, d::Timestamp now, int utc_offset) {
  Script s(service, "e-itagui-instancias");
  const d::Date today = civil_date(now, utc_offset);
  const d::Date planned_on = today.plus_days(-12);
  d::EncuentroDetails det;
  det.title = "Primer Encuentro de Instancias de Participación de Itagüí";
  det.entities = {"Alcaldía de Itagüí", "Consejo Municipal de Participación Ciudadana"};
  det.objective =
      "Dialogar con las 27 instancias formales de participación del municipio sobre el diseño del "
      "Sistema Municipal de Participación Ciudadana y acordar cómo fortalecerlas.";
  det.report_summary =
      "Actualización de la caracterización de instancias (2019-2022): 27 instancias formales, 19 % "
      "territoriales, 33 % poblacionales y 48 % sectoriales. Dificultades: cambios permanentes de "
      "los "
      "funcionarios que las acompañan, complejidad de las convocatorias y falta de recursos. "
      "Resultados: visibilización de sectores y grupos poblacionales, capacitación y "
      "acompañamiento.";
  det.methodology =
      "Apertura con la presentación del diagnóstico; talleres simultáneos de hasta 30 personas con "
      "facilitador/a y relator/a; plenaria con la síntesis de cada taller; respuestas y "
      "compromisos "
      "de la Administración Municipal.";
  det.venue = "Centro Administrativo Municipal de Itagüí (CAMI), auditorio";
  // Published 10 days ago; the date respects R1 whatever the configured minimum.
  det.date = today.plus_days(std::max(25, service.policy().convocation_min_days - 10));
  det.start_time = *d::TimeOfDay::parse("08:00");
  det.end_time = *d::TimeOfDay::parse("13:00");
  det.expected_attendance = 180;
  d::Timestamp t = at(planned_on, 9);
  s.run(c::CreateEncuentro{"e-itagui-instancias", det}, t);
  s.run(c::AddPoint{"Sistema Municipal de Participación Ciudadana",
                    "Diseño del sistema: instancias, espacios y su articulación."},
        t += kMinute);
  s.run(c::AddQuestion{"p1",
                       "¿Cómo deben articularse las instancias territoriales, poblacionales y "
                       "sectoriales dentro del sistema municipal?"},
        t += kMinute);
  s.run(c::AddPoint{"Fortalecimiento de las instancias",
                    "Recursos, acompañamiento y capacitación para su funcionamiento."},
        t += kMinute);
  s.run(c::AddQuestion{"p2", "¿Qué necesita su instancia para funcionar mejor el próximo año?"},
        t += kMinute);
  s.run(c::AddQuestion{"p2", "¿Cómo hacer más sencillas y amplias las convocatorias?"},
        t += kMinute);
  s.run(c::AddPoint{"Relación con la Administración Municipal",
                    "Continuidad del acompañamiento pese a los cambios de funcionarios."},
        t += kMinute);
  s.run(c::AddQuestion{"p3", "¿Cómo garantizar la continuidad del acompañamiento institucional?"},
        t += kMinute);
  s.run(c::PublishConvocation{}, at(today.plus_days(-10), 10));
  const std::array<const char*, 7> territories = {"Comuna 1",
                                                  "Comuna 2",
                                                  "Comuna 3",
                                                  "Comuna 4",
                                                  "Comuna 5",
                                                  "Comuna 6",
                                                  "Corregimiento El Manzanillo"};
  // 64 registrations over ten days; 11 ask for an LSC interpreter (R3 obligation shows open).
  for (int i = 0; i < 64; ++i) {
    const d::Timestamp when = at(planned_on.plus_days(3 + i % 9), 8 + i % 10, (i * 13) % 60);
    s.run(registrant(i, territories, i % 6 == 1), when);
  }
}

void held_cascajal(EncuentroService& service, d::Timestamp now, int utc_offset) {
  Script s(service, "e-cascajal-2026");
  const d::Date today = civil_date(now, utc_offset);
  const d::Date event_day = today.plus_days(-128);
  d::EncuentroDetails det;
  det.title = "Encuentro de Diálogo Participativo de la Alcaldía Local Isla del Cascajal";
  det.entities = {"Alcaldía Local Isla del Cascajal (Buenaventura)"};
  det.objective =
      "Rendir cuentas del Plan de Participación Ciudadana de la Alcaldía Local y construir con la "
      "comunidad propuestas de mejora para la gestión local.";
  det.report_summary =
      "Avance del Plan de Participación Ciudadana: caracterización de usuarios, publicación activa "
      "de "
      "información sobre la gestión local y espacios de colaboración con los grupos de valor.";
  det.methodology =
      "Talleres simultáneos por grupos de hasta 30 personas, plenaria y respuestas de la Alcaldía "
      "Local "
      "con compromisos publicados para el seguimiento ciudadano con cortes trimestrales.";
  det.venue = "Institución Educativa Pascual de Andagoya, Isla del Cascajal";
  det.date = event_day;
  det.start_time = *d::TimeOfDay::parse("08:00");
  det.end_time = *d::TimeOfDay::parse("12:30");
  det.expected_attendance = 90;
  const int lead_days = std::max(30, service.policy().convocation_min_days);  // R1
  d::Timestamp t = at(event_day.plus_days(-lead_days - 10), 9);
  s.run(c::CreateEncuentro{"e-cascajal-2026", det}, t);
  s.run(c::AddPoint{"Información sobre la gestión local",
                    "Cómo y dónde informa la Alcaldía Local lo que hace."},
        t += kMinute);
  s.run(c::AddQuestion{"p1", "¿Por qué medios prefiere recibir información de la Alcaldía Local?"},
        t += kMinute);
  s.run(c::AddPoint{"Espacios de participación y control social", ""}, t += kMinute);
  s.run(c::AddQuestion{"p2", "¿Qué espacios de diálogo necesita su barrio o su organización?"},
        t += kMinute);
  s.run(c::PublishConvocation{}, at(event_day.plus_days(-lead_days), 10));
  const std::array<const char*, 7> territories = {
      "Barrio La Playita",   "Barrio Pueblo Nuevo",  "Barrio Lleras",  "Barrio San Francisco",
      "Barrio Viento Libre", "Barrio Alfonso López", "Barrio El Firme"};
  for (int i = 0; i < 70; ++i) {
    s.run(registrant(i, territories, false), at(event_day.plus_days(-28 + i % 25), 9, i % 60));
  }
  // The day: 66 registered people come, and 6 walk in.
  t = at(event_day, 7, 30);
  for (int i = 0; i < 66; ++i) s.run(c::CheckIn{"r" + std::to_string(i + 1)}, t += kMinute / 2);
  for (int i = 0; i < 6; ++i) {
    s.run(c::CheckInWalkIn{person(100 + i),
                           territories[static_cast<std::size_t>(i)],
                           kGroups[static_cast<std::size_t>(i + 3) % kGroups.size()],
                           {},
                           true},
          t += kMinute / 2);
  }
  s.run(c::AdvancePhase{d::Phase::opening}, at(event_day, 8, 10));
  s.run(c::FormWorkshops{}, at(event_day, 8, 40));
  const auto formed = s.state().workshops;
  t = at(event_day, 8, 42);
  for (const auto& w : formed) {
    s.run(c::AssignStaff{w.id, d::StaffRole::facilitator,
                         "Facilitador/a " + std::to_string(w.number)},
          t += 1000);
    s.run(c::AssignStaff{w.id, d::StaffRole::relator, "Relator/a " + std::to_string(w.number)},
          t += 1000);
    s.run(c::AssignStaff{w.id, d::StaffRole::servant,
                         "Servidor/a público/a " + std::to_string(w.number)},
          t += 1000);
  }
  s.run(c::AdvancePhase{d::Phase::workshops}, at(event_day, 9));

  struct Said {
    d::ContributionKind kind;
    const char* point;
    const char* text;
  };
  const std::array<std::array<Said, 5>, 3> said = {{
      {{{d::ContributionKind::propuesta, "p1",
         "Publicar los avances de la gestión en la emisora comunitaria cada mes."},
        {d::ContributionKind::propuesta, "p1",
         "Carteleras informativas en las juntas de acción comunal de cada barrio."},
        {d::ContributionKind::pregunta, "p1",
         "¿Dónde se puede consultar el presupuesto de la Alcaldía Local?"},
        {d::ContributionKind::propuesta, "p2",
         "Mesas de diálogo trimestrales con los jóvenes de la isla."},
        {d::ContributionKind::queja, "p2", "Queja por el cobro de un trámite en la ventanilla."}}},
      {{{d::ContributionKind::propuesta, "p2",
         "Un comité de veeduría ciudadana para las obras del malecón."},
        {d::ContributionKind::propuesta, "p1", "Informar por grupos de WhatsApp de cada barrio."},
        {d::ContributionKind::observacion, "p2",
         "Las reuniones en horario laboral excluyen a muchas personas."},
        {d::ContributionKind::propuesta, "p2", "Reuniones en la tarde y los fines de semana."},
        {d::ContributionKind::sugerencia, "p1", "Usar un lenguaje claro en los informes."}}},
      {{{d::ContributionKind::propuesta, "p2",
         "Espacios de participación para las organizaciones de pescadores."},
        {d::ContributionKind::propuesta, "p1",
         "Rendición de cuentas también en los barrios, no solo en el centro."},
        {d::ContributionKind::pregunta, "p2", "¿Cómo se elige a los integrantes de las veedurías?"},
        {d::ContributionKind::propuesta, "p2",
         "Capacitación en control social para líderes comunitarios."},
        {d::ContributionKind::observacion, "p1", "Muchas personas mayores no usan internet."}}},
  }};

  for (std::size_t wi = 0; wi < formed.size() && wi < said.size(); ++wi) {
    const std::string w = formed[wi].id;
    t = at(event_day, 9, 5);
    s.run(c::StartTimer{w, 75}, t);
    s.run(c::SetCurrentQuestion{w, "q1"}, t += kMinute);
    const auto members = s.state().workshop(w)->members;
    for (std::size_t m = 0; m < 6 && m < members.size(); ++m) {
      s.run(c::RaiseHand{w, members[m]}, t += kMinute);
      s.run(c::GiveFloor{w, members[m]}, t += kMinute);
    }
    std::vector<std::string> proposals;
    for (const auto& x : said[wi]) {
      auto out = s.run(c::CaptureContribution{w, x.kind, x.point, std::nullopt, x.text, ""},
                       t += 3 * kMinute);
      const auto& captured =
          std::get<d::ev::ContributionCaptured>(out.events.front().event).contribution;
      if (x.kind == d::ContributionKind::propuesta) proposals.push_back(captured.id);
      if (x.kind == d::ContributionKind::pregunta) {
        s.run(c::AnswerQuestion{captured.id,
                                "La servidora pública explicó que se publica en la cartelera "
                                "de la Alcaldía Local y en la página web del Distrito."},
              t += kMinute);
      }
    }
    // A citizen's own proposal from a phone, accepted by the relator.
    auto sent = s.run(
        c::SubmitProposal{w, members[std::min<std::size_t>(7, members.size() - 1)], "p2",
                          std::nullopt,
                          "Que las respuestas a los compromisos se lean también en la radio."},
        t += 2 * kMinute);
    const std::string citizen_proposal =
        std::get<d::ev::ProposalSubmitted>(sent.events.front().event).contribution.id;
    s.run(c::AcceptProposal{citizen_proposal}, t += kMinute);
    proposals.push_back(citizen_proposal);

    s.run(c::OpenVoting{w, 3}, at(event_day, 10, 5));
    t = at(event_day, 10, 6);
    for (std::size_t m = 0; m < members.size(); ++m) {
      for (int dot = 0; dot < 3; ++dot) {
        const std::size_t pick =
            (m * 5 + static_cast<std::size_t>(dot) * 3 + m / 3) % proposals.size();
        s.run(c::CastVote{w, members[m], proposals[(pick * pick + dot) % proposals.size()]},
              t += 2000);
      }
    }
    s.run(c::CloseVoting{w}, at(event_day, 10, 20));
    s.run(
        c::WriteSynthesis{w,
                          "El taller " + std::to_string(wi + 1) +
                              " pidió información más cercana a los barrios y espacios de diálogo "
                              "periódicos; priorizó las propuestas con más puntos."},
        at(event_day, 10, 25));
    s.run(c::FinalizeSynthesis{w}, at(event_day, 10, 28));
  }
  s.run(c::AdvancePhase{d::Phase::plenary}, at(event_day, 10, 30));
  t = at(event_day, 10, 31);
  for (const auto& w : formed) s.run(c::FocusPlenary{w.id}, t += 5 * kMinute);
  s.run(c::FocusPlenary{"all"}, t += 5 * kMinute);
  for (std::size_t i = 0; i < 20; ++i) {
    s.run(c::SubmitEvaluation{"a" + std::to_string(i + 1),
                              {4 + static_cast<int>(i % 2), 3 + static_cast<int>(i % 3),
                               4 + static_cast<int>(i % 2), 3 + static_cast<int>(i % 2)},
                              i % 4 == 0 ? "Buen espacio, ojalá se repita en los barrios." : ""},
          t += kMinute);
  }
  s.run(c::AdvancePhase{d::Phase::commitments}, at(event_day, 11, 15));

  // Answers: commitments for most principal proposals, one not adopted, one referred.
  const auto principal = d::all_principal_proposals(s.state());
  t = at(event_day, 11, 20);
  std::size_t k = 0;
  for (std::size_t i = 0; i < principal.size(); ++i) {
    const std::string& id = principal[i];
    if (s.state().answer_for(id)) continue;
    if (i == 2) {
      s.run(
          c::AnswerProposals{
              {id},
              d::AnswerKind::not_adopted,
              std::nullopt,
              "No hay presupuesto en la vigencia; se reconsiderará en el plan del próximo año.",
              ""},
          t += 2 * kMinute);
      continue;
    }
    if (i == 4) {
      s.run(c::AnswerProposals{{id},
                               d::AnswerKind::referred,
                               std::nullopt,
                               "Es competencia de la Secretaría de Educación Distrital.",
                               "Secretaría de Educación Distrital"},
            t += 2 * kMinute);
      continue;
    }
    ++k;
    const int due_days = k == 1 ? 60 : k == 2 ? 100 : 200 + static_cast<int>(k) * 30;
    d::CommitmentTerms terms{
        s.state().contribution(id)->text,
        "Alcaldía Local Isla del Cascajal",
        k % 2 ? "Oficina de Participación Ciudadana" : "Oficina de Comunicaciones",
        event_day.plus_days(due_days),
        "Acciones realizadas / acciones programadas",
        "100 % de las acciones programadas",
        k % 3 == 0 ? "Barrio Pueblo Nuevo" : "Isla del Cascajal",
        {}};
    // k3 comes in three parts: its progress is the average of theirs.
    if (k == 3) terms.parts = {"Convocatoria", "Jornadas en los barrios", "Informe público"};
    s.run(c::AnswerProposals{{id}, d::AnswerKind::commitment, terms, "", ""}, t += 2 * kMinute);
  }
  s.run(c::AdvancePhase{d::Phase::published}, at(event_day.plus_days(3), 9));
  s.run(c::AdvancePhase{d::Phase::follow_up}, at(event_day.plus_days(10), 9));

  // Progress at the monitoring cuts: k1 fulfilled, k2 overdue (stuck), the rest under way.
  const auto commitments = s.state().commitments;
  for (std::size_t i = 0; i < commitments.size(); ++i) {
    const auto& kid = commitments[i].id;
    const d::Date first = event_day.plus_days(30);
    if (!commitments[i].terms().parts.empty()) {
      s.run(c::ReportProgress{kid, 100, d::ProgressStatus::cumplido,
                              "Convocatoria publicada en la emisora y las juntas.", "", first, 1},
            at(first, 15));
      s.run(c::ReportProgress{kid, 40, d::ProgressStatus::en_ejecucion,
                              "Dos de cinco jornadas realizadas.", "", event_day.plus_days(95), 2},
            at(event_day.plus_days(95), 11));
      continue;
    }
    s.run(c::ReportProgress{kid, 20, d::ProgressStatus::en_ejecucion,
                            "Se conformó el equipo responsable.", "", first},
          at(first, 15));
    if (i == 0) {
      s.run(
          c::ReportProgress{kid, 100, d::ProgressStatus::cumplido, "Acción cumplida y socializada.",
                            "https://example.org/evidencias/cascajal/k1", event_day.plus_days(55)},
          at(event_day.plus_days(55), 16));
    } else if (i >= 2) {
      s.run(c::ReportProgress{kid, 45 + static_cast<int>(i) * 5, d::ProgressStatus::en_ejecucion,
                              "Avance según cronograma.", "", event_day.plus_days(95)},
            at(event_day.plus_days(95), 11));
    }
  }

  // Veeduría: what citizens wrote afterwards (after the last reports: the script never goes back
  // in time). Approved with the office's reply, approved without one yet, one waiting for
  // moderation and one rejected (it named a third person).
  s.run(c::SubmitObservation{"k2",
                             "La emisora comunitaria no ha vuelto a transmitir los avances de la "
                             "gestión desde agosto.",
                             "Veeduría Juvenil del Cascajal"},
        at(event_day.plus_days(98), 19));
  s.run(c::ModerateObservation{"o1", d::ObservationStatus::approved, ""},
        at(event_day.plus_days(99), 9));
  s.run(c::ReplyToObservation{"o1",
                              "La franja mensual vuelve el primer lunes de cada mes; el contrato "
                              "con la emisora se firmó la semana pasada."},
        at(event_day.plus_days(103), 11));
  s.run(c::SubmitObservation{"k1", "Las mesas con jóvenes sí se hicieron y asistimos unas 40 personas.",
                             ""},
        at(event_day.plus_days(105), 20));
  s.run(c::ModerateObservation{"o2", d::ObservationStatus::approved, ""},
        at(event_day.plus_days(106), 8));
  s.run(c::SubmitObservation{"k3", "El señor Pérez de la oficina no contesta el teléfono.", ""},
        at(event_day.plus_days(110), 21));
  s.run(c::ModerateObservation{"o3", d::ObservationStatus::rejected,
                               "Nombra a una persona; puede enviarla sin datos personales."},
        at(event_day.plus_days(111), 9));
  s.run(c::SubmitObservation{"k3",
                             "¿En qué barrios se van a hacer las jornadas que faltan? No hay "
                             "fechas publicadas.",
                             "Junta de Acción Comunal Barrio Pueblo Nuevo"},
        at(event_day.plus_days(120), 18));
}

}  // namespace

int load_demo(EncuentroService& service, domain::Timestamp now) {
  int created = 0;
  if (!service.snapshot("e-itagui-instancias")) {
    upcoming_itagui(service, now, service.utc_offset_minutes());
    ++created;
  }
  if (!service.snapshot("e-cascajal-2026")) {
    held_cascajal(service, now, service.utc_offset_minutes());
    ++created;
  }
  return created;
}

}  // namespace encuentro::app
