#pragma once

// Authorisation: what a principal (principal.hpp) may do and see. Pure functions of the principal,
// the command or event, and the encuentro's state: no I/O, no clock. The app asks authorize()
// before decide() and may_see() before sending an event; redact() makes the snapshot a principal
// receives. Least privilege (architecture.md, promise 7): everything not granted below is refused.
//
// ---- Commands: who may send what --------------------------------------------------------------
// Scope first: a principal acts only on its own encuentro (wrong_encuentro); the organizer who came
// in with the server's one-time secret covers every encuentro, and only that organizer creates one.
//
//   command                                          organizer facilit. relator servant citizen
//   office create/update encuentro, points, questions,          x
//     publish convocation, register, check in (also
//     walk-ins), interpreter, form workshops, move
//     participant, assign staff, advance phase,
//     focus plenary, answer proposals, revise commitment
//   timer start/pause/resume/extend, current question,             W
//     give floor, open/close voting, hand count,
//     principal proposals
//   raise / lower hand                                             W                         P
//   capture, edit, change kind, merge contributions,                        W
//     accept/decline proposal, write/finalize synthesis
//   answer question                                                         W       W
//   submit proposal, cast / retract vote                                                     P
//   submit evaluation                                                                        S
//   report progress                                      x x projector, public: nothing.
//
//   x  within the encuentro.
//   W  only in the principal's workshop: every workshop the command names, and the workshop of
//      every contribution it names, must be the principal's (wrong_workshop). A contribution id
//      that does not exist is refused too (fail closed, independent of the domain's own checks).
//   P  the participant in the command must be the session's own (forbidden), and every workshop it
//      names, and the workshop of the contribution it votes on, the one that participant is in
//      now, according to the state (wrong_workshop).
//   S  own participant only, any workshop.
// The organizer runs no workshop command: a workshop is run from its own tablets; an organizer
// who must step in mints a code for that workshop, which leaves a trace. A new command type that
// has no rule here does not compile (one overload per alternative, no catch-all).
//
// ---- Events: who receives what ------------------------------------------------------------------
// Nothing from another encuentro. "room(w)" is: organizer, staff of w, citizens whose participant
// is in w, projector. "desk(w)": organizer and staff of w. From the plenary on, the workshop
// results (contributions, synthesis, voting results) of every workshop are shown to all, so
// room(w) then includes every event-day session (organizer, staff, citizens, projector).
//
//   encuentro created/details/points/questions,  every session of the encuentro; the public once
//     convocation published, phase advanced       the convocation is published
//   registered, checked in, interpreter recorded organizer only (personal data; staff get the names
//                                                 they need from redact(), never contact data)
//   workshops formed, workshop added,            organizer, staff, citizens, projector
//     plenary focused                              (participant ids only, no names)
//   participant moved                            desk(from), desk(to), the participant
//   staff assigned, timer, current question,     room(w)
//     voting opened/closed, hand count,
//     principal proposals, synthesis
//   hand raised/lowered, floor given             desk(w), the participant
//   contribution captured/edited/kind/merged,    room(w) of the contribution; while a citizen's
//     question answered, proposal submitted/       proposal is pending or declined: desk(w) and its
//     accepted/declined                            author only (a citizen never sees another's
//                                                  unaccepted proposal)
//   vote cast / retracted                        desk(w), the voter (who voted for what is nobody
//                                                 else's business; totals come from redact())
//   proposals answered, commitment revised,      every session of the encuentro (office included);
//     progress reported                            the public once results are published
//   evaluation submitted                         organizer, the evaluator
// The office sees planning, phases, answers, commitments and progress, nothing of the workshops.
// may_see() is evaluated against the state AFTER the event was applied: a proposal accepted later
// becomes visible with its accepted event; a transport that streams events should then also send
// the proposal (or a fresh redacted snapshot) to those who could not see it while pending.
//
// ---- Snapshots: redact()
// -------------------------------------------------------------------------- The organizer receives
// the state unchanged. Everyone else receives a copy where:
//   registrants are removed (names, contact, registration codes);
//   interpreters keep kind and workshop, lose their names;
//   participants keep id and workshop only, except: staff of w see the name, territory and needs
//     of the members of w (to give the floor, to know who needs the interpreter), and a citizen
//     sees their own record;
//   votes of others keep their proposal but lose the voter (totals stay right);
//   speaking queue, speaker and heard list stay only for desk(w) and citizens of w;
//   contributions and workshops follow the event table (pending proposals of others removed,
//     other workshops' work removed until the plenary);
//   evaluations: only the citizen's own;
//   office: planning, phases, workshops' principal proposals with their contributions, answers,
//     commitments, progress; no participants, votes or workshop internals;
//   projector: as a citizen of no workshop who also sees every room;
//   public: nothing before the convocation; then details, points and phases; from publication on
//     also the principal and accepted proposals (without author), syntheses, answers,
//     commitments and progress, and nothing about people (no participants, staff names, votes,
//     complaints).
//   another encuentro's principal: only the id.

#include <string>
#include <string_view>

#include "app/principal.hpp"
#include "domain/commands.hpp"
#include "domain/encuentro.hpp"
#include "domain/events.hpp"

namespace encuentro::app {

enum class DenyCode { none, forbidden, wrong_encuentro, wrong_workshop };
std::string_view deny_code_name(DenyCode code) noexcept;  // "forbidden", ...; "" for none

struct Decision {
  DenyCode code = DenyCode::none;
  std::string message;  // English, for people reading logs and developers
  bool allowed() const { return code == DenyCode::none; }
};

// May `principal` send `command` to the encuentro `encuentro_id`, whose current state is `state`
// (the empty state for CreateEncuentro)?
Decision authorize(const Principal& principal, std::string_view encuentro_id,
                   const domain::Command& command, const domain::Encuentro& state);

// May `principal` receive `event` of the encuentro `state` (the state after the event applied)?
bool may_see(const Principal& principal, const domain::Event& event,
             const domain::Encuentro& state);

// Whether `principal`, who may not see `event` whole, may see it without the person it names:
// a vote cast or retracted in a room it sees (the tally moves on the projector and the phones;
// who voted stays with the voter and the desk). What to send then is anonymous(event).
bool may_see_anonymously(const Principal& principal, const domain::Event& event,
                         const domain::Encuentro& state);

// `event` without the participant it names (votes: participant_id ""), as redact() blanks it in
// snapshots; other events unchanged.
domain::Event anonymous(domain::Event event);

// The state as `principal` may see it (see above).
domain::Encuentro redact(const Principal& principal, const domain::Encuentro& state);

}  // namespace encuentro::app
