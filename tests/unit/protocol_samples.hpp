// Sample values of every event, command and record, and a rich state with something of
// everything: shared by the codec's round trips (codec_test.cpp) and the samples the JSON Schema
// validator checks (json_schema_test.cpp, tests/protocol/validate_messages.py).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "domain/commands.hpp"
#include "domain/encuentro.hpp"
#include "domain/events.hpp"

namespace encuentro::testing {

namespace d = encuentro::domain;
namespace ev = encuentro::domain::ev;
namespace cmd = encuentro::domain::cmd;

template <class T>
using Tag = std::type_identity<T>;

// ---- Sample values -----------------------------------------------------------------------------
// Every field of every sample differs from its default (codec_test.cpp checks it), so a field the
// codec failed to carry would come back as its default and fail the round trip.

inline constexpr d::Timestamp kAt = 1'795'359'600'000;  // 2026-11-22 15:00 UTC

inline d::Accessibility sample_needs() {
  return {true, true, "rampa y letra grande"};
}

inline d::EncuentroDetails sample_details() {
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

inline d::Registrant sample_registrant() {
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

inline d::Participant sample_participant() {
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

inline d::Contribution sample_contribution() {
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

inline d::CommitmentTerms sample_terms(int n) {
  d::CommitmentTerms t;
  t.what = "Construir 2 km de ciclorruta (v" + std::to_string(n) + ")";
  t.entity = "Alcaldía de Bello";
  t.office = "Secretaría de Movilidad";
  t.due_date = d::Date::from_ymd(2027, 6, 30 - n);
  t.indicator = "km construidos";
  t.goal = std::to_string(n + 1) + " km";
  t.territory = "Comuna " + std::to_string(n);
  t.parts = {"Diseños", "Obra"};
  return t;
}

inline d::CommitmentVersion sample_version(int n) {
  return {n, sample_terms(n), kAt + n, n == 1 ? "" : "Ajuste presupuestal"};
}

inline d::Commitment sample_commitment() {
  return {"k3", {"c41", "c44"}, {sample_version(1), sample_version(2)}};
}

inline d::Answer sample_answer() {
  return {"ans2",
          {"c41", "c44"},
          d::AnswerKind::referred,
          "k3",
          "Competencia departamental",
          "Gobernación de Antioquia",
          kAt + 30};
}

inline d::ProgressReport sample_report() {
  return {"g5",
          "k3",
          40,
          d::ProgressStatus::en_ejecucion,
          "Obra iniciada",
          "https://bello.gov.co/avance/g5",
          d::Date::from_ymd(2027, 3, 31),
          kAt + 40,
          2};
}

inline d::Evaluation sample_evaluation() {
  return {"a7", {5, 4, 3, 2}, "Muy bien organizado", kAt + 50};
}

// Events.
inline ev::EncuentroCreated sample(Tag<ev::EncuentroCreated>) {
  return {"e-7f3a", sample_details()};
}
inline ev::DetailsUpdated sample(Tag<ev::DetailsUpdated>) {
  return {sample_details()};
}
inline ev::PointAdded sample(Tag<ev::PointAdded>) {
  return {"p2", "Movilidad", "Ciclorrutas y buses"};
}
inline ev::PointUpdated sample(Tag<ev::PointUpdated>) {
  return {"p2", "Movilidad segura", "Vías"};
}
inline ev::PointRemoved sample(Tag<ev::PointRemoved>) {
  return {"p3"};
}
inline ev::QuestionAdded sample(Tag<ev::QuestionAdded>) {
  return {"p2", "q3", "¿Qué priorizar?"};
}
inline ev::QuestionUpdated sample(Tag<ev::QuestionUpdated>) {
  return {"q3", "¿Qué priorizar primero?"};
}
inline ev::QuestionRemoved sample(Tag<ev::QuestionRemoved>) {
  return {"q4"};
}
inline ev::ConvocationPublished sample(Tag<ev::ConvocationPublished>) {
  return {d::Date::from_ymd(2026, 11, 20)};
}
inline ev::Registered sample(Tag<ev::Registered>) {
  return {sample_registrant()};
}
inline ev::CheckedIn sample(Tag<ev::CheckedIn>) {
  return {sample_participant()};
}
inline ev::InterpreterRecorded sample(Tag<ev::InterpreterRecorded>) {
  return {{"i1", "Ana Ruiz", d::InterpreterKind::guide, "w1"}};
}
inline ev::WorkshopsFormed sample(Tag<ev::WorkshopsFormed>) {
  return {{{"w1", 1, {"a1", "a2"}, "i1"}, {"w2", 2, {"a3"}, std::nullopt}}};
}
inline ev::WorkshopAdded sample(Tag<ev::WorkshopAdded>) {
  return {"w3", 3};
}
inline ev::ParticipantMoved sample(Tag<ev::ParticipantMoved>) {
  return {"a7", "w1", "w2"};
}
inline ev::StaffAssigned sample(Tag<ev::StaffAssigned>) {
  return {"w2", d::StaffRole::servant, "Ing. Pérez"};
}
inline ev::PhaseAdvanced sample(Tag<ev::PhaseAdvanced>) {
  return {d::Phase::published, d::Phase::follow_up};
}
inline ev::TimerStarted sample(Tag<ev::TimerStarted>) {
  return {"w2", 75, kAt + 75 * 60'000};
}
inline ev::TimerPaused sample(Tag<ev::TimerPaused>) {
  return {"w2", 1'234'567};
}
inline ev::TimerResumed sample(Tag<ev::TimerResumed>) {
  return {"w2", kAt + 99};
}
inline ev::TimerExtended sample(Tag<ev::TimerExtended>) {
  return {"w2", 15, kAt + 5, 600'000};
}
inline ev::CurrentQuestionSet sample(Tag<ev::CurrentQuestionSet>) {
  return {"w2", "q3"};
}
inline ev::HandRaised sample(Tag<ev::HandRaised>) {
  return {"w2", "a7"};
}
inline ev::HandLowered sample(Tag<ev::HandLowered>) {
  return {"w2", "a8"};
}
inline ev::FloorGiven sample(Tag<ev::FloorGiven>) {
  return {"w2", "a9"};
}
inline ev::ContributionCaptured sample(Tag<ev::ContributionCaptured>) {
  return {sample_contribution()};
}
inline ev::ContributionEdited sample(Tag<ev::ContributionEdited>) {
  return {"c41", "p1", "q1", "Texto corregido", "Anónimo"};
}
inline ev::ContributionKindChanged sample(Tag<ev::ContributionKindChanged>) {
  return {"c41", d::ContributionKind::queja};
}
inline ev::ContributionsMerged sample(Tag<ev::ContributionsMerged>) {
  return {"c40", {"c41", "c42"}};
}
inline ev::QuestionAnswered sample(Tag<ev::QuestionAnswered>) {
  return {"c41", "En junio"};
}
inline ev::ProposalSubmitted sample(Tag<ev::ProposalSubmitted>) {
  return {sample_contribution()};
}
inline ev::ProposalAccepted sample(Tag<ev::ProposalAccepted>) {
  return {"c45"};
}
inline ev::ProposalDeclined sample(Tag<ev::ProposalDeclined>) {
  return {"c46", "Fuera del tema"};
}
inline ev::VotingOpened sample(Tag<ev::VotingOpened>) {
  return {"w2", 5};
}
inline ev::VoteCast sample(Tag<ev::VoteCast>) {
  return {"w2", "a7", "c41"};
}
inline ev::VoteRetracted sample(Tag<ev::VoteRetracted>) {
  return {"w2", "a7", "c42"};
}
inline ev::HandCountRecorded sample(Tag<ev::HandCountRecorded>) {
  return {"w2", "c41", 17};
}
inline ev::VotingClosed sample(Tag<ev::VotingClosed>) {
  return {"w2", {"c41", "c44", "c40"}};
}
inline ev::PrincipalProposalsSet sample(Tag<ev::PrincipalProposalsSet>) {
  return {"w2", {"c44", "c41"}};
}
inline ev::SynthesisWritten sample(Tag<ev::SynthesisWritten>) {
  return {"w2", "El taller pidió…"};
}
inline ev::SynthesisFinalized sample(Tag<ev::SynthesisFinalized>) {
  return {"w2"};
}
inline ev::PlenaryFocused sample(Tag<ev::PlenaryFocused>) {
  return {"all"};
}
inline ev::ProposalsAnswered sample(Tag<ev::ProposalsAnswered>) {
  return {sample_answer(), sample_commitment()};
}
inline ev::CommitmentRevised sample(Tag<ev::CommitmentRevised>) {
  return {"k3", sample_version(2)};
}
inline ev::ProgressReported sample(Tag<ev::ProgressReported>) {
  return {sample_report()};
}
inline ev::EvaluationSubmitted sample(Tag<ev::EvaluationSubmitted>) {
  return {sample_evaluation()};
}
// Every field away from its default (the codec test's rule), though a new observation is pending.
inline d::Observation sample_observation() {
  return d::Observation{"o2",
                        "k3",
                        "La obra está quieta desde marzo",
                        "Vecina del barrio",
                        1'780'000'000'000,
                        d::ObservationStatus::approved,
                        "Revisada",
                        d::ObservationReply{"Se reanuda en abril.", 1'780'100'000'000}};
}
inline ev::ObservationSubmitted sample(Tag<ev::ObservationSubmitted>) {
  return {sample_observation()};
}
inline ev::ObservationModerated sample(Tag<ev::ObservationModerated>) {
  return {"o2", d::ObservationStatus::rejected, "Datos personales de un tercero"};
}
inline ev::ObservationReplied sample(Tag<ev::ObservationReplied>) {
  return {"o2", "La obra se reanuda el 15 de abril."};
}
inline ev::PersonalDataErased sample(Tag<ev::PersonalDataErased>) {
  return {};
}

// Commands.
inline cmd::CreateEncuentro sample(Tag<cmd::CreateEncuentro>) {
  return {"e-7f3a", sample_details()};
}
inline cmd::UpdateDetails sample(Tag<cmd::UpdateDetails>) {
  return {sample_details()};
}
inline cmd::AddPoint sample(Tag<cmd::AddPoint>) {
  return {"Movilidad", "Ciclorrutas"};
}
inline cmd::UpdatePoint sample(Tag<cmd::UpdatePoint>) {
  return {"p2", "Movilidad segura", "Vías"};
}
inline cmd::RemovePoint sample(Tag<cmd::RemovePoint>) {
  return {"p3"};
}
inline cmd::AddQuestion sample(Tag<cmd::AddQuestion>) {
  return {"p2", "¿Qué priorizar?"};
}
inline cmd::UpdateQuestion sample(Tag<cmd::UpdateQuestion>) {
  return {"q3", "¿Qué primero?"};
}
inline cmd::RemoveQuestion sample(Tag<cmd::RemoveQuestion>) {
  return {"q4"};
}
inline cmd::PublishConvocation sample(Tag<cmd::PublishConvocation>) {
  return {};
}
inline cmd::Register sample(Tag<cmd::Register>) {
  return {"K7Q-2MX",
          "Luz Marina Gómez",
          "luz@example.org",
          "Comuna 4",
          d::ValueGroup::victimas,
          "JAC Niquía",
          sample_needs(),
          true};
}
inline cmd::CheckIn sample(Tag<cmd::CheckIn>) {
  return {"r12"};
}
inline cmd::CheckInWalkIn sample(Tag<cmd::CheckInWalkIn>) {
  return {"Pedro Ruiz", "Vereda El Tambo", d::ValueGroup::campesino, sample_needs(), true};
}
inline cmd::RecordInterpreter sample(Tag<cmd::RecordInterpreter>) {
  return {"Ana Ruiz", d::InterpreterKind::lsc};
}
inline cmd::FormWorkshops sample(Tag<cmd::FormWorkshops>) {
  return {};
}
inline cmd::MoveParticipant sample(Tag<cmd::MoveParticipant>) {
  return {"a7", "w3"};
}
inline cmd::AssignStaff sample(Tag<cmd::AssignStaff>) {
  return {"w2", d::StaffRole::facilitator, "Marta Díaz"};
}
inline cmd::AdvancePhase sample(Tag<cmd::AdvancePhase>) {
  return {d::Phase::follow_up};
}
inline cmd::StartTimer sample(Tag<cmd::StartTimer>) {
  return {"w2", 75};
}
inline cmd::PauseTimer sample(Tag<cmd::PauseTimer>) {
  return {"w2"};
}
inline cmd::ResumeTimer sample(Tag<cmd::ResumeTimer>) {
  return {"w2"};
}
inline cmd::ExtendTimer sample(Tag<cmd::ExtendTimer>) {
  return {"w2", 10};
}
inline cmd::SetCurrentQuestion sample(Tag<cmd::SetCurrentQuestion>) {
  return {"w2", "q3"};
}
inline cmd::RaiseHand sample(Tag<cmd::RaiseHand>) {
  return {"w2", "a7"};
}
inline cmd::LowerHand sample(Tag<cmd::LowerHand>) {
  return {"w2", "a8"};
}
inline cmd::GiveFloor sample(Tag<cmd::GiveFloor>) {
  return {"w2", "a9"};
}
inline cmd::CaptureContribution sample(Tag<cmd::CaptureContribution>) {
  return {"w2", d::ContributionKind::propuesta, "p2", "q3", "Más buses nocturnos", "Doña Rosa"};
}
inline cmd::EditContribution sample(Tag<cmd::EditContribution>) {
  return {"c41", "p1", "q1", "Texto corregido", "Anónimo"};
}
inline cmd::ChangeKind sample(Tag<cmd::ChangeKind>) {
  return {"c41", d::ContributionKind::observacion};
}
inline cmd::MergeContributions sample(Tag<cmd::MergeContributions>) {
  return {"c40", {"c41", "c42"}};
}
inline cmd::AnswerQuestion sample(Tag<cmd::AnswerQuestion>) {
  return {"c41", "En junio"};
}
inline cmd::SubmitProposal sample(Tag<cmd::SubmitProposal>) {
  return {"w2", "a7", "p2", "q3", "Semáforo en la 50"};
}
inline cmd::AcceptProposal sample(Tag<cmd::AcceptProposal>) {
  return {"c45"};
}
inline cmd::DeclineProposal sample(Tag<cmd::DeclineProposal>) {
  return {"c46", "Fuera del tema"};
}
inline cmd::OpenVoting sample(Tag<cmd::OpenVoting>) {
  return {"w2", 4};
}
inline cmd::CastVote sample(Tag<cmd::CastVote>) {
  return {"w2", "a7", "c41"};
}
inline cmd::RetractVote sample(Tag<cmd::RetractVote>) {
  return {"w2", "a7", "c42"};
}
inline cmd::RecordHandCount sample(Tag<cmd::RecordHandCount>) {
  return {"w2", "c41", 17};
}
inline cmd::CloseVoting sample(Tag<cmd::CloseVoting>) {
  return {"w2"};
}
inline cmd::SetPrincipalProposals sample(Tag<cmd::SetPrincipalProposals>) {
  return {"w2", {"c44", "c41"}};
}
inline cmd::WriteSynthesis sample(Tag<cmd::WriteSynthesis>) {
  return {"w2", "El taller pidió…"};
}
inline cmd::FinalizeSynthesis sample(Tag<cmd::FinalizeSynthesis>) {
  return {"w2"};
}
inline cmd::FocusPlenary sample(Tag<cmd::FocusPlenary>) {
  return {"w1"};
}
inline cmd::AnswerProposals sample(Tag<cmd::AnswerProposals>) {
  return {{"c41", "c44"}, d::AnswerKind::commitment, sample_terms(1), "Viable", "Nadie"};
}
inline cmd::ReviseCommitment sample(Tag<cmd::ReviseCommitment>) {
  return {"k3", sample_terms(2), "Ajuste presupuestal"};
}
inline cmd::ReportProgress sample(Tag<cmd::ReportProgress>) {
  return {"k3",
          40,
          d::ProgressStatus::en_ejecucion,
          "Obra iniciada",
          "https://x.co/g5",
          d::Date::from_ymd(2027, 3, 31),
          2};
}
inline cmd::SubmitEvaluation sample(Tag<cmd::SubmitEvaluation>) {
  return {"a7", {5, 4, 3, 2}, "Muy bien"};
}
inline cmd::SubmitObservation sample(Tag<cmd::SubmitObservation>) {
  return {"k3", "¿Cuándo empieza la obra?", "Veeduría Barrio Sur"};
}
inline cmd::ModerateObservation sample(Tag<cmd::ModerateObservation>) {
  return {"o2", d::ObservationStatus::rejected, "Nombra a un tercero"};
}
inline cmd::ReplyToObservation sample(Tag<cmd::ReplyToObservation>) {
  return {"o2", "En abril, con el contrato firmado."};
}
inline cmd::ErasePersonalData sample(Tag<cmd::ErasePersonalData>) {
  return {};
}

// Calls f(Tag<Alternative>{}) for every alternative of Variant, in order. A new alternative
// without a sample() overload does not compile.
template <class Variant, class F>
inline void for_each_alternative(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(Tag<std::variant_alternative_t<I, Variant>>{}), ...);
  }
  (std::make_index_sequence<std::variant_size_v<Variant>>{});
}

// ---- A rich state: something of everything -----------------------------------------------------

inline d::Encuentro rich_state() {
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
  d::Observation pending = sample_observation();
  pending.id = "o3";
  pending.status = d::ObservationStatus::pending;
  pending.reason.clear();
  pending.reply.reset();
  e.observations = {sample_observation(), pending};
  e.personal_data_erased_at = 1'780'200'000'000;
  e.question_counter = 4;
  e.point_counter = 3;
  return e;
}

}  // namespace encuentro::testing
