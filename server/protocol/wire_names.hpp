// The one table of wire names: every event ("noun.past_verb") and every command ("noun.verb").
// These strings are stored in the event log and spoken by every client: never change one; add.
//
// A name is a specialisation of WireName<T>. An alternative of domain::Event or domain::Command
// without one does not compile (WireName<T> is incomplete), a type named twice does not compile,
// and the static_asserts below refuse two alternatives with the same name or a malformed name.
// The arrays kEventNames / kCommandNames follow the variants' order and drive both directions.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include "domain/commands.hpp"
#include "domain/events.hpp"

namespace encuentro::protocol {

template <class T>
struct WireName;  // no definition on purpose

#define ENCUENTRO_WIRE_NAME(Type, name)             \
  template <>                                       \
  struct WireName<Type> {                           \
    static constexpr std::string_view value = name; \
  }

// Events: what happened.
ENCUENTRO_WIRE_NAME(domain::ev::EncuentroCreated, "encuentro.created");
ENCUENTRO_WIRE_NAME(domain::ev::DetailsUpdated, "details.updated");
ENCUENTRO_WIRE_NAME(domain::ev::PointAdded, "point.added");
ENCUENTRO_WIRE_NAME(domain::ev::PointUpdated, "point.updated");
ENCUENTRO_WIRE_NAME(domain::ev::PointRemoved, "point.removed");
ENCUENTRO_WIRE_NAME(domain::ev::QuestionAdded, "question.added");
ENCUENTRO_WIRE_NAME(domain::ev::QuestionUpdated, "question.updated");
ENCUENTRO_WIRE_NAME(domain::ev::QuestionRemoved, "question.removed");
ENCUENTRO_WIRE_NAME(domain::ev::ConvocationPublished, "convocation.published");
ENCUENTRO_WIRE_NAME(domain::ev::Registered, "registrant.registered");
ENCUENTRO_WIRE_NAME(domain::ev::CheckedIn, "participant.checked_in");
ENCUENTRO_WIRE_NAME(domain::ev::InterpreterRecorded, "interpreter.recorded");
ENCUENTRO_WIRE_NAME(domain::ev::WorkshopsFormed, "workshops.formed");
ENCUENTRO_WIRE_NAME(domain::ev::WorkshopAdded, "workshop.added");
ENCUENTRO_WIRE_NAME(domain::ev::ParticipantMoved, "participant.moved");
ENCUENTRO_WIRE_NAME(domain::ev::StaffAssigned, "staff.assigned");
ENCUENTRO_WIRE_NAME(domain::ev::PhaseAdvanced, "phase.advanced");
ENCUENTRO_WIRE_NAME(domain::ev::TimerStarted, "timer.started");
ENCUENTRO_WIRE_NAME(domain::ev::TimerPaused, "timer.paused");
ENCUENTRO_WIRE_NAME(domain::ev::TimerResumed, "timer.resumed");
ENCUENTRO_WIRE_NAME(domain::ev::TimerExtended, "timer.extended");
ENCUENTRO_WIRE_NAME(domain::ev::CurrentQuestionSet, "workshop.question_set");
ENCUENTRO_WIRE_NAME(domain::ev::HandRaised, "hand.raised");
ENCUENTRO_WIRE_NAME(domain::ev::HandLowered, "hand.lowered");
ENCUENTRO_WIRE_NAME(domain::ev::FloorGiven, "floor.given");
ENCUENTRO_WIRE_NAME(domain::ev::ContributionCaptured, "contribution.captured");
ENCUENTRO_WIRE_NAME(domain::ev::ContributionEdited, "contribution.edited");
ENCUENTRO_WIRE_NAME(domain::ev::ContributionKindChanged, "contribution.kind_changed");
ENCUENTRO_WIRE_NAME(domain::ev::ContributionsMerged, "contribution.merged");
ENCUENTRO_WIRE_NAME(domain::ev::QuestionAnswered, "question.answered");
ENCUENTRO_WIRE_NAME(domain::ev::ProposalSubmitted, "proposal.submitted");
ENCUENTRO_WIRE_NAME(domain::ev::ProposalAccepted, "proposal.accepted");
ENCUENTRO_WIRE_NAME(domain::ev::ProposalDeclined, "proposal.declined");
ENCUENTRO_WIRE_NAME(domain::ev::VotingOpened, "voting.opened");
ENCUENTRO_WIRE_NAME(domain::ev::VoteCast, "vote.cast");
ENCUENTRO_WIRE_NAME(domain::ev::VoteRetracted, "vote.retracted");
ENCUENTRO_WIRE_NAME(domain::ev::HandCountRecorded, "hand_count.recorded");
ENCUENTRO_WIRE_NAME(domain::ev::VotingClosed, "voting.closed");
ENCUENTRO_WIRE_NAME(domain::ev::PrincipalProposalsSet, "principals.set");
ENCUENTRO_WIRE_NAME(domain::ev::SynthesisWritten, "synthesis.written");
ENCUENTRO_WIRE_NAME(domain::ev::SynthesisFinalized, "synthesis.finalized");
ENCUENTRO_WIRE_NAME(domain::ev::PlenaryFocused, "plenary.focused");
ENCUENTRO_WIRE_NAME(domain::ev::ProposalsAnswered, "proposals.answered");
ENCUENTRO_WIRE_NAME(domain::ev::CommitmentRevised, "commitment.revised");
ENCUENTRO_WIRE_NAME(domain::ev::ProgressReported, "progress.reported");
ENCUENTRO_WIRE_NAME(domain::ev::EvaluationSubmitted, "evaluation.submitted");
ENCUENTRO_WIRE_NAME(domain::ev::ObservationSubmitted, "observation.submitted");
ENCUENTRO_WIRE_NAME(domain::ev::ObservationModerated, "observation.moderated");
ENCUENTRO_WIRE_NAME(domain::ev::ObservationReplied, "observation.replied");
ENCUENTRO_WIRE_NAME(domain::ev::PersonalDataErased, "personal_data.erased");

// Commands: what someone asks.
ENCUENTRO_WIRE_NAME(domain::cmd::CreateEncuentro, "encuentro.create");
ENCUENTRO_WIRE_NAME(domain::cmd::UpdateDetails, "details.update");
ENCUENTRO_WIRE_NAME(domain::cmd::AddPoint, "point.add");
ENCUENTRO_WIRE_NAME(domain::cmd::UpdatePoint, "point.update");
ENCUENTRO_WIRE_NAME(domain::cmd::RemovePoint, "point.remove");
ENCUENTRO_WIRE_NAME(domain::cmd::AddQuestion, "question.add");
ENCUENTRO_WIRE_NAME(domain::cmd::UpdateQuestion, "question.update");
ENCUENTRO_WIRE_NAME(domain::cmd::RemoveQuestion, "question.remove");
ENCUENTRO_WIRE_NAME(domain::cmd::PublishConvocation, "convocation.publish");
ENCUENTRO_WIRE_NAME(domain::cmd::Register, "registration.create");
ENCUENTRO_WIRE_NAME(domain::cmd::CheckIn, "checkin.registered");
ENCUENTRO_WIRE_NAME(domain::cmd::CheckInWalkIn, "checkin.walk_in");
ENCUENTRO_WIRE_NAME(domain::cmd::RecordInterpreter, "interpreter.record");
ENCUENTRO_WIRE_NAME(domain::cmd::FormWorkshops, "workshops.form");
ENCUENTRO_WIRE_NAME(domain::cmd::MoveParticipant, "participant.move");
ENCUENTRO_WIRE_NAME(domain::cmd::AssignStaff, "staff.assign");
ENCUENTRO_WIRE_NAME(domain::cmd::AdvancePhase, "phase.advance");
ENCUENTRO_WIRE_NAME(domain::cmd::StartTimer, "timer.start");
ENCUENTRO_WIRE_NAME(domain::cmd::PauseTimer, "timer.pause");
ENCUENTRO_WIRE_NAME(domain::cmd::ResumeTimer, "timer.resume");
ENCUENTRO_WIRE_NAME(domain::cmd::ExtendTimer, "timer.extend");
ENCUENTRO_WIRE_NAME(domain::cmd::SetCurrentQuestion, "workshop.set_question");
ENCUENTRO_WIRE_NAME(domain::cmd::RaiseHand, "hand.raise");
ENCUENTRO_WIRE_NAME(domain::cmd::LowerHand, "hand.lower");
ENCUENTRO_WIRE_NAME(domain::cmd::GiveFloor, "floor.give");
ENCUENTRO_WIRE_NAME(domain::cmd::CaptureContribution, "contribution.capture");
ENCUENTRO_WIRE_NAME(domain::cmd::EditContribution, "contribution.edit");
ENCUENTRO_WIRE_NAME(domain::cmd::ChangeKind, "contribution.change_kind");
ENCUENTRO_WIRE_NAME(domain::cmd::MergeContributions, "contribution.merge");
ENCUENTRO_WIRE_NAME(domain::cmd::AnswerQuestion, "question.answer");
ENCUENTRO_WIRE_NAME(domain::cmd::SubmitProposal, "proposal.submit");
ENCUENTRO_WIRE_NAME(domain::cmd::AcceptProposal, "proposal.accept");
ENCUENTRO_WIRE_NAME(domain::cmd::DeclineProposal, "proposal.decline");
ENCUENTRO_WIRE_NAME(domain::cmd::OpenVoting, "voting.open");
ENCUENTRO_WIRE_NAME(domain::cmd::CastVote, "vote.cast");
ENCUENTRO_WIRE_NAME(domain::cmd::RetractVote, "vote.retract");
ENCUENTRO_WIRE_NAME(domain::cmd::RecordHandCount, "hand_count.record");
ENCUENTRO_WIRE_NAME(domain::cmd::CloseVoting, "voting.close");
ENCUENTRO_WIRE_NAME(domain::cmd::SetPrincipalProposals, "principals.set");
ENCUENTRO_WIRE_NAME(domain::cmd::WriteSynthesis, "synthesis.write");
ENCUENTRO_WIRE_NAME(domain::cmd::FinalizeSynthesis, "synthesis.finalize");
ENCUENTRO_WIRE_NAME(domain::cmd::FocusPlenary, "plenary.focus");
ENCUENTRO_WIRE_NAME(domain::cmd::AnswerProposals, "proposals.answer");
ENCUENTRO_WIRE_NAME(domain::cmd::ReviseCommitment, "commitment.revise");
ENCUENTRO_WIRE_NAME(domain::cmd::ReportProgress, "progress.report");
ENCUENTRO_WIRE_NAME(domain::cmd::SubmitEvaluation, "evaluation.submit");
ENCUENTRO_WIRE_NAME(domain::cmd::SubmitObservation, "observation.submit");
ENCUENTRO_WIRE_NAME(domain::cmd::ModerateObservation, "observation.moderate");
ENCUENTRO_WIRE_NAME(domain::cmd::ReplyToObservation, "observation.reply");
ENCUENTRO_WIRE_NAME(domain::cmd::ErasePersonalData, "personal_data.erase");

#undef ENCUENTRO_WIRE_NAME

// The names of a variant's alternatives, in the variant's order (index i names alternative i).
template <class Variant>
inline constexpr auto kWireNames = []<std::size_t... I>(std::index_sequence<I...>) {
  return std::array<std::string_view, sizeof...(I)>{
      WireName<std::variant_alternative_t<I, Variant>>::value...};
}
(std::make_index_sequence<std::variant_size_v<Variant>>{});

inline constexpr const auto& kEventNames = kWireNames<domain::Event>;
inline constexpr const auto& kCommandNames = kWireNames<domain::Command>;

// The variant index named `name`, if any.
template <class Variant>
constexpr std::optional<std::size_t> wire_index(std::string_view name) {
  const auto& names = kWireNames<Variant>;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  return std::nullopt;
}

namespace detail {
template <std::size_t N>
constexpr bool names_unique(const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t k = i + 1; k < N; ++k)
      if (names[i] == names[k]) return false;
  return true;
}

// "noun.verb": lowercase snake_case words, exactly one dot, neither part empty.
constexpr bool well_formed(std::string_view name) {
  const auto dot = name.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) return false;
  if (name.find('.', dot + 1) != std::string_view::npos) return false;
  for (const char c : name)
    if (!((c >= 'a' && c <= 'z') || c == '_' || c == '.')) return false;
  return true;
}

template <std::size_t N>
constexpr bool all_well_formed(const std::array<std::string_view, N>& names) {
  for (const auto name : names)
    if (!well_formed(name)) return false;
  return true;
}
}  // namespace detail

static_assert(detail::names_unique(kEventNames), "two events share a wire name");
static_assert(detail::names_unique(kCommandNames), "two commands share a wire name");
static_assert(detail::all_well_formed(kEventNames), "an event name is not noun.past_verb");
static_assert(detail::all_well_formed(kCommandNames), "a command name is not noun.verb");

}  // namespace encuentro::protocol
