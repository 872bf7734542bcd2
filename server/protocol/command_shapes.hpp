// INTERNAL. The field shape of every command (domain/commands.hpp) as a client sends it.
// Commands come from outside: decoding refuses `unknown` enum values and unknown fields.
// `omittable` fields may be left out (or null) and keep their default ("" / false / 0 / empty).
#pragma once

#include "domain/commands.hpp"
#include "protocol/shapes.hpp"
#include "protocol/wire_shape.hpp"

namespace encuentro::protocol::detail {

namespace cmd = ::encuentro::domain::cmd;

// Planning and convocation.
// `encuentro_id` and `code` are random values the server makes (commands.hpp): a client may omit
// them, and the app must overwrite whatever a client sends before deciding.
ENCUENTRO_SHAPE(cmd::CreateEncuentro, omittable("encuentro_id", &S::encuentro_id),
                field("details", &S::details));
ENCUENTRO_SHAPE(cmd::UpdateDetails, field("details", &S::details));
ENCUENTRO_SHAPE(cmd::AddPoint, field("title", &S::title),
                omittable("description", &S::description));
ENCUENTRO_SHAPE(cmd::UpdatePoint, field("point_id", &S::point_id), field("title", &S::title),
                omittable("description", &S::description));
ENCUENTRO_SHAPE(cmd::RemovePoint, field("point_id", &S::point_id));
ENCUENTRO_SHAPE(cmd::AddQuestion, field("point_id", &S::point_id), field("text", &S::text));
ENCUENTRO_SHAPE(cmd::UpdateQuestion, field("question_id", &S::question_id),
                field("text", &S::text));
ENCUENTRO_SHAPE(cmd::RemoveQuestion, field("question_id", &S::question_id));
ENCUENTRO_SHAPE(cmd::PublishConvocation);
ENCUENTRO_SHAPE(cmd::Register, omittable("code", &S::code), field("name", &S::name),
                omittable("contact", &S::contact), field("territory", &S::territory),
                field("value_group", &S::value_group), omittable("organisation", &S::organisation),
                omittable("needs", &S::needs), field("data_consent", &S::data_consent));

// Accreditation and workshops.
ENCUENTRO_SHAPE(cmd::CheckIn, field("registrant_id", &S::registrant_id));
ENCUENTRO_SHAPE(cmd::CheckInWalkIn, field("name", &S::name), field("territory", &S::territory),
                field("value_group", &S::value_group), omittable("needs", &S::needs),
                field("data_consent", &S::data_consent));
ENCUENTRO_SHAPE(cmd::RecordInterpreter, field("name", &S::name), field("kind", &S::kind));
ENCUENTRO_SHAPE(cmd::FormWorkshops);
ENCUENTRO_SHAPE(cmd::MoveParticipant, field("participant_id", &S::participant_id),
                field("workshop_id", &S::workshop_id));
ENCUENTRO_SHAPE(cmd::AssignStaff, field("workshop_id", &S::workshop_id), field("role", &S::role),
                field("name", &S::name));
ENCUENTRO_SHAPE(cmd::AdvancePhase, field("to", &S::to));

// Workshops.
ENCUENTRO_SHAPE(cmd::StartTimer, field("workshop_id", &S::workshop_id),
                field("minutes", &S::minutes));
ENCUENTRO_SHAPE(cmd::PauseTimer, field("workshop_id", &S::workshop_id));
ENCUENTRO_SHAPE(cmd::ResumeTimer, field("workshop_id", &S::workshop_id));
ENCUENTRO_SHAPE(cmd::ExtendTimer, field("workshop_id", &S::workshop_id),
                field("minutes", &S::minutes));
ENCUENTRO_SHAPE(cmd::SetCurrentQuestion, field("workshop_id", &S::workshop_id),
                field("question_id", &S::question_id));
ENCUENTRO_SHAPE(cmd::RaiseHand, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id));
ENCUENTRO_SHAPE(cmd::LowerHand, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id));
ENCUENTRO_SHAPE(cmd::GiveFloor, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id));
ENCUENTRO_SHAPE(cmd::CaptureContribution, field("workshop_id", &S::workshop_id),
                field("kind", &S::kind), field("point_id", &S::point_id),
                omittable("question_id", &S::question_id), field("text", &S::text),
                omittable("author", &S::author));
ENCUENTRO_SHAPE(cmd::EditContribution, field("contribution_id", &S::contribution_id),
                field("point_id", &S::point_id), omittable("question_id", &S::question_id),
                field("text", &S::text), omittable("author", &S::author));
ENCUENTRO_SHAPE(cmd::ChangeKind, field("contribution_id", &S::contribution_id),
                field("kind", &S::kind));
ENCUENTRO_SHAPE(cmd::MergeContributions, field("into_id", &S::into_id),
                field("from_ids", &S::from_ids));
ENCUENTRO_SHAPE(cmd::AnswerQuestion, field("contribution_id", &S::contribution_id),
                field("answer", &S::answer));
ENCUENTRO_SHAPE(cmd::SubmitProposal, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id), field("point_id", &S::point_id),
                omittable("question_id", &S::question_id), field("text", &S::text));
ENCUENTRO_SHAPE(cmd::AcceptProposal, field("contribution_id", &S::contribution_id));
ENCUENTRO_SHAPE(cmd::DeclineProposal, field("contribution_id", &S::contribution_id),
                omittable("reason", &S::reason));
// dots_per_person 0 (or left out): the policy's default.
ENCUENTRO_SHAPE(cmd::OpenVoting, field("workshop_id", &S::workshop_id),
                omittable("dots_per_person", &S::dots_per_person));
ENCUENTRO_SHAPE(cmd::CastVote, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id),
                field("contribution_id", &S::contribution_id));
ENCUENTRO_SHAPE(cmd::RetractVote, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id),
                field("contribution_id", &S::contribution_id));
ENCUENTRO_SHAPE(cmd::RecordHandCount, field("workshop_id", &S::workshop_id),
                field("contribution_id", &S::contribution_id), field("count", &S::count));
ENCUENTRO_SHAPE(cmd::CloseVoting, field("workshop_id", &S::workshop_id));
ENCUENTRO_SHAPE(cmd::SetPrincipalProposals, field("workshop_id", &S::workshop_id),
                field("contribution_ids", &S::contribution_ids));
ENCUENTRO_SHAPE(cmd::WriteSynthesis, field("workshop_id", &S::workshop_id),
                field("text", &S::text));
ENCUENTRO_SHAPE(cmd::FinalizeSynthesis, field("workshop_id", &S::workshop_id));

// Plenary, commitments, publication, follow-up.
ENCUENTRO_SHAPE(cmd::FocusPlenary, field("target", &S::target));
ENCUENTRO_SHAPE(cmd::AnswerProposals, field("proposal_ids", &S::proposal_ids),
                field("kind", &S::kind), omittable("terms", &S::terms),
                omittable("reason", &S::reason), omittable("referred_to", &S::referred_to));
ENCUENTRO_SHAPE(cmd::ReviseCommitment, field("commitment_id", &S::commitment_id),
                field("terms", &S::terms), omittable("reason", &S::reason));
ENCUENTRO_SHAPE(cmd::ReportProgress, field("commitment_id", &S::commitment_id),
                field("percent", &S::percent), field("status", &S::status),
                omittable("note", &S::note), omittable("evidence_url", &S::evidence_url),
                field("as_of", &S::as_of), omittable("part", &S::part));
ENCUENTRO_SHAPE(cmd::SubmitEvaluation, field("participant_id", &S::participant_id),
                field("ratings", &S::ratings), omittable("comment", &S::comment));
ENCUENTRO_SHAPE(cmd::SubmitObservation, field("commitment_id", &S::commitment_id),
                field("text", &S::text), omittable("alias", &S::alias));
ENCUENTRO_SHAPE(cmd::ModerateObservation, field("observation_id", &S::observation_id),
                field("decision", &S::decision), omittable("reason", &S::reason));
ENCUENTRO_SHAPE(cmd::ReplyToObservation, field("observation_id", &S::observation_id),
                field("text", &S::text));
ENCUENTRO_SHAPE(cmd::ErasePersonalData);

}  // namespace encuentro::protocol::detail
