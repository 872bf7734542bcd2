// The one place that glues the layers: decide (domain) -> persist (storage) -> apply -> report.
//
// Promises kept here (../shared/design/architecture.md):
//  1. An outcome says `applied` only after the SQLite commit returned, and nothing of a command
//     is visible (to read(), snapshot() or any subscriber) before that: a failed commit changes
//     nothing anywhere.
//  2. A command carrying an op id already recorded for that encuentro returns the first result
//     (`duplicate`) and appends nothing.
//
// Group commit. Every command goes through one queue to one writer thread, so no I/O thread ever
// waits on the disk. The writer takes every command waiting (up to Options::max_batch), and for
// each, under its encuentro's lock: answers a repeated op, runs the guard, decides, applies the
// events to the state and prepares their broadcast. Then it commits all of them in ONE
// transaction (one fsync), runs the broadcasts in order, releases the locks and only then
// completes each command in order. The encuentros a batch touches stay locked from the first
// decision to the commit, so nobody reads a state the disk does not hold yet; when the commit
// fails, those encuentros are reloaded from the store and each of their commands is answered
// `unavailable` (nothing was written; commands to other encuentros keep their answers).
//
// Thread-safety: any thread may call; completions run on the writer thread. Different encuentros'
// commands share the writer's batches; reads take one encuentro's lock at a time.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/commands.hpp"
#include "domain/decide.hpp"
#include "domain/encuentro.hpp"
#include "domain/events.hpp"
#include "domain/policy.hpp"
#include "storage/event_store.hpp"

namespace encuentro::app {

using Clock = std::function<domain::Timestamp()>;  // ms since the epoch, UTC

domain::Timestamp system_now();
// The civil date at `now` in a zone `utc_offset_minutes` from UTC (Colombia: -300, no DST).
domain::Date civil_date(domain::Timestamp now, int utc_offset_minutes);

// Why a guard refused a command (authorisation, app/authorization.hpp): a stable code and an
// English message.
struct Refusal {
  std::string code;
  std::string message;
};

struct Request {
  std::string encuentro_id;
  domain::Command command;
  std::string actor;                 // opaque actor id for the audit trail; never a name
  std::optional<std::string> op_id;  // client-made; repeats return the first result
  // Checked under the encuentro's lock, after a repeated op id was answered and before deciding,
  // against the state the command would be decided on (the empty state for CreateEncuentro), so
  // that nothing can change between the check and the decision. A refusal writes nothing.
  std::function<std::optional<Refusal>(const domain::Encuentro&)> guard = nullptr;
};

struct Outcome {
  enum class Kind {
    applied,      // committed: events first_seq..last_seq
    duplicate,    // the op id was already applied: first_seq..last_seq of that first time
    rejected,     // the domain said no: `rejection`; nothing was written
    unavailable,  // storage failed (full disk, I/O, busy): nothing was written; `detail` says why
    refused,      // the request's guard said no: `refusal`; nothing was written
  };
  Kind kind = Kind::rejected;
  std::int64_t first_seq = 0;
  std::int64_t last_seq = 0;
  std::vector<domain::Recorded> events;  // applied only: what was appended, in order
  domain::Rejection rejection;
  Refusal refusal;
  std::string detail;
};

// What to do once a command's events are durable: send the prepared broadcast. May be empty.
using Delivery = std::function<void()>;

// Told about every command that will commit, under the encuentro's lock, right after the state
// has applied its events and BEFORE they are committed: it prepares (e.g. serialises and sorts
// by subscriber) against the state as it stands after exactly these events, and returns what to
// send. The Delivery runs once the commit is durable, still under the lock and in seq order;
// it is dropped when the commit fails. Observers see one encuentro's commands one at a time, in
// seq order. Must not call back into the service; must not throw (what they throw is logged and
// dropped).
using CommitObserver = std::function<Delivery(const std::string& encuentro_id,
                                              const domain::Encuentro& state,
                                              const std::vector<domain::Recorded>& events)>;

// Receives a submitted command's outcome, on the writer thread, after the commit and its
// broadcast. Must not call execute() (it would wait on itself); may call read().
using Completion = std::function<void(Outcome)>;

class EncuentroService {
 public:
  struct Options {
    storage::EventStore::Options store;
    domain::Policy policy;
    int utc_offset_minutes = -300;  // America/Bogota
    // A snapshot is written when at least this many events followed the last one AND their
    // payloads add up to half the last snapshot's size: start-up then replays no more than it
    // decodes, while a large state is not re-encoded every few hundred events (which bounded the
    // write rate by encoding: O(state) per snapshot_every events).
    int snapshot_every = 500;
    Clock clock = system_now;
    std::size_t max_batch = 512;    // commands per transaction, at most
    std::size_t max_queue = 20000;  // commands waiting; more are answered `unavailable` (busy)
  };

  // Opens the store and loads every encuentro (latest snapshot, then the events after it).
  // Throws storage::StorageError, or std::runtime_error when the log cannot be decoded.
  explicit EncuentroService(Options options);
  ~EncuentroService();  // completes every queued command, then stops the writer

  EncuentroService(const EncuentroService&) = delete;
  EncuentroService& operator=(const EncuentroService&) = delete;

  // A refused command records nothing, not even its op id: it changed nothing, so a repeat is
  // decided again (and may succeed if the state has moved on, e.g. after a missing step).
  // Queues the command; `done` receives its outcome on the writer thread. Never blocks: when
  // Options::max_queue commands are already waiting, or after close(), `done` is called at once
  // (on the caller's thread) with `unavailable`. The request's guard runs on the writer thread:
  // it must own what it captures.
  void submit(Request request, Completion done);

  // submit() and wait for the outcome. REQUIRES: not called on the writer thread (from a
  // Completion, Delivery, guard or observer): throws std::logic_error there.
  Outcome execute(const Request& request);

  // As execute(), at a given instant instead of the clock's: for loading history (the demo).
  // Never reachable from the network.
  Outcome execute_at(const Request& request, domain::Timestamp now);

  // REQUIRES: no command runs concurrently (the observer is read without a lock): set it at
  // start-up.
  void set_observer(CommitObserver observer) { observer_ = std::move(observer); }

  // How many transactions the writer committed and how many commands they carried (for
  // benchmarks: their ratio is the average batch size).
  struct WriterStats {
    std::uint64_t transactions = 0;
    std::uint64_t commands = 0;
  };
  WriterStats writer_stats() const;

  // A copy of an encuentro's state (nullopt when unknown), consistent as of some seq.
  std::optional<domain::Encuentro> snapshot(const std::string& encuentro_id) const;

  // Reads an encuentro's state under its lock without copying it.
  // REQUIRES: `reader` does not call back into the service.
  bool read(const std::string& encuentro_id,
            const std::function<void(const domain::Encuentro&)>& reader) const;

  std::vector<std::string> encuentro_ids() const;
  // The event recorded at `seq` (read from the log), or nullopt.
  std::optional<domain::Recorded> event_at(const std::string& encuentro_id,
                                           std::int64_t seq) const;
  std::size_t encuentro_count() const;
  const domain::Policy& policy() const { return options_.policy; }
  int utc_offset_minutes() const { return options_.utc_offset_minutes; }
  storage::EventStore& store() { return *store_; }

  // Completes the queued commands, stops the writer (later submits are `unavailable`) and
  // flushes the WAL into the database file (clean shutdown).
  void close();

 private:
  struct Room {
    mutable std::mutex mutex;  // held by the writer while it decides and commits
    domain::Encuentro state;   // guarded by mutex
    std::int64_t snapshot_seq = 0;
    std::size_t snapshot_bytes = 0;        // the last snapshot's payload size
    std::size_t bytes_since_snapshot = 0;  // event payload bytes after it
  };
  struct Job {
    Request request;
    std::optional<domain::Timestamp> at;  // nullopt: the clock's, when decided
    Completion done;
  };
  struct Batch;

  Room* room(const std::string& encuentro_id) const;
  Room& room_or_create(const std::string& encuentro_id);
  void load(const std::string& encuentro_id, Room& room);
  void enqueue(Job job);
  void writer_loop();
  void stop_writer();
  void run_batch(std::vector<Job>& jobs);
  void decide(Batch& batch, std::size_t index, const Job& job);
  void reload(const std::string& encuentro_id, Room& room);

  // Constant after construction.
  Options options_;
  std::unique_ptr<storage::EventStore> store_;
  CommitObserver observer_;

  mutable std::mutex queue_mutex_;
  std::condition_variable queue_ready_;
  std::deque<Job> queue_;  // guarded by queue_mutex_
  bool stopping_ = false;  // guarded by queue_mutex_
  WriterStats stats_;      // guarded by queue_mutex_
  std::thread writer_;

  mutable std::shared_mutex rooms_mutex_;  // guards the map, not the rooms
  std::map<std::string, std::unique_ptr<Room>, std::less<>> rooms_;  // guarded by rooms_mutex_
};

}  // namespace encuentro::app
