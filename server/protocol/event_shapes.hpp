// INTERNAL. The payload shape of every domain event (domain/events.hpp). Events are stored and
// replayed: every field is required (std::optional ones may be null), and the literal `unknown`
// enum value is accepted so the log replays whatever the domain wrote.
#pragma once

#include "domain/events.hpp"
#include "protocol/shapes.hpp"
#include "protocol/wire_shape.hpp"

namespace encuentro::protocol::detail {

namespace ev = ::encuentro::domain::ev;

ENCUENTRO_SHAPE(ev::EncuentroCreated, field("encuentro_id", &S::encuentro_id),
                field("details", &S::details));
ENCUENTRO_SHAPE(ev::DetailsUpdated, field("details", &S::details));
ENCUENTRO_SHAPE(ev::PointAdded, field("point_id", &S::point_id), field("title", &S::title),
                field("description", &S::description));
ENCUENTRO_SHAPE(ev::PointUpdated, field("point_id", &S::point_id), field("title", &S::title),
                field("description", &S::description));
ENCUENTRO_SHAPE(ev::PointRemoved, field("point_id", &S::point_id));
ENCUENTRO_SHAPE(ev::QuestionAdded, field("point_id", &S::point_id),
                field("question_id", &S::question_id), field("text", &S::text));
ENCUENTRO_SHAPE(ev::QuestionUpdated, field("question_id", &S::question_id),
                field("text", &S::text));
ENCUENTRO_SHAPE(ev::QuestionRemoved, field("question_id", &S::question_id));
ENCUENTRO_SHAPE(ev::ConvocationPublished, field("on", &S::on));
ENCUENTRO_SHAPE(ev::Registered, field("registrant", &S::registrant));
ENCUENTRO_SHAPE(ev::CheckedIn, field("participant", &S::participant));
ENCUENTRO_SHAPE(ev::InterpreterRecorded, field("interpreter", &S::interpreter));
ENCUENTRO_SHAPE(ev::FormedWorkshop, field("workshop_id", &S::workshop_id),
                field("number", &S::number), field("members", &S::members),
                field("interpreter_id", &S::interpreter_id));
ENCUENTRO_SHAPE(ev::WorkshopsFormed, field("workshops", &S::workshops));
ENCUENTRO_SHAPE(ev::WorkshopAdded, field("workshop_id", &S::workshop_id),
                field("number", &S::number));
ENCUENTRO_SHAPE(ev::ParticipantMoved, field("participant_id", &S::participant_id),
                field("from_workshop", &S::from_workshop), field("to_workshop", &S::to_workshop));
ENCUENTRO_SHAPE(ev::StaffAssigned, field("workshop_id", &S::workshop_id), field("role", &S::role),
                field("name", &S::name));
ENCUENTRO_SHAPE(ev::PhaseAdvanced, field("from", &S::from), field("to", &S::to));
ENCUENTRO_SHAPE(ev::TimerStarted, field("workshop_id", &S::workshop_id),
                field("minutes", &S::minutes), field("deadline", &S::deadline));
ENCUENTRO_SHAPE(ev::TimerPaused, field("workshop_id", &S::workshop_id),
                field("remaining_ms", &S::remaining_ms));
ENCUENTRO_SHAPE(ev::TimerResumed, field("workshop_id", &S::workshop_id),
                field("deadline", &S::deadline));
ENCUENTRO_SHAPE(ev::TimerExtended, field("workshop_id", &S::workshop_id),
                field("minutes", &S::minutes), field("deadline", &S::deadline),
                field("remaining_ms", &S::remaining_ms));
ENCUENTRO_SHAPE(ev::CurrentQuestionSet, field("workshop_id", &S::workshop_id),
                field("question_id", &S::question_id));
ENCUENTRO_SHAPE(ev::HandRaised, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id));
ENCUENTRO_SHAPE(ev::HandLowered, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id));
ENCUENTRO_SHAPE(ev::FloorGiven, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id));
ENCUENTRO_SHAPE(ev::ContributionCaptured, field("contribution", &S::contribution));
ENCUENTRO_SHAPE(ev::ContributionEdited, field("contribution_id", &S::contribution_id),
                field("point_id", &S::point_id), field("question_id", &S::question_id),
                field("text", &S::text), field("author", &S::author));
ENCUENTRO_SHAPE(ev::ContributionKindChanged, field("contribution_id", &S::contribution_id),
                field("kind", &S::kind));
ENCUENTRO_SHAPE(ev::ContributionsMerged, field("into_id", &S::into_id),
                field("from_ids", &S::from_ids));
ENCUENTRO_SHAPE(ev::QuestionAnswered, field("contribution_id", &S::contribution_id),
                field("answer", &S::answer));
ENCUENTRO_SHAPE(ev::ProposalSubmitted, field("contribution", &S::contribution));
ENCUENTRO_SHAPE(ev::ProposalAccepted, field("contribution_id", &S::contribution_id));
ENCUENTRO_SHAPE(ev::ProposalDeclined, field("contribution_id", &S::contribution_id),
                field("reason", &S::reason));
ENCUENTRO_SHAPE(ev::VotingOpened, field("workshop_id", &S::workshop_id),
                field("dots_per_person", &S::dots_per_person));
ENCUENTRO_SHAPE(ev::VoteCast, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id),
                field("contribution_id", &S::contribution_id));
ENCUENTRO_SHAPE(ev::VoteRetracted, field("workshop_id", &S::workshop_id),
                field("participant_id", &S::participant_id),
                field("contribution_id", &S::contribution_id));
ENCUENTRO_SHAPE(ev::HandCountRecorded, field("workshop_id", &S::workshop_id),
                field("contribution_id", &S::contribution_id), field("count", &S::count));
ENCUENTRO_SHAPE(ev::VotingClosed, field("workshop_id", &S::workshop_id),
                field("principal_ids", &S::principal_ids));
ENCUENTRO_SHAPE(ev::PrincipalProposalsSet, field("workshop_id", &S::workshop_id),
                field("contribution_ids", &S::contribution_ids));
ENCUENTRO_SHAPE(ev::SynthesisWritten, field("workshop_id", &S::workshop_id),
                field("text", &S::text));
ENCUENTRO_SHAPE(ev::SynthesisFinalized, field("workshop_id", &S::workshop_id));
ENCUENTRO_SHAPE(ev::PlenaryFocused, field("target", &S::target));
ENCUENTRO_SHAPE(ev::ProposalsAnswered, field("answer", &S::answer),
                field("commitment", &S::commitment));
ENCUENTRO_SHAPE(ev::CommitmentRevised, field("commitment_id", &S::commitment_id),
                field("version", &S::version));
ENCUENTRO_SHAPE(ev::ProgressReported, field("report", &S::report));
ENCUENTRO_SHAPE(ev::EvaluationSubmitted, field("evaluation", &S::evaluation));
ENCUENTRO_SHAPE(ev::ObservationSubmitted, field("observation", &S::observation));
ENCUENTRO_SHAPE(ev::ObservationModerated, field("observation_id", &S::observation_id),
                field("decision", &S::decision), field("reason", &S::reason));
ENCUENTRO_SHAPE(ev::ObservationReplied, field("observation_id", &S::observation_id),
                field("text", &S::text));
ENCUENTRO_SHAPE(ev::PersonalDataErased);

}  // namespace encuentro::protocol::detail
