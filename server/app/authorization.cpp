#include "app/authorization.hpp"

#include <algorithm>
#include <optional>
#include <variant>
#include <vector>

#include "protocol/wire_names.hpp"

namespace encuentro::app {
namespace {

namespace d = encuentro::domain;
namespace cmd = encuentro::domain::cmd;
namespace ev = encuentro::domain::ev;

// ---- commands -------------------------------------------------------------------------------

using Roles = unsigned;
constexpr Roles bit(Role role) {
  return 1u << static_cast<unsigned>(role);
}
constexpr Roles kOrganizer = bit(Role::organizer);
constexpr Roles kFacilitator = bit(Role::facilitator);
constexpr Roles kRelator = bit(Role::relator);
constexpr Roles kServant = bit(Role::servant);
constexpr Roles kCitizen = bit(Role::citizen);
constexpr Roles kOffice = bit(Role::office);

// What a command needs: the roles that may send it and the scope it touches.
struct Need {
  Roles roles = 0;
  // The workshop of each thing the command names; nullopt when an id names nothing.
  std::vector<std::optional<std::string_view>> workshops;
  // The participant a citizen acts as (nullptr: none named).
  const std::string* participant = nullptr;
  bool every_encuentro = false;  // only an organizer covering every encuentro
};

// One rule per command: a command without one does not compile.
struct Rules {
  const d::Encuentro& s;

  std::optional<std::string_view> of(const std::string& contribution_id) const {
    const d::Contribution* c = s.contribution(contribution_id);
    if (c == nullptr) return std::nullopt;
    return std::string_view(c->workshop_id);
  }
  static Need organizer() { return Need{kOrganizer, {}, nullptr, false}; }
  static Need in(Roles roles, std::string_view workshop) {
    return Need{roles, {workshop}, nullptr, false};
  }
  Need on(Roles roles, const std::string& contribution_id) const {
    return Need{roles, {of(contribution_id)}, nullptr, false};
  }

  // Planning and convocation
  Need operator()(const cmd::CreateEncuentro&) const { return Need{kOrganizer, {}, nullptr, true}; }
  Need operator()(const cmd::UpdateDetails&) const { return organizer(); }
  Need operator()(const cmd::AddPoint&) const { return organizer(); }
  Need operator()(const cmd::UpdatePoint&) const { return organizer(); }
  Need operator()(const cmd::RemovePoint&) const { return organizer(); }
  Need operator()(const cmd::AddQuestion&) const { return organizer(); }
  Need operator()(const cmd::UpdateQuestion&) const { return organizer(); }
  Need operator()(const cmd::RemoveQuestion&) const { return organizer(); }
  Need operator()(const cmd::PublishConvocation&) const { return organizer(); }
  Need operator()(const cmd::Register&) const { return organizer(); }
  // Accreditation, workshops' formation and staffing, phases
  Need operator()(const cmd::CheckIn&) const { return organizer(); }
  Need operator()(const cmd::CheckInWalkIn&) const { return organizer(); }
  Need operator()(const cmd::RecordInterpreter&) const { return organizer(); }
  Need operator()(const cmd::FormWorkshops&) const { return organizer(); }
  Need operator()(const cmd::MoveParticipant&) const { return organizer(); }
  Need operator()(const cmd::AssignStaff&) const { return organizer(); }
  Need operator()(const cmd::AdvancePhase&) const { return organizer(); }
  // Workshops: the facilitator's controls
  Need operator()(const cmd::StartTimer& c) const { return in(kFacilitator, c.workshop_id); }
  Need operator()(const cmd::PauseTimer& c) const { return in(kFacilitator, c.workshop_id); }
  Need operator()(const cmd::ResumeTimer& c) const { return in(kFacilitator, c.workshop_id); }
  Need operator()(const cmd::ExtendTimer& c) const { return in(kFacilitator, c.workshop_id); }
  Need operator()(const cmd::SetCurrentQuestion& c) const {
    return in(kFacilitator, c.workshop_id);
  }
  Need operator()(const cmd::RaiseHand& c) const {
    return Need{kFacilitator | kCitizen, {c.workshop_id}, &c.participant_id, false};
  }
  Need operator()(const cmd::LowerHand& c) const {
    return Need{kFacilitator | kCitizen, {c.workshop_id}, &c.participant_id, false};
  }
  Need operator()(const cmd::GiveFloor& c) const { return in(kFacilitator, c.workshop_id); }
  // Workshops: the relator's record
  Need operator()(const cmd::CaptureContribution& c) const { return in(kRelator, c.workshop_id); }
  Need operator()(const cmd::EditContribution& c) const { return on(kRelator, c.contribution_id); }
  Need operator()(const cmd::ChangeKind& c) const { return on(kRelator, c.contribution_id); }
  Need operator()(const cmd::MergeContributions& c) const {
    Need need = on(kRelator, c.into_id);
    for (const std::string& id : c.from_ids) need.workshops.push_back(of(id));
    return need;
  }
  Need operator()(const cmd::AnswerQuestion& c) const {
    return on(kRelator | kServant, c.contribution_id);
  }
  Need operator()(const cmd::SubmitProposal& c) const {
    return Need{kCitizen, {c.workshop_id}, &c.participant_id, false};
  }
  Need operator()(const cmd::AcceptProposal& c) const { return on(kRelator, c.contribution_id); }
  Need operator()(const cmd::DeclineProposal& c) const { return on(kRelator, c.contribution_id); }
  // Workshops: prioritisation
  Need operator()(const cmd::OpenVoting& c) const { return in(kFacilitator, c.workshop_id); }
  Need operator()(const cmd::CastVote& c) const {
    return Need{kCitizen, {c.workshop_id, of(c.contribution_id)}, &c.participant_id, false};
  }
  Need operator()(const cmd::RetractVote& c) const {
    return Need{kCitizen, {c.workshop_id, of(c.contribution_id)}, &c.participant_id, false};
  }
  Need operator()(const cmd::RecordHandCount& c) const {
    return Need{kFacilitator, {c.workshop_id, of(c.contribution_id)}, nullptr, false};
  }
  Need operator()(const cmd::CloseVoting& c) const { return in(kFacilitator, c.workshop_id); }
  Need operator()(const cmd::SetPrincipalProposals& c) const {
    Need need = in(kFacilitator, c.workshop_id);
    for (const std::string& id : c.contribution_ids) need.workshops.push_back(of(id));
    return need;
  }
  Need operator()(const cmd::WriteSynthesis& c) const { return in(kRelator, c.workshop_id); }
  Need operator()(const cmd::FinalizeSynthesis& c) const { return in(kRelator, c.workshop_id); }
  // Plenary, commitments, follow-up
  Need operator()(const cmd::FocusPlenary&) const { return organizer(); }
  Need operator()(const cmd::AnswerProposals&) const { return organizer(); }
  Need operator()(const cmd::ReviseCommitment&) const { return organizer(); }
  Need operator()(const cmd::ReportProgress&) const {
    return Need{kOrganizer | kOffice, {}, nullptr, false};
  }
  Need operator()(const cmd::SubmitEvaluation& c) const {
    return Need{kCitizen, {}, &c.participant_id, false};
  }
  // Veeduría: observations come only through the public HTTP endpoint, which has its own limits
  // (transport/public_api.cpp); no live session sends them.
  Need operator()(const cmd::SubmitObservation&) const { return Need{}; }
  Need operator()(const cmd::ModerateObservation&) const { return organizer(); }
  Need operator()(const cmd::ReplyToObservation&) const {
    return Need{kOrganizer | kOffice, {}, nullptr, false};
  }
  Need operator()(const cmd::ErasePersonalData&) const { return organizer(); }
};

Decision deny(DenyCode code, std::string message) {
  return Decision{code, std::move(message)};
}

// ---- events ---------------------------------------------------------------------------------

// The principal as a viewer of one encuentro's state (scope already checked).
struct Viewer {
  const Principal& p;
  const d::Encuentro& s;
  const d::Participant* me = nullptr;  // a citizen's participant, when linked and known

  Viewer(const Principal& principal, const d::Encuentro& state) : p(principal), s(state) {
    if (p.role == Role::citizen && p.participant_id) me = s.participant(*p.participant_id);
  }

  bool organizer() const { return p.role == Role::organizer; }
  bool staff() const { return is_workshop_staff(p.role) && p.workshop_id.has_value(); }
  bool staff_of(std::string_view w) const { return staff() && *p.workshop_id == w; }
  bool citizen_of(std::string_view w) const {
    return me != nullptr && me->workshop_id && *me->workshop_id == w;
  }
  bool self(std::string_view participant) const {
    return p.role == Role::citizen && p.participant_id && *p.participant_id == participant;
  }
  bool session() const { return p.role != Role::anyone && p.role != Role::unknown; }
  bool event_day() const {
    return organizer() || staff() || p.role == Role::citizen || p.role == Role::projector;
  }
  bool plenary_reached() const { return s.phase >= d::Phase::plenary; }
  bool convened() const { return s.convocation_published_on.has_value(); }
  bool published() const { return s.phase >= d::Phase::published; }

  bool desk(std::string_view w) const { return organizer() || staff_of(w); }
  bool room(std::string_view w) const {
    return desk(w) || citizen_of(w) || p.role == Role::projector ||
           (plenary_reached() && event_day());
  }
  // Planning and phases: every session; the public once convened.
  bool planning() const { return session() || (p.role == Role::anyone && convened()); }
  // Answers, commitments, progress: every session; the public once published.
  bool results() const { return session() || (p.role == Role::anyone && published()); }
  // Veeduría observations, moderated or not.
  bool follow_up() const { return organizer() || p.role == Role::office; }

  bool contribution(const d::Contribution& c) const {
    if (c.source == d::ContributionSource::citizen &&
        (c.status == d::ContributionStatus::pending ||
         c.status == d::ContributionStatus::declined)) {
      return desk(c.workshop_id) || (c.submitted_by && self(*c.submitted_by));
    }
    return room(c.workshop_id);
  }
  bool contribution(std::string_view id) const {
    const d::Contribution* c = s.contribution(id);
    return c != nullptr ? contribution(*c) : organizer();
  }
};

// One rule per event: an event without one does not compile.
struct Sight {
  const Viewer& v;

  bool operator()(const ev::EncuentroCreated&) const { return v.planning(); }
  bool operator()(const ev::DetailsUpdated&) const { return v.planning(); }
  bool operator()(const ev::PointAdded&) const { return v.planning(); }
  bool operator()(const ev::PointUpdated&) const { return v.planning(); }
  bool operator()(const ev::PointRemoved&) const { return v.planning(); }
  bool operator()(const ev::QuestionAdded&) const { return v.planning(); }
  bool operator()(const ev::QuestionUpdated&) const { return v.planning(); }
  bool operator()(const ev::QuestionRemoved&) const { return v.planning(); }
  bool operator()(const ev::ConvocationPublished&) const { return v.planning(); }
  bool operator()(const ev::Registered&) const { return v.organizer(); }
  bool operator()(const ev::CheckedIn&) const { return v.organizer(); }
  bool operator()(const ev::InterpreterRecorded&) const { return v.organizer(); }
  bool operator()(const ev::WorkshopsFormed&) const { return v.event_day(); }
  bool operator()(const ev::WorkshopAdded&) const { return v.event_day(); }
  bool operator()(const ev::ParticipantMoved& e) const {
    return v.desk(e.from_workshop) || v.desk(e.to_workshop) || v.self(e.participant_id);
  }
  bool operator()(const ev::StaffAssigned& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::PhaseAdvanced&) const { return v.planning(); }
  bool operator()(const ev::TimerStarted& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::TimerPaused& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::TimerResumed& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::TimerExtended& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::CurrentQuestionSet& e) const { return v.room(e.workshop_id); }
  // The speaking queue is the room's (ids, never names: see redact()), so that each phone knows
  // its place in it.
  bool operator()(const ev::HandRaised& e) const { return queue(e.workshop_id, e.participant_id); }
  bool operator()(const ev::HandLowered& e) const { return queue(e.workshop_id, e.participant_id); }
  bool operator()(const ev::FloorGiven& e) const { return queue(e.workshop_id, e.participant_id); }
  bool queue(std::string_view w, std::string_view who) const {
    return v.desk(w) || v.citizen_of(w) || v.self(who);
  }
  bool operator()(const ev::ContributionCaptured& e) const {
    return v.contribution(e.contribution.id);
  }
  bool operator()(const ev::ContributionEdited& e) const {
    return v.contribution(e.contribution_id);
  }
  bool operator()(const ev::ContributionKindChanged& e) const {
    return v.contribution(e.contribution_id);
  }
  bool operator()(const ev::ContributionsMerged& e) const { return v.contribution(e.into_id); }
  bool operator()(const ev::QuestionAnswered& e) const { return v.contribution(e.contribution_id); }
  bool operator()(const ev::ProposalSubmitted& e) const {
    return v.contribution(e.contribution.id);
  }
  bool operator()(const ev::ProposalAccepted& e) const { return v.contribution(e.contribution_id); }
  bool operator()(const ev::ProposalDeclined& e) const { return v.contribution(e.contribution_id); }
  bool operator()(const ev::VotingOpened& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::VoteCast& e) const {
    return v.desk(e.workshop_id) || v.self(e.participant_id);
  }
  bool operator()(const ev::VoteRetracted& e) const {
    return v.desk(e.workshop_id) || v.self(e.participant_id);
  }
  bool operator()(const ev::HandCountRecorded& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::VotingClosed& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::PrincipalProposalsSet& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::SynthesisWritten& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::SynthesisFinalized& e) const { return v.room(e.workshop_id); }
  bool operator()(const ev::PlenaryFocused&) const { return v.event_day(); }
  bool operator()(const ev::ProposalsAnswered&) const { return v.results(); }
  bool operator()(const ev::CommitmentRevised&) const { return v.results(); }
  bool operator()(const ev::ProgressReported&) const { return v.results(); }
  bool operator()(const ev::EvaluationSubmitted& e) const {
    return v.organizer() || v.self(e.evaluation.participant_id);
  }
  // Observations before moderation are for the organizer (who moderates) and the office (which
  // answers); the public reads approved ones over HTTP only.
  bool operator()(const ev::ObservationSubmitted&) const { return v.follow_up(); }
  bool operator()(const ev::ObservationModerated&) const { return v.follow_up(); }
  bool operator()(const ev::ObservationReplied&) const { return v.follow_up(); }
  bool operator()(const ev::PersonalDataErased&) const { return v.session(); }
};

// ---- snapshots ------------------------------------------------------------------------------

template <class T, class Keep>
void keep_if(std::vector<T>& items, Keep&& keep) {
  items.erase(std::remove_if(items.begin(), items.end(), [&](const T& x) { return !keep(x); }),
              items.end());
}

d::Participant anonymous(const d::Participant& p) {
  d::Participant out;
  out.id = p.id;
  out.workshop_id = p.workshop_id;
  return out;
}

bool contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

d::Encuentro redact_public(const d::Encuentro& s) {
  d::Encuentro out;
  out.id = s.id;
  if (!s.convocation_published_on) return out;
  out.seq = s.seq;
  out.phase = s.phase;
  out.details = s.details;
  out.convocation_published_on = s.convocation_published_on;
  out.points = s.points;
  for (d::PhaseChange change : s.phase_history) {
    change.actor.clear();
    out.phase_history.push_back(std::move(change));
  }
  if (s.phase < d::Phase::published) return out;
  for (const d::Workshop& w : s.workshops) {
    d::Workshop pub;
    pub.id = w.id;
    pub.number = w.number;
    pub.principal_proposals = w.principal_proposals;
    pub.synthesis = w.synthesis;
    pub.synthesis_final = w.synthesis_final;
    out.workshops.push_back(std::move(pub));
  }
  for (const d::Contribution& c : s.contributions) {
    if (c.status != d::ContributionStatus::active || c.kind != d::ContributionKind::propuesta)
      continue;
    d::Contribution pub = c;
    pub.author.clear();
    pub.submitted_by.reset();
    out.contributions.push_back(std::move(pub));
  }
  out.answers = s.answers;
  out.commitments = s.commitments;
  out.progress_reports = s.progress_reports;
  return out;
}

d::Encuentro redact_office(const d::Encuentro& s) {
  d::Encuentro out;
  out.id = s.id;
  out.seq = s.seq;
  out.phase = s.phase;
  out.details = s.details;
  out.convocation_published_on = s.convocation_published_on;
  out.points = s.points;
  out.phase_history = s.phase_history;
  for (const d::Workshop& w : s.workshops) {
    d::Workshop pub;
    pub.id = w.id;
    pub.number = w.number;
    pub.principal_proposals = w.principal_proposals;
    out.workshops.push_back(std::move(pub));
  }
  const std::vector<std::string> principal = d::all_principal_proposals(s);
  for (const d::Contribution& c : s.contributions) {
    if (!contains(principal, c.id)) continue;
    d::Contribution pub = c;
    pub.submitted_by.reset();
    out.contributions.push_back(std::move(pub));
  }
  out.answers = s.answers;
  out.commitments = s.commitments;
  out.progress_reports = s.progress_reports;
  out.observations = s.observations;
  return out;
}

}  // namespace

std::string_view deny_code_name(DenyCode code) noexcept {
  switch (code) {
    case DenyCode::forbidden:
      return "forbidden";
    case DenyCode::wrong_encuentro:
      return "wrong_encuentro";
    case DenyCode::wrong_workshop:
      return "wrong_workshop";
    case DenyCode::none:
      break;
  }
  return "";
}

Decision authorize(const Principal& p, std::string_view encuentro_id, const d::Command& command,
                   const d::Encuentro& state) {
  const std::string_view name = protocol::kCommandNames[command.index()];
  if (!p.covers(encuentro_id) || (!state.id.empty() && state.id != encuentro_id)) {
    return deny(DenyCode::wrong_encuentro, "this session is for another encuentro");
  }
  if (const auto* create = std::get_if<cmd::CreateEncuentro>(&command);
      create && create->encuentro_id != encuentro_id) {
    return deny(DenyCode::wrong_encuentro, "the command names another encuentro");
  }
  const Need need = std::visit(Rules{state}, command);
  if ((need.roles & bit(p.role)) == 0) {
    return deny(DenyCode::forbidden, "the " + std::string(role_name(p.role)) +
                                         " role may not send " + std::string(name));
  }
  if (need.every_encuentro && p.encuentro_id) {
    return deny(DenyCode::forbidden, "only the server's organizer creates encuentros");
  }
  if (is_workshop_staff(p.role)) {
    if (!p.workshop_id || need.workshops.empty()) {
      return deny(DenyCode::forbidden, "this session has no workshop");
    }
    for (const auto& w : need.workshops) {
      if (!w || *w != *p.workshop_id) {
        return deny(DenyCode::wrong_workshop, std::string(name) + " touches another workshop");
      }
    }
  } else if (p.role == Role::citizen) {
    if (!p.participant_id) {
      return deny(DenyCode::forbidden, "this session is not linked to a participant yet");
    }
    if (need.participant == nullptr || *need.participant != *p.participant_id) {
      return deny(DenyCode::forbidden, "a citizen acts only for themself");
    }
    if (!need.workshops.empty()) {
      const d::Participant* me = state.participant(*p.participant_id);
      if (me == nullptr || !me->workshop_id) {
        return deny(DenyCode::wrong_workshop, "this participant is in no workshop");
      }
      for (const auto& w : need.workshops) {
        if (!w || *w != *me->workshop_id) {
          return deny(DenyCode::wrong_workshop, std::string(name) + " touches another workshop");
        }
      }
    }
  }
  return Decision{};
}

bool may_see(const Principal& p, const d::Event& event, const d::Encuentro& state) {
  if (p.role == Role::unknown || !p.covers(state.id)) return false;
  const Viewer viewer(p, state);
  return std::visit(Sight{viewer}, event);
}

bool may_see_anonymously(const Principal& p, const d::Event& event, const d::Encuentro& state) {
  if (p.role == Role::unknown || !p.covers(state.id)) return false;
  const Viewer viewer(p, state);
  if (const auto* vote = std::get_if<ev::VoteCast>(&event)) return viewer.room(vote->workshop_id);
  if (const auto* vote = std::get_if<ev::VoteRetracted>(&event))
    return viewer.room(vote->workshop_id);
  return false;
}

d::Event anonymous(d::Event event) {
  if (auto* vote = std::get_if<ev::VoteCast>(&event)) vote->participant_id.clear();
  if (auto* vote = std::get_if<ev::VoteRetracted>(&event)) vote->participant_id.clear();
  return event;
}

d::Encuentro redact(const Principal& p, const d::Encuentro& s) {
  if (p.role == Role::unknown || !p.covers(s.id)) {
    d::Encuentro nothing;
    nothing.id = s.id;
    return nothing;
  }
  if (p.role == Role::organizer) return s;
  if (p.role == Role::anyone) return redact_public(s);
  if (p.role == Role::office) return redact_office(s);

  const Viewer v(p, s);
  d::Encuentro out = s;
  out.registrants.clear();
  for (d::Interpreter& i : out.interpreters) i.name.clear();
  for (d::Participant& person : out.participants) {
    const bool known = v.self(person.id) || (person.workshop_id && v.staff_of(*person.workshop_id));
    if (!known) {
      person = anonymous(person);
    } else {
      person.registrant_id.reset();
    }
  }
  for (d::Vote& vote : out.votes) {
    const d::Contribution* c = s.contribution(vote.contribution_id);
    if (v.self(vote.participant_id) || (c && v.staff_of(c->workshop_id))) continue;
    vote.participant_id.clear();
  }
  keep_if(out.contributions, [&](const d::Contribution& c) { return v.contribution(c); });
  for (d::Workshop& w : out.workshops) {
    if (!v.staff_of(w.id) && !v.citizen_of(w.id)) {
      w.speaking_queue.clear();
      w.speaker.reset();
      w.heard.clear();
    }
    if (!v.room(w.id)) {
      w.timer = {};
      w.current_question.reset();
      w.voting = {};
      w.principal_proposals.clear();
      w.synthesis.clear();
      w.synthesis_final = false;
    }
  }
  keep_if(out.hand_counts, [&](const d::HandCount& h) {
    const d::Contribution* c = s.contribution(h.contribution_id);
    return c && v.room(c->workshop_id);
  });
  keep_if(out.votes, [&](const d::Vote& vote) {
    const d::Contribution* c = s.contribution(vote.contribution_id);
    return c && v.room(c->workshop_id);
  });
  keep_if(out.evaluations, [&](const d::Evaluation& e) { return v.self(e.participant_id); });
  out.observations.clear();
  return out;
}

}  // namespace encuentro::app
