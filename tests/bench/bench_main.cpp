// encuentro-bench: the benchmarks of issue 7 (tests/bench/README.md).
//
//   encuentro-bench write-storm [--seconds S] [--writers N] [--in-flight K] [--synchronous full|normal]
//                               [--dir DIR] [--snapshot-every K]
//   encuentro-bench cold-start [--events N] [--encuentros E] [--repeat R] [--dir DIR]
//   encuentro-bench public-fixture --db PATH
//
// Every figure goes to stdout as "name: value" lines, so a script can grep them.

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <sys/resource.h>
#include <unistd.h>
#include <variant>
#include <vector>

#include "app/encuentro_service.hpp"
#include "domain/commands.hpp"
#include "domain/encuentro.hpp"
#include "domain/events.hpp"
#include "storage/event_store.hpp"

namespace {

namespace fs = std::filesystem;
namespace app = encuentro::app;
namespace d = encuentro::domain;
namespace c = encuentro::domain::cmd;
namespace storage = encuentro::storage;
using Clock = std::chrono::steady_clock;

constexpr d::Timestamp kMinute = 60'000;
constexpr d::Timestamp kDay = 24 * 60 * kMinute;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// CPU seconds (user + system) of the whole process so far: compared with wall time it says
// whether a run was bound by the CPU or by waiting (fsync).
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto tv = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return tv(u.ru_utime) + tv(u.ru_stime);
}

// ---- command line ----------------------------------------------------------------------------
class Args {
 public:
  Args(int argc, char** argv, int first) {
    for (int i = first; i < argc; ++i) {
      std::string a = argv[i];
      if (!a.starts_with("--")) throw std::invalid_argument("unexpected argument: " + a);
      if (i + 1 >= argc) throw std::invalid_argument("missing value for " + a);
      values_[a] = argv[++i];
    }
  }
  std::string str(const std::string& name, const std::string& fallback) {
    used_.push_back(name);
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
  }
  long num(const std::string& name, long fallback) {
    const std::string v = str(name, "");
    if (v.empty()) return fallback;
    std::size_t end = 0;
    const long n = std::stol(v, &end);
    if (end != v.size() || n < 0) throw std::invalid_argument("bad number for " + name + ": " + v);
    return n;
  }
  void done() const {
    for (const auto& [k, v] : values_) {
      if (std::find(used_.begin(), used_.end(), k) == used_.end())
        throw std::invalid_argument("unknown option " + k);
    }
  }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> used_;
};

// A fresh directory for databases, removed at the end unless --keep.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& parent) {
    fs::path base = parent.empty() ? fs::temp_directory_path() : fs::path(parent);
    fs::create_directories(base);
    std::string templ = (base / "encuentro-bench-XXXXXX").string();
    if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed in " + base.string());
    path = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

// ---- building encuentros with real commands (as server/app/demo.cpp does) ---------------------
d::Timestamp at(d::Date date, int hour, int minute = 0) {
  return static_cast<d::Timestamp>(date.days_since_epoch) * kDay + (hour + 5) * 60 * kMinute +
         minute * kMinute;
}

class Script {
 public:
  Script(app::EncuentroService& service, std::string id) : service_(service), id_(std::move(id)) {}
  app::Outcome run(const d::Command& command, d::Timestamp when) {
    last_ = std::max(when, last_ + 1);
    app::Outcome out = service_.execute_at({id_, command, "bench", std::nullopt}, last_);
    if (out.kind != app::Outcome::Kind::applied) {
      throw std::runtime_error("bench " + id_ + ": command refused: " +
                               d::rejection_code_name(out.rejection.code) + " " +
                               out.rejection.message + out.detail);
    }
    ++commands_;
    return out;
  }
  d::Encuentro state() const { return *service_.snapshot(id_); }
  d::Timestamp last() const { return last_; }
  long commands() const { return commands_; }

 private:
  app::EncuentroService& service_;
  std::string id_;
  d::Timestamp last_ = 0;
  long commands_ = 0;
};

const d::ValueGroup kGroups[] = {d::ValueGroup::juventud, d::ValueGroup::mujeres,
                                 d::ValueGroup::victimas, d::ValueGroup::campesino,
                                 d::ValueGroup::persona_mayor, d::ValueGroup::ciudadania};

// Created, convened, `people` registered and checked in on `event_day`, workshops formed and
// staffed, phase = workshops. Returns the workshops.
std::vector<d::Workshop> to_workshops(Script& s, const std::string& id, d::Date event_day,
                                      int people) {
  d::EncuentroDetails det;
  det.title = "Encuentro de Diálogo Participativo de prueba de carga " + id;
  det.entities = {"Alcaldía de Prueba"};
  det.objective = "Medir el servidor con un encuentro de tamaño real.";
  det.report_summary = "Informe de gestión de la vigencia.";
  det.methodology = "Talleres simultáneos, plenaria y compromisos.";
  det.venue = "Coliseo municipal";
  det.date = event_day;
  det.start_time = *d::TimeOfDay::parse("08:00");
  det.end_time = *d::TimeOfDay::parse("13:00");
  det.expected_attendance = people;
  d::Timestamp t = at(event_day.plus_days(-45), 9);
  s.run(c::CreateEncuentro{id, det}, t);
  s.run(c::AddPoint{"Movilidad", "Vías y transporte"}, t += kMinute);
  s.run(c::AddQuestion{"p1", "¿Qué debe priorizar la Alcaldía en movilidad?"}, t += kMinute);
  s.run(c::AddPoint{"Seguridad", "Convivencia"}, t += kMinute);
  s.run(c::AddQuestion{"p2", "¿Cómo mejorar la convivencia en su barrio?"}, t += kMinute);
  s.run(c::PublishConvocation{}, at(event_day.plus_days(-40), 10));
  t = at(event_day.plus_days(-30), 8);
  for (int i = 0; i < people; ++i) {
    c::Register r;
    r.code = "B" + std::to_string(100000 + i);
    r.name = "Persona de prueba " + std::to_string(i);
    r.territory = "Comuna " + std::to_string(1 + i % 9);
    r.value_group = kGroups[static_cast<std::size_t>(i) % std::size(kGroups)];
    r.data_consent = true;
    s.run(r, t += 1000);
  }
  t = at(event_day, 7, 0);
  for (int i = 0; i < people; ++i) s.run(c::CheckIn{"r" + std::to_string(i + 1)}, t += 100);
  s.run(c::AdvancePhase{d::Phase::opening}, at(event_day, 8, 10));
  s.run(c::FormWorkshops{}, at(event_day, 8, 40));
  const auto formed = s.state().workshops;
  t = at(event_day, 8, 42);
  for (const auto& w : formed) {
    s.run(c::AssignStaff{w.id, d::StaffRole::facilitator, "Facilitador/a " + w.id}, t += 1000);
    s.run(c::AssignStaff{w.id, d::StaffRole::relator, "Relator/a " + w.id}, t += 1000);
    s.run(c::AssignStaff{w.id, d::StaffRole::servant, "Servidor/a " + w.id}, t += 1000);
  }
  s.run(c::AdvancePhase{d::Phase::workshops}, at(event_day, 9));
  return s.state().workshops;
}

// About 120 characters of Spanish, varied by n: with the event's other fields the stored payload
// of contribution.captured is about 300 bytes (write-storm prints the real size).
std::string proposal_text(long n) {
  return "Propuesta " + std::to_string(n) +
         ": ampliar las rutas de bus nocturnas hacia las veredas y publicar los horarios en las "
         "juntas de acción comunal.";
}

// The write storm's text: short enough that the stored contribution.captured payload is about
// 300 bytes, as the issue asks (write-storm prints the real size as payload_bytes).
std::string storm_text(long n) {
  return "Propuesta " + std::to_string(n) + ": rutas de bus nocturnas a las veredas.";
}

app::EncuentroService::Options service_options(const fs::path& db, storage::Synchronous sync,
                                               int snapshot_every = 500) {
  app::EncuentroService::Options o;
  o.store.path = db.string();
  o.store.synchronous = sync;
  o.snapshot_every = snapshot_every;
  return o;
}

// ---- write-storm -----------------------------------------------------------------------------
double percentile(std::vector<std::uint32_t>& v, double p) {
  if (v.empty()) return 0;
  const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// The same table shape as the event log (server/storage/schema.cpp), without the rest.
void create_plain_table(SQLite::Database& db) {
  db.exec("PRAGMA journal_mode=WAL");
  db.exec(
      "CREATE TABLE events (encuentro_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,"
      " payload TEXT NOT NULL, at_ms INTEGER NOT NULL, actor TEXT NOT NULL, op_id TEXT,"
      " PRIMARY KEY (encuentro_id, seq)) STRICT, WITHOUT ROWID");
}

std::string padded_payload(long n, std::size_t size) {
  std::string p = "{\"contribution\":{\"id\":\"c" + std::to_string(n) +
                  "\",\"workshop_id\":\"w1\",\"kind\":\"propuesta\",\"text\":\"";
  while (p.size() + 3 < size) p += static_cast<char>('a' + (p.size() + static_cast<std::size_t>(n)) % 26);
  p += "\"}}";
  return p;
}

// Plain SQLite, one transaction for all rows: the ceiling the event log is compared with.
double plain_one_transaction(const fs::path& file, long rows, std::size_t payload_size,
                             const std::string& sync) {
  SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  create_plain_table(db);
  db.exec("PRAGMA synchronous=" + sync);
  SQLite::Statement insert(db, "INSERT INTO events VALUES ('e-plain', ?, ?, ?, ?, ?, ?)");
  const auto t0 = Clock::now();
  SQLite::Transaction tx(db);
  for (long i = 1; i <= rows; ++i) {
    insert.bind(1, static_cast<std::int64_t>(i));
    insert.bind(2, "contribution.captured");
    insert.bind(3, padded_payload(i, payload_size));
    insert.bind(4, static_cast<std::int64_t>(1795359600000 + i));
    insert.bind(5, "bench");
    insert.bind(6, "op-" + std::to_string(i));
    insert.exec();
    insert.reset();
  }
  tx.commit();
  return static_cast<double>(rows) / seconds_since(t0);
}

// Plain SQLite with synchronous=FULL, `batch` rows per transaction (one fsync each), for
// `seconds`: batch 1 is "one transaction per insert"; a larger batch is what group commit could
// reach at most on this disk.
std::pair<long, double> plain_batched(const fs::path& file, double seconds, std::size_t payload_size,
                                      long batch) {
  SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  create_plain_table(db);
  db.exec("PRAGMA synchronous=FULL");
  SQLite::Statement insert(db, "INSERT INTO events VALUES ('e-plain', ?, ?, ?, ?, ?, ?)");
  const auto t0 = Clock::now();
  long i = 0;
  while (seconds_since(t0) < seconds) {
    SQLite::Transaction tx(db);
    for (long b = 0; b < batch; ++b) {
      ++i;
      insert.bind(1, static_cast<std::int64_t>(i));
      insert.bind(2, "contribution.captured");
      insert.bind(3, padded_payload(i, payload_size));
      insert.bind(4, static_cast<std::int64_t>(1795359600000 + i));
      insert.bind(5, "bench");
      insert.bind(6, "op-" + std::to_string(i));
      insert.exec();
      insert.reset();
    }
    tx.commit();
  }
  return {i, static_cast<double>(i) / seconds_since(t0)};
}

int write_storm(Args args) {
  const double seconds = static_cast<double>(args.num("--seconds", 10));
  const int writers = static_cast<int>(args.num("--writers", 4));
  const std::string sync_name = args.str("--synchronous", "full");
  const std::string dir = args.str("--dir", "");
  const int snapshot_every = static_cast<int>(args.num("--snapshot-every", 500));
  const int people = static_cast<int>(args.num("--people", 60));
  // Commands each writer keeps outstanding (submit() without waiting), as a server with that many
  // tablets sending at once would have; 1 = execute(), one at a time.
  const long in_flight = std::max(1L, args.num("--in-flight", 1));
  args.done();
  if (sync_name != "full" && sync_name != "normal")
    throw std::invalid_argument("--synchronous full|normal");
  const auto sync = sync_name == "full" ? storage::Synchronous::full : storage::Synchronous::normal;
  TempDir tmp(dir);
  const fs::path db = tmp.path / "storm.db";
  std::cout << "benchmark: write-storm\n"
            << "db: " << db << "\nsynchronous: " << sync_name << "\nwriters: " << writers
            << "\nin_flight_per_writer: " << in_flight << "\nseconds: " << seconds
            << "\nsnapshot_every: " << snapshot_every << "\n";

  std::vector<std::string> workshops;
  long setup_events = 0;
  {
    // Set-up with NORMAL (not measured), then the service is reopened with the chosen level.
    app::EncuentroService setup(service_options(db, storage::Synchronous::normal, snapshot_every));
    Script s(setup, "e-storm");
    const d::Date event_day = app::civil_date(app::system_now(), -300).plus_days(-1);
    for (const auto& w : to_workshops(s, "e-storm", event_day, people)) workshops.push_back(w.id);
    setup_events = setup.store().last_seq("e-storm");
  }
  app::EncuentroService service(service_options(db, sync, snapshot_every));
  std::atomic<bool> stop{false};
  std::atomic<long> failures{0};
  std::vector<std::vector<std::uint32_t>> latencies(static_cast<std::size_t>(writers));
  struct Window {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<long> outstanding;
  } window;
  window.outstanding.assign(static_cast<std::size_t>(writers), 0);
  const auto stats0 = service.writer_stats();
  std::vector<std::thread> threads;
  const double cpu0 = cpu_seconds();
  const auto t0 = Clock::now();
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      auto& lat = latencies[static_cast<std::size_t>(w)];
      lat.reserve(1 << 20);
      long n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        ++n;
        const std::string& ws = workshops[static_cast<std::size_t>(w + n) % workshops.size()];
        app::Request req{"e-storm",
                         c::CaptureContribution{ws, d::ContributionKind::propuesta,
                                                n % 2 ? "p1" : "p2",
                                                std::string(n % 2 ? "q1" : "q2"),
                                                storm_text(n), ""},
                         "relator-" + ws,
                         "op-" + std::to_string(w) + "-" + std::to_string(n)};
        const auto a = Clock::now();
        const auto record = [&lat, &failures, a](const app::Outcome& out) {
          const auto us =
              std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - a).count();
          if (out.kind != app::Outcome::Kind::applied) {
            if (failures.fetch_add(1) < 5)
              std::cerr << "not applied: " << static_cast<int>(out.kind) << " "
                        << out.rejection.message << out.detail << "\n";
            return;
          }
          lat.push_back(static_cast<std::uint32_t>(std::min<long long>(us, UINT32_MAX)));
        };
        if (in_flight == 1) {
          record(service.execute(req));
          continue;
        }
        // Outstanding commands: their completions run on the writer thread, one at a time, so
        // `lat` (this writer's) is only touched under `window.mutex`.
        std::unique_lock lock(window.mutex);
        window.changed.wait(lock, [&] { return window.outstanding[w] < in_flight; });
        ++window.outstanding[w];
        lock.unlock();
        service.submit(std::move(req), [&window, w, record](app::Outcome out) {
          std::lock_guard guard(window.mutex);
          record(out);
          --window.outstanding[w];
          window.changed.notify_all();
        });
      }
      std::unique_lock lock(window.mutex);  // wait for this writer's outstanding commands
      window.changed.wait(lock, [&] { return window.outstanding[w] == 0; });
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  const double elapsed = seconds_since(t0);
  const double cpu = cpu_seconds() - cpu0;
  std::vector<std::uint32_t> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  const long committed = static_cast<long>(all.size());
  const double rate = static_cast<double>(committed) / elapsed;
  const double p50 = percentile(all, 0.50) / 1000.0;
  const double p99 = percentile(all, 0.99) / 1000.0;
  const double pmax = all.empty() ? 0 : *std::max_element(all.begin(), all.end()) / 1000.0;
  // The stored size of one contribution.captured payload, for the baseline.
  const auto last = service.store().events_after("e-storm", service.store().last_seq("e-storm") - 1, 1);
  const std::size_t payload = last.empty() ? 300 : last.front().payload.size();
  const auto snap = service.store().latest_snapshot("e-storm");
  std::cout << "setup_events: " << setup_events << "\n"
            << "committed: " << committed << "\nfailures: " << failures.load()
            << "\nelapsed_s: " << elapsed << "\ncpu_s: " << cpu
            << "\ncpu_per_wall: " << cpu / elapsed << "\n";
  const auto stats = service.writer_stats();
  const auto transactions = stats.transactions - stats0.transactions;
  std::printf("transactions: %llu\ncommands_per_transaction: %.1f\n",
              static_cast<unsigned long long>(transactions),
              transactions ? static_cast<double>(stats.commands - stats0.commands) /
                                 static_cast<double>(transactions)
                           : 0.0);
  std::printf("committed_per_s: %.0f\nlatency_p50_ms: %.3f\nlatency_p99_ms: %.3f\nlatency_max_ms: %.3f\n",
              rate, p50, p99, pmax);
  std::cout << "payload_bytes: " << payload << "\n"
            << "last_snapshot_bytes: " << (snap ? snap->payload.size() : 0) << "\n";
  service.close();

  // Baselines, same filesystem, same run.
  const long rows = std::max(committed, 1000L);
  const double one_tx = plain_one_transaction(tmp.path / "plain-one-tx.db", rows, payload, "FULL");
  std::printf("baseline_one_tx_rows: %ld\nbaseline_one_tx_rows_per_s: %.0f\n", rows, one_tx);
  std::printf("ratio_storm_to_one_tx: %.4f\n", rate / one_tx);
  const double plain_seconds = std::min(seconds, 5.0);
  const auto [per_rows, per_row] =
      plain_batched(tmp.path / "plain-per-row.db", plain_seconds, payload, 1);
  std::printf("baseline_tx_per_row_full_rows: %ld\nbaseline_tx_per_row_full_rows_per_s: %.0f\n",
              per_rows, per_row);
  std::printf("ratio_storm_to_tx_per_row_full: %.3f\n", rate / per_row);
  const auto [batch_rows, batched] =
      plain_batched(tmp.path / "plain-batch-64.db", plain_seconds, payload, 64);
  std::printf("baseline_tx_per_64_rows_full_rows: %ld\nbaseline_tx_per_64_rows_full_rows_per_s: %.0f\n",
              batch_rows, batched);
  return 0;
}

// ---- cold-start ------------------------------------------------------------------------------
// One encuentro of about `events` events: `people` registered and checked in, workshops, then
// captures, edits and the speaking queue until the count is reached (captures grow the state,
// the rest does not, as in a real workshop).
long build_encuentro(app::EncuentroService& service, const std::string& id, long events,
                     int people) {
  Script s(service, id);
  const d::Date event_day = app::civil_date(app::system_now(), -300).plus_days(-2);
  const auto workshops = to_workshops(s, id, event_day, people);
  d::Timestamp t = at(event_day, 9, 1);
  long n = 0;
  long contributions = 0;
  std::int64_t seq = service.store().last_seq(id);
  while (seq < events) {
    const auto& w = workshops[static_cast<std::size_t>(n) % workshops.size()];
    const std::string& member = w.members[static_cast<std::size_t>(n / 7) % w.members.size()];
    app::Outcome out;
    switch (n % 6) {
      case 0:
      case 3:
        out = s.run(c::CaptureContribution{w.id, d::ContributionKind::propuesta, "p1",
                                           std::string("q1"), proposal_text(n), ""},
                    t += 10);
        ++contributions;
        break;
      case 1:
        out = s.run(c::EditContribution{"c" + std::to_string(contributions), "p2",
                                        std::string("q2"), proposal_text(n + 1), ""},
                    t += 10);
        break;
      case 4:
        out = s.run(c::GiveFloor{w.id, member}, t += 10);
        break;
      default: {  // raise a hand, or lower it when it is up
        const std::string& who =
            w.members[static_cast<std::size_t>(n / 3 + (n % 6)) % w.members.size()];
        bool raised = false;
        service.read(id, [&](const d::Encuentro& e) {
          const auto& q = e.workshop(w.id)->speaking_queue;
          raised = std::find(q.begin(), q.end(), who) != q.end();
        });
        out = raised ? s.run(c::LowerHand{w.id, who}, t += 10)
                     : s.run(c::RaiseHand{w.id, who}, t += 10);
        break;
      }
    }
    seq = out.last_seq;
    ++n;
  }
  return seq;
}

struct ColdResult {
  double seconds;
  std::size_t encuentros;
  long events;
};

ColdResult cold_start_once(const fs::path& db) {
  const double cpu0 = cpu_seconds();
  const auto t0 = Clock::now();
  // As main.cpp opens it: synchronous FULL (the server default); the constructor loads every
  // encuentro (latest snapshot, then the events after it).
  app::EncuentroService service(service_options(db, storage::Synchronous::full));
  // Ready: every encuentro's state readable (they are loaded eagerly; read() proves it).
  long seqs = 0;
  std::size_t count = 0;
  for (const auto& id : service.encuentro_ids()) {
    service.read(id, [&](const d::Encuentro& e) { seqs += e.seq; });
    ++count;
  }
  const double s = seconds_since(t0);
  std::printf("  (cpu %.3f s for %.3f s wall)\n", cpu_seconds() - cpu0, s);
  return {s, count, seqs};
}

void report_cold(const std::string& label, const fs::path& db, int repeat) {
  std::vector<double> times;
  ColdResult r{};
  for (int i = 0; i < repeat; ++i) {
    r = cold_start_once(db);
    times.push_back(r.seconds);
    std::printf("%s_run_%d_s: %.3f\n", label.c_str(), i + 1, r.seconds);
  }
  std::sort(times.begin(), times.end());
  std::printf("%s_encuentros: %zu\n%s_events_loaded: %ld\n%s_min_s: %.3f\n%s_median_s: %.3f\n",
              label.c_str(), r.encuentros, label.c_str(), r.events, label.c_str(), times.front(),
              label.c_str(), times[times.size() / 2]);
}

int cold_start(Args args) {
  const long events = args.num("--events", 1'000'000);
  const long encuentros = std::max(1L, args.num("--encuentros", 100));
  const int repeat = static_cast<int>(std::max(1L, args.num("--repeat", 3)));
  const int people = static_cast<int>(args.num("--people", 300));
  const std::string dir = args.str("--dir", "");
  const std::string keep = args.str("--db", "");  // reuse (or keep) a built database
  // both | snapshots | replay: which start-ups to measure (replay deletes the snapshots first)
  const std::string measure = args.str("--measure", "both");
  args.done();
  std::optional<TempDir> tmp;
  fs::path db;
  if (keep.empty()) {
    tmp.emplace(dir);
    db = tmp->path / "cold.db";
  } else {
    db = keep;
  }
  std::cout << "benchmark: cold-start\ndb: " << db << "\n";
  if (!fs::exists(db)) {
    const long per = events / encuentros;
    const auto t0 = Clock::now();
    std::atomic<long> built{0};
    {
      app::EncuentroService service(service_options(db, storage::Synchronous::normal));
      std::vector<std::thread> threads;
      std::atomic<long> next{0};
      for (int th = 0; th < 2; ++th) {
        threads.emplace_back([&] {
          try {
            for (long k = next++; k < encuentros; k = next++) {
              const long want = k == encuentros - 1 ? events - per * (encuentros - 1) : per;
              built += build_encuentro(service, "e-cold-" + std::to_string(k), want, people);
            }
          } catch (const std::exception& e) {
            std::cerr << "encuentro-bench: building failed: " << e.what() << std::endl;
            std::_Exit(1);
          }
        });
      }
      for (auto& t : threads) t.join();
      service.close();
    }
    std::printf("built_events: %ld\nbuilt_encuentros: %ld\nbuild_s: %.1f\n", built.load(),
                encuentros, seconds_since(t0));
  }
  std::printf("db_bytes: %ju\n", static_cast<std::uintmax_t>(fs::file_size(db)));
  {
    SQLite::Database raw(db.string(), SQLite::OPEN_READONLY);
    std::cout << "events_in_log: " << raw.execAndGet("SELECT count(*) FROM events").getInt64()
              << "\nsnapshots: " << raw.execAndGet("SELECT count(*) FROM snapshots").getInt64()
              << "\nsnapshot_bytes_total: "
              << raw.execAndGet("SELECT coalesce(sum(length(payload)),0) FROM snapshots").getInt64()
              << std::endl;
  }
  if (measure == "both" || measure == "snapshots") report_cold("with_snapshots", db, repeat);
  if (measure == "snapshots") return 0;
  // Worst case: no snapshot at all, every event replayed.
  {
    SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
    raw.exec("DELETE FROM snapshots");
    raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  report_cold("full_replay", db, repeat);
  return 0;
}

// ---- public-fixture --------------------------------------------------------------------------
// A published encuentro of 1,000 people in 34 workshops: 1,000 proposals, three principal per
// workshop (102), every one answered: 100 commitments and 2 not adopted. Then a progress report
// on a few commitments, as months of follow-up would bring.
int public_fixture(Args args) {
  const std::string path = args.str("--db", "");
  const std::string id = args.str("--id", "e-bench-publico");
  const long proposals = args.num("--proposals", 1000);
  const long commitments = args.num("--commitments", 100);
  args.done();
  if (path.empty()) throw std::invalid_argument("--db PATH is required");
  const auto t0 = Clock::now();
  app::EncuentroService service(service_options(path, storage::Synchronous::normal));
  Script s(service, id);
  const d::Date today = app::civil_date(app::system_now(), -300);
  const d::Date event_day = today.plus_days(-40);
  const auto workshops = to_workshops(s, id, event_day, 1000);
  // Proposals, spread over the workshops.
  d::Timestamp t = at(event_day, 9, 5);
  std::map<std::string, std::vector<std::string>> by_workshop;
  for (long i = 0; i < proposals; ++i) {
    const auto& w = workshops[static_cast<std::size_t>(i) % workshops.size()];
    auto out = s.run(c::CaptureContribution{w.id, d::ContributionKind::propuesta,
                                            i % 2 ? "p2" : "p1",
                                            std::string(i % 2 ? "q2" : "q1"), proposal_text(i),
                                            ""},
                     t += 500);
    by_workshop[w.id].push_back(
        std::get<d::ev::ContributionCaptured>(out.events.front().event).contribution.id);
  }
  // Every member spends three dots; the first proposals of each workshop gather most.
  for (const auto& w : workshops) {
    s.run(c::OpenVoting{w.id, 3}, at(event_day, 10, 5));
    const auto& ps = by_workshop[w.id];
    t = at(event_day, 10, 6);
    // Distinct dots among the workshop's first five proposals: three of them become principal.
    const std::size_t top = std::min<std::size_t>(5, ps.size());
    for (std::size_t m = 0; m < w.members.size(); ++m) {
      for (std::size_t dot = 0; dot < 3 && dot < top; ++dot)
        s.run(c::CastVote{w.id, w.members[m], ps[(m + dot) % top]}, t += 100);
    }
    s.run(c::CloseVoting{w.id}, at(event_day, 10, 20));
    s.run(c::WriteSynthesis{w.id, "El taller " + w.id +
                                      " priorizó rutas nocturnas, convivencia y "
                                      "horarios publicados en las juntas."},
          at(event_day, 10, 25));
    s.run(c::FinalizeSynthesis{w.id}, at(event_day, 10, 28));
  }
  s.run(c::AdvancePhase{d::Phase::plenary}, at(event_day, 10, 30));
  s.run(c::FocusPlenary{"all"}, at(event_day, 10, 35));
  s.run(c::AdvancePhase{d::Phase::commitments}, at(event_day, 11, 15));
  const auto principal = d::all_principal_proposals(s.state());
  t = at(event_day, 11, 20);
  long k = 0;
  for (const auto& pid : principal) {
    if (k < commitments) {
      ++k;
      d::CommitmentTerms terms{s.state().contribution(pid)->text,
                               "Alcaldía de Prueba",
                               k % 2 ? "Secretaría de Movilidad" : "Secretaría de Gobierno",
                               event_day.plus_days(60 + static_cast<int>(k) * 3),
                               "Acciones realizadas / acciones programadas",
                               "100 % de las acciones programadas",
                               "Comuna " + std::to_string(1 + k % 9),
                               {}};
      s.run(c::AnswerProposals{{pid}, d::AnswerKind::commitment, terms, "", ""}, t += 1000);
    } else {
      s.run(c::AnswerProposals{{pid},
                               d::AnswerKind::not_adopted,
                               std::nullopt,
                               "No hay presupuesto en la vigencia; se reconsiderará el próximo año.",
                               ""},
            t += 1000);
    }
  }
  s.run(c::AdvancePhase{d::Phase::published}, at(event_day.plus_days(3), 9));
  s.run(c::AdvancePhase{d::Phase::follow_up}, at(event_day.plus_days(10), 9));
  const auto st = s.state();
  for (std::size_t i = 0; i < st.commitments.size(); i += 4) {
    s.run(c::ReportProgress{st.commitments[i].id, 30, d::ProgressStatus::en_ejecucion,
                            "Se conformó el equipo responsable y se definió el cronograma.", "",
                            event_day.plus_days(30)},
          at(event_day.plus_days(30), 15) + static_cast<d::Timestamp>(i) * 1000);
  }
  const auto final_state = s.state();
  long n_proposals = 0;
  for (const auto& x : final_state.contributions)
    if (x.kind == d::ContributionKind::propuesta) ++n_proposals;
  service.close();
  std::cerr << "public-fixture: " << n_proposals << " proposals, "
            << d::all_principal_proposals(final_state).size() << " principal, "
            << final_state.answers.size() << " answers, " << final_state.commitments.size()
            << " commitments, " << final_state.workshops.size() << " workshops, seq "
            << final_state.seq << ", built in " << seconds_since(t0) << " s\n";
  std::cout << id << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: encuentro-bench write-storm|cold-start|public-fixture [options]\n";
    return 2;
  }
  const std::string which = argv[1];
  try {
    Args args(argc, argv, 2);
    if (which == "write-storm") return write_storm(std::move(args));
    if (which == "cold-start") return cold_start(std::move(args));
    if (which == "public-fixture") return public_fixture(std::move(args));
    std::cerr << "unknown benchmark: " << which << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "encuentro-bench: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "encuentro-bench: " << e.what() << "\n";
    return 1;
  }
}
