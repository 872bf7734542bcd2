// The database every command_fuzz input starts from: the demo's two encuentros (app/demo.hpp:
// one convened, one published) and one in its workshops, where most commands of the live protocol
// apply. Built once per process in a fresh directory on tmpfs (/dev/shm when there is one: the
// EventStore refuses ":memory:"), copied back whenever an input changed it, so that every input
// runs against the same state and a crash reproduces from the input alone.
#pragma once

#include <stdlib.h>  // mkdtemp

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "app/demo.hpp"
#include "app/encuentro_service.hpp"

namespace encuentro::fuzz {

inline constexpr const char* kWorkshopsEncuentro = "e-fuzz-taller";

namespace venue_time {
inline constexpr domain::Timestamp kMinute = 60'000;
inline constexpr domain::Timestamp kDay = 24 * 60 * kMinute;
// `days_before` 2026-11-20 (day 20,777), the day of e-fuzz-taller, at a local time (UTC-5).
constexpr domain::Timestamp at(int days_before, int hour, int minute = 0) {
  return (20'777 - days_before) * kDay + (hour + 5) * 60 * kMinute + minute * kMinute;
}
// The clock of every input starts at 09:30 that day, during the workshops.
inline constexpr domain::Timestamp kNow = at(0, 9, 30);
}  // namespace venue_time

class Venue {
 public:
  static Venue& instance() {
    static Venue venue;  // never destroyed before the process ends; cleanup in the atexit below
    return venue;
  }

  app::EncuentroService& service() { return *service_; }

  // Every input: the clock back to the venue's "now" and, if the last input changed anything, the
  // database back to the pristine copy.
  void begin_input() {
    now_ = venue_time::kNow;
    number_ = 0;
    if (!dirty_ && service_) return;
    service_.reset();
    namespace fs = std::filesystem;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(work_.string() + suffix);
    fs::copy_file(pristine_, work_);
    service_ = open(work_);
    dirty_ = false;
  }
  void mark_dirty() { dirty_ = true; }
  void wait_minutes(int minutes) {
    if (minutes > 0 && minutes < 100000) now_ += std::int64_t{minutes} * venue_time::kMinute;
  }
  int next_number() { return ++number_; }

  // A second service on the same file: what a restart would load.
  std::unique_ptr<app::EncuentroService> reopen() { return open(work_); }

 private:
  Venue() {
    namespace fs = std::filesystem;
    const fs::path base =
        fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string pattern = (base / "encuentro-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    std::atexit([] { std::filesystem::remove_all(instance().dir_); });
    pristine_ = dir_ / "pristine.db";
    work_ = dir_ / "work.db";
    {
      auto service = open(pristine_);
      app::load_demo(*service, venue_time::kNow);
      build_workshops(*service);
      service->close();
    }
    begin_input();
  }

  std::unique_ptr<app::EncuentroService> open(const std::filesystem::path& db) {
    app::EncuentroService::Options o;
    o.store.path = db.string();
    // tmpfs, and a power cut is not what is tested here: no fsync per commit.
    o.store.synchronous = storage::Synchronous::normal;
    o.snapshot_every = 50;  // snapshots are written, and reloaded by reopen(), often
    o.clock = [this] { return now_ += 1000; };
    return std::make_unique<app::EncuentroService>(o);
  }

  // e-fuzz-taller: convened 40 days ahead, 44 registered, 40 checked in, workshops formed and
  // staffed, timers running on the first question, a few contributions captured.
  static void build_workshops(app::EncuentroService& service) {
    namespace c = domain::cmd;
    domain::Timestamp t = 0;
    const auto run = [&](const domain::Command& command, domain::Timestamp when) {
      t = std::max(when, t + 1000);
      const auto out = service.execute_at({kWorkshopsEncuentro, command, "venue", std::nullopt}, t);
      if (out.kind != app::Outcome::Kind::applied)
        throw std::runtime_error("fuzz venue: command refused: " + out.rejection.message +
                                 out.refusal.message + out.detail);
      return out;
    };
    domain::EncuentroDetails det;
    det.title = "Encuentro de prueba de carga del fuzzer";
    det.entities = {"Alcaldía de Prueba"};
    det.objective = "Ejercitar cada comando con una base real.";
    det.report_summary = "Informe de gestión de prueba.";
    det.methodology = "Talleres simultáneos de hasta 30 personas.";
    det.venue = "Auditorio municipal";
    det.date = domain::Date::from_ymd(2026, 11, 20);  // day 20,777, as venue_time::at() assumes
    det.start_time = *domain::TimeOfDay::parse("08:00");
    det.end_time = *domain::TimeOfDay::parse("13:00");
    det.expected_attendance = 60;
    const int lead = std::max(30, service.policy().convocation_min_days);  // R1
    run(c::CreateEncuentro{kWorkshopsEncuentro, det}, venue_time::at(lead + 10, 9));
    run(c::AddPoint{"Movilidad", "Transporte y vías."}, 0);
    run(c::AddQuestion{"p1", "¿Qué cambiaría del transporte público?"}, 0);
    run(c::AddPoint{"Seguridad", ""}, 0);
    run(c::AddQuestion{"p2", "¿Dónde se siente inseguro?"}, 0);
    run(c::PublishConvocation{}, venue_time::at(lead, 10));
    constexpr std::array kGroups = {domain::ValueGroup::juventud, domain::ValueGroup::mujeres,
                                    domain::ValueGroup::victimas, domain::ValueGroup::etnico};
    for (int i = 0; i < 44; ++i) {
      c::Register r;
      r.code = "VENUE-" + std::to_string(1000 + i);
      r.name = "Persona " + std::to_string(i);
      r.territory = i % 2 == 0 ? "Comuna 1" : "Comuna 2";
      r.value_group = kGroups[static_cast<std::size_t>(i) % kGroups.size()];
      r.needs.lsc_interpreter = i == 3;
      r.data_consent = true;
      run(r, venue_time::at(20 - i % 15, 9, i));
    }
    for (int i = 0; i < 40; ++i)
      run(c::CheckIn{"r" + std::to_string(i + 1)}, venue_time::at(0, 7, 30));
    run(c::AdvancePhase{domain::Phase::opening}, venue_time::at(0, 8, 10));
    run(c::FormWorkshops{}, venue_time::at(0, 8, 40));
    const auto workshops = service.snapshot(kWorkshopsEncuentro)->workshops;
    for (const auto& w : workshops) {
      run(c::AssignStaff{w.id, domain::StaffRole::facilitator, "Facilitación"}, 0);
      run(c::AssignStaff{w.id, domain::StaffRole::relator, "Relatoría"}, 0);
      run(c::AssignStaff{w.id, domain::StaffRole::servant, "Servidor público"}, 0);
    }
    run(c::AdvancePhase{domain::Phase::workshops}, venue_time::at(0, 9));
    for (const auto& w : workshops) {
      run(c::StartTimer{w.id, 75}, venue_time::at(0, 9, 5));
      run(c::SetCurrentQuestion{w.id, "q1"}, 0);
      run(c::RaiseHand{w.id, w.members.at(0)}, 0);
      run(c::GiveFloor{w.id, w.members.at(0)}, 0);
      run(c::RaiseHand{w.id, w.members.at(1)}, 0);
      run(c::CaptureContribution{w.id, domain::ContributionKind::propuesta, "p1", std::nullopt,
                                 "Más rutas de bus en la noche.", ""},
          0);
      run(c::CaptureContribution{w.id, domain::ContributionKind::pregunta, "p1", std::nullopt,
                                 "¿Cuándo abren la nueva estación?", ""},
          0);
      run(c::CaptureContribution{w.id, domain::ContributionKind::queja, "p2", std::nullopt,
                                 "El parque está sin luz.", ""},
          0);
    }
  }

  std::filesystem::path dir_, pristine_, work_;
  std::unique_ptr<app::EncuentroService> service_;
  bool dirty_ = true;
  domain::Timestamp now_ = venue_time::kNow;
  int number_ = 0;
};

}  // namespace encuentro::fuzz
