#include "domain/apply.hpp"

#include <algorithm>

namespace encuentro::domain {
namespace {

void erase_value(std::vector<std::string>& v, const std::string& value) {
  v.erase(std::remove(v.begin(), v.end(), value), v.end());
}

void add_unique(std::vector<std::string>& v, const std::string& value) {
  if (std::find(v.begin(), v.end(), value) == v.end()) v.push_back(value);
}

// One overload per event. The state is mutated in place; nothing here checks a rule.
struct Fold {
  Encuentro& s;
  const Recorded& r;

  Workshop& workshop(const std::string& id) const { return *s.workshop_mut(id); }

  void operator()(const ev::EncuentroCreated& e) const {
    s.id = e.encuentro_id;
    s.details = e.details;
    s.phase = Phase::draft;
    s.phase_history.push_back({Phase::draft, r.at, r.actor});
  }
  void operator()(const ev::DetailsUpdated& e) const { s.details = e.details; }
  void operator()(const ev::PointAdded& e) const {
    s.points.push_back({e.point_id, e.title, e.description, {}});
    ++s.point_counter;
  }
  void operator()(const ev::PointUpdated& e) const {
    for (auto& p : s.points) {
      if (p.id == e.point_id) {
        p.title = e.title;
        p.description = e.description;
      }
    }
  }
  void operator()(const ev::PointRemoved& e) const {
    std::erase_if(s.points, [&](const CentralPoint& p) { return p.id == e.point_id; });
  }
  void operator()(const ev::QuestionAdded& e) const {
    for (auto& p : s.points) {
      if (p.id == e.point_id) p.questions.push_back({e.question_id, e.text});
    }
    ++s.question_counter;
  }
  void operator()(const ev::QuestionUpdated& e) const {
    for (auto& p : s.points) {
      for (auto& q : p.questions) {
        if (q.id == e.question_id) q.text = e.text;
      }
    }
  }
  void operator()(const ev::QuestionRemoved& e) const {
    for (auto& p : s.points) {
      std::erase_if(p.questions, [&](const GuideQuestion& q) { return q.id == e.question_id; });
    }
  }
  void operator()(const ev::ConvocationPublished& e) const {
    s.convocation_published_on = e.on;
    s.phase = Phase::convened;
    s.phase_history.push_back({Phase::convened, r.at, r.actor});
  }
  void operator()(const ev::Registered& e) const { s.registrants.push_back(e.registrant); }
  void operator()(const ev::CheckedIn& e) const {
    s.participants.push_back(e.participant);
    if (e.participant.registrant_id) {
      for (auto& reg : s.registrants) {
        if (reg.id == *e.participant.registrant_id) reg.participant_id = e.participant.id;
      }
    }
    if (e.participant.workshop_id)
      workshop(*e.participant.workshop_id).members.push_back(e.participant.id);
  }
  void operator()(const ev::InterpreterRecorded& e) const {
    s.interpreters.push_back(e.interpreter);
    if (e.interpreter.workshop_id)
      workshop(*e.interpreter.workshop_id).interpreter_id = e.interpreter.id;
  }
  void operator()(const ev::WorkshopsFormed& e) const {
    s.workshops.clear();
    for (auto& p : s.participants) p.workshop_id.reset();
    for (auto& i : s.interpreters) i.workshop_id.reset();
    for (const auto& f : e.workshops) {
      Workshop w;
      w.id = f.workshop_id;
      w.number = f.number;
      w.members = f.members;
      w.interpreter_id = f.interpreter_id;
      for (const auto& m : f.members) s.participant_mut(m)->workshop_id = f.workshop_id;
      if (f.interpreter_id) {
        for (auto& i : s.interpreters) {
          if (i.id == *f.interpreter_id) i.workshop_id = f.workshop_id;
        }
      }
      s.workshops.push_back(std::move(w));
    }
  }
  void operator()(const ev::WorkshopAdded& e) const {
    Workshop w;
    w.id = e.workshop_id;
    w.number = e.number;
    s.workshops.push_back(std::move(w));
  }
  void operator()(const ev::ParticipantMoved& e) const {
    Workshop& from = workshop(e.from_workshop);
    erase_value(from.members, e.participant_id);
    erase_value(from.speaking_queue, e.participant_id);
    if (from.speaker == e.participant_id) from.speaker.reset();
    workshop(e.to_workshop).members.push_back(e.participant_id);
    s.participant_mut(e.participant_id)->workshop_id = e.to_workshop;
  }
  void operator()(const ev::StaffAssigned& e) const {
    Workshop& w = workshop(e.workshop_id);
    switch (e.role) {
      case StaffRole::facilitator:
        w.facilitator = e.name;
        break;
      case StaffRole::relator:
        w.relator = e.name;
        break;
      case StaffRole::servant:
        add_unique(w.servants, e.name);
        break;
      case StaffRole::unknown:
        break;
    }
  }
  void operator()(const ev::PhaseAdvanced& e) const {
    s.phase = e.to;
    s.phase_history.push_back({e.to, r.at, r.actor});
  }
  void operator()(const ev::TimerStarted& e) const {
    WorkshopTimer& t = workshop(e.workshop_id).timer;
    t.status = TimerStatus::running;
    t.allotted_minutes = e.minutes;
    t.deadline = e.deadline;
    t.remaining_ms = 0;
    t.started_at = r.at;
  }
  void operator()(const ev::TimerPaused& e) const {
    WorkshopTimer& t = workshop(e.workshop_id).timer;
    t.status = TimerStatus::paused;
    t.remaining_ms = e.remaining_ms;
    t.deadline = 0;
  }
  void operator()(const ev::TimerResumed& e) const {
    WorkshopTimer& t = workshop(e.workshop_id).timer;
    t.status = TimerStatus::running;
    t.deadline = e.deadline;
    t.remaining_ms = 0;
  }
  void operator()(const ev::TimerExtended& e) const {
    WorkshopTimer& t = workshop(e.workshop_id).timer;
    t.allotted_minutes += e.minutes;
    t.deadline = e.deadline;
    t.remaining_ms = e.remaining_ms;
  }
  void operator()(const ev::CurrentQuestionSet& e) const {
    workshop(e.workshop_id).current_question = e.question_id;
  }
  void operator()(const ev::HandRaised& e) const {
    workshop(e.workshop_id).speaking_queue.push_back(e.participant_id);
  }
  void operator()(const ev::HandLowered& e) const {
    erase_value(workshop(e.workshop_id).speaking_queue, e.participant_id);
  }
  void operator()(const ev::FloorGiven& e) const {
    Workshop& w = workshop(e.workshop_id);
    erase_value(w.speaking_queue, e.participant_id);
    w.speaker = e.participant_id;
    add_unique(w.heard, e.participant_id);
  }
  void operator()(const ev::ContributionCaptured& e) const {
    s.contributions.push_back(e.contribution);
  }
  void operator()(const ev::ContributionEdited& e) const {
    Contribution& c = *s.contribution_mut(e.contribution_id);
    c.point_id = e.point_id;
    c.question_id = e.question_id;
    c.text = e.text;
    c.author = e.author;
    c.edited_at = r.at;
  }
  void operator()(const ev::ContributionKindChanged& e) const {
    Contribution& c = *s.contribution_mut(e.contribution_id);
    c.kind = e.kind;
    c.edited_at = r.at;
  }
  void operator()(const ev::ContributionsMerged& e) const {
    for (const auto& from : e.from_ids) {
      Contribution& c = *s.contribution_mut(from);
      c.status = ContributionStatus::merged;
      c.merged_into = e.into_id;
      c.edited_at = r.at;
    }
  }
  void operator()(const ev::QuestionAnswered& e) const {
    Contribution& c = *s.contribution_mut(e.contribution_id);
    c.answer = e.answer;
    c.edited_at = r.at;
  }
  void operator()(const ev::ProposalSubmitted& e) const {
    s.contributions.push_back(e.contribution);
  }
  void operator()(const ev::ProposalAccepted& e) const {
    Contribution& c = *s.contribution_mut(e.contribution_id);
    c.status = ContributionStatus::active;
    c.edited_at = r.at;
  }
  void operator()(const ev::ProposalDeclined& e) const {
    Contribution& c = *s.contribution_mut(e.contribution_id);
    c.status = ContributionStatus::declined;
    c.decline_reason = e.reason;
    c.edited_at = r.at;
  }
  void operator()(const ev::VotingOpened& e) const {
    Voting& v = workshop(e.workshop_id).voting;
    v.open = true;
    v.closed = false;
    v.dots_per_person = e.dots_per_person;
  }
  void operator()(const ev::VoteCast& e) const {
    s.votes.push_back({e.participant_id, e.contribution_id});
  }
  void operator()(const ev::VoteRetracted& e) const {
    auto it = std::find(s.votes.begin(), s.votes.end(), Vote{e.participant_id, e.contribution_id});
    if (it != s.votes.end()) s.votes.erase(it);
  }
  void operator()(const ev::HandCountRecorded& e) const {
    for (auto& h : s.hand_counts) {
      if (h.contribution_id == e.contribution_id) {
        h.count = e.count;
        return;
      }
    }
    s.hand_counts.push_back({e.contribution_id, e.count});
  }
  void operator()(const ev::VotingClosed& e) const {
    Workshop& w = workshop(e.workshop_id);
    w.voting.open = false;
    w.voting.closed = true;
    w.principal_proposals = e.principal_ids;
  }
  void operator()(const ev::PrincipalProposalsSet& e) const {
    workshop(e.workshop_id).principal_proposals = e.contribution_ids;
  }
  void operator()(const ev::SynthesisWritten& e) const {
    workshop(e.workshop_id).synthesis = e.text;
  }
  void operator()(const ev::SynthesisFinalized& e) const {
    workshop(e.workshop_id).synthesis_final = true;
  }
  void operator()(const ev::PlenaryFocused& e) const { s.plenary_focus = e.target; }
  void operator()(const ev::ProposalsAnswered& e) const {
    s.answers.push_back(e.answer);
    if (e.commitment) s.commitments.push_back(*e.commitment);
  }
  void operator()(const ev::CommitmentRevised& e) const {
    s.commitment_mut(e.commitment_id)->versions.push_back(e.version);
  }
  void operator()(const ev::ProgressReported& e) const { s.progress_reports.push_back(e.report); }
  void operator()(const ev::EvaluationSubmitted& e) const { s.evaluations.push_back(e.evaluation); }
  void operator()(const ev::ObservationSubmitted& e) const {
    s.observations.push_back(e.observation);
  }
  void operator()(const ev::ObservationModerated& e) const {
    if (Observation* o = s.observation_mut(e.observation_id)) {
      o->status = e.decision;
      o->reason = e.reason;
    }
  }
  void operator()(const ev::ObservationReplied& e) const {
    if (Observation* o = s.observation_mut(e.observation_id)) {
      o->reply = ObservationReply{e.text, r.at};
    }
  }
  void operator()(const ev::PersonalDataErased&) const {
    for (auto& registrant : s.registrants) erase_personal_data(registrant);
    for (auto& person : s.participants) erase_personal_data(person);
    for (auto& c : s.contributions) c.author.clear();
    s.personal_data_erased_at = r.at;
  }
};

}  // namespace

void erase_personal_data(Registrant& r) {
  r.name.clear();
  r.contact.clear();
  r.organisation.clear();
  r.code.clear();
  r.needs = Accessibility{};
}

void erase_personal_data(Participant& p) {
  p.name.clear();
  p.needs = Accessibility{};
}

bool erase_personal_data(Event& event) {
  if (auto* e = std::get_if<ev::Registered>(&event)) {
    const Registrant before = e->registrant;
    erase_personal_data(e->registrant);
    return !(before == e->registrant);
  }
  if (auto* e = std::get_if<ev::CheckedIn>(&event)) {
    const Participant before = e->participant;
    erase_personal_data(e->participant);
    return !(before == e->participant);
  }
  auto clear = [](std::string& author) {
    const bool had = !author.empty();
    author.clear();
    return had;
  };
  if (auto* e = std::get_if<ev::ContributionCaptured>(&event)) return clear(e->contribution.author);
  if (auto* e = std::get_if<ev::ProposalSubmitted>(&event)) return clear(e->contribution.author);
  if (auto* e = std::get_if<ev::ContributionEdited>(&event)) return clear(e->author);
  return false;
}

void apply(Encuentro& state, const Recorded& recorded) {
  std::visit(Fold{state, recorded}, recorded.event);
  state.seq = recorded.seq;
}

}  // namespace encuentro::domain
