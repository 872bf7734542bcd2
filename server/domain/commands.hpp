// Commands: what someone asks of an encuentro. decide() (decide.hpp) answers each with events or
// a typed rejection. Ids of new things are made by the domain from the state (deterministic);
// random values (registration codes, encuentro ids) are made by the caller and passed in.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/types.hpp"

namespace encuentro::domain::cmd {

// Planning and convocation
struct CreateEncuentro {
  std::string encuentro_id;
  EncuentroDetails details;
  friend bool operator==(const CreateEncuentro&, const CreateEncuentro&) = default;
};
struct UpdateDetails {
  EncuentroDetails details;
  friend bool operator==(const UpdateDetails&, const UpdateDetails&) = default;
};
struct AddPoint {
  std::string title;
  std::string description;
  friend bool operator==(const AddPoint&, const AddPoint&) = default;
};
struct UpdatePoint {
  std::string point_id;
  std::string title;
  std::string description;
  friend bool operator==(const UpdatePoint&, const UpdatePoint&) = default;
};
struct RemovePoint {
  std::string point_id;
  friend bool operator==(const RemovePoint&, const RemovePoint&) = default;
};
struct AddQuestion {
  std::string point_id;
  std::string text;
  friend bool operator==(const AddQuestion&, const AddQuestion&) = default;
};
struct UpdateQuestion {
  std::string question_id;
  std::string text;
  friend bool operator==(const UpdateQuestion&, const UpdateQuestion&) = default;
};
struct RemoveQuestion {
  std::string question_id;
  friend bool operator==(const RemoveQuestion&, const RemoveQuestion&) = default;
};
struct PublishConvocation {
  friend bool operator==(const PublishConvocation&, const PublishConvocation&) = default;
};  // R1
struct Register {
  std::string code;  // random, made by the caller
  std::string name;
  std::string contact;
  std::string territory;
  ValueGroup value_group = ValueGroup::unknown;
  std::string organisation;
  Accessibility needs;
  bool data_consent = false;  // Ley 1581 de 2012: required
  friend bool operator==(const Register&, const Register&) = default;
};

// Accreditation and workshops
struct CheckIn {
  std::string registrant_id;
  friend bool operator==(const CheckIn&, const CheckIn&) = default;
};
struct CheckInWalkIn {
  std::string name;
  std::string territory;
  ValueGroup value_group = ValueGroup::unknown;
  Accessibility needs;
  bool data_consent = false;
  friend bool operator==(const CheckInWalkIn&, const CheckInWalkIn&) = default;
};
struct RecordInterpreter {
  std::string name;
  InterpreterKind kind = InterpreterKind::unknown;
  friend bool operator==(const RecordInterpreter&, const RecordInterpreter&) = default;
};
struct FormWorkshops {
  friend bool operator==(const FormWorkshops&, const FormWorkshops&) = default;
};  // R3, R4, R5
struct MoveParticipant {
  std::string participant_id;
  std::string workshop_id;
  friend bool operator==(const MoveParticipant&, const MoveParticipant&) = default;
};
struct AssignStaff {
  std::string workshop_id;
  StaffRole role = StaffRole::unknown;
  std::string name;
  friend bool operator==(const AssignStaff&, const AssignStaff&) = default;
};
struct AdvancePhase {
  Phase to = Phase::unknown;
  friend bool operator==(const AdvancePhase&, const AdvancePhase&) = default;
};

// Workshops
struct StartTimer {
  std::string workshop_id;
  int minutes = 0;
  friend bool operator==(const StartTimer&, const StartTimer&) = default;
};  // R7
struct PauseTimer {
  std::string workshop_id;
  friend bool operator==(const PauseTimer&, const PauseTimer&) = default;
};
struct ResumeTimer {
  std::string workshop_id;
  friend bool operator==(const ResumeTimer&, const ResumeTimer&) = default;
};
struct ExtendTimer {
  std::string workshop_id;
  int minutes = 0;
  friend bool operator==(const ExtendTimer&, const ExtendTimer&) = default;
};
struct SetCurrentQuestion {
  std::string workshop_id;
  std::string question_id;
  friend bool operator==(const SetCurrentQuestion&, const SetCurrentQuestion&) = default;
};
struct RaiseHand {
  std::string workshop_id;
  std::string participant_id;
  friend bool operator==(const RaiseHand&, const RaiseHand&) = default;
};
struct LowerHand {
  std::string workshop_id;
  std::string participant_id;
  friend bool operator==(const LowerHand&, const LowerHand&) = default;
};
struct GiveFloor {
  std::string workshop_id;
  std::string participant_id;
  friend bool operator==(const GiveFloor&, const GiveFloor&) = default;
};
struct CaptureContribution {
  std::string workshop_id;
  ContributionKind kind = ContributionKind::unknown;
  std::string point_id;
  std::optional<std::string> question_id;
  std::string text;
  std::string author;
  friend bool operator==(const CaptureContribution&, const CaptureContribution&) = default;
};
struct EditContribution {
  std::string contribution_id;
  std::string point_id;
  std::optional<std::string> question_id;
  std::string text;
  std::string author;
  friend bool operator==(const EditContribution&, const EditContribution&) = default;
};
struct ChangeKind {
  std::string contribution_id;
  ContributionKind kind = ContributionKind::unknown;
  friend bool operator==(const ChangeKind&, const ChangeKind&) = default;
};
struct MergeContributions {
  std::string into_id;
  std::vector<std::string> from_ids;
  friend bool operator==(const MergeContributions&, const MergeContributions&) = default;
};
struct AnswerQuestion {
  std::string contribution_id;
  std::string answer;
  friend bool operator==(const AnswerQuestion&, const AnswerQuestion&) = default;
};
struct SubmitProposal {
  std::string workshop_id;
  std::string participant_id;
  std::string point_id;
  std::optional<std::string> question_id;
  std::string text;
  friend bool operator==(const SubmitProposal&, const SubmitProposal&) = default;
};
struct AcceptProposal {
  std::string contribution_id;
  friend bool operator==(const AcceptProposal&, const AcceptProposal&) = default;
};
struct DeclineProposal {
  std::string contribution_id;
  std::string reason;
  friend bool operator==(const DeclineProposal&, const DeclineProposal&) = default;
};
struct OpenVoting {
  std::string workshop_id;
  int dots_per_person = 0;
  friend bool operator==(const OpenVoting&, const OpenVoting&) = default;
};  // 0: the policy's default
struct CastVote {
  std::string workshop_id;
  std::string participant_id;
  std::string contribution_id;
  friend bool operator==(const CastVote&, const CastVote&) = default;
};
struct RetractVote {
  std::string workshop_id;
  std::string participant_id;
  std::string contribution_id;
  friend bool operator==(const RetractVote&, const RetractVote&) = default;
};
struct RecordHandCount {
  std::string workshop_id;
  std::string contribution_id;
  int count = 0;
  friend bool operator==(const RecordHandCount&, const RecordHandCount&) = default;
};
struct CloseVoting {
  std::string workshop_id;
  friend bool operator==(const CloseVoting&, const CloseVoting&) = default;
};
struct SetPrincipalProposals {
  std::string workshop_id;
  std::vector<std::string> contribution_ids;
  friend bool operator==(const SetPrincipalProposals&, const SetPrincipalProposals&) = default;
};
struct WriteSynthesis {
  std::string workshop_id;
  std::string text;
  friend bool operator==(const WriteSynthesis&, const WriteSynthesis&) = default;
};
struct FinalizeSynthesis {
  std::string workshop_id;
  friend bool operator==(const FinalizeSynthesis&, const FinalizeSynthesis&) = default;
};

// Plenary, commitments, publication, follow-up
struct FocusPlenary {
  std::string target;
  friend bool operator==(const FocusPlenary&, const FocusPlenary&) = default;
};  // a workshop id, or "all"
struct AnswerProposals {
  std::vector<std::string> proposal_ids;
  AnswerKind kind = AnswerKind::unknown;
  std::optional<CommitmentTerms> terms;  // kind == commitment
  std::string reason;
  std::string referred_to;  // kind == referred
  friend bool operator==(const AnswerProposals&, const AnswerProposals&) = default;
};
struct ReviseCommitment {
  std::string commitment_id;
  CommitmentTerms terms;
  std::string reason;
  friend bool operator==(const ReviseCommitment&, const ReviseCommitment&) = default;
};  // R10
struct ReportProgress {
  std::string commitment_id;
  int percent = 0;
  ProgressStatus status = ProgressStatus::unknown;
  std::string note;
  std::string evidence_url;
  Date as_of;
  int part = 0;  // required (1..n) when the commitment has parts; 0 otherwise
  friend bool operator==(const ReportProgress&, const ReportProgress&) = default;
};
struct SubmitEvaluation {
  std::string participant_id;
  EvaluationRatings ratings;
  std::string comment;
  friend bool operator==(const SubmitEvaluation&, const SubmitEvaluation&) = default;
};

// Veeduría: anyone (the public portal, no login) leaves an observation on a commitment.
struct SubmitObservation {
  std::string commitment_id;
  std::string text;
  std::string alias;
  friend bool operator==(const SubmitObservation&, const SubmitObservation&) = default;
};
struct ModerateObservation {
  std::string observation_id;
  ObservationStatus decision = ObservationStatus::unknown;  // approved or rejected
  std::string reason;                                       // required when rejected
  friend bool operator==(const ModerateObservation&, const ModerateObservation&) = default;
};
struct ReplyToObservation {
  std::string observation_id;
  std::string text;
  friend bool operator==(const ReplyToObservation&, const ReplyToObservation&) = default;
};
// Ley 1581 de 2012: after the event, erase what identifies registrants and participants, keep
// the aggregates (territory, value group).
struct ErasePersonalData {
  friend bool operator==(const ErasePersonalData&, const ErasePersonalData&) = default;
};

}  // namespace encuentro::domain::cmd

namespace encuentro::domain {

using Command = std::variant<
    cmd::CreateEncuentro, cmd::UpdateDetails, cmd::AddPoint, cmd::UpdatePoint, cmd::RemovePoint,
    cmd::AddQuestion, cmd::UpdateQuestion, cmd::RemoveQuestion, cmd::PublishConvocation,
    cmd::Register, cmd::CheckIn, cmd::CheckInWalkIn, cmd::RecordInterpreter, cmd::FormWorkshops,
    cmd::MoveParticipant, cmd::AssignStaff, cmd::AdvancePhase, cmd::StartTimer, cmd::PauseTimer,
    cmd::ResumeTimer, cmd::ExtendTimer, cmd::SetCurrentQuestion, cmd::RaiseHand, cmd::LowerHand,
    cmd::GiveFloor, cmd::CaptureContribution, cmd::EditContribution, cmd::ChangeKind,
    cmd::MergeContributions, cmd::AnswerQuestion, cmd::SubmitProposal, cmd::AcceptProposal,
    cmd::DeclineProposal, cmd::OpenVoting, cmd::CastVote, cmd::RetractVote, cmd::RecordHandCount,
    cmd::CloseVoting, cmd::SetPrincipalProposals, cmd::WriteSynthesis, cmd::FinalizeSynthesis,
    cmd::FocusPlenary, cmd::AnswerProposals, cmd::ReviseCommitment, cmd::ReportProgress,
    cmd::SubmitEvaluation, cmd::SubmitObservation, cmd::ModerateObservation,
    cmd::ReplyToObservation, cmd::ErasePersonalData>;

}  // namespace encuentro::domain
