// A small harness for domain tests: a state, a clock, and decide -> apply, as the app does it.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "domain/apply.hpp"
#include "domain/decide.hpp"

namespace encuentro::testing {

namespace d = encuentro::domain;

// 2026-11-22 10:00 in Colombia (UTC-5) is 15:00 UTC.
inline constexpr d::Timestamp kTestNow = 1795359600000;

class Scenario {
 public:
  d::Encuentro state;
  d::Context ctx;
  std::vector<d::Recorded> log;

  Scenario() {
    ctx.now = kTestNow;
    ctx.today = d::Date::from_ymd(2026, 11, 22);
    ctx.actor = "org-1";
  }

  d::Decision try_(const d::Command& c) const { return d::decide(state, c, ctx); }

  // Decides and applies; fails the test when refused.
  std::vector<d::Event> ok(const d::Command& c) {
    auto decision = try_(c);
    if (auto* r = std::get_if<d::Rejection>(&decision)) {
      FAIL_CHECK("refused: " << d::rejection_code_name(r->code) << ": " << r->message);
      return {};
    }
    auto events = std::get<std::vector<d::Event>>(decision);
    for (const auto& e : events) {
      log.push_back({state.seq + 1, ctx.now, ctx.actor, e});
      d::apply(state, log.back());
    }
    return events;
  }

  // Decides, checks that it was refused, and that nothing would change.
  d::Rejection refused(const d::Command& c) {
    const d::Encuentro before = state;
    auto decision = try_(c);
    auto* r = std::get_if<d::Rejection>(&decision);
    REQUIRE_MESSAGE(r != nullptr, "expected a rejection");
    CHECK(state == before);
    return *r;
  }

  void advance_minutes(int m) { ctx.now += m * d::kMillisPerMinute; }
  void advance_days(int days) {
    ctx.now += static_cast<d::Timestamp>(days) * 24 * 60 * d::kMillisPerMinute;
    ctx.today = ctx.today.plus_days(days);
  }

  // ---- builders ---------------------------------------------------------------------------------
  static d::EncuentroDetails details(d::Date date, int expected = 120) {
    d::EncuentroDetails det;
    det.title = "Encuentro de Diálogo Participativo: Plan de Desarrollo";
    det.entities = {"Alcaldía de Itagüí"};
    det.objective = "Dialogar sobre la gestión y construir propuestas con la ciudadanía.";
    det.report_summary = "Informe de gestión 2026";
    det.methodology = "Talleres simultáneos, plenaria y compromisos.";
    det.venue = "Casa de la Cultura";
    det.date = date;
    det.start_time = *d::TimeOfDay::parse("08:00");
    det.end_time = *d::TimeOfDay::parse("12:00");
    det.expected_attendance = expected;
    return det;
  }

  // A draft with two central points, each with a guide question, dated 30 days ahead.
  void draft(int expected = 120) {
    ok(d::cmd::CreateEncuentro{"e-test", details(ctx.today.plus_days(30), expected)});
    ok(d::cmd::AddPoint{"Movilidad", "Vías y transporte"});
    ok(d::cmd::AddQuestion{"p1", "¿Qué debe priorizar la Alcaldía en movilidad?"});
    ok(d::cmd::AddPoint{"Seguridad", ""});
    ok(d::cmd::AddQuestion{"p2", "¿Cómo mejorar la convivencia en su barrio?"});
  }

  void convene(int expected = 120) {
    draft(expected);
    ok(d::cmd::PublishConvocation{});
  }

  d::cmd::Register registration(int i, d::ValueGroup g = d::ValueGroup::juventud,
                                bool lsc = false) const {
    d::cmd::Register r;
    r.code = "CODE" + std::to_string(i);
    r.name = "Persona " + std::to_string(i);
    r.territory = "Comuna " + std::to_string(1 + i % 6);
    r.value_group = g;
    r.needs.lsc_interpreter = lsc;
    r.data_consent = true;
    return r;
  }

  // Convened, `n` people registered and checked in, on the event day.
  void checked_in(int n) {
    convene();
    const d::ValueGroup groups[] = {d::ValueGroup::juventud, d::ValueGroup::mujeres,
                                    d::ValueGroup::victimas, d::ValueGroup::campesino,
                                    d::ValueGroup::persona_mayor};
    for (int i = 1; i <= n; ++i) ok(registration(i, groups[i % 5]));
    advance_days(30);
    for (int i = 1; i <= n; ++i) ok(d::cmd::CheckIn{"r" + std::to_string(i)});
  }

  // Workshops formed and staffed, phase = workshops.
  void in_workshops(int n) {
    checked_in(n);
    ok(d::cmd::AdvancePhase{d::Phase::opening});
    ok(d::cmd::FormWorkshops{});
    for (const auto& w : state.workshops) {
      ok(d::cmd::AssignStaff{w.id, d::StaffRole::facilitator, "Facilitadora " + w.id});
      ok(d::cmd::AssignStaff{w.id, d::StaffRole::relator, "Relator " + w.id});
      ok(d::cmd::AssignStaff{w.id, d::StaffRole::servant, "Servidora " + w.id});
    }
    ok(d::cmd::AdvancePhase{d::Phase::workshops});
  }

  std::string capture(const std::string& workshop, const std::string& text,
                      d::ContributionKind kind = d::ContributionKind::propuesta) {
    ok(d::cmd::CaptureContribution{workshop, kind, "p1", "q1", text, ""});
    return state.contributions.back().id;
  }

  // In workshop w1: three proposals, votes, closed; returns the principal ids.
  std::vector<std::string> prioritised(const std::string& w = "w1") {
    const std::string a = capture(w, "Más rutas de bus nocturnas");
    const std::string b = capture(w, "Ciclovías seguras");
    capture(w, "Semáforos inteligentes");
    ok(d::cmd::OpenVoting{w, 0});
    const auto& members = state.workshop(w)->members;
    ok(d::cmd::CastVote{w, members[0], a});
    ok(d::cmd::CastVote{w, members[1], a});
    ok(d::cmd::CastVote{w, members[2], b});
    ok(d::cmd::CloseVoting{w});
    return state.workshop(w)->principal_proposals;
  }
};

inline d::RejectionCode code_of(const d::Decision& decision) {
  auto* r = std::get_if<d::Rejection>(&decision);
  return r ? r->code : d::RejectionCode::unknown;
}

}  // namespace encuentro::testing
