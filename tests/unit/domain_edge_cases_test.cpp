// Rule edges found in review: each case would fail against the code before its fix.
#include <doctest/doctest.h>

#include <algorithm>

#include "domain_fixture.hpp"

using namespace encuentro::testing;
using d::RejectionCode;

namespace {

int interpreter_users(const Scenario& s, const d::Workshop& w) {
  return static_cast<int>(std::count_if(
      w.members.begin(), w.members.end(),
      [&](const std::string& m) { return s.state.participant(m)->needs.needs_interpreter(); }));
}

}  // namespace

TEST_CASE("R8: a proposal with votes, or a principal one, cannot be turned into a complaint") {
  Scenario s;
  s.in_workshops(31);
  const auto principal = s.prioritised("w1");
  const auto voted_not_principal = s.capture("w1", "Otra propuesta");
  CHECK(s.refused(d::cmd::ChangeKind{principal[0], d::ContributionKind::queja}).code ==
        RejectionCode::kind_locked);
  CHECK(s.refused(d::cmd::ChangeKind{principal[0], d::ContributionKind::observacion}).code ==
        RejectionCode::kind_locked);
  s.ok(d::cmd::ChangeKind{voted_not_principal, d::ContributionKind::queja});  // no votes: allowed
}

TEST_CASE("R11: a fulfilment reported after the due date leaves the days before it overdue") {
  Scenario s;
  s.in_workshops(31);
  s.prioritised("w1");
  s.ok(d::cmd::AdvancePhase{d::Phase::plenary});
  s.ok(d::cmd::AdvancePhase{d::Phase::commitments});
  const d::Date due = s.ctx.today.plus_days(60);
  for (const auto& id : d::all_principal_proposals(s.state)) {
    s.ok(d::cmd::AnswerProposals{{id},
                                 d::AnswerKind::commitment,
                                 d::CommitmentTerms{"Hacer", "Alcaldía", "Oficina", due, "i", "m"},
                                 "",
                                 ""});
  }
  s.ok(d::cmd::AdvancePhase{d::Phase::published});
  s.advance_days(80);
  s.ok(d::cmd::ReportProgress{"k1", 100, d::ProgressStatus::cumplido, "", "", due.plus_days(10)});
  const auto& k = *s.state.commitment("k1");
  CHECK_FALSE(d::is_overdue(s.state, k, due));
  CHECK(d::is_overdue(s.state, k, due.plus_days(5)));         // late, not yet fulfilled
  CHECK_FALSE(d::is_overdue(s.state, k, due.plus_days(10)));  // fulfilled from that day on
  CHECK(d::is_overdue(s.state, *s.state.commitment("k2"), due.plus_days(1)));  // untouched one
}

TEST_CASE("R3: walk-ins who ask count; late arrivals and later interpreters join the group") {
  Scenario s;
  s.convene();
  for (int i = 1; i <= 9; ++i) s.ok(s.registration(i, d::ValueGroup::discapacidad, true));
  for (int i = 10; i <= 45; ++i) s.ok(s.registration(i));
  CHECK_FALSE(d::interpreter_obligation_open(s.state, s.ctx.policy));
  d::Accessibility lsc;
  lsc.lsc_interpreter = true;
  s.ok(d::cmd::CheckInWalkIn{"Walk-in", "Comuna 1", d::ValueGroup::ciudadania, lsc, true});
  CHECK(d::interpreter_obligation_open(s.state, s.ctx.policy));
  for (int i = 1; i <= 45; ++i) s.ok(d::cmd::CheckIn{"r" + std::to_string(i)});
  s.ok(d::cmd::FormWorkshops{});  // no interpreter yet
  REQUIRE(s.state.workshops.size() == 2);
  const d::Workshop* group = interpreter_users(s, s.state.workshops[0]) > 0 ? &s.state.workshops[0]
                                                                            : &s.state.workshops[1];
  const std::string group_id = group->id;
  CHECK(interpreter_users(s, *group) == 10);
  // The interpreter recorded after forming joins that workshop.
  s.ok(d::cmd::RecordInterpreter{"Intérprete", d::InterpreterKind::lsc});
  CHECK(s.state.interpreters[0].workshop_id == group_id);
  CHECK(s.state.workshop(group_id)->interpreter_id == "i1");
  // A late arrival who needs one goes there, even when it is not the smallest.
  s.ok(d::cmd::CheckInWalkIn{"Otro", "Comuna 2", d::ValueGroup::ciudadania, {}, true});
  s.ok(d::cmd::CheckInWalkIn{"Tarde", "Comuna 2", d::ValueGroup::ciudadania, lsc, true});
  CHECK(s.state.participants.back().workshop_id == group_id);
}

TEST_CASE(
    "R3: with more interpreter users than one workshop holds, each workshop of the block gets an "
    "interpreter") {
  Scenario s;
  s.convene();
  for (int i = 1; i <= 35; ++i) s.ok(s.registration(i, d::ValueGroup::discapacidad, true));
  for (int i = 36; i <= 90; ++i) s.ok(s.registration(i));
  s.ok(d::cmd::RecordInterpreter{"Intérprete 1", d::InterpreterKind::lsc});
  s.ok(d::cmd::RecordInterpreter{"Intérprete 2", d::InterpreterKind::lsc});
  for (int i = 1; i <= 90; ++i) s.ok(d::cmd::CheckIn{"r" + std::to_string(i)});
  s.ok(d::cmd::FormWorkshops{});
  int with_users = 0;
  for (const auto& w : s.state.workshops) {
    if (interpreter_users(s, w) == 0) {
      CHECK_FALSE(w.interpreter_id.has_value());
      continue;
    }
    ++with_users;
    CHECK(w.interpreter_id.has_value());
  }
  CHECK(with_users == 2);
}

TEST_CASE("R4: a lowered cap holds for moves and late arrivals too") {
  Scenario s;
  s.ctx.policy.workshop_cap = 10;
  s.checked_in(20);
  s.ok(d::cmd::FormWorkshops{});
  REQUIRE(s.state.workshops.size() == 2);
  CHECK(s.refused(d::cmd::MoveParticipant{s.state.workshops[0].members[0], "w2"}).details["cap"] ==
        "10");
  s.ok(d::cmd::CheckInWalkIn{"Tarde", "Comuna 1", d::ValueGroup::ciudadania, {}, true});
  CHECK(s.state.workshops.size() == 3);
  for (const auto& w : s.state.workshops) CHECK(w.members.size() <= 10);
}

TEST_CASE("R6: a workshop added for late arrivals does not run until it has its staff") {
  Scenario s;
  s.in_workshops(60);  // two full workshops
  s.ok(d::cmd::CheckInWalkIn{"Tarde", "Comuna 1", d::ValueGroup::ciudadania, {}, true});
  REQUIRE(s.state.workshops.size() == 3);
  const std::string late = s.state.participants.back().id;
  auto r = s.refused(d::cmd::StartTimer{"w3", 60});
  CHECK(r.code == RejectionCode::staff_missing);
  CHECK(r.details["workshops"] == "w3");
  CHECK(s.refused(d::cmd::RaiseHand{"w3", late}).code == RejectionCode::staff_missing);
  CHECK(s.refused(d::cmd::CaptureContribution{"w3", d::ContributionKind::propuesta, "p1",
                                              std::nullopt, "x", ""})
            .code == RejectionCode::staff_missing);
  s.ok(d::cmd::AssignStaff{"w3", d::StaffRole::facilitator, "F3"});
  s.ok(d::cmd::AssignStaff{"w3", d::StaffRole::relator, "R3"});
  s.ok(d::cmd::StartTimer{"w3", 60});
}

TEST_CASE("R7: extending a paused timer adds to what remains; the maximum is configurable") {
  Scenario s;
  s.in_workshops(31);
  s.ok(d::cmd::StartTimer{"w1", 60});
  s.advance_minutes(20);
  s.ok(d::cmd::PauseTimer{"w1"});
  s.ok(d::cmd::ExtendTimer{"w1", 10});
  CHECK(s.state.workshop("w1")->timer.remaining_ms == 50 * d::kMillisPerMinute);
  CHECK(s.state.workshop("w1")->timer.allotted_minutes == 70);
  s.ctx.policy.workshop_max_minutes = 75;
  CHECK(s.refused(d::cmd::ExtendTimer{"w1", 6}).details["max_extension"] == "5");
  s.ok(d::cmd::ExtendTimer{"w1", 5});
}

TEST_CASE("plenary: not while a workshop's vote is still open (it could never close)") {
  Scenario s;
  s.in_workshops(31);
  s.capture("w2", "Propuesta");
  s.ok(d::cmd::OpenVoting{"w2", 0});
  auto r = s.refused(d::cmd::AdvancePhase{d::Phase::plenary});
  CHECK(r.code == RejectionCode::voting_open);
  CHECK(r.details["workshops"] == "w2");
  s.ok(d::cmd::CastVote{"w2", s.state.workshop("w2")->members[0], s.state.contributions.back().id});
  s.ok(d::cmd::CloseVoting{"w2"});
  s.ok(
      d::cmd::AdvancePhase{d::Phase::plenary});  // w1 never voted: allowed, nothing to answer there
}

TEST_CASE("votes: retracting is scoped to the workshop; dots are counted per workshop") {
  Scenario s;
  s.in_workshops(31);
  const auto a = s.capture("w1", "A");
  const auto b = s.capture("w2", "B");
  const auto voter = s.state.workshop("w1")->members[0];
  s.ok(d::cmd::OpenVoting{"w1", 2});
  s.ok(d::cmd::CastVote{"w1", voter, a});
  s.ok(d::cmd::CastVote{"w1", voter, a});
  CHECK(s.refused(d::cmd::MoveParticipant{voter, "w2"}).code == RejectionCode::voting_open);
  s.ok(d::cmd::CloseVoting{"w1"});
  s.ok(d::cmd::OpenVoting{"w2", 2});
  // w1's closed vote cannot be changed through w2's open one.
  CHECK(s.refused(d::cmd::RetractVote{"w2", voter, a}).code == RejectionCode::not_a_member);
  const auto w2_member = s.state.workshop("w2")->members[0];
  CHECK(s.refused(d::cmd::RetractVote{"w2", w2_member, a}).code == RejectionCode::not_found);
  CHECK(d::vote_total(s.state, a) == 2);
  s.ok(d::cmd::CastVote{"w2", w2_member, b});
  s.ok(d::cmd::CloseVoting{"w2"});
  // After both votes, a move carries no dots along: a new vote in w2 would start from zero.
  s.ok(d::cmd::MoveParticipant{voter, "w2"});
  CHECK(d::dots_used(s.state, voter, "w2") == 0);
  CHECK(d::dots_used(s.state, voter, "w1") == 2);
}

TEST_CASE("moving the speaker clears the floor of the workshop they left") {
  Scenario s;
  s.checked_in(45);
  s.ok(d::cmd::AdvancePhase{d::Phase::opening});
  s.ok(d::cmd::FormWorkshops{});
  for (const auto& w : std::vector<d::Workshop>(s.state.workshops)) {
    s.ok(d::cmd::AssignStaff{w.id, d::StaffRole::facilitator, "F"});
    s.ok(d::cmd::AssignStaff{w.id, d::StaffRole::relator, "R"});
  }
  s.ok(d::cmd::AdvancePhase{d::Phase::workshops});
  const auto speaker = s.state.workshop("w1")->members[0];
  s.ok(d::cmd::GiveFloor{"w1", speaker});
  s.ok(d::cmd::MoveParticipant{speaker, "w2"});
  CHECK_FALSE(s.state.workshop("w1")->speaker.has_value());
}

TEST_CASE("text that is not valid UTF-8 is refused wherever text is taken") {
  Scenario s;
  s.in_workshops(31);
  const std::vector<std::string> invalid = {"\xC3", "a\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                            "\xFF"};
  for (const std::string& bad : invalid) {
    CAPTURE(bad.size());
    CHECK(s.refused(d::cmd::CaptureContribution{"w1", d::ContributionKind::propuesta, "p1",
                                                std::nullopt, bad, ""})
              .details["field"] == "text");
  }
  s.capture("w1", "Ñandú, café y 🌽: válido");
}
