// The state of one encuentro: everything its events have said, folded (apply.hpp).
// Queries here are pure functions of the state (and of a date, when the question is about time).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/policy.hpp"
#include "domain/types.hpp"

namespace encuentro::domain {

struct Encuentro {
  std::string id;
  std::int64_t seq = 0;  // seq of the last applied event
  Phase phase = Phase::unknown;
  EncuentroDetails details;
  std::vector<PhaseChange> phase_history;
  std::optional<Date> convocation_published_on;
  std::vector<CentralPoint> points;
  std::vector<Registrant> registrants;
  std::vector<Participant> participants;
  std::vector<Interpreter> interpreters;
  std::vector<Workshop> workshops;
  std::vector<Contribution> contributions;
  std::vector<Vote> votes;
  std::vector<HandCount> hand_counts;
  std::optional<std::string> plenary_focus;  // workshop id, or "all"
  std::vector<Answer> answers;
  std::vector<Commitment> commitments;
  std::vector<ProgressReport> progress_reports;
  std::vector<Evaluation> evaluations;
  std::vector<Observation> observations;
  // Set when the organizer erased the registrants' personal data (Ley 1581 de 2012).
  std::optional<Timestamp> personal_data_erased_at;
  int question_counter = 0;  // guide question ids stay unique across removals
  int point_counter = 0;

  friend bool operator==(const Encuentro&, const Encuentro&) = default;

  // Look-ups by id; nullptr when absent.
  const CentralPoint* point(std::string_view id) const;
  const GuideQuestion* question(std::string_view id, const CentralPoint** owner = nullptr) const;
  const Registrant* registrant(std::string_view id) const;
  const Registrant* registrant_by_code(std::string_view code) const;
  const Participant* participant(std::string_view id) const;
  const Workshop* workshop(std::string_view id) const;
  const Contribution* contribution(std::string_view id) const;
  const Commitment* commitment(std::string_view id) const;
  const Answer* answer_for(std::string_view proposal_id) const;
  const Observation* observation(std::string_view id) const;
  Workshop* workshop_mut(std::string_view id);
  Contribution* contribution_mut(std::string_view id);
  Participant* participant_mut(std::string_view id);
  Commitment* commitment_mut(std::string_view id);
  Observation* observation_mut(std::string_view id);
};

// Warnings an organizer must see; none of them blocks by itself.
enum class FlagCode {
  unknown,
  attendance_out_of_range,  // R2
  interpreter_obligation,   // R3: ≥ threshold requests and no interpreter recorded
  servant_missing,          // R6: a workshop without a public servant
  staff_missing,            // R6: a workshop without facilitator or relator (blocks starting)
};

struct Flag {
  FlagCode code = FlagCode::unknown;
  std::string subject;  // workshop id, or empty for the whole encuentro
};

std::vector<Flag> flags(const Encuentro& e, const Policy& policy);

// R3
int interpreter_requests(const Encuentro& e);
bool interpreter_obligation_open(const Encuentro& e, const Policy& policy);

// Votes on a proposal: dots from phones plus dots counted by hand.
int vote_total(const Encuentro& e, std::string_view contribution_id);
// vote_total of every contribution at once, in one pass over the votes and hand counts, for
// views that show many proposals: a contribution absent from the map has 0. The keys are views of
// `e`'s strings, valid while `e` is neither changed nor destroyed.
std::unordered_map<std::string_view, int> vote_totals(const Encuentro& e);
// Dots a participant has placed on proposals of one workshop.
int dots_used(const Encuentro& e, std::string_view participant_id, std::string_view workshop_id);

// Participants of a workshop who have not spoken yet, in placement order.
std::vector<std::string> not_yet_heard(const Encuentro& e, const Workshop& w);

// Principal proposals of every workshop, in workshop order.
std::vector<std::string> all_principal_proposals(const Encuentro& e);

// The latest report on a commitment (any part) as of a date: latest by as_of, ties broken by the
// order of reporting.
const ProgressReport* latest_report(const Encuentro& e, std::string_view commitment_id,
                                    std::optional<Date> as_of = std::nullopt);

// A commitment's progress as of a date, under `terms` (the terms then in force; its current ones
// when null). Without parts: its latest report, or pendiente at 0 %. With parts: each part's latest
// report (pendiente at 0 % when none), and the commitment at the average of its parts' percents,
// rounded (not their sum), cumplido when every part is, no_cumplido when every part is closed
// (cumplido or no_cumplido) and one is not fulfilled, en_ejecucion once any part moved, else
// pendiente.
struct PartProgress {
  int part = 0;  // 1..n
  int percent = 0;
  ProgressStatus status = ProgressStatus::pendiente;
  const ProgressReport* report = nullptr;
};
struct CommitmentProgress {
  int percent = 0;
  ProgressStatus status = ProgressStatus::pendiente;
  const ProgressReport* latest = nullptr;  // the latest report counted (any part); null: none
  std::vector<PartProgress> parts;         // empty when the commitment has none
};
CommitmentProgress progress_of(const Encuentro& e, const Commitment& c, std::optional<Date> as_of,
                               const CommitmentTerms* terms = nullptr);

// R11: past its due date and not fulfilled, by the calendar alone.
bool is_overdue(const Encuentro& e, const Commitment& c, Date today);

// Code points in a UTF-8 string (invalid bytes count one each).
int text_length(std::string_view utf8);

}  // namespace encuentro::domain
