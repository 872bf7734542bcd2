// The vocabulary of an Encuentro Diálogo Participativo (../shared/design/encuentro.md).
// Plain aggregates: the state of an encuentro is a fold of its events (apply.hpp), and the
// protocol layer converts every type here to and from JSON field by field.
//
// Every enum starts with `unknown` so that a bad value from outside can never become a valid one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"

namespace encuentro::domain {

// Lifecycle. Phases only move forward, one step at a time.
enum class Phase {
  unknown,
  draft,        // borrador
  convened,     // convocado
  opening,      // apertura
  workshops,    // talleres
  plenary,      // plenaria
  commitments,  // compromisos
  published,    // publicado
  follow_up,    // seguimiento
  closed,       // cerrado
};

// The phase after `p` (unknown after closed).
Phase next_phase(Phase p);

enum class ValueGroup {
  unknown,
  juventud,
  mujeres,
  victimas,
  etnico,
  discapacidad,
  persona_mayor,
  lgbtiq,
  campesino,
  organizacion,  // organización / instancia de participación
  ciudadania,    // no specific group
};

enum class ContributionKind {
  unknown,
  propuesta,
  sugerencia,
  observacion,
  pregunta,
  queja,  // R8: complaints are not received; kept out of proposals, referred to PQRSD
};

enum class ContributionStatus {
  unknown,
  active,    // part of the workshop's record
  pending,   // a citizen's own proposal waiting for the relator
  merged,    // folded into another contribution (merged_into)
  declined,  // a citizen's proposal the relator did not accept (with a reason)
};

enum class ContributionSource { unknown, relator, citizen };

enum class StaffRole { unknown, facilitator, relator, servant };

enum class InterpreterKind { unknown, lsc, guide };  // LSC interpreter, guide-interpreter (Ley 982)

enum class TimerStatus { unknown, idle, running, paused };

enum class AnswerKind { unknown, commitment, not_adopted, referred };

enum class ProgressStatus { unknown, pendiente, en_ejecucion, cumplido, no_cumplido };

// A veeduría observation's place in moderation. Only approved ones are ever public.
enum class ObservationStatus { unknown, pending, approved, rejected };

struct Accessibility {
  bool lsc_interpreter = false;    // Colombian Sign Language interpreter
  bool guide_interpreter = false;  // guide-interpreter for deafblind people
  std::string other;               // free text (ramp, large print, ...)
  bool needs_interpreter() const { return lsc_interpreter || guide_interpreter; }
  friend bool operator==(const Accessibility&, const Accessibility&) = default;
};

struct GuideQuestion {
  std::string id;  // "q3"
  std::string text;
  friend bool operator==(const GuideQuestion&, const GuideQuestion&) = default;
};

// A central point (eje temático) of the report delivered to citizens.
struct CentralPoint {
  std::string id;  // "p2"
  std::string title;
  std::string description;
  std::vector<GuideQuestion> questions;
  friend bool operator==(const CentralPoint&, const CentralPoint&) = default;
};

struct EncuentroDetails {
  std::string title;
  std::vector<std::string> entities;  // convening entity or entities
  std::string objective;
  std::string report_summary;  // the report (informe) delivered to citizens
  std::string methodology;
  std::string venue;
  Date date;
  TimeOfDay start_time;
  TimeOfDay end_time;
  int expected_attendance = 0;
  friend bool operator==(const EncuentroDetails&, const EncuentroDetails&) = default;
};

// Personal data (Ley 1581 de 2012): name and contact are never public.
struct Registrant {
  std::string id;    // "r12"
  std::string code;  // random registration code (QR at the door), made by the caller
  std::string name;
  std::string contact;
  std::string territory;  // comuna / localidad / vereda
  ValueGroup value_group = ValueGroup::unknown;
  std::string organisation;  // organisation or instancia represented
  Accessibility needs;
  Timestamp registered_at = 0;
  std::optional<std::string> participant_id;  // set at check-in
  friend bool operator==(const Registrant&, const Registrant&) = default;
};

// A person present at the event (checked in, registered or walk-in).
struct Participant {
  std::string id;  // "a7" (attendee)
  std::optional<std::string> registrant_id;
  std::string name;
  std::string territory;
  ValueGroup value_group = ValueGroup::unknown;
  Accessibility needs;
  Timestamp checked_in_at = 0;
  std::optional<std::string> workshop_id;
  friend bool operator==(const Participant&, const Participant&) = default;
};

struct Interpreter {
  std::string id;  // "i1"
  std::string name;
  InterpreterKind kind = InterpreterKind::unknown;
  std::optional<std::string> workshop_id;
  friend bool operator==(const Interpreter&, const Interpreter&) = default;
};

struct StaffMember {
  StaffRole role = StaffRole::unknown;
  std::string name;
  friend bool operator==(const StaffMember&, const StaffMember&) = default;
};

struct WorkshopTimer {
  TimerStatus status = TimerStatus::idle;
  int allotted_minutes = 0;    // initial duration plus extensions (R7: 60..90)
  Timestamp deadline = 0;      // when running: the server's deadline, sent to clients
  Timestamp remaining_ms = 0;  // when paused: what is left
  Timestamp started_at = 0;
  friend bool operator==(const WorkshopTimer&, const WorkshopTimer&) = default;
};

struct Voting {
  bool open = false;
  bool closed = false;
  int dots_per_person = 3;
  friend bool operator==(const Voting&, const Voting&) = default;
};

struct Workshop {
  std::string id;                          // "w1"
  int number = 0;                          // 1-based, for people
  std::vector<std::string> members;        // participant ids, in placement order
  std::optional<std::string> facilitator;  // name
  std::optional<std::string> relator;      // name
  std::vector<std::string> servants;       // public servants' names
  std::optional<std::string> interpreter_id;
  WorkshopTimer timer;
  std::optional<std::string> current_question;  // guide question id
  std::vector<std::string> speaking_queue;      // participant ids with a raised hand, in order
  std::optional<std::string> speaker;           // participant with the floor
  std::vector<std::string> heard;               // participants who have spoken
  Voting voting;
  std::vector<std::string> principal_proposals;  // contribution ids, ranked
  std::string synthesis;
  bool synthesis_final = false;
  friend bool operator==(const Workshop&, const Workshop&) = default;
};

struct Contribution {
  std::string id;  // "c41"
  std::string workshop_id;
  ContributionKind kind = ContributionKind::unknown;
  std::string point_id;
  std::optional<std::string> question_id;
  std::string text;
  std::string author;  // optional, as the person wishes to be named; may be empty
  ContributionSource source = ContributionSource::unknown;
  std::optional<std::string> submitted_by;  // participant id for a citizen's own proposal
  ContributionStatus status = ContributionStatus::unknown;
  std::optional<std::string> merged_into;
  std::string decline_reason;
  std::string answer;  // a public servant's answer to a question
  Timestamp created_at = 0;
  Timestamp edited_at = 0;
  bool referred_to_pqrsd() const { return kind == ContributionKind::queja; }
  friend bool operator==(const Contribution&, const Contribution&) = default;
};

// One dot placed by a participant on a proposal.
struct Vote {
  std::string participant_id;
  std::string contribution_id;
  friend bool operator==(const Vote&, const Vote&) = default;
};

// Dots counted by hand by the facilitator (paper dots), per proposal.
struct HandCount {
  std::string contribution_id;
  int count = 0;
  friend bool operator==(const HandCount&, const HandCount&) = default;
};

struct CommitmentTerms {
  std::string what;
  std::string entity;  // responsible entity
  std::string office;  // responsible office (dependencia)
  Date due_date;
  std::string indicator;
  std::string goal;
  std::string territory{};  // where it applies (comuna, vereda…); empty: the entity's whole territory
  // Its parts, when it has several (each a short description; part n is parts[n-1]). Progress is
  // then reported per part, and the commitment's progress is the average of its parts' (R10: a
  // revision may add parts, never remove them).
  std::vector<std::string> parts{};
  friend bool operator==(const CommitmentTerms&, const CommitmentTerms&) = default;
};

// R10: every change is a new version; history is always visible.
struct CommitmentVersion {
  int version = 1;
  CommitmentTerms terms;
  Timestamp at = 0;
  std::string reason;  // why it changed (empty for the first version)
  friend bool operator==(const CommitmentVersion&, const CommitmentVersion&) = default;
};

struct Commitment {
  std::string id;  // "k3"
  std::vector<std::string> proposal_ids;
  std::vector<CommitmentVersion> versions;  // never empty
  const CommitmentTerms& terms() const { return versions.back().terms; }
  friend bool operator==(const Commitment&, const Commitment&) = default;
};

// The entity's answer to one or more principal proposals.
struct Answer {
  std::string id;  // "ans2"
  std::vector<std::string> proposal_ids;
  AnswerKind kind = AnswerKind::unknown;
  std::optional<std::string> commitment_id;  // kind == commitment
  std::string reason;                        // not adopted: why; referred: context
  std::string referred_to;                   // kind == referred: the competent entity
  Timestamp at = 0;
  friend bool operator==(const Answer&, const Answer&) = default;
};

struct ProgressReport {
  std::string id;  // "g5"
  std::string commitment_id;
  int percent = 0;  // 0..100
  ProgressStatus status = ProgressStatus::unknown;
  std::string note;
  std::string evidence_url;
  Date as_of;
  Timestamp reported_at = 0;
  int part = 0;  // 0: the whole commitment; n: its part n (CommitmentTerms::parts)
  friend bool operator==(const ProgressReport&, const ProgressReport&) = default;
};

// Fixed evaluation questions, rated 1..5.
struct EvaluationRatings {
  int organisation = 0;   // logística y organización
  int methodology = 0;    // metodología de talleres
  int participation = 0;  // pude participar y ser escuchado/a
  int answers = 0;        // respuestas de la entidad
  friend bool operator==(const EvaluationRatings&, const EvaluationRatings&) = default;
};

struct Evaluation {
  std::string participant_id;
  EvaluationRatings ratings;
  std::string comment;
  Timestamp at = 0;
  friend bool operator==(const Evaluation&, const Evaluation&) = default;
};

// The entity's public reply to an approved observation.
struct ObservationReply {
  std::string text;
  Timestamp at = 0;
  friend bool operator==(const ObservationReply&, const ObservationReply&) = default;
};

// Veeduría (control social): a follow-up observation anyone may leave on a commitment after
// publication. It waits for the organizer's moderation; once approved it is public, with the
// entity's reply when there is one.
struct Observation {
  std::string id;  // "o4"
  std::string commitment_id;
  std::string text;
  std::string alias;  // a name the writer chose to sign with; empty = anonymous
  Timestamp at = 0;
  ObservationStatus status = ObservationStatus::pending;
  std::string reason;  // why it was rejected (for the organizer's records; never public)
  std::optional<ObservationReply> reply;
  friend bool operator==(const Observation&, const Observation&) = default;
};

struct PhaseChange {
  Phase phase = Phase::unknown;
  Timestamp at = 0;
  std::string actor;
  friend bool operator==(const PhaseChange&, const PhaseChange&) = default;
};

}  // namespace encuentro::domain
