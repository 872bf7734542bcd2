// decide: the one entry point of the rules. A command and the current state go in; the events
// that record what happened, or a typed rejection that changes nothing, come out.
// Pure: no clock, no I/O. Thread-compatible (call it from the encuentro's own executor).
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "domain/commands.hpp"
#include "domain/encuentro.hpp"
#include "domain/events.hpp"
#include "domain/policy.hpp"

namespace encuentro::domain {

// Stable codes: the protocol sends them as they are named here, and clients translate them.
enum class RejectionCode {
  unknown,
  invalid_argument,      // a field is missing, empty, too long or out of range
  not_found,             // an id that does not exist in this encuentro
  already_exists,        // creating what exists
  wrong_phase,           // not allowed in the current phase
  phase_skip,            // phases only move forward, one at a time
  convocation_too_late,  // R1: details.earliest_date is the first valid event date
  plan_incomplete,       // convocation needs points, each with a guide question
  consent_required,      // Ley 1581: no personal data without consent
  already_checked_in,
  workshops_not_formed,
  workshop_full,          // R4
  staff_missing,          // R6: details.workshops lists them
  duration_out_of_range,  // R7
  timer_state,            // pause a paused timer, resume a running one, ...
  not_a_member,           // the participant is not in that workshop
  already_in_queue,
  not_in_queue,
  complaint_not_received,  // R8: complaints are referred to PQRSD, never proposals
  not_a_question,
  not_pending,
  not_mergeable,
  voting_closed,
  voting_open,
  no_dots_left,
  no_vote,
  no_votes,
  not_a_proposal,
  synthesis_final,
  not_principal,
  already_answered,
  unanswered_proposals,  // R9: details.proposals lists them
  results_published,     // R10: published results change only by new versions
  already_evaluated,
  kind_locked,  // a voted or principal proposal keeps its kind
  too_many_pending,  // veeduría: the moderation queue of that commitment is full
  not_approved,      // only an approved observation can be answered
  already_replied,   // an observation has one reply from the entity
  already_erased,    // personal data is erased once
};

struct Rejection {
  RejectionCode code = RejectionCode::unknown;
  std::string message;                         // English, for people reading logs and developers
  std::map<std::string, std::string> details;  // machine-readable specifics (field, earliest_date…)
};

// What decide() needs besides the state. The caller supplies time, the venue's calendar date
// (Colombia has one time zone, UTC−5; the server converts), who acts, and the configured policy.
struct Context {
  Timestamp now = 0;
  Date today;
  std::string actor;
  Policy policy;
};

using Decision = std::variant<std::vector<Event>, Rejection>;

// REQUIRES: for every command except CreateEncuentro, `state` is the fold of an existing
// encuentro's events (state.phase != unknown).
Decision decide(const Encuentro& state, const Command& command, const Context& context);

const char* rejection_code_name(RejectionCode code);

}  // namespace encuentro::domain
