// Domain events: what has happened to an encuentro. They carry everything apply() needs, so the
// fold never re-checks a rule and never needs a clock; the envelope (Recorded) gives seq, time
// and actor, which is also the audit trail ("who and when") of every change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/types.hpp"

namespace encuentro::domain::ev {

struct EncuentroCreated {
  std::string encuentro_id;
  EncuentroDetails details;
  friend bool operator==(const EncuentroCreated&, const EncuentroCreated&) = default;
};
struct DetailsUpdated {
  EncuentroDetails details;
  friend bool operator==(const DetailsUpdated&, const DetailsUpdated&) = default;
};
struct PointAdded {
  std::string point_id;
  std::string title;
  std::string description;
  friend bool operator==(const PointAdded&, const PointAdded&) = default;
};
struct PointUpdated {
  std::string point_id;
  std::string title;
  std::string description;
  friend bool operator==(const PointUpdated&, const PointUpdated&) = default;
};
struct PointRemoved {
  std::string point_id;
  friend bool operator==(const PointRemoved&, const PointRemoved&) = default;
};
struct QuestionAdded {
  std::string point_id;
  std::string question_id;
  std::string text;
  friend bool operator==(const QuestionAdded&, const QuestionAdded&) = default;
};
struct QuestionUpdated {
  std::string question_id;
  std::string text;
  friend bool operator==(const QuestionUpdated&, const QuestionUpdated&) = default;
};
struct QuestionRemoved {
  std::string question_id;
  friend bool operator==(const QuestionRemoved&, const QuestionRemoved&) = default;
};
struct ConvocationPublished {
  Date on;
  friend bool operator==(const ConvocationPublished&, const ConvocationPublished&) = default;
};
struct Registered {
  Registrant registrant;
  friend bool operator==(const Registered&, const Registered&) = default;
};
struct CheckedIn {
  Participant participant;
  friend bool operator==(const CheckedIn&, const CheckedIn&) = default;
};
struct InterpreterRecorded {
  Interpreter interpreter;
  friend bool operator==(const InterpreterRecorded&, const InterpreterRecorded&) = default;
};
struct FormedWorkshop {
  std::string workshop_id;
  int number = 0;
  std::vector<std::string> members;
  std::optional<std::string> interpreter_id;
  friend bool operator==(const FormedWorkshop&, const FormedWorkshop&) = default;
};
struct WorkshopsFormed {
  std::vector<FormedWorkshop> workshops;
  friend bool operator==(const WorkshopsFormed&, const WorkshopsFormed&) = default;
};
struct WorkshopAdded {
  std::string workshop_id;
  int number = 0;
  friend bool operator==(const WorkshopAdded&, const WorkshopAdded&) = default;
};  // overflow for late arrivals
struct ParticipantMoved {
  std::string participant_id;
  std::string from_workshop;
  std::string to_workshop;
  friend bool operator==(const ParticipantMoved&, const ParticipantMoved&) = default;
};
struct StaffAssigned {
  std::string workshop_id;
  StaffRole role = StaffRole::unknown;
  std::string name;
  friend bool operator==(const StaffAssigned&, const StaffAssigned&) = default;
};
struct PhaseAdvanced {
  Phase from = Phase::unknown;
  Phase to = Phase::unknown;
  friend bool operator==(const PhaseAdvanced&, const PhaseAdvanced&) = default;
};
struct TimerStarted {
  std::string workshop_id;
  int minutes = 0;
  Timestamp deadline = 0;
  friend bool operator==(const TimerStarted&, const TimerStarted&) = default;
};
struct TimerPaused {
  std::string workshop_id;
  Timestamp remaining_ms = 0;
  friend bool operator==(const TimerPaused&, const TimerPaused&) = default;
};
struct TimerResumed {
  std::string workshop_id;
  Timestamp deadline = 0;
  friend bool operator==(const TimerResumed&, const TimerResumed&) = default;
};
struct TimerExtended {
  std::string workshop_id;
  int minutes = 0;
  Timestamp deadline = 0;      // when running
  Timestamp remaining_ms = 0;  // when paused
  friend bool operator==(const TimerExtended&, const TimerExtended&) = default;
};
struct CurrentQuestionSet {
  std::string workshop_id;
  std::string question_id;
  friend bool operator==(const CurrentQuestionSet&, const CurrentQuestionSet&) = default;
};
struct HandRaised {
  std::string workshop_id;
  std::string participant_id;
  friend bool operator==(const HandRaised&, const HandRaised&) = default;
};
struct HandLowered {
  std::string workshop_id;
  std::string participant_id;
  friend bool operator==(const HandLowered&, const HandLowered&) = default;
};
struct FloorGiven {
  std::string workshop_id;
  std::string participant_id;
  friend bool operator==(const FloorGiven&, const FloorGiven&) = default;
};
struct ContributionCaptured {
  Contribution contribution;
  friend bool operator==(const ContributionCaptured&, const ContributionCaptured&) = default;
};
struct ContributionEdited {
  std::string contribution_id;
  std::string point_id;
  std::optional<std::string> question_id;
  std::string text;
  std::string author;
  friend bool operator==(const ContributionEdited&, const ContributionEdited&) = default;
};
struct ContributionKindChanged {
  std::string contribution_id;
  ContributionKind kind = ContributionKind::unknown;
  friend bool operator==(const ContributionKindChanged&, const ContributionKindChanged&) = default;
};
struct ContributionsMerged {
  std::string into_id;
  std::vector<std::string> from_ids;
  friend bool operator==(const ContributionsMerged&, const ContributionsMerged&) = default;
};
struct QuestionAnswered {
  std::string contribution_id;
  std::string answer;
  friend bool operator==(const QuestionAnswered&, const QuestionAnswered&) = default;
};
struct ProposalSubmitted {
  Contribution contribution;
  friend bool operator==(const ProposalSubmitted&, const ProposalSubmitted&) = default;
};
struct ProposalAccepted {
  std::string contribution_id;
  friend bool operator==(const ProposalAccepted&, const ProposalAccepted&) = default;
};
struct ProposalDeclined {
  std::string contribution_id;
  std::string reason;
  friend bool operator==(const ProposalDeclined&, const ProposalDeclined&) = default;
};
struct VotingOpened {
  std::string workshop_id;
  int dots_per_person = 0;
  friend bool operator==(const VotingOpened&, const VotingOpened&) = default;
};
struct VoteCast {
  std::string workshop_id;
  std::string participant_id;
  std::string contribution_id;
  friend bool operator==(const VoteCast&, const VoteCast&) = default;
};
struct VoteRetracted {
  std::string workshop_id;
  std::string participant_id;
  std::string contribution_id;
  friend bool operator==(const VoteRetracted&, const VoteRetracted&) = default;
};
struct HandCountRecorded {
  std::string workshop_id;
  std::string contribution_id;
  int count = 0;
  friend bool operator==(const HandCountRecorded&, const HandCountRecorded&) = default;
};
struct VotingClosed {
  std::string workshop_id;
  std::vector<std::string> principal_ids;
  friend bool operator==(const VotingClosed&, const VotingClosed&) = default;
};
struct PrincipalProposalsSet {
  std::string workshop_id;
  std::vector<std::string> contribution_ids;
  friend bool operator==(const PrincipalProposalsSet&, const PrincipalProposalsSet&) = default;
};
struct SynthesisWritten {
  std::string workshop_id;
  std::string text;
  friend bool operator==(const SynthesisWritten&, const SynthesisWritten&) = default;
};
struct SynthesisFinalized {
  std::string workshop_id;
  friend bool operator==(const SynthesisFinalized&, const SynthesisFinalized&) = default;
};
struct PlenaryFocused {
  std::string target;
  friend bool operator==(const PlenaryFocused&, const PlenaryFocused&) = default;
};
struct ProposalsAnswered {
  Answer answer;
  std::optional<Commitment> commitment;
  friend bool operator==(const ProposalsAnswered&, const ProposalsAnswered&) = default;
};
struct CommitmentRevised {
  std::string commitment_id;
  CommitmentVersion version;
  friend bool operator==(const CommitmentRevised&, const CommitmentRevised&) = default;
};
struct ProgressReported {
  ProgressReport report;
  friend bool operator==(const ProgressReported&, const ProgressReported&) = default;
};
struct EvaluationSubmitted {
  Evaluation evaluation;
  friend bool operator==(const EvaluationSubmitted&, const EvaluationSubmitted&) = default;
};

struct ObservationSubmitted {
  Observation observation;
  friend bool operator==(const ObservationSubmitted&, const ObservationSubmitted&) = default;
};
struct ObservationModerated {
  std::string observation_id;
  ObservationStatus decision = ObservationStatus::unknown;
  std::string reason;
  friend bool operator==(const ObservationModerated&, const ObservationModerated&) = default;
};
struct ObservationReplied {
  std::string observation_id;
  std::string text;  // the reply's time is the event's
  friend bool operator==(const ObservationReplied&, const ObservationReplied&) = default;
};
// What it erases: erase_personal_data() below. Its time is the event's.
struct PersonalDataErased {
  friend bool operator==(const PersonalDataErased&, const PersonalDataErased&) = default;
};

}  // namespace encuentro::domain::ev

namespace encuentro::domain {

using Event = std::variant<
    ev::EncuentroCreated, ev::DetailsUpdated, ev::PointAdded, ev::PointUpdated, ev::PointRemoved,
    ev::QuestionAdded, ev::QuestionUpdated, ev::QuestionRemoved, ev::ConvocationPublished,
    ev::Registered, ev::CheckedIn, ev::InterpreterRecorded, ev::WorkshopsFormed, ev::WorkshopAdded,
    ev::ParticipantMoved, ev::StaffAssigned, ev::PhaseAdvanced, ev::TimerStarted, ev::TimerPaused,
    ev::TimerResumed, ev::TimerExtended, ev::CurrentQuestionSet, ev::HandRaised, ev::HandLowered,
    ev::FloorGiven, ev::ContributionCaptured, ev::ContributionEdited, ev::ContributionKindChanged,
    ev::ContributionsMerged, ev::QuestionAnswered, ev::ProposalSubmitted, ev::ProposalAccepted,
    ev::ProposalDeclined, ev::VotingOpened, ev::VoteCast, ev::VoteRetracted, ev::HandCountRecorded,
    ev::VotingClosed, ev::PrincipalProposalsSet, ev::SynthesisWritten, ev::SynthesisFinalized,
    ev::PlenaryFocused, ev::ProposalsAnswered, ev::CommitmentRevised, ev::ProgressReported,
    ev::EvaluationSubmitted, ev::ObservationSubmitted, ev::ObservationModerated,
    ev::ObservationReplied, ev::PersonalDataErased>;

// An event as the log holds it: its place (seq), when, and who.
struct Recorded {
  std::int64_t seq = 0;
  Timestamp at = 0;
  std::string actor;  // an opaque actor id (never a person's name)
  Event event;
  friend bool operator==(const Recorded&, const Recorded&) = default;
};

}  // namespace encuentro::domain
