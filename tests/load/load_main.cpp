// encuentro-load: the load generator of issue 7 (tests/load/README.md).
//
// Prepares a database in-process (setup.hpp), starts encuentro-server on it, opens one WebSocket
// per device from this one process (Beast, one io_context, one thread), lets the encuentros run
// for a bounded time (relators capturing, facilitators' timers ticking and votes opened, citizens
// voting in bursts, a share of the devices losing their connection and resuming with `since`),
// and reports ack latency, fan-out latency, throughput, errors and the server's CPU and memory.
//
//   encuentro-load --scenario one-encuentro
//   encuentro-load --scenario national-day --encuentros 10
//   encuentro-load --scenario smoke            (CI: exits 1 on any error, missing ack or event)
//
// Latencies (µs resolution, steady clock of this process):
//   ack       a command's send (queued on its connection) → its `ack` on the same connection.
//   fan-out   for every event a command produced, at every subscriber that receives it live:
//             "from send" = receipt − the command's send (an upper bound of commit → receipt);
//             "spread"    = receipt − the first receipt of the same event at any subscriber
//             (a lower bound of commit → receipt: how long the broadcast itself takes to reach
//             the last subscriber; the sender's ack is no good as the commit instant, because
//             the server writes it after the events and without TCP_NODELAY it may wait ~40 ms).
//   Commands resent after a cut or a rate_limited refusal are not timed (they are counted).

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <queue>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "histogram.hpp"
#include "setup.hpp"

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

extern char** environ;

namespace encuentro::load {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             SteadyClock::now().time_since_epoch())
      .count();
}
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSec = 1'000'000'000;

// ---- options --------------------------------------------------------------------------------

struct Options {
  std::string scenario = "one-encuentro";
  int encuentros = 1;
  int people = 1000;
  int duration_s = 60;
  std::string server;
  std::string work_dir;  // where the database goes; default build dir/load-runs
  bool json_line = false;
  int server_threads = 1;
  int capture_interval_ms = 2000;
  double vote_fraction = 1.0;   // share of citizens who cast their 3 votes
  int vote_window_s = 10;
  int vote_at_s = 5;            // when facilitators open the vote (from the start of the run)
  double reconnect_percent = 5;  // share of devices cut once during the run
  int connect_parallel = 200;   // handshakes in flight while connecting
  int timer_every_s = 20;       // facilitators pause / resume their timer
  int spread_s = 1;             // facilitators start timers / open votes within this many s
  int idle_settle_s = 3;        // quiet time after connecting, before the idle memory reading
  bool strict = false;          // exit 1 on any error / missing ack / missing event
  bool keep = false;            // keep the database and the server log
};

[[noreturn]] void usage_exit(const std::string& problem) {
  if (!problem.empty()) std::cerr << "encuentro-load: " << problem << "\n";
  std::cerr <<
      R"(usage: encuentro-load [--scenario one-encuentro|national-day|smoke] [options]
  --encuentros N        encuentros of --people each (national-day: default 10)
  --people N            citizens per encuentro (default 1000; smoke 60)
  --duration S          measured run, seconds (one-encuentro 60, national-day 60, smoke 10)
  --server PATH         encuentro-server binary (default: beside this binary, else build/dev)
  --server-threads N    the server's --threads (default 1)
  --work-dir DIR        where the database and the server log go (default: <binary dir>/load-runs)
  --capture-every-ms N  each relator captures one contribution every N ms
  --vote-fraction F     share of citizens casting 3 votes in the vote window (0..1)
  --vote-at S           facilitators open the vote S seconds into the run
  --vote-window S       citizens cast their votes within S seconds of the opening
  --spread S            facilitators start timers and open votes within S seconds (national-day 30)
  --reconnect-percent P share of devices whose connection is cut once during the run
  --connect-parallel N  WebSocket handshakes in flight while connecting (default 200)
  --strict              exit 1 on any error, missing ack or missing event (smoke sets it)
  --json                also print one JSON line with every figure
  --keep                keep the run's database and server log
)";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  std::map<std::string, std::string> given;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") usage_exit("");
    if (a == "--json" || a == "--strict" || a == "--keep") {
      given[a] = "1";
      continue;
    }
    if (!a.starts_with("--") || i + 1 >= args.size()) usage_exit("bad argument " + a);
    given[a] = args[++i];
  }
  if (given.count("--scenario")) o.scenario = given["--scenario"];
  if (o.scenario == "one-encuentro") {
    o.encuentros = 1;
  } else if (o.scenario == "national-day") {
    o.encuentros = 10;
    o.capture_interval_ms = 10'000;
    o.vote_fraction = 0.02;
    o.vote_window_s = 20;
    o.spread_s = 30;  // a national day's workshops do not all start their timers together
    o.reconnect_percent = 1;
  } else if (o.scenario == "smoke") {
    o.people = 60;
    o.duration_s = 10;
    o.vote_at_s = 2;
    o.vote_window_s = 4;
    o.reconnect_percent = 10;
    o.timer_every_s = 3;
    o.idle_settle_s = 1;
    o.strict = true;
  } else {
    usage_exit("unknown scenario " + o.scenario);
  }
  const auto num = [&](const char* key, auto& field) {
    if (!given.count(key)) return;
    try {
      using T = std::decay_t<decltype(field)>;
      if constexpr (std::is_same_v<T, double>)
        field = std::stod(given[key]);
      else
        field = std::stoi(given[key]);
    } catch (...) {
      usage_exit(std::string("not a number: ") + key);
    }
    given.erase(key);
  };
  given.erase("--scenario");
  num("--encuentros", o.encuentros);
  num("--people", o.people);
  num("--duration", o.duration_s);
  num("--server-threads", o.server_threads);
  num("--capture-every-ms", o.capture_interval_ms);
  num("--vote-fraction", o.vote_fraction);
  num("--vote-at", o.vote_at_s);
  num("--vote-window", o.vote_window_s);
  num("--reconnect-percent", o.reconnect_percent);
  num("--connect-parallel", o.connect_parallel);
  num("--spread", o.spread_s);
  if (given.count("--server")) o.server = given["--server"], given.erase("--server");
  if (given.count("--work-dir")) o.work_dir = given["--work-dir"], given.erase("--work-dir");
  if (given.count("--json")) o.json_line = true, given.erase("--json");
  if (given.count("--strict")) o.strict = true, given.erase("--strict");
  if (given.count("--keep")) o.keep = true, given.erase("--keep");
  if (!given.empty()) usage_exit("unknown option " + given.begin()->first);
  if (o.encuentros < 1 || o.people < 1 || o.duration_s < 1 || o.capture_interval_ms < 10 ||
      o.connect_parallel < 1)
    usage_exit("numbers out of range");
  return o;
}

// ---- the server process -----------------------------------------------------------------------

struct ProcStat {
  double cpu_s = 0;           // utime + stime
  std::int64_t rss_kb = 0;    // VmRSS
  std::int64_t hwm_kb = 0;    // VmHWM
  int threads = 0;
};

ProcStat proc_stat(pid_t pid) {
  ProcStat s;
  std::ifstream st("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (std::getline(st, line)) {
    const auto close = line.rfind(')');
    std::istringstream rest(line.substr(close + 2));
    std::vector<std::string> f;
    for (std::string x; rest >> x;) f.push_back(x);
    // after "pid (comm) ": state is field 3, utime 14, stime 15 → indices 11, 12
    if (f.size() > 12) {
      const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
      s.cpu_s = (std::stod(f[11]) + std::stod(f[12])) / tick;
    }
  }
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  while (std::getline(status, line)) {
    std::istringstream in(line);
    std::string key;
    std::int64_t v = 0;
    in >> key >> v;
    if (key == "VmRSS:") s.rss_kb = v;
    if (key == "VmHWM:") s.hwm_kb = v;
    if (key == "Threads:") s.threads = static_cast<int>(v);
  }
  return s;
}

class Server {
 public:
  Server(const std::string& binary, const std::vector<std::string>& args,
         const std::string& log_path) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    out_fd_ = fds[0];
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> storage{binary};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) throw std::runtime_error("cannot start " + binary);
  }
  ~Server() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_fd_ >= 0) close(out_fd_);
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  pid_t pid() const { return pid_; }

  // The port from "listening on http://ADDR:PORT", or 0.
  unsigned short wait_listening(int timeout_s) {
    const auto deadline = SteadyClock::now() + std::chrono::seconds(timeout_s);
    std::string text;
    while (SteadyClock::now() < deadline) {
      pollfd p{out_fd_, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buf[4096];
      const ssize_t n = read(out_fd_, buf, sizeof buf);
      if (n <= 0) return 0;
      text.append(buf, static_cast<std::size_t>(n));
      const auto at = text.find("listening on http://");
      if (at == std::string::npos) continue;
      const auto eol = text.find('\n', at);
      if (eol == std::string::npos) continue;
      const auto colon = text.rfind(':', eol);
      return static_cast<unsigned short>(std::stoi(text.substr(colon + 1, eol - colon - 1)));
    }
    return 0;
  }

  int stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 300; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return -9;
  }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
};

std::atomic<pid_t> g_server_pid{-1};

// ---- the devices ------------------------------------------------------------------------------

enum class Kind : std::uint8_t { organizer, projector, facilitator, relator, servant, citizen };
const char* kind_name(Kind k) {
  switch (k) {
    case Kind::organizer: return "organizer";
    case Kind::projector: return "projector";
    case Kind::facilitator: return "facilitator";
    case Kind::relator: return "relator";
    case Kind::servant: return "servant";
    case Kind::citizen: return "citizen";
  }
  return "?";
}

enum class CmdKind : std::uint8_t { capture, timer, voting_open, vote };

struct Inflight {
  std::string op;
  std::string message;
  std::int64_t sent_ns = 0;
  CmdKind kind = CmdKind::capture;
  bool untimed = false;  // resent (after a cut or rate_limited): not timed
};

struct Conn {
  int index = 0;
  Kind kind = Kind::citizen;
  int enc = 0;
  int workshop = -1;        // index in the encuentro's workshops
  int member = -1;          // citizens: index in the workshop's members
  std::string token;
  std::int64_t last_seq = 0;

  std::unique_ptr<websocket::stream<tcp::socket>> ws;
  beast::flat_buffer buffer;
  std::deque<std::string> outq;
  bool writing = false;
  bool reading = false;
  bool synced = false;      // live events follow
  bool up = false;          // handshake done, hello sent
  bool ever_synced = false;
  bool cutting = false;     // we cut it on purpose
  bool reconnect_pending = false;
  bool dead = false;             // refused or failed before its first `synced`: abandoned
  bool connect_reported = false;
  int ops = 0;
  int timer_step = 0;
  std::vector<Inflight> inflight;  // commands sent, ack not yet received (the outbox)
  std::vector<std::int64_t> seen;  // every event seq received (for the end-of-run diagnosis)
  int connections = 0;
  std::int64_t snapshot_from = -1, snapshot_to = -1;
};

struct FanEntry {
  std::int64_t send_ns = 0;
  std::int64_t ack_ns = 0;   // 0: ack not seen yet
  std::int64_t first_ns = 0; // the first receipt anywhere (0: none yet)
  bool untimed = false;
  bool capture = false;
  int receipts = 0;          // live and catch-up, every connection
  std::vector<std::int64_t> early;  // live receipts before the ack was seen
};

struct Stats {
  Histogram ack, ack_capture, ack_vote, fan_send, fan_spread;
  std::uint64_t commands_sent = 0, acks = 0, duplicate_acks = 0, resent = 0;
  std::uint64_t rate_limited = 0, errors = 0, events_live = 0, events_catchup = 0;
  std::uint64_t snapshots_on_resume = 0, out_of_order = 0, unexpected_closes = 0;
  std::uint64_t connect_failed = 0, connected = 0, cuts = 0, reconnects = 0;
  std::map<std::string, std::uint64_t> error_codes;
  std::vector<std::string> error_samples;
  std::map<std::string, std::uint64_t> commands_by_kind;
};

struct Task {
  std::int64_t due = 0;
  int conn = 0;
  int action = 0;
  int arg = 0;
  bool operator>(const Task& o) const { return due > o.due; }
};
enum Action { kCapture, kTimer, kOpenVoting, kVote, kCut, kReconnect, kResend };

class Generator {
 public:
  Generator(const Options& o, std::vector<EncuentroSetup> setup, unsigned short port)
      : o_(o), setup_(std::move(setup)), port_(port), tick_(ioc_), rng_(12345) {
    for (int e = 0; e < static_cast<int>(setup_.size()); ++e) {
      const EncuentroSetup& es = setup_[static_cast<std::size_t>(e)];
      enc_index_[es.id] = e;
      add(Kind::organizer, e, -1, -1, es.organizer);
      add(Kind::projector, e, -1, -1, es.projector);
      for (int w = 0; w < static_cast<int>(es.workshops.size()); ++w) {
        const WorkshopSetup& ws = es.workshops[static_cast<std::size_t>(w)];
        add(Kind::facilitator, e, w, -1, ws.facilitator);
        add(Kind::relator, e, w, -1, ws.relator);
        add(Kind::servant, e, w, -1, ws.servant);
        for (int m = 0; m < static_cast<int>(ws.members.size()); ++m)
          add(Kind::citizen, e, w, m, ws.member_tokens[static_cast<std::size_t>(m)]);
      }
    }
  }

  std::size_t size() const { return conns_.size(); }
  void set_fd_budget(std::size_t n) { fd_budget_ = n; }
  Stats& stats() { return stats_; }
  net::io_context& ioc() { return ioc_; }

  // Opens every connection (at most connect_parallel handshakes at once) and waits until each
  // has its `synced` (or failed). Returns the seconds it took.
  double connect_all(int timeout_s) {
    const auto t0 = SteadyClock::now();
    next_connect_ = 0;
    in_flight_connects_ = 0;
    while (in_flight_connects_ < o_.connect_parallel && next_connect_ < conns_.size()) launch_next();
    const std::int64_t deadline = now_ns() + timeout_s * kSec;
    while (stats_.connected + stats_.connect_failed < conns_.size() && now_ns() < deadline)
      ioc_.run_for(std::chrono::milliseconds(50));
    return std::chrono::duration<double>(SteadyClock::now() - t0).count();
  }

  void idle_for(std::int64_t ns) {
    const std::int64_t until = now_ns() + ns;
    while (now_ns() < until) ioc_.run_for(std::chrono::milliseconds(50));
  }

  // The measured run: schedules everybody's activity, runs `duration`, then drains.
  void run(int duration_s) {
    const std::int64_t t0 = now_ns();
    run_end_ = t0 + duration_s * kSec;
    active_ = true;
    std::uniform_int_distribution<std::int64_t> phase(0, o_.capture_interval_ms * kMs);
    for (Conn& c : conns_) {
      if (c.kind == Kind::relator) schedule(t0 + phase(rng_), c.index, kCapture);
      if (c.kind == Kind::facilitator) {
        std::uniform_int_distribution<std::int64_t> jitter(0, o_.spread_s * kSec);
        schedule(t0 + jitter(rng_), c.index, kTimer);
        if (o_.vote_fraction > 0)
          schedule(t0 + o_.vote_at_s * kSec + jitter(rng_), c.index, kOpenVoting);
      }
    }
    // Cuts: a share of the devices loses its connection once, at a random moment.
    const std::size_t cuts =
        static_cast<std::size_t>(o_.reconnect_percent / 100.0 * static_cast<double>(conns_.size()));
    if (cuts > 0 && duration_s >= 2) {
      std::vector<int> order(conns_.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
      std::shuffle(order.begin(), order.end(), rng_);
      std::uniform_int_distribution<std::int64_t> when(kSec / 2,
                                                       std::max<std::int64_t>(kSec, (duration_s - 1) * kSec));
      for (std::size_t k = 0; k < cuts; ++k) schedule(t0 + when(rng_), order[k], kCut);
    }
    start_tick();
    while (now_ns() < run_end_) ioc_.run_for(std::chrono::milliseconds(100));
    active_ = false;
    // Drain: what is in flight gets its ack, reconnects finish, events reach everybody.
    const std::int64_t drain_deadline = now_ns() + 45 * kSec;
    while (now_ns() < drain_deadline) {
      ioc_.run_for(std::chrono::milliseconds(100));
      if (outstanding() == 0 && reconnecting() == 0) break;
    }
    idle_for(2 * kSec);
    measured_s_ = static_cast<double>(now_ns() - t0) / 1e9;
  }

  std::size_t outstanding() const {
    std::size_t n = 0;
    for (const Conn& c : conns_) n += c.inflight.size();
    return n;
  }
  std::size_t reconnecting() const {
    std::size_t n = 0;
    for (const Conn& c : conns_) n += (c.ever_synced && !c.synced) ? 1 : 0;
    return n;
  }

  // Every capture acknowledged during the run must have reached every connection allowed to
  // see it: the workshop's citizens and staff, the projector and the organizer.
  std::uint64_t missing_events(std::uint64_t* extra) const {
    std::uint64_t missing = 0;
    *extra = 0;
    // Who can receive: every connection that was opened (one never opened receives nothing).
    std::map<std::pair<int, int>, int> audience;  // (encuentro, workshop or -1) → connections
    for (const Conn& c : conns_)
      if (!c.dead) ++audience[{c.enc, covers_all(c) ? -1 : c.workshop}];
    for (const auto& [k, f] : fan_) {
      if (!f.capture || f.ack_ns == 0) continue;
      const int e = static_cast<int>(k >> 32);
      const auto w = capture_workshop_.find(k);
      if (w == capture_workshop_.end()) continue;
      const auto count = [&](int workshop) {
        const auto it = audience.find({e, workshop});
        return it == audience.end() ? 0 : it->second;
      };
      const int expected = count(w->second) + count(-1);
      int receipts = f.receipts;
      const std::int64_t seq = static_cast<std::int64_t>(k & 0xffffffffu);
      for (const Covered& r : covered_)
        if (r.enc == e && (r.workshop < 0 || r.workshop == w->second) && seq > r.from &&
            seq <= r.to)
          ++receipts;
      if (receipts < expected) {
        missing += static_cast<std::uint64_t>(expected - receipts);
        if (diagnosed_ < 5) diagnose_capture(e, w->second, seq);
      }
      if (receipts > expected) *extra += static_cast<std::uint64_t>(receipts - expected);
    }
    return missing;
  }

  double measured_s() const { return measured_s_; }

  // Which connections lack the event `seq` of a capture in workshop `w`, and why that might be.
  void diagnose_capture(int e, int w, std::int64_t seq) const {
    ++diagnosed_;
    std::cerr << "diagnosis: capture seq " << seq << " of encuentro " << e << " workshop " << w
              << " missing at:";
    for (const Conn& c : conns_) {
      if (c.enc != e || (!covers_all(c) && c.workshop != w)) continue;
      if (c.dead || std::find(c.seen.begin(), c.seen.end(), seq) != c.seen.end()) continue;
      if (seq > c.snapshot_from && seq <= c.snapshot_to) continue;
      std::cerr << " [" << kind_name(c.kind) << " #" << c.index << " connections "
                << c.connections << " last_seq " << c.last_seq << " synced " << c.synced
                << " snapshot " << c.snapshot_from << ".." << c.snapshot_to << "]";
    }
    std::cerr << "\n";
  }
  void diagnose_acks() const {
    for (const Conn& c : conns_)
      for (const Inflight& f : c.inflight)
        std::cerr << "diagnosis: no ack for " << f.message << " from " << kind_name(c.kind) << " #"
                  << c.index << " (connections " << c.connections << ", up " << c.up
                  << ", synced " << c.synced << ", sent " << (now_ns() - f.sent_ns) / kMs
                  << " ms ago, untimed " << f.untimed << ")\n";
  }

  void close_all() {
    closing_ = true;
    tick_.cancel();
    for (Conn& c : conns_) {
      if (c.ws) {
        beast::error_code ec;
        c.cutting = true;
        c.ws->next_layer().close(ec);
      }
    }
    ioc_.run_for(std::chrono::milliseconds(500));
  }

 private:
  void add(Kind k, int e, int w, int m, const std::string& token) {
    Conn c;
    c.index = static_cast<int>(conns_.size());
    c.kind = k;
    c.enc = e;
    c.workshop = w;
    c.member = m;
    c.token = token;
    c.last_seq = setup_[static_cast<std::size_t>(e)].seq;
    conns_.push_back(std::move(c));
  }

  void launch_next() {
    Conn& c = conns_[next_connect_++];
    ++in_flight_connects_;
    if (static_cast<std::size_t>(c.index) >= fd_budget_) {
      // Beyond this process's descriptors (keeping some for /proc and the files): not tried.
      if (stats_.error_samples.size() < 10)
        stats_.error_samples.push_back("connections beyond the descriptor budget of " +
                                       std::to_string(fd_budget_) + " were not opened");
      abandon(c);  // counted as failed
      return;
    }
    open(c);
  }

  void connect_done(Conn& c, bool ok) {
    (void)c;
    if (ok)
      ++stats_.connected;
    else
      ++stats_.connect_failed;
    --in_flight_connects_;
    while (in_flight_connects_ < o_.connect_parallel && next_connect_ < conns_.size()) launch_next();
  }

  // 127.0.0.1 + i / 20000: every source address has its own ephemeral ports.
  net::ip::address_v4 source_address(int i) const {
    return net::ip::address_v4(0x7f000001u + static_cast<std::uint32_t>(i / 20000));
  }

  void fail(Conn& c, const std::string& what, const beast::error_code& ec) {
    if (!c.ever_synced) {
      if (!c.connect_reported && stats_.error_samples.size() < 10)
        stats_.error_samples.push_back(std::string("connect ") + kind_name(c.kind) + ": " + what +
                                       ": " + ec.message());
      abandon(c);
      return;
    }
    lost(c);
  }

  // A connection that never got its first `synced`: closed, counted as failed, not retried.
  void abandon(Conn& c) {
    c.dead = true;
    c.up = false;
    c.synced = false;
    if (c.ws) {
      beast::error_code ec;
      c.ws->next_layer().close(ec);
    }
    if (!c.connect_reported) {
      c.connect_reported = true;
      connect_done(c, false);
    }
  }

  void open(Conn& c) {
    c.ws = std::make_unique<websocket::stream<tcp::socket>>(ioc_);
    c.buffer.clear();
    c.outq.clear();
    c.writing = c.reading = c.synced = c.up = c.cutting = false;
    ++c.connections;
    auto& sock = c.ws->next_layer();
    beast::error_code ec;
    sock.open(tcp::v4(), ec);
    if (ec) return fail(c, "socket", ec);
    const int one = 1;
    setsockopt(sock.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    sock.bind(tcp::endpoint(source_address(c.index), 0), ec);
    if (ec) return fail(c, "bind", ec);
    sock.set_option(tcp::no_delay(true), ec);
    Conn* cp = &c;
    sock.async_connect(tcp::endpoint(net::ip::address_v4::loopback(), port_),
                       [this, cp](const beast::error_code& e) {
                         if (e) return fail(*cp, "connect", e);
                         cp->ws->set_option(websocket::stream_base::decorator(
                             [](websocket::request_type& req) {
                               req.set(beast::http::field::user_agent, "encuentro-load");
                             }));
                         cp->ws->read_message_max(8u << 20);
                         cp->ws->async_handshake(
                             "127.0.0.1:" + std::to_string(port_), "/live",
                             [this, cp](const beast::error_code& e2) {
                               if (e2) return fail(*cp, "handshake", e2);
                               cp->ws->text(true);
                               cp->up = true;
                               json hello{{"type", "hello"},
                                          {"protocol", 1},
                                          {"token", cp->token},
                                          {"since", cp->last_seq}};
                               send(*cp, hello.dump());
                               read(*cp);
                             });
                       });
  }

  void send(Conn& c, std::string message) {
    c.outq.push_back(std::move(message));
    if (!c.writing && c.up) write(c);
  }

  void write(Conn& c) {
    c.writing = true;
    Conn* cp = &c;
    c.ws->async_write(net::buffer(c.outq.front()),
                      [this, cp](const beast::error_code& ec, std::size_t) {
                        cp->writing = false;
                        if (ec) return fail(*cp, "write", ec);
                        if (!cp->up) return lost(*cp);
                        cp->outq.pop_front();
                        if (!cp->outq.empty()) write(*cp);
                      });
  }

  void read(Conn& c) {
    c.reading = true;
    Conn* cp = &c;
    c.ws->async_read(c.buffer, [this, cp](const beast::error_code& ec, std::size_t) {
      cp->reading = false;
      if (ec) return fail(*cp, "read", ec);
      const std::int64_t t = now_ns();
      const std::string text = beast::buffers_to_string(cp->buffer.data());
      cp->buffer.consume(cp->buffer.size());
      handle(*cp, text, t);
      // Beast may complete a read from its own buffer after the socket was closed (a cut).
      if (!cp->up) return lost(*cp);
      read(*cp);
    });
  }

  // A connection ended (cut on purpose or not). Reconnects when no handler is pending any more.
  void lost(Conn& c) {
    if (c.dead) return;
    if (c.up) {
      c.up = false;
      if (!c.cutting) ++stats_.unexpected_closes;
      beast::error_code ec;
      c.ws->next_layer().close(ec);
    }
    c.synced = false;
    if (c.reading || c.writing || c.reconnect_pending || closing_) return;
    c.reconnect_pending = true;
    std::uniform_int_distribution<std::int64_t> delay(100 * kMs, 500 * kMs);
    schedule(now_ns() + delay(rng_), c.index, kReconnect);
    if (!tick_running_) start_tick();
  }

  void handle(Conn& c, const std::string& text, std::int64_t t) {
    json m;
    try {
      m = json::parse(text);
    } catch (const std::exception&) {
      error(c, "bad_json", text);
      return;
    }
    const std::string type = m.value("type", "");
    if (type == "event") {
      const std::int64_t seq = m["seq"].get<std::int64_t>();
      if (seq <= c.last_seq) ++stats_.out_of_order;
      c.last_seq = std::max(c.last_seq, seq);
      c.seen.push_back(seq);
      FanEntry& f = fan_[key(c.enc, seq)];
      ++f.receipts;
      if (f.first_ns == 0 || t < f.first_ns) f.first_ns = t;
      if (!c.synced) {
        ++stats_.events_catchup;
        return;
      }
      ++stats_.events_live;
      if (f.ack_ns == 0) {
        if (f.early.size() < 4096) f.early.push_back(t);
        return;
      }
      if (!f.untimed) record_fan(f, t);
    } else if (type == "ack") {
      on_ack(c, m, t);
    } else if (type == "synced") {
      c.last_seq = std::max(c.last_seq, m["seq"].get<std::int64_t>());
      c.synced = true;
      if (!c.ever_synced) {
        c.ever_synced = true;
        c.connect_reported = true;
        connect_done(c, true);
      } else {
        ++stats_.reconnects;
      }
      for (Inflight& f : c.inflight) {  // the outbox, sent again with the same op
        f.untimed = true;
        ++stats_.resent;
        send(c, f.message);
      }
    } else if (type == "snapshot") {
      const std::int64_t seq = m["seq"].get<std::int64_t>();
      if (c.ever_synced) {
        // A resume answered with a snapshot: the events it stands for are not sent one by one.
        ++stats_.snapshots_on_resume;
        covered_.push_back(Covered{c.enc, covers_all(c) ? -1 : c.workshop, c.last_seq, seq});
        c.snapshot_from = c.last_seq;
        c.snapshot_to = seq;
      }
      c.last_seq = seq;
    } else if (type == "error") {
      const std::string code = m.value("code", "");
      const std::string op = m.value("op", "");
      if (code == "rate_limited") {
        ++stats_.rate_limited;
        const int retry = m.value("retry_after_ms", 100);
        for (std::size_t i = 0; i < c.inflight.size(); ++i) {
          if (c.inflight[i].op == op) {
            c.inflight[i].untimed = true;
            schedule(t + retry * kMs, c.index, kResend, static_cast<int>(i));
          }
        }
        return;
      }
      std::erase_if(c.inflight, [&](const Inflight& f) { return !op.empty() && f.op == op; });
      error(c, code, text);
      if (!c.ever_synced) abandon(c);  // a refused hello
    }
    // welcome, pong: nothing to do
  }

  void error(Conn& c, const std::string& code, const std::string& text) {
    ++stats_.errors;
    ++stats_.error_codes[code];
    if (stats_.error_samples.size() < 10)
      stats_.error_samples.push_back(std::string(kind_name(c.kind)) + ": " + text.substr(0, 300));
  }

  static bool covers_all(const Conn& c) {
    return c.kind == Kind::organizer || c.kind == Kind::projector;
  }

  static std::uint64_t key(int enc, std::int64_t seq) {
    return (static_cast<std::uint64_t>(enc) << 32) | static_cast<std::uint64_t>(seq);
  }

  void record_fan(const FanEntry& f, std::int64_t t) {
    stats_.fan_send.add((t - f.send_ns) / 1000);
    stats_.fan_spread.add((t - f.first_ns) / 1000);
  }

  void on_ack(Conn& c, const json& m, std::int64_t t) {
    const std::string op = m["op"].get<std::string>();
    const auto it = std::find_if(c.inflight.begin(), c.inflight.end(),
                                 [&](const Inflight& f) { return f.op == op; });
    if (it == c.inflight.end()) return;  // a second ack of a resent op
    ++stats_.acks;
    if (m.value("duplicate", false)) ++stats_.duplicate_acks;
    if (!it->untimed) {
      const std::int64_t us = (t - it->sent_ns) / 1000;
      stats_.ack.add(us);
      if (it->kind == CmdKind::capture) stats_.ack_capture.add(us);
      if (it->kind == CmdKind::vote) stats_.ack_vote.add(us);
    }
    const int e = enc_index_.at(m["encuentro"].get<std::string>());
    const std::int64_t first = m["first_seq"].get<std::int64_t>();
    const std::int64_t last = m["seq"].get<std::int64_t>();
    for (std::int64_t s = first; s <= last && s > 0; ++s) {
      FanEntry& f = fan_[key(e, s)];
      if (f.ack_ns != 0) continue;
      f.send_ns = it->sent_ns;
      f.ack_ns = t;
      f.untimed = it->untimed;
      f.capture = it->kind == CmdKind::capture;
      if (f.capture) capture_workshop_[key(e, s)] = c.workshop;
      if (!f.untimed)
        for (std::int64_t r : f.early) record_fan(f, r);
      f.early.clear();
      f.early.shrink_to_fit();
    }
    const CmdKind kind = it->kind;
    c.inflight.erase(it);
    if (kind == CmdKind::voting_open) schedule_votes(c, t);
  }

  void schedule_votes(const Conn& facilitator, std::int64_t t) {
    const WorkshopSetup& ws = setup_[static_cast<std::size_t>(facilitator.enc)]
                                  .workshops[static_cast<std::size_t>(facilitator.workshop)];
    std::uniform_real_distribution<double> pick(0, 1);
    std::uniform_int_distribution<std::int64_t> when(0, o_.vote_window_s * kSec);
    // The facilitator's connection index is followed by relator, servant, then the citizens.
    const int first_citizen = facilitator.index + 3;
    for (int m = 0; m < static_cast<int>(ws.members.size()); ++m) {
      if (pick(rng_) >= o_.vote_fraction) continue;
      std::int64_t times[3] = {when(rng_), when(rng_), when(rng_)};
      std::sort(times, times + 3);
      for (int k = 0; k < 3; ++k) schedule(t + times[k], first_citizen + m, kVote, k);
    }
  }

  void schedule(std::int64_t due, int conn, int action, int arg = 0) {
    tasks_.push(Task{due, conn, action, arg});
  }

  void start_tick() {
    tick_running_ = true;
    tick_.expires_after(std::chrono::milliseconds(2));
    tick_.async_wait([this](const beast::error_code& ec) {
      if (ec) return;
      const std::int64_t t = now_ns();
      while (!tasks_.empty() && tasks_.top().due <= t) {
        const Task task = tasks_.top();
        tasks_.pop();
        perform(task, t);
      }
      start_tick();
    });
  }

  void command(Conn& c, CmdKind kind, const std::string& name, json args, std::int64_t t) {
    Inflight f;
    f.op = std::string(kind_name(c.kind)).substr(0, 1) + std::to_string(c.index) + "-" +
           std::to_string(++c.ops);
    if (kind == CmdKind::capture)
      args["text"] = "Captura de carga " + f.op + ": mejorar las rutas de bus del barrio";
    f.message = json{{"type", "command"}, {"op", f.op}, {"name", name}, {"args", std::move(args)}}
                    .dump();
    f.sent_ns = t;
    f.kind = kind;
    f.untimed = !c.synced;  // queued while reconnecting: sent later, not timed
    ++stats_.commands_sent;
    ++stats_.commands_by_kind[name];
    if (c.synced) send(c, f.message);
    c.inflight.push_back(std::move(f));
  }

  void perform(const Task& task, std::int64_t t) {
    Conn& c = conns_[static_cast<std::size_t>(task.conn)];
    if (c.dead) return;  // never connected: it sends nothing
    const WorkshopSetup* ws =
        c.workshop >= 0
            ? &setup_[static_cast<std::size_t>(c.enc)].workshops[static_cast<std::size_t>(c.workshop)]
            : nullptr;
    switch (task.action) {
      case kCapture:
        if (!active_ || !ws) return;
        command(c, CmdKind::capture, "contribution.capture",
                {{"workshop_id", ws->id}, {"kind", "propuesta"}, {"point_id", "p1"}}, t);
        schedule(task.due + o_.capture_interval_ms * kMs, c.index, kCapture);
        return;
      case kTimer: {
        if (!active_ || !ws) return;
        const int step = c.timer_step++;
        if (step == 0)
          command(c, CmdKind::timer, "timer.start", {{"workshop_id", ws->id}, {"minutes", 90}}, t);
        else
          command(c, CmdKind::timer, step % 2 ? "timer.pause" : "timer.resume",
                  {{"workshop_id", ws->id}}, t);
        schedule(task.due + o_.timer_every_s * kSec, c.index, kTimer);
        return;
      }
      case kOpenVoting:
        if (!active_ || !ws) return;
        command(c, CmdKind::voting_open, "voting.open", {{"workshop_id", ws->id}}, t);
        return;
      case kVote: {
        if (!active_ || !ws || ws->proposals.empty()) return;
        const std::string& proposal =
            ws->proposals[static_cast<std::size_t>(task.arg) % ws->proposals.size()];
        command(c, CmdKind::vote, "vote.cast",
                {{"workshop_id", ws->id},
                 {"participant_id", ws->members[static_cast<std::size_t>(c.member)]},
                 {"contribution_id", proposal}},
                t);
        return;
      }
      case kCut:
        if (!active_ || !c.up) return;
        ++stats_.cuts;
        c.cutting = true;
        lost(c);
        return;
      case kReconnect:
        c.reconnect_pending = false;
        if (closing_ || c.dead) return;
        c.ws.reset();
        open(c);
        return;
      case kResend:
        if (c.synced && task.arg < static_cast<int>(c.inflight.size())) {
          ++stats_.resent;
          send(c, c.inflight[static_cast<std::size_t>(task.arg)].message);
        }
        return;
      default:
        return;
    }
  }

  const Options& o_;
  std::vector<EncuentroSetup> setup_;
  unsigned short port_;
  net::io_context ioc_{1};
  // Keeps run_for() waiting (rather than returning at once) while no operation is pending.
  net::executor_work_guard<net::io_context::executor_type> guard_{ioc_.get_executor()};
  net::steady_timer tick_;
  bool tick_running_ = false;
  std::mt19937_64 rng_;
  std::vector<Conn> conns_;
  std::unordered_map<std::string, int> enc_index_;
  std::unordered_map<std::uint64_t, FanEntry> fan_;
  std::unordered_map<std::uint64_t, int> capture_workshop_;
  struct Covered {  // a snapshot on resume: events (from, to] of `workshop` (-1: all) reached it
    int enc;
    int workshop;
    std::int64_t from, to;
  };
  std::vector<Covered> covered_;
  std::priority_queue<Task, std::vector<Task>, std::greater<>> tasks_;
  std::size_t next_connect_ = 0;
  std::size_t fd_budget_ = static_cast<std::size_t>(-1);
  int in_flight_connects_ = 0;
  bool active_ = false;
  bool closing_ = false;
  std::int64_t run_end_ = 0;
  double measured_s_ = 0;
  mutable int diagnosed_ = 0;
  Stats stats_;
};

// ---- report ---------------------------------------------------------------------------------

std::string ms(std::int64_t us) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << static_cast<double>(us) / 1000.0;
  return s.str();
}

json hist_json(const Histogram& h) {
  return {{"count", h.count()},
          {"p50_ms", static_cast<double>(h.percentile_us(50)) / 1000.0},
          {"p99_ms", static_cast<double>(h.percentile_us(99)) / 1000.0},
          {"max_ms", static_cast<double>(h.max_us()) / 1000.0},
          {"mean_ms", h.mean_us() / 1000.0}};
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string binary_dir() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : self.parent_path().string();
}

int run_main(int argc, char** argv) {
  Options o = parse(argc, argv);
  std::signal(SIGPIPE, SIG_IGN);

  // File descriptors: one per connection here and one per connection in the server.
  rlimit nofile{};
  getrlimit(RLIMIT_NOFILE, &nofile);
  nofile.rlim_cur = nofile.rlim_max;
  setrlimit(RLIMIT_NOFILE, &nofile);
  getrlimit(RLIMIT_NOFILE, &nofile);

  if (o.server.empty()) {
    const std::string sibling = binary_dir() + "/encuentro-server";
    o.server = std::filesystem::exists(sibling) ? sibling : std::string("build/dev/encuentro-server");
  }
  if (!std::filesystem::exists(o.server)) {
    std::cerr << "encuentro-load: no server binary at " << o.server << " (--server PATH)\n";
    return 2;
  }
  if (o.work_dir.empty()) o.work_dir = binary_dir() + "/load-runs";
  const std::string run_dir =
      o.work_dir + "/" + o.scenario + "-" + std::to_string(getpid());
  std::filesystem::create_directories(run_dir);
  const std::string db = run_dir + "/load.db";

  const std::size_t per_encuentro_conns =
      static_cast<std::size_t>(o.people) + 2 + 3 * static_cast<std::size_t>((o.people + 29) / 30);
  const std::size_t planned = per_encuentro_conns * static_cast<std::size_t>(o.encuentros);
  std::cerr << "encuentro-load: " << o.scenario << ", " << o.encuentros << " encuentro(s) of "
            << o.people << " citizens, about " << planned << " connections, " << o.duration_s
            << " s; RLIMIT_NOFILE " << nofile.rlim_cur << "; load average " << load_average()
            << "\n";
  if (planned + 64 > nofile.rlim_cur)
    std::cerr << "encuentro-load: WARNING: " << planned
              << " connections exceed this process's (and the server's) file limit "
              << nofile.rlim_cur << ": expect failed connections\n";

  // The watchdog: duration + setup + 120 s, whatever happens.
  const auto setup_budget = std::chrono::seconds(60 + 30 * o.encuentros);
  const auto hard_deadline =
      SteadyClock::now() + setup_budget + std::chrono::seconds(o.duration_s + 120);
  std::thread([hard_deadline] {
    std::this_thread::sleep_until(hard_deadline);
    std::cerr << "encuentro-load: watchdog: the run exceeded its time bound; killing the server\n";
    if (const pid_t p = g_server_pid.load(); p > 0) kill(p, SIGKILL);
    std::_Exit(3);
  }).detach();

  const auto t_setup = SteadyClock::now();
  SetupOptions so;
  so.db_path = db;
  so.encuentros = o.encuentros;
  so.people = o.people;
  std::vector<EncuentroSetup> setup = prepare_database(so);
  const double setup_s = std::chrono::duration<double>(SteadyClock::now() - t_setup).count();

  const std::string config_path = run_dir + "/server.json";
  {
    std::ofstream cfg(config_path);
    cfg << json{{"websocket",
                 {{"max_connections_per_address", 1'000'000}}},
                {"static_root", run_dir}}
               .dump(2);
  }
  Server server(o.server,
                {"--config", config_path, "--db", db, "--port", "0", "--bind", "127.0.0.1",
                 "--log-level", "warn", "--threads", std::to_string(o.server_threads)},
                run_dir + "/server.log");
  g_server_pid = server.pid();
  std::cerr << "encuentro-load: server pid " << server.pid() << "\n";
  const unsigned short port = server.wait_listening(60 + 5 * o.encuentros);
  if (port == 0) {
    std::cerr << "encuentro-load: the server did not start (log: " << run_dir << "/server.log)\n";
    return 1;
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const ProcStat before = proc_stat(server.pid());

  Generator gen(o, std::move(setup), port);
  gen.set_fd_budget(nofile.rlim_cur > 64 ? static_cast<std::size_t>(nofile.rlim_cur) - 64 : 0);
  const double connect_s = gen.connect_all(60 + static_cast<int>(gen.size() / 200));
  gen.idle_for(o.idle_settle_s * kSec);
  const ProcStat idle = proc_stat(server.pid());
  rusage self_before{};
  getrusage(RUSAGE_SELF, &self_before);

  gen.run(o.duration_s);
  const ProcStat after = proc_stat(server.pid());
  rusage self_after{};
  getrusage(RUSAGE_SELF, &self_after);
  const double window = gen.measured_s();
  std::uint64_t extra_events = 0;
  const std::uint64_t missing_events = gen.missing_events(&extra_events);
  const std::size_t missing_acks = gen.outstanding();
  if (missing_acks > 0) gen.diagnose_acks();
  gen.close_all();
  const int server_exit = server.stop();
  g_server_pid = -1;

  Stats& s = gen.stats();
  const auto tv = [](const timeval& v) {
    return static_cast<double>(v.tv_sec) + static_cast<double>(v.tv_usec) / 1e6;
  };
  const double gen_cpu = tv(self_after.ru_utime) + tv(self_after.ru_stime) -
                         tv(self_before.ru_utime) - tv(self_before.ru_stime);
  const double server_cpu_pct = 100.0 * (after.cpu_s - idle.cpu_s) / window;
  const double gen_cpu_pct = 100.0 * gen_cpu / window;
  const double per_idle_conn =
      s.connected ? static_cast<double>(idle.rss_kb - before.rss_kb) * 1024.0 /
                        static_cast<double>(s.connected)
                  : 0.0;
  const bool failed = s.errors > 0 || s.connect_failed > 0 || missing_acks > 0 ||
                      missing_events > 0 || s.out_of_order > 0 || s.unexpected_closes > 0 ||
                      server_exit != 0;

  std::ostringstream t;
  t << "\n== encuentro-load: " << o.scenario << " ==\n"
    << "encuentros " << o.encuentros << " x " << o.people << " citizens; connections "
    << s.connected << " opened, " << s.connect_failed << " failed (planned " << gen.size()
    << "); RLIMIT_NOFILE " << nofile.rlim_cur << "\n"
    << "setup " << std::fixed << std::setprecision(1) << setup_s << " s, connect " << connect_s
    << " s, measured window " << window << " s (run " << o.duration_s << " s + drain)\n"
    << "load average at the end " << load_average() << "\n\n"
    << "latency (ms)               count      p50      p99      max\n";
  const auto row = [&](const char* name, const Histogram& h) {
    t << std::left << std::setw(24) << name << std::right << std::setw(8) << h.count()
      << std::setw(9) << ms(h.percentile_us(50)) << std::setw(9) << ms(h.percentile_us(99))
      << std::setw(9) << ms(h.max_us()) << "\n";
  };
  row("ack (all commands)", s.ack);
  row("ack contribution.capture", s.ack_capture);
  row("ack vote.cast", s.ack_vote);
  row("fan-out from send", s.fan_send);
  row("fan-out spread", s.fan_spread);
  t << "\nthroughput: " << std::setprecision(1) << static_cast<double>(s.acks) / window
    << " commands/s acknowledged, " << static_cast<double>(s.events_live) / window
    << " events/s delivered live\n"
    << "commands sent " << s.commands_sent << " (";
  for (const auto& [name, n] : s.commands_by_kind) t << name << " " << n << " ";
  t << "), acks " << s.acks << " (duplicate " << s.duplicate_acks << "), resent " << s.resent
    << "\nevents live " << s.events_live << ", in catch-up " << s.events_catchup
    << ", snapshots on resume " << s.snapshots_on_resume << "\n"
    << "cuts " << s.cuts << ", reconnects " << s.reconnects << ", unexpected closes "
    << s.unexpected_closes << "\n"
    << "errors " << s.errors << ", rate_limited " << s.rate_limited << ", missing acks "
    << missing_acks << ", missing capture events " << missing_events << " (extra "
    << extra_events << "), out of order " << s.out_of_order << "\n";
  for (const auto& [code, n] : s.error_codes) t << "  error " << code << ": " << n << "\n";
  for (const std::string& e : s.error_samples) t << "  sample: " << e << "\n";
  t << "\nserver: CPU " << std::setprecision(1) << server_cpu_pct
    << " % of one core over the window; RSS before clients " << before.rss_kb / 1024
    << " MiB, idle with clients " << idle.rss_kb / 1024 << " MiB, after the run "
    << after.rss_kb / 1024 << " MiB, peak (VmHWM) " << after.hwm_kb / 1024 << " MiB; "
    << std::setprecision(0) << per_idle_conn << " bytes per idle connection; threads "
    << after.threads << "; exit " << server_exit << "\n"
    << "generator: CPU " << std::setprecision(1) << gen_cpu_pct << " % of one core\n"
    << (failed ? "RESULT: FAILED (errors, missing acks/events or failed connections)\n"
               : "RESULT: ok\n");
  std::cout << t.str() << std::flush;

  if (o.json_line) {
    json j{{"scenario", o.scenario},
           {"encuentros", o.encuentros},
           {"people", o.people},
           {"duration_s", o.duration_s},
           {"window_s", window},
           {"setup_s", setup_s},
           {"connect_s", connect_s},
           {"connections", s.connected},
           {"connect_failed", s.connect_failed},
           {"planned_connections", gen.size()},
           {"rlimit_nofile", nofile.rlim_cur},
           {"ack", hist_json(s.ack)},
           {"ack_capture", hist_json(s.ack_capture)},
           {"ack_vote", hist_json(s.ack_vote)},
           {"fanout_from_send", hist_json(s.fan_send)},
           {"fanout_spread", hist_json(s.fan_spread)},
           {"commands_per_s", static_cast<double>(s.acks) / window},
           {"events_per_s", static_cast<double>(s.events_live) / window},
           {"commands_sent", s.commands_sent},
           {"acks", s.acks},
           {"duplicate_acks", s.duplicate_acks},
           {"resent", s.resent},
           {"errors", s.errors},
           {"error_codes", s.error_codes},
           {"rate_limited", s.rate_limited},
           {"missing_acks", missing_acks},
           {"missing_events", missing_events},
           {"out_of_order", s.out_of_order},
           {"cuts", s.cuts},
           {"reconnects", s.reconnects},
           {"unexpected_closes", s.unexpected_closes},
           {"server_cpu_pct", server_cpu_pct},
           {"server_rss_before_kib", before.rss_kb},
           {"server_rss_idle_kib", idle.rss_kb},
           {"server_rss_after_kib", after.rss_kb},
           {"server_peak_rss_kib", after.hwm_kb},
           {"bytes_per_idle_connection", per_idle_conn},
           {"server_exit", server_exit},
           {"generator_cpu_pct", gen_cpu_pct},
           {"load_average", load_average()},
           {"ok", !failed}};
    std::cout << j.dump() << std::endl;
  }
  if (!o.keep) {
    std::error_code ec;
    std::filesystem::remove_all(run_dir, ec);
  } else {
    std::cerr << "encuentro-load: kept " << run_dir << "\n";
  }
  return (o.strict && failed) ? 1 : 0;
}

}  // namespace
}  // namespace encuentro::load

int main(int argc, char** argv) {
  try {
    return encuentro::load::run_main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "encuentro-load: " << e.what() << "\n";
    if (const pid_t p = encuentro::load::g_server_pid.load(); p > 0) kill(p, SIGKILL);
    return 1;
  }
}
