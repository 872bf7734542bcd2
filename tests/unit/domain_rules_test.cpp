// Every rule of ../shared/design/encuentro.md (R1..R11), each with its accepted and its refused
// case, plus the lifecycle around them. The rule id leads each test case's name.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "domain_fixture.hpp"

using namespace encuentro::testing;
using d::RejectionCode;

namespace {

// Workshops in w1..wn prioritised and synthesised, phase = commitments.
void to_commitments(Scenario& s, int people = 61) {
  s.in_workshops(people);
  for (const auto& w : std::vector<d::Workshop>(s.state.workshops)) {
    s.prioritised(w.id);
    s.ok(d::cmd::WriteSynthesis{w.id, "Síntesis del taller " + w.id});
    s.ok(d::cmd::FinalizeSynthesis{w.id});
  }
  s.ok(d::cmd::AdvancePhase{d::Phase::plenary});
  s.ok(d::cmd::AdvancePhase{d::Phase::commitments});
}

d::CommitmentTerms terms(Scenario& s, int due_in_days = 180) {
  return {"Ampliar rutas nocturnas",      "Alcaldía de Itagüí",
          "Secretaría de Movilidad",      s.ctx.today.plus_days(due_in_days),
          "Rutas nocturnas en operación", "3 rutas"};
}

void answer_all(Scenario& s) {
  for (const auto& id : d::all_principal_proposals(s.state)) {
    if (!s.state.answer_for(id))
      s.ok(d::cmd::AnswerProposals{{id}, d::AnswerKind::commitment, terms(s), "", ""});
  }
}

}  // namespace

TEST_CASE("lifecycle: phases move forward one step at a time, each move audited") {
  Scenario s;
  s.draft();
  CHECK(s.state.phase == d::Phase::draft);
  CHECK(s.refused(d::cmd::AdvancePhase{d::Phase::convened}).code == RejectionCode::wrong_phase);
  s.ok(d::cmd::PublishConvocation{});
  CHECK(s.refused(d::cmd::AdvancePhase{d::Phase::workshops}).code == RejectionCode::phase_skip);
  CHECK(s.refused(d::cmd::AdvancePhase{d::Phase::draft}).code == RejectionCode::phase_skip);
  s.ctx.actor = "org-2";
  s.advance_minutes(5);
  s.ok(d::cmd::AdvancePhase{d::Phase::opening});
  REQUIRE(s.state.phase_history.size() == 3);
  CHECK(s.state.phase_history.back().phase == d::Phase::opening);
  CHECK(s.state.phase_history.back().actor == "org-2");
  CHECK(s.state.phase_history.back().at == s.ctx.now);
}

TEST_CASE("commands other than create are refused for an encuentro that does not exist") {
  Scenario s;
  CHECK(s.refused(d::cmd::AddPoint{"x", ""}).code == RejectionCode::not_found);
  s.draft();
  CHECK(s.refused(d::cmd::CreateEncuentro{"e-test", Scenario::details(s.ctx.today)}).code ==
        RejectionCode::already_exists);
}

TEST_CASE("invalid details are refused with the field named") {
  Scenario s;
  auto det = Scenario::details(s.ctx.today.plus_days(30));
  det.title = "   ";
  auto r = s.refused(d::cmd::CreateEncuentro{"e-1", det});
  CHECK(r.code == RejectionCode::invalid_argument);
  CHECK(r.details["field"] == "title");
  det = Scenario::details(s.ctx.today.plus_days(30));
  det.end_time = det.start_time;
  CHECK(s.refused(d::cmd::CreateEncuentro{"e-1", det}).details["field"] == "end_time");
  det = Scenario::details(s.ctx.today.plus_days(30));
  det.title = std::string(201, 'x');
  CHECK(s.refused(d::cmd::CreateEncuentro{"e-1", det}).code == RejectionCode::invalid_argument);
  det.title = "Título con\x01control";
  CHECK(s.refused(d::cmd::CreateEncuentro{"e-1", det}).code == RejectionCode::invalid_argument);
  CHECK(
      s.refused(d::cmd::CreateEncuentro{"E 1", Scenario::details(s.ctx.today)}).details["field"] ==
      "encuentro_id");
  // Length counts characters, not bytes: 200 accented letters fit.
  det = Scenario::details(s.ctx.today.plus_days(30));
  std::string accented;
  for (int i = 0; i < 200; ++i) accented += "á";
  det.title = accented;
  s.ok(d::cmd::CreateEncuentro{"e-1", det});
}

TEST_CASE("R1: the convocation is published at least 15 days before the event") {
  SUBCASE("accepted 30 days ahead, and exactly at the minimum") {
    Scenario s;
    s.draft();
    s.ok(d::cmd::PublishConvocation{});
    CHECK(s.state.phase == d::Phase::convened);
    CHECK(s.state.convocation_published_on == s.ctx.today);

    Scenario t;
    t.draft();
    t.ok(d::cmd::UpdateDetails{Scenario::details(t.ctx.today.plus_days(15))});
    t.ok(d::cmd::PublishConvocation{});
  }
  SUBCASE("refused 14 days ahead, with the earliest valid date") {
    Scenario s;
    s.draft();
    s.ok(d::cmd::UpdateDetails{Scenario::details(s.ctx.today.plus_days(14))});
    auto r = s.refused(d::cmd::PublishConvocation{});
    CHECK(r.code == RejectionCode::convocation_too_late);
    CHECK(r.details["earliest_date"] == "2026-12-07");
    CHECK(s.state.phase == d::Phase::draft);
  }
  SUBCASE("the minimum is configurable") {
    Scenario s;
    s.draft();
    s.ctx.policy.convocation_min_days = 31;
    CHECK(s.refused(d::cmd::PublishConvocation{}).details["earliest_date"] == "2026-12-23");
  }
  SUBCASE("after publication the date cannot move closer than the minimum") {
    Scenario s;
    s.convene();
    s.advance_days(5);
    auto r = s.refused(d::cmd::UpdateDetails{Scenario::details(s.ctx.today.plus_days(5))});
    CHECK(r.code == RejectionCode::convocation_too_late);
    CHECK(r.details["earliest_date"] == "2026-12-07");
    s.ok(d::cmd::UpdateDetails{Scenario::details(s.ctx.today.plus_days(20))});
  }
  SUBCASE("a plan without guide questions cannot be convened") {
    Scenario s;
    s.ok(d::cmd::CreateEncuentro{"e-1", Scenario::details(s.ctx.today.plus_days(30))});
    CHECK(s.refused(d::cmd::PublishConvocation{}).code == RejectionCode::plan_incomplete);
    s.ok(d::cmd::AddPoint{"Movilidad", ""});
    auto r = s.refused(d::cmd::PublishConvocation{});
    CHECK(r.code == RejectionCode::plan_incomplete);
    CHECK(r.details["point_id"] == "p1");
  }
}

TEST_CASE("R2: expected attendance outside 40-1000 is allowed but flagged") {
  auto has_flag = [](const Scenario& s) {
    auto f = d::flags(s.state, s.ctx.policy);
    return std::any_of(f.begin(), f.end(), [](const d::Flag& x) {
      return x.code == d::FlagCode::attendance_out_of_range;
    });
  };
  for (int expected : {40, 120, 1000}) {
    Scenario s;
    s.convene(expected);
    CHECK_FALSE(has_flag(s));
  }
  for (int expected : {39, 1001, 5}) {
    Scenario s;
    s.convene(expected);  // accepted ...
    CHECK(s.state.phase == d::Phase::convened);
    CHECK(has_flag(s));  // ... and flagged
  }
}

TEST_CASE("registration needs consent, an open convocation and a unique code") {
  Scenario s;
  s.draft();
  CHECK(s.refused(s.registration(1)).code == RejectionCode::wrong_phase);
  s.ok(d::cmd::PublishConvocation{});
  auto no_consent = s.registration(1);
  no_consent.data_consent = false;
  CHECK(s.refused(no_consent).code == RejectionCode::consent_required);
  auto no_group = s.registration(1);
  no_group.value_group = d::ValueGroup::unknown;
  CHECK(s.refused(no_group).details["field"] == "value_group");
  s.ok(s.registration(1));
  CHECK(s.refused(s.registration(1)).code == RejectionCode::already_exists);
  CHECK(s.state.registrants.front().registered_at == s.ctx.now);
}

TEST_CASE("check-in: registered once, walk-ins with consent") {
  Scenario s;
  s.convene();
  s.ok(s.registration(1));
  s.ok(d::cmd::CheckIn{"r1"});
  CHECK(s.state.registrants[0].participant_id == "a1");
  CHECK(s.refused(d::cmd::CheckIn{"r1"}).code == RejectionCode::already_checked_in);
  CHECK(s.refused(d::cmd::CheckIn{"r9"}).code == RejectionCode::not_found);
  d::cmd::CheckInWalkIn walk{"Ana", "Comuna 2", d::ValueGroup::mujeres, {}, false};
  CHECK(s.refused(walk).code == RejectionCode::consent_required);
  walk.data_consent = true;
  s.ok(walk);
  CHECK(s.state.participants.size() == 2);
  CHECK_FALSE(s.state.participants[1].registrant_id.has_value());
}

TEST_CASE("R3: ten interpreter requests open an obligation until an interpreter is recorded") {
  auto obligation = [](const Scenario& s) {
    return d::interpreter_obligation_open(s.state, s.ctx.policy);
  };
  Scenario s;
  s.convene();
  for (int i = 1; i <= 9; ++i) s.ok(s.registration(i, d::ValueGroup::discapacidad, true));
  CHECK_FALSE(obligation(s));
  s.ok(s.registration(10, d::ValueGroup::discapacidad, true));
  CHECK(obligation(s));
  s.ok(d::cmd::RecordInterpreter{"Intérprete LSC", d::InterpreterKind::lsc});
  CHECK_FALSE(obligation(s));

  SUBCASE("those who asked are placed together, with the interpreter") {
    for (int i = 11; i <= 70; ++i) s.ok(s.registration(i, d::ValueGroup::juventud));
    for (int i = 1; i <= 70; ++i) s.ok(d::cmd::CheckIn{"r" + std::to_string(i)});
    s.ok(d::cmd::FormWorkshops{});
    REQUIRE(s.state.workshops.size() == 3);
    std::set<std::string> holding;
    for (const auto& p : s.state.participants) {
      if (p.needs.needs_interpreter()) holding.insert(*p.workshop_id);
    }
    REQUIRE(holding.size() == 1);
    const d::Workshop* w = s.state.workshop(*holding.begin());
    CHECK(w->interpreter_id == "i1");
    CHECK(s.state.interpreters[0].workshop_id == w->id);
  }
}

TEST_CASE("R4: no workshop ever holds more than the cap") {
  Scenario s;
  s.checked_in(60);
  s.ok(d::cmd::FormWorkshops{});
  REQUIRE(s.state.workshops.size() == 2);
  CHECK(s.state.workshops[0].members.size() == 30);
  const std::string p = s.state.workshops[0].members[0];
  auto r = s.refused(d::cmd::MoveParticipant{p, "w2"});
  CHECK(r.code == RejectionCode::workshop_full);
  CHECK(r.details["cap"] == "30");

  SUBCASE("a move with room is accepted") {
    s.ctx.policy.workshop_cap = 30;
    Scenario t;
    t.checked_in(59);
    t.ok(d::cmd::FormWorkshops{});
    const auto& small =
        t.state.workshops[0].members.size() < 30 ? t.state.workshops[0] : t.state.workshops[1];
    const auto& big =
        t.state.workshops[0].members.size() < 30 ? t.state.workshops[1] : t.state.workshops[0];
    t.ok(d::cmd::MoveParticipant{big.members[0], small.id});
    CHECK(t.state.workshops[0].members.size() + t.state.workshops[1].members.size() == 59);
    CHECK(t.state.workshop(small.id)->members.size() == 30);
  }
  SUBCASE("the cap can be configured lower, never higher") {
    Scenario low;
    low.ctx.policy.workshop_cap = 20;
    low.checked_in(41);
    low.ok(d::cmd::FormWorkshops{});
    CHECK(low.state.workshops.size() == 3);
    Scenario high;
    high.ctx.policy.workshop_cap = 45;
    high.checked_in(45);
    high.ok(d::cmd::FormWorkshops{});
    CHECK(high.state.workshops.size() == 2);
    for (const auto& w : high.state.workshops) CHECK(w.members.size() <= 30);
  }
  SUBCASE("late arrivals go to the smallest workshop below the cap, or a new one") {
    Scenario t;
    t.checked_in(59);
    t.ok(d::cmd::FormWorkshops{});
    t.ok(d::cmd::CheckInWalkIn{"Luis", "Comuna 1", d::ValueGroup::campesino, {}, true});
    CHECK(t.state.workshops[0].members.size() == 30);
    CHECK(t.state.workshops[1].members.size() == 30);
    t.ok(d::cmd::CheckInWalkIn{"Marta", "Comuna 1", d::ValueGroup::campesino, {}, true});
    REQUIRE(t.state.workshops.size() == 3);
    CHECK(t.state.participants.back().workshop_id == "w3");
    CHECK(t.state.workshops[2].members == std::vector<std::string>{t.state.participants.back().id});
  }
}

TEST_CASE("R5: forming workshops splits evenly and spreads value groups") {
  Scenario s;
  s.checked_in(61);
  s.ok(d::cmd::FormWorkshops{});
  REQUIRE(s.state.workshops.size() == 3);  // ceil(61 / 30)
  std::size_t total = 0, lo = 99, hi = 0;
  for (const auto& w : s.state.workshops) {
    total += w.members.size();
    lo = std::min(lo, w.members.size());
    hi = std::max(hi, w.members.size());
    std::map<d::ValueGroup, int> groups;
    for (const auto& m : w.members) {
      CHECK(s.state.participant(m)->workshop_id == w.id);
      ++groups[s.state.participant(m)->value_group];
    }
    for (const auto& [g, n] : groups) CHECK((n == 4 || n == 5));  // 12 or 13 of each group / 3
  }
  CHECK(total == 61);
  CHECK(hi - lo <= 1);
  SUBCASE("deterministic: forming again gives the same workshops") {
    const auto first = s.state.workshops;
    s.ok(d::cmd::FormWorkshops{});
    CHECK(s.state.workshops == first);
  }
}

TEST_CASE("R6: workshops start only when each has a facilitator and a relator") {
  Scenario s;
  s.checked_in(45);
  s.ok(d::cmd::AdvancePhase{d::Phase::opening});
  CHECK(s.refused(d::cmd::AdvancePhase{d::Phase::workshops}).code ==
        RejectionCode::workshops_not_formed);
  s.ok(d::cmd::FormWorkshops{});
  s.ok(d::cmd::AssignStaff{"w1", d::StaffRole::facilitator, "Facilitadora 1"});
  s.ok(d::cmd::AssignStaff{"w1", d::StaffRole::relator, "Relator 1"});
  s.ok(d::cmd::AssignStaff{"w2", d::StaffRole::facilitator, "Facilitador 2"});
  auto r = s.refused(d::cmd::AdvancePhase{d::Phase::workshops});
  CHECK(r.code == RejectionCode::staff_missing);
  CHECK(r.details["workshops"] == "w2");
  s.ok(d::cmd::AssignStaff{"w2", d::StaffRole::relator, "Relatora 2"});
  // A missing public servant is flagged, not blocking.
  auto f = d::flags(s.state, s.ctx.policy);
  CHECK(std::count_if(f.begin(), f.end(), [](const d::Flag& x) {
          return x.code == d::FlagCode::servant_missing;
        }) == 2);
  s.ok(d::cmd::AdvancePhase{d::Phase::workshops});
  CHECK(s.state.phase == d::Phase::workshops);
}

TEST_CASE("R7: workshop time is 60 to 90 minutes on a server-owned deadline") {
  Scenario s;
  s.in_workshops(31);
  CHECK(s.refused(d::cmd::StartTimer{"w1", 59}).code == RejectionCode::duration_out_of_range);
  CHECK(s.refused(d::cmd::StartTimer{"w1", 91}).code == RejectionCode::duration_out_of_range);
  CHECK(s.refused(d::cmd::PauseTimer{"w1"}).code == RejectionCode::timer_state);
  s.ok(d::cmd::StartTimer{"w1", 75});
  const auto& t = s.state.workshop("w1")->timer;
  CHECK(t.status == d::TimerStatus::running);
  CHECK(t.deadline == s.ctx.now + 75 * d::kMillisPerMinute);
  s.advance_minutes(30);
  s.ok(d::cmd::PauseTimer{"w1"});
  CHECK(s.state.workshop("w1")->timer.remaining_ms == 45 * d::kMillisPerMinute);
  s.advance_minutes(10);  // paused time does not count
  s.ok(d::cmd::ResumeTimer{"w1"});
  CHECK(s.state.workshop("w1")->timer.deadline == s.ctx.now + 45 * d::kMillisPerMinute);
  s.ok(d::cmd::ExtendTimer{"w1", 15});
  CHECK(s.state.workshop("w1")->timer.allotted_minutes == 90);
  CHECK(s.state.workshop("w1")->timer.deadline == s.ctx.now + 60 * d::kMillisPerMinute);
  auto r = s.refused(d::cmd::ExtendTimer{"w1", 1});
  CHECK(r.code == RejectionCode::duration_out_of_range);
  CHECK(r.details["max_extension"] == "0");
  CHECK(s.refused(d::cmd::StartTimer{"w1", 60}).code == RejectionCode::timer_state);
  s.ctx.policy.workshop_min_minutes = 70;  // configurable
  CHECK(s.refused(d::cmd::StartTimer{"w2", 65}).code == RejectionCode::duration_out_of_range);
}

TEST_CASE("speaking queue: raised hands, the floor, and who has not been heard") {
  Scenario s;
  s.in_workshops(31);
  const auto members = s.state.workshop("w1")->members;
  s.ok(d::cmd::RaiseHand{"w1", members[2]});
  s.ok(d::cmd::RaiseHand{"w1", members[0]});
  CHECK(s.refused(d::cmd::RaiseHand{"w1", members[0]}).code == RejectionCode::already_in_queue);
  CHECK(s.refused(d::cmd::RaiseHand{"w2", members[0]}).code == RejectionCode::not_a_member);
  CHECK(s.state.workshop("w1")->speaking_queue == std::vector<std::string>{members[2], members[0]});
  s.ok(d::cmd::GiveFloor{"w1", members[2]});
  CHECK(s.state.workshop("w1")->speaker == members[2]);
  auto quiet = d::not_yet_heard(s.state, *s.state.workshop("w1"));
  CHECK(quiet.size() == members.size() - 1);
  CHECK(std::find(quiet.begin(), quiet.end(), members[2]) == quiet.end());
  s.ok(d::cmd::LowerHand{"w1", members[0]});
  CHECK(s.state.workshop("w1")->speaking_queue.empty());
  CHECK(s.refused(d::cmd::LowerHand{"w1", members[0]}).code == RejectionCode::not_in_queue);
}

TEST_CASE("contributions: capture, edit, change kind, merge, answer a question") {
  Scenario s;
  s.in_workshops(31);
  CHECK(s.refused(d::cmd::CaptureContribution{"w1", d::ContributionKind::propuesta, "p9",
                                              std::nullopt, "x", ""})
            .code == RejectionCode::not_found);
  CHECK(s.refused(
             d::cmd::CaptureContribution{"w1", d::ContributionKind::propuesta, "p2", "q1", "x", ""})
            .details["field"] == "question_id");
  CHECK(s.refused(d::cmd::CaptureContribution{"w1", d::ContributionKind::propuesta, "p1",
                                              std::nullopt, "", ""})
            .details["field"] == "text");
  CHECK(s.refused(d::cmd::CaptureContribution{"w1", d::ContributionKind::propuesta, "p1",
                                              std::nullopt, std::string(2001, 'a'), ""})
            .code == RejectionCode::invalid_argument);
  const auto a = s.capture("w1", "Más rutas de bus");
  const auto b = s.capture("w1", "Más buses en la noche");
  const auto q = s.capture("w1", "¿Cuándo arreglan la vía?", d::ContributionKind::pregunta);
  s.ok(d::cmd::EditContribution{a, "p1", "q1", "Más rutas de bus nocturnas", "Doña Rosa"});
  CHECK(s.state.contribution(a)->text == "Más rutas de bus nocturnas");
  CHECK(s.state.contribution(a)->edited_at == s.ctx.now);
  s.ok(d::cmd::MergeContributions{a, {b}});
  CHECK(s.state.contribution(b)->status == d::ContributionStatus::merged);
  CHECK(s.state.contribution(b)->merged_into == a);
  CHECK(s.refused(d::cmd::EditContribution{b, "p1", std::nullopt, "x", ""}).code ==
        RejectionCode::not_mergeable);
  CHECK(s.refused(d::cmd::MergeContributions{a, {a}}).code == RejectionCode::invalid_argument);
  CHECK(s.refused(d::cmd::AnswerQuestion{a, "respuesta"}).code == RejectionCode::not_a_question);
  s.ok(d::cmd::AnswerQuestion{q, "En marzo, según el plan de obras."});
  CHECK(s.state.contribution(q)->answer == "En marzo, según el plan de obras.");
  s.ok(d::cmd::ChangeKind{q, d::ContributionKind::observacion});
  CHECK(s.state.contribution(q)->kind == d::ContributionKind::observacion);
}

TEST_CASE("citizens' own proposals wait for the relator, who accepts, merges or declines them") {
  Scenario s;
  s.in_workshops(31);
  const auto members = s.state.workshop("w1")->members;
  const auto outsider = s.state.workshop("w2")->members[0];
  CHECK(s.refused(d::cmd::SubmitProposal{"w1", outsider, "p1", std::nullopt, "x"}).code ==
        RejectionCode::not_a_member);
  s.ok(d::cmd::SubmitProposal{"w1", members[0], "p1", std::nullopt, "Parque para jóvenes"});
  const auto c1 = s.state.contributions.back().id;
  CHECK(s.state.contribution(c1)->status == d::ContributionStatus::pending);
  CHECK(s.state.contribution(c1)->source == d::ContributionSource::citizen);
  CHECK(s.state.contribution(c1)->submitted_by == members[0]);
  s.ok(d::cmd::AcceptProposal{c1});
  CHECK(s.state.contribution(c1)->status == d::ContributionStatus::active);
  CHECK(s.refused(d::cmd::AcceptProposal{c1}).code == RejectionCode::not_pending);
  s.ok(d::cmd::SubmitProposal{"w1", members[1], "p1", std::nullopt, "Un parque juvenil"});
  const auto c2 = s.state.contributions.back().id;
  s.ok(d::cmd::MergeContributions{c1, {c2}});
  CHECK(s.state.contribution(c2)->merged_into == c1);
  s.ok(d::cmd::SubmitProposal{"w1", members[2], "p2", std::nullopt, "Vendo mi moto"});
  const auto c3 = s.state.contributions.back().id;
  CHECK(s.refused(d::cmd::DeclineProposal{c3, ""}).details["field"] == "reason");
  s.ok(d::cmd::DeclineProposal{c3, "No corresponde al encuentro"});
  CHECK(s.state.contribution(c3)->status == d::ContributionStatus::declined);
}

TEST_CASE("R8: complaints are not received as proposals; they are referred to PQRSD") {
  Scenario s;
  s.in_workshops(31);
  const auto complaint =
      s.capture("w1", "Queja: me cobraron mal el impuesto", d::ContributionKind::queja);
  CHECK(s.state.contribution(complaint)->referred_to_pqrsd());  // accepted, as a referral
  const auto proposal = s.capture("w1", "Más iluminación en el parque");
  s.ok(d::cmd::OpenVoting{"w1", 0});
  const auto voter = s.state.workshop("w1")->members[0];
  auto r = s.refused(d::cmd::CastVote{"w1", voter, complaint});
  CHECK(r.code == RejectionCode::complaint_not_received);
  s.ok(d::cmd::CastVote{"w1", voter, proposal});
  s.ok(d::cmd::CloseVoting{"w1"});
  CHECK(s.state.workshop("w1")->principal_proposals == std::vector<std::string>{proposal});
  CHECK(s.refused(d::cmd::SetPrincipalProposals{"w1", {proposal, complaint}}).code ==
        RejectionCode::complaint_not_received);
  CHECK(s.refused(d::cmd::MergeContributions{proposal, {complaint}}).code ==
        RejectionCode::complaint_not_received);
  SUBCASE("marking a captured proposal as a complaint refers it") {
    const auto other = s.capture("w1", "Mi vecino hace ruido");
    s.ok(d::cmd::ChangeKind{other, d::ContributionKind::queja});
    CHECK(s.state.contribution(other)->referred_to_pqrsd());
  }
}

TEST_CASE("prioritisation: dots, hand counts, ranking and principal proposals") {
  Scenario s;
  s.in_workshops(31);
  const auto a = s.capture("w1", "A");
  const auto b = s.capture("w1", "B");
  const auto c = s.capture("w1", "C");
  const auto obs = s.capture("w1", "Una observación", d::ContributionKind::observacion);
  const auto m = s.state.workshop("w1")->members;
  CHECK(s.refused(d::cmd::CastVote{"w1", m[0], a}).code == RejectionCode::voting_closed);
  CHECK(s.refused(d::cmd::CloseVoting{"w1"}).code == RejectionCode::voting_closed);
  s.ok(d::cmd::OpenVoting{"w1", 0});
  CHECK(s.state.workshop("w1")->voting.dots_per_person == 3);
  CHECK(s.refused(d::cmd::OpenVoting{"w1", 0}).code == RejectionCode::voting_open);
  CHECK(s.refused(d::cmd::CloseVoting{"w1"}).code == RejectionCode::no_votes);
  CHECK(s.refused(d::cmd::CastVote{"w1", m[0], obs}).code == RejectionCode::not_a_proposal);
  s.ok(d::cmd::CastVote{"w1", m[0], c});
  s.ok(d::cmd::CastVote{"w1", m[0], c});
  s.ok(d::cmd::CastVote{"w1", m[0], b});
  auto r = s.refused(d::cmd::CastVote{"w1", m[0], a});
  CHECK(r.code == RejectionCode::no_dots_left);
  s.ok(d::cmd::RetractVote{"w1", m[0], b});
  CHECK(s.refused(d::cmd::RetractVote{"w1", m[0], b}).code == RejectionCode::no_vote);
  s.ok(d::cmd::CastVote{"w1", m[1], b});
  s.ok(d::cmd::CastVote{"w1", m[2], a});
  s.ok(d::cmd::RecordHandCount{"w1", a, 1});  // paper dots counted by the facilitator
  CHECK(d::vote_total(s.state, a) == 2);
  CHECK(d::vote_total(s.state, c) == 2);
  s.ok(d::cmd::CloseVoting{"w1"});
  // c and a tie with 2: the one captured first (a) ranks first; b follows with 1.
  CHECK(s.state.workshop("w1")->principal_proposals == std::vector<std::string>{a, c, b});
  CHECK(s.refused(d::cmd::CastVote{"w1", m[3], a}).code == RejectionCode::voting_closed);
  CHECK(s.refused(d::cmd::MergeContributions{a, {b}}).code == RejectionCode::not_mergeable);
  s.ok(d::cmd::SetPrincipalProposals{"w1", {c, a}});
  CHECK(s.state.workshop("w1")->principal_proposals == std::vector<std::string>{c, a});
}

TEST_CASE("prioritisation: vote_totals counts in one pass what vote_total counts per proposal") {
  Scenario s;
  s.in_workshops(31);
  const auto a = s.capture("w1", "A");
  const auto b = s.capture("w1", "B");
  const auto c = s.capture("w1", "C");  // hand counts only
  const auto none = s.capture("w1", "Sin votos");
  const auto m = s.state.workshop("w1")->members;
  s.ok(d::cmd::OpenVoting{"w1", 0});
  s.ok(d::cmd::CastVote{"w1", m[0], a});
  s.ok(d::cmd::CastVote{"w1", m[0], a});
  s.ok(d::cmd::CastVote{"w1", m[0], b});
  s.ok(d::cmd::RetractVote{"w1", m[0], b});  // a retracted dot no longer counts
  s.ok(d::cmd::CastVote{"w1", m[1], b});
  s.ok(d::cmd::CastVote{"w1", m[2], a});
  s.ok(d::cmd::RecordHandCount{"w1", a, 2});
  s.ok(d::cmd::RecordHandCount{"w1", c, 3});
  s.ok(d::cmd::CloseVoting{"w1"});
  const auto totals = d::vote_totals(s.state);
  for (const d::Contribution& k : s.state.contributions) {
    CAPTURE(k.id);
    const auto it = totals.find(k.id);
    CHECK((it == totals.end() ? 0 : it->second) == d::vote_total(s.state, k.id));
  }
  CHECK(totals.at(a) == d::vote_total(s.state, a));
  CHECK(d::vote_total(s.state, c) > 0);
  CHECK(totals.at(c) == d::vote_total(s.state, c));
  CHECK_FALSE(totals.contains(none));
  CHECK(d::vote_total(s.state, none) == 0);
}

TEST_CASE("synthesis: written freely, final only after prioritisation, then frozen") {
  Scenario s;
  s.in_workshops(31);
  s.ok(d::cmd::WriteSynthesis{"w1", "Borrador"});
  CHECK(s.refused(d::cmd::FinalizeSynthesis{"w1"}).code == RejectionCode::no_votes);
  s.prioritised("w1");
  s.ok(d::cmd::WriteSynthesis{"w1", "El taller priorizó movilidad nocturna."});
  s.ok(d::cmd::FinalizeSynthesis{"w1"});
  CHECK(s.state.workshop("w1")->synthesis_final);
  CHECK(s.refused(d::cmd::WriteSynthesis{"w1", "otro"}).code == RejectionCode::synthesis_final);
  const auto a = s.state.workshop("w1")->principal_proposals[0];
  CHECK(s.refused(d::cmd::EditContribution{a, "p1", std::nullopt, "otro", ""}).code ==
        RejectionCode::synthesis_final);
}

TEST_CASE("plenary: focus moves across workshops and the whole list") {
  Scenario s;
  s.in_workshops(31);
  CHECK(s.refused(d::cmd::FocusPlenary{"w1"}).code == RejectionCode::wrong_phase);
  s.ok(d::cmd::AdvancePhase{d::Phase::plenary});
  s.ok(d::cmd::FocusPlenary{"w2"});
  CHECK(s.state.plenary_focus == "w2");
  s.ok(d::cmd::FocusPlenary{"all"});
  CHECK(s.refused(d::cmd::FocusPlenary{"w9"}).code == RejectionCode::not_found);
}

TEST_CASE("answers: commitment, not adopted, referred; one commitment answers several proposals") {
  Scenario s;
  to_commitments(s, 61);
  const auto principal = d::all_principal_proposals(s.state);
  REQUIRE(principal.size() >= 6);
  CHECK(s.refused(
             d::cmd::AnswerProposals{{"c999"}, d::AnswerKind::not_adopted, std::nullopt, "x", ""})
            .code == RejectionCode::not_principal);
  CHECK(s.refused(d::cmd::AnswerProposals{
                      {principal[0]}, d::AnswerKind::commitment, std::nullopt, "", ""})
            .details["field"] == "terms");
  auto past = terms(s);
  past.due_date = s.state.details.date.plus_days(-1);
  CHECK(s.refused(d::cmd::AnswerProposals{{principal[0]}, d::AnswerKind::commitment, past, "", ""})
            .details["field"] == "due_date");
  s.ok(d::cmd::AnswerProposals{
      {principal[0], principal[3]}, d::AnswerKind::commitment, terms(s), "", ""});
  CHECK(s.state.commitments.size() == 1);
  CHECK(s.state.commitments[0].proposal_ids ==
        std::vector<std::string>{principal[0], principal[3]});
  CHECK(s.state.answer_for(principal[3])->commitment_id == "k1");
  CHECK(s.refused(d::cmd::AnswerProposals{
                      {principal[0]}, d::AnswerKind::not_adopted, std::nullopt, "x", ""})
            .code == RejectionCode::already_answered);
  CHECK(s.refused(d::cmd::AnswerProposals{
                      {principal[1]}, d::AnswerKind::not_adopted, std::nullopt, "", ""})
            .details["field"] == "reason");
  s.ok(d::cmd::AnswerProposals{{principal[1]},
                               d::AnswerKind::not_adopted,
                               std::nullopt,
                               "Excede la competencia del municipio",
                               ""});
  s.ok(d::cmd::AnswerProposals{
      {principal[2]}, d::AnswerKind::referred, std::nullopt, "", "Gobernación de Antioquia"});
  CHECK(s.state.answer_for(principal[2])->referred_to == "Gobernación de Antioquia");
}

TEST_CASE("R9: results cannot be published while a principal proposal has no answer") {
  Scenario s;
  to_commitments(s, 61);
  const auto principal = d::all_principal_proposals(s.state);
  s.ok(d::cmd::AnswerProposals{{principal[0]}, d::AnswerKind::commitment, terms(s), "", ""});
  auto r = s.refused(d::cmd::AdvancePhase{d::Phase::published});
  CHECK(r.code == RejectionCode::unanswered_proposals);
  CHECK(r.details["proposals"].find(principal[1]) != std::string::npos);
  CHECK(r.details["proposals"].find(principal[0]) == std::string::npos);
  answer_all(s);
  s.ok(d::cmd::AdvancePhase{d::Phase::published});
  CHECK(s.state.phase == d::Phase::published);
}

TEST_CASE("R10: published results are permanent; changes are new versions with history") {
  Scenario s;
  to_commitments(s, 31);
  answer_all(s);
  s.ok(d::cmd::ReviseCommitment{"k1", terms(s, 200), ""});  // before publication: no reason needed
  s.ok(d::cmd::AdvancePhase{d::Phase::published});
  const auto principal = d::all_principal_proposals(s.state);
  CHECK(s.refused(d::cmd::EditContribution{principal[0], "p1", std::nullopt, "otro", ""}).code ==
        RejectionCode::results_published);
  CHECK(s.refused(d::cmd::AnswerProposals{
                      {principal[0]}, d::AnswerKind::not_adopted, std::nullopt, "x", ""})
            .code == RejectionCode::results_published);
  CHECK(s.refused(d::cmd::WriteSynthesis{"w1", "otro"}).code == RejectionCode::results_published);
  auto revised = terms(s, 365);
  CHECK(s.refused(d::cmd::ReviseCommitment{"k1", revised, ""}).details["field"] == "reason");
  s.advance_days(40);
  s.ok(d::cmd::ReviseCommitment{"k1", revised, "Ajuste presupuestal aprobado por el Concejo"});
  const auto& k = *s.state.commitment("k1");
  REQUIRE(k.versions.size() == 3);
  CHECK(k.versions[0].version == 1);
  CHECK(k.versions[2].version == 3);
  CHECK(k.versions[2].reason == "Ajuste presupuestal aprobado por el Concejo");
  CHECK(k.terms().due_date == revised.due_date);
  CHECK(k.versions[0].terms.due_date != revised.due_date);  // history kept
}

TEST_CASE(
    "R11: a commitment past its due date and not fulfilled is overdue by the calendar alone") {
  Scenario s;
  to_commitments(s, 31);
  answer_all(s);
  s.ok(d::cmd::AdvancePhase{d::Phase::published});
  const auto& k = s.state.commitments[0];
  const d::Date due = k.terms().due_date;
  CHECK_FALSE(d::is_overdue(s.state, k, due));
  CHECK(d::is_overdue(s.state, k, due.plus_days(1)));  // nobody acted
  s.advance_days(30);
  s.ok(d::cmd::ReportProgress{"k1", 50, d::ProgressStatus::en_ejecucion, "Licitación", "",
                              s.ctx.today});
  CHECK(d::is_overdue(s.state, s.state.commitments[0], due.plus_days(1)));
  s.ok(d::cmd::ReportProgress{"k1", 100, d::ProgressStatus::cumplido, "Entregado",
                              "https://www.itagui.gov.co/rutas", s.ctx.today});
  CHECK_FALSE(d::is_overdue(s.state, s.state.commitments[0], due.plus_days(1)));
  // A fulfilment reported only after the due date leaves the days before it overdue.
  CHECK(s.state.commitments.size() >= 1);
}

TEST_CASE("progress reports: validated, kept, and read at monitoring cuts") {
  Scenario s;
  to_commitments(s, 31);
  answer_all(s);
  CHECK(s.refused(
             d::cmd::ReportProgress{"k1", 10, d::ProgressStatus::en_ejecucion, "", "", s.ctx.today})
            .code == RejectionCode::wrong_phase);
  s.ok(d::cmd::AdvancePhase{d::Phase::published});
  CHECK(
      s.refused(d::cmd::ReportProgress{"k1", 90, d::ProgressStatus::cumplido, "", "", s.ctx.today})
          .details["field"] == "percent");
  CHECK(s.refused(d::cmd::ReportProgress{"k1", 101, d::ProgressStatus::en_ejecucion, "", "",
                                         s.ctx.today})
            .details["field"] == "percent");
  CHECK(s.refused(d::cmd::ReportProgress{"k1", 10, d::ProgressStatus::en_ejecucion, "", "",
                                         s.ctx.today.plus_days(1)})
            .details["field"] == "as_of");
  CHECK(s.refused(d::cmd::ReportProgress{"k1", 10, d::ProgressStatus::en_ejecucion, "",
                                         "javascript:alert(1)", s.ctx.today})
            .details["field"] == "evidence_url");
  CHECK(s.refused(
             d::cmd::ReportProgress{"k9", 10, d::ProgressStatus::en_ejecucion, "", "", s.ctx.today})
            .code == RejectionCode::not_found);
  const d::Date event_day = s.ctx.today;
  s.advance_days(50);
  s.ok(d::cmd::ReportProgress{"k1", 20, d::ProgressStatus::en_ejecucion, "Estudios", "",
                              s.ctx.today});
  s.advance_days(100);
  s.ok(d::cmd::AdvancePhase{d::Phase::follow_up});
  s.ok(d::cmd::ReportProgress{"k1", 60, d::ProgressStatus::en_ejecucion, "Obra", "", s.ctx.today});
  CHECK(s.state.progress_reports.size() == 2);
  const auto cuts = d::monitoring_cuts(event_day, s.ctx.today);
  REQUIRE(cuts.size() == 2);  // 2026-12-31 and 2027-03-31 fall between 2026-12-22 and 2027-05-21
  CHECK(cuts[0].iso() == "2026-12-31");
  CHECK(d::latest_report(s.state, "k1", cuts[0]) == nullptr);
  CHECK(d::latest_report(s.state, "k1", cuts[1])->percent == 20);
  CHECK(d::latest_report(s.state, "k1")->percent == 60);
  s.ok(d::cmd::AdvancePhase{d::Phase::closed});
  CHECK(s.refused(
             d::cmd::ReportProgress{"k1", 70, d::ProgressStatus::en_ejecucion, "", "", s.ctx.today})
            .code == RejectionCode::wrong_phase);
}

TEST_CASE("evaluation: once per attendee, ratings 1 to 5") {
  Scenario s;
  s.in_workshops(31);
  CHECK(s.refused(d::cmd::SubmitEvaluation{"a1", {5, 5, 5, 5}, ""}).code ==
        RejectionCode::wrong_phase);
  s.ok(d::cmd::AdvancePhase{d::Phase::plenary});
  CHECK(s.refused(d::cmd::SubmitEvaluation{"a1", {0, 5, 5, 5}, ""}).details["field"] == "ratings");
  CHECK(s.refused(d::cmd::SubmitEvaluation{"a99", {5, 5, 5, 5}, ""}).code ==
        RejectionCode::not_found);
  s.ok(d::cmd::SubmitEvaluation{"a1", {5, 4, 3, 2}, "Muy bien organizado"});
  CHECK(s.refused(d::cmd::SubmitEvaluation{"a1", {5, 5, 5, 5}, ""}).code ==
        RejectionCode::already_evaluated);
  CHECK(s.state.evaluations[0].ratings.methodology == 4);
}

TEST_CASE("replay: folding the log again from nothing gives exactly the same state") {
  Scenario s;
  to_commitments(s, 61);
  answer_all(s);
  s.ok(d::cmd::AdvancePhase{d::Phase::published});
  s.ok(
      d::cmd::ReportProgress{"k1", 10, d::ProgressStatus::en_ejecucion, "Inicio", "", s.ctx.today});
  d::Encuentro replayed;
  for (const auto& r : s.log) d::apply(replayed, r);
  CHECK(replayed == s.state);
  CHECK(replayed.seq == static_cast<std::int64_t>(s.log.size()));
}
