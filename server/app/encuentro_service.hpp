// The one place that glues the layers: decide (domain) -> persist (storage) -> apply -> report.
//
// Promises kept here (../shared/design/architecture.md):
//  1. An outcome says `applied` only after the SQLite commit returned; the in-memory state is
//     changed only after that, so a failed commit changes nothing anywhere.
//  2. A command carrying an op id already recorded for that encuentro returns the first result
//     (`duplicate`) and appends nothing.
// Thread-safety: any thread may call. Commands to one encuentro are serialised by that
// encuentro's own mutex (one writer at a time, the state needs no other lock); different
// encuentros proceed independently. The storage serialises its own calls.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
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

// Told about every commit, under the encuentro's lock, after the state has applied the events:
// observers see the commits of one encuentro one at a time, in seq order, and nothing else
// changes that encuentro meanwhile. Must not call back into the service's write path; must not
// throw (what it throws is logged and dropped).
using CommitObserver = std::function<void(const std::string& encuentro_id,
                                          const domain::Encuentro& state,
                                          const std::vector<domain::Recorded>& events)>;

class EncuentroService {
 public:
  struct Options {
    storage::EventStore::Options store;
    domain::Policy policy;
    int utc_offset_minutes = -300;  // America/Bogota
    int snapshot_every = 500;       // write a snapshot when this many events followed the last
    Clock clock = system_now;
  };

  // Opens the store and loads every encuentro (latest snapshot, then the events after it).
  // Throws storage::StorageError, or std::runtime_error when the log cannot be decoded.
  explicit EncuentroService(Options options);
  ~EncuentroService();

  EncuentroService(const EncuentroService&) = delete;
  EncuentroService& operator=(const EncuentroService&) = delete;

  // A refused command records nothing, not even its op id: it changed nothing, so a repeat is
  // decided again (and may succeed if the state has moved on, e.g. after a missing step).
  Outcome execute(const Request& request);

  // As execute(), at a given instant instead of the clock's: for loading history (the demo).
  // Never reachable from the network.
  Outcome execute_at(const Request& request, domain::Timestamp now);

  // REQUIRES: no command runs concurrently (the observer is read without a lock): set it at
  // start-up.
  void set_observer(CommitObserver observer) { observer_ = std::move(observer); }

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

  // Flushes the WAL into the database file (clean shutdown).
  void close();

 private:
  struct Room {
    mutable std::mutex mutex;  // serialises commands to this encuentro
    domain::Encuentro state;   // guarded by mutex
    std::int64_t snapshot_seq = 0;
  };

  Room* room(const std::string& encuentro_id) const;
  Room& room_or_create(const std::string& encuentro_id);
  void load(const std::string& encuentro_id, Room& room);
  void notify(const std::string& encuentro_id, const domain::Encuentro& state,
              const std::vector<domain::Recorded>& events) const;

  // Constant after construction.
  Options options_;
  std::unique_ptr<storage::EventStore> store_;
  CommitObserver observer_;

  mutable std::shared_mutex rooms_mutex_;  // guards the map, not the rooms
  std::map<std::string, std::unique_ptr<Room>, std::less<>> rooms_;  // guarded by rooms_mutex_
};

}  // namespace encuentro::app
