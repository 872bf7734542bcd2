#pragma once

// Prepares the load generator's database in-process, before the server starts, so that setting
// up thousands of people stays out of the measurement: N encuentros, each with `people`
// registered and checked-in citizens, workshops formed (30 at most each), a facilitator, relator
// and servant per workshop, the workshops phase running, a few proposals per workshop to vote
// on, and a session token for every device (organizer, projector, staff, one phone per citizen,
// linked to its participant). Synchronous NORMAL for the setup only: the server then opens the
// same file with its own configuration (FULL).

#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/encuentro_service.hpp"
#include "domain/calendar.hpp"
#include "domain/commands.hpp"
#include "domain/decide.hpp"

namespace encuentro::load {

struct WorkshopSetup {
  std::string id;
  std::string facilitator, relator, servant;  // session tokens
  std::vector<std::string> members;           // participant ids
  std::vector<std::string> member_tokens;     // one phone per member, linked
  std::vector<std::string> proposals;         // contribution ids to vote on
};

struct EncuentroSetup {
  std::string id;
  std::int64_t seq = 0;  // the head after setup: every device says `since` = seq
  std::string organizer, projector;
  std::vector<WorkshopSetup> workshops;
};

struct SetupOptions {
  std::string db_path;
  int encuentros = 1;
  int people = 1000;
  int proposals_per_workshop = 4;
  bool verbose = true;
};

namespace detail {

inline void must(const app::Outcome& out, const std::string& what) {
  if (out.kind != app::Outcome::Kind::applied)
    throw std::runtime_error("setup: " + what + " refused: " +
                             std::string(domain::rejection_code_name(out.rejection.code)) + " " +
                             out.rejection.message + " " + out.refusal.message + " " + out.detail);
}

template <class T>
T ok(app::AccessResult<T> r, const std::string& what) {
  if (auto* e = std::get_if<app::AccessError>(&r))
    throw std::runtime_error("setup: " + what + ": " + e->message);
  return std::get<T>(std::move(r));
}

}  // namespace detail

inline std::vector<EncuentroSetup> prepare_database(const SetupOptions& o) {
  namespace d = domain;
  namespace c = domain::cmd;
  using detail::must;
  using detail::ok;

  std::vector<EncuentroSetup> out;
  app::EncuentroService::Options so;
  so.store.path = o.db_path;
  so.store.synchronous = storage::Synchronous::normal;
  app::EncuentroService service(std::move(so));
  app::AccessService::Options ao;
  ao.store.path = o.db_path;
  ao.store.synchronous = storage::Synchronous::normal;
  app::AccessService access(std::move(ao));

  const d::Date today = app::civil_date(app::system_now(), -300);
  const auto started = std::chrono::steady_clock::now();
  for (int e = 0; e < o.encuentros; ++e) {
    EncuentroSetup es;
    es.id = "load-" + std::to_string(e + 1);
    std::int64_t seq = 0;
    const auto run = [&](const d::Command& command, const std::string& what) {
      const app::Outcome r = service.execute({es.id, command, "load:setup", std::nullopt});
      must(r, what);
      seq = r.last_seq;
    };
    d::EncuentroDetails det;
    det.title = "Encuentro de carga " + std::to_string(e + 1);
    det.entities = {"Alcaldía de Prueba"};
    det.objective = "Medir el servidor con un encuentro de forma realista.";
    det.venue = "Coliseo municipal";
    det.date = today.plus_days(30);
    det.start_time = *d::TimeOfDay::parse("08:00");
    det.end_time = *d::TimeOfDay::parse("13:00");
    det.expected_attendance = o.people;
    run(c::CreateEncuentro{es.id, det}, "encuentro.create");
    run(c::AddPoint{"Movilidad", "Cómo nos movemos."}, "point.add");
    run(c::AddQuestion{"p1", "¿Cómo llega a su trabajo?"}, "question.add");
    run(c::PublishConvocation{}, "convocation.publish");
    static constexpr d::ValueGroup kGroups[] = {
        d::ValueGroup::juventud, d::ValueGroup::mujeres,  d::ValueGroup::victimas,
        d::ValueGroup::etnico,   d::ValueGroup::persona_mayor, d::ValueGroup::campesino,
        d::ValueGroup::ciudadania};
    for (int i = 0; i < o.people; ++i) {
      c::Register r;
      r.code = "LOAD-" + std::to_string(e + 1) + "-" + std::to_string(i + 1);
      r.name = "Persona " + std::to_string(i + 1);
      r.territory = "Comuna " + std::to_string(i % 16 + 1);
      r.value_group = kGroups[i % 7];
      r.data_consent = true;
      run(r, "registration.create");
    }
    for (int i = 0; i < o.people; ++i)
      run(c::CheckIn{"r" + std::to_string(i + 1)}, "checkin.registered");
    run(c::AdvancePhase{d::Phase::opening}, "phase.advance opening");
    run(c::FormWorkshops{}, "workshops.form");
    const d::Encuentro formed = *service.snapshot(es.id);
    for (const d::Workshop& w : formed.workshops) {
      run(c::AssignStaff{w.id, d::StaffRole::facilitator, "Facilitador " + w.id}, "staff.assign");
      run(c::AssignStaff{w.id, d::StaffRole::relator, "Relator " + w.id}, "staff.assign");
      run(c::AssignStaff{w.id, d::StaffRole::servant, "Servidor " + w.id}, "staff.assign");
    }
    run(c::AdvancePhase{d::Phase::workshops}, "phase.advance workshops");
    for (const d::Workshop& w : formed.workshops) {
      for (int k = 0; k < o.proposals_per_workshop; ++k) {
        c::CaptureContribution cc;
        cc.workshop_id = w.id;
        cc.kind = d::ContributionKind::propuesta;
        cc.point_id = "p1";
        cc.text = "Propuesta semilla " + std::to_string(k + 1) + " del taller " + w.id;
        run(cc, "contribution.capture");
      }
    }
    const d::Encuentro state = *service.snapshot(es.id);
    es.seq = seq;

    const app::Principal org{app::Role::organizer, es.id, std::nullopt, std::nullopt,
                             "organizer:load"};
    const auto session = [&](app::Role role, const std::optional<std::string>& workshop,
                             const std::string& label) {
      const app::MintedCode m =
          ok(access.mint_code(org, es.id, role, workshop, label), "mint " + label);
      return ok(access.redeem(m.code, "load-setup"), "redeem " + label).token;
    };
    es.organizer = session(app::Role::organizer, std::nullopt, "organizer");
    es.projector = session(app::Role::projector, std::nullopt, "projector");
    const app::PublicCode pc = ok(access.public_code(org, es.id), "public code");
    for (const d::Workshop& w : state.workshops) {
      WorkshopSetup ws;
      ws.id = w.id;
      ws.facilitator = session(app::Role::facilitator, w.id, "facilitator " + w.id);
      ws.relator = session(app::Role::relator, w.id, "relator " + w.id);
      ws.servant = session(app::Role::servant, w.id, "servant " + w.id);
      for (const std::string& p : w.members) {
        ws.members.push_back(p);
        const std::string token = ok(access.redeem(pc.code, "load-setup"), "redeem public").token;
        if (auto err = access.link_participant(token, p))
          throw std::runtime_error("setup: link " + p + ": " + err->message);
        ws.member_tokens.push_back(token);
      }
      for (const d::Contribution& k : state.contributions)
        if (k.workshop_id == w.id) ws.proposals.push_back(k.id);
      es.workshops.push_back(std::move(ws));
    }
    if (o.verbose) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                           .count();
      std::cerr << "setup: " << es.id << " ready (" << es.workshops.size() << " workshops, seq "
                << es.seq << ") at " << s << " s\n";
    }
    out.push_back(std::move(es));
  }
  service.close();
  return out;
}

}  // namespace encuentro::load
