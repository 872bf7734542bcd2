#pragma once

// EventStore: the durable, append-only event log of every encuentro, on one SQLite file.
//
// What it keeps, per encuentro (a "stream"):
// - events with a gap-free `seq` (1, 2, 3, ...): the source of truth that state is folded from;
// - the stream head (its last seq), against which every commit is checked optimistically;
// - an idempotency table: client op id -> the seqs it produced and an opaque result, so that a
//   repeated command (a tablet replaying its offline outbox) is applied exactly once;
// - the newest snapshot (an opaque payload at some seq), so start-up folds only what follows it.
// Payloads, results and snapshots are opaque strings: storage knows nothing of JSON or the domain.
//
// Durability (why `synchronous` defaults to FULL):
//   The product promises that an acknowledged contribution is never lost, and the server
//   acknowledges as soon as commit() returns. In WAL mode, synchronous=FULL fsyncs the WAL on every
//   commit, so a returned commit survives a process crash, an OS crash and a power cut.
//   synchronous=NORMAL only fsyncs at checkpoints: it survives a process crash, but a power cut can
//   roll back the last commits, which clients were already told were saved. Venue laptops get
//   unplugged, so FULL it is. The price is one fsync per transaction (about a millisecond on an
//   SSD); commit_all() shares it among every commit waiting at that moment (group commit), which
//   is how the app keeps FULL at tens of thousands of commits per second. Use NORMAL only where
//   losing the last seconds is acceptable (e.g. throwaway demos and benchmarks).
//
// Thread-safety: any thread may call any method; calls are serialised on one connection by an
//   internal mutex (a long for_each_event() therefore delays commits until it returns).
// Errors: database failures throw StorageError (see storage_error.hpp for the kinds); violated
//   preconditions on arguments throw std::invalid_argument before anything is touched. After any
//   exception from commit() nothing of that commit was written.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/storage_error.hpp"

namespace encuentro::storage {

// One event to append. Time and actor come from the caller (storage has no clock).
struct NewEvent {
  std::string type;     // non-empty, e.g. "contribution.created"
  std::string payload;  // opaque
  std::int64_t at_ms = 0;
  std::string actor;  // who caused it (opaque id; may be empty for the server itself)
};

struct EventRecord {
  std::string encuentro_id;
  std::int64_t seq = 0;
  std::string type;
  std::string payload;
  std::int64_t at_ms = 0;
  std::string actor;
};

struct Snapshot {
  std::int64_t seq = 0;  // the snapshot reflects every event up to and including this seq
  std::string payload;   // opaque
};

// What a client op produced: its events' seqs and the result the app returns on a repeat.
struct OpRecord {
  std::int64_t first_seq = 0;
  std::int64_t last_seq = 0;
  std::string result;  // opaque
};

// One atomic write to one stream.
struct Commit {
  std::string encuentro_id;            // non-empty; the stream is created by its first commit
  std::optional<std::string> op_id;    // client-made op id (non-empty); nullopt for server commands
  std::int64_t expected_last_seq = 0;  // must equal the stream's last seq (0 for a new stream)
  std::vector<NewEvent> events;        // at least one
  std::string result;                  // stored with op_id (ignored without one)
  std::optional<Snapshot> snapshot;    // REQUIRES 1 <= seq <= expected_last_seq + events.size()
  // Rewrites history, for erasure only (Ley 1581 de 2012: personal data must go from the log
  // too, not only from the state folded from it). When set, every event already in the stream is
  // passed to it inside the same transaction, and a returned payload replaces the stored one. The
  // store runs with secure_delete, so replaced bytes are zeroed, not left in free space.
  std::function<std::optional<std::string>(const EventRecord&)> rewrite;
};

struct CommitOutcome {
  // true: op_id had already been committed; nothing was appended and `op` is what the first
  // commit recorded (its seqs and result). false: the events were appended as op.first_seq..
  // op.last_seq and `op.result` is the commit's result.
  bool duplicate = false;
  OpRecord op;
};

// SQLite's PRAGMA synchronous levels that keep WAL consistent. OFF is deliberately not offered.
enum class Synchronous : int { normal = 1, full = 2, extra = 3 };

class EventStore {
 public:
  struct Options {
    std::string
        path;  // a file path (not ":memory:"); created when missing, its directory must exist
    Synchronous synchronous = Synchronous::full;   // see "Durability" above before lowering it
    std::chrono::milliseconds busy_timeout{5000};  // wait this long for another process's lock
    // Upper bound on the database size; a commit that would grow it further fails with
    // StorageErrorKind::full and writes nothing. 0: no bound beyond SQLite's and the disk's.
    std::uint64_t max_size_bytes = 0;
  };

  // Opens (or creates) the database, switches it to WAL, applies the pragmas and every pending
  // schema migration. Throws StorageError: incompatible (newer schema version, foreign file),
  // corrupt (not SQLite), io / read_only (cannot open or write), busy.
  explicit EventStore(Options options);
  ~EventStore();  // closes the connection; SQLite checkpoints the WAL on a clean close

  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Appends `c.events` to the stream as seqs expected_last_seq+1 ... in one BEGIN IMMEDIATE
  // transaction that also advances the stream head, records op_id -> (seqs, result) and replaces
  // the snapshot when one is given. All or nothing.
  // - op_id already recorded for this encuentro: returns duplicate=true with the first commit's
  //   OpRecord and writes nothing (checked before expected_last_seq, so a late repeat is still a
  //   duplicate, not a conflict).
  // - expected_last_seq is not the stream's last seq: throws StorageError(conflict), writes
  // nothing. When it returns, the commit is durable (per Options::synchronous): only then
  // acknowledge.
  CommitOutcome commit(const Commit& c);

  // Group commit: every commit of `commits`, in order, in ONE transaction (one fsync), all or
  // nothing. Each is checked as commit() checks it, against the stream as the earlier ones in the
  // list left it (so several commits to one stream chain their expected_last_seq); a duplicate op
  // writes nothing for that entry and the others go on. Any conflict or failure throws and writes
  // nothing of any of them.
  std::vector<CommitOutcome> commit_all(const std::vector<Commit>& commits);

  // The record of a committed op, or nullopt. Lets the app answer a repeat without deciding again.
  std::optional<OpRecord> find_op(std::string_view encuentro_id, std::string_view op_id) const;

  // Calls `fn` for each event of the stream with seq > after_seq, ascending, one row at a time
  // (the whole log is never held in memory). The record passed to `fn` is reused between calls.
  // REQUIRES: `fn` does not call this EventStore (the call holds its lock: it would deadlock).
  // Exceptions thrown by `fn` stop the iteration and propagate unchanged.
  void for_each_event(std::string_view encuentro_id, std::int64_t after_seq,
                      const std::function<void(const EventRecord&)>& fn) const;

  // At most `limit` events with seq > after_seq, ascending (for a resuming client).
  std::vector<EventRecord> events_after(std::string_view encuentro_id, std::int64_t after_seq,
                                        std::size_t limit) const;

  // The stream's last seq; 0 when it has no events (or does not exist).
  std::int64_t last_seq(std::string_view encuentro_id) const;

  // Every stream's encuentro id, in creation order.
  std::vector<std::string> encuentro_ids() const;

  // The stream's newest snapshot, or nullopt.
  std::optional<Snapshot> latest_snapshot(std::string_view encuentro_id) const;

  // Read back from SQLite (not from Options), for health checks and tests.
  int schema_version() const;        // PRAGMA user_version
  std::string journal_mode() const;  // "wal"
  Synchronous synchronous() const;   // PRAGMA synchronous

  // Copies the WAL into the database file and truncates the WAL (wal_checkpoint(TRUNCATE)). For a
  // clean shutdown or before copying the file; optional, since closing checkpoints too. Returns
  // false when another process's reader kept it from completing.
  bool checkpoint();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;  // never null; owns the connection, its statements and the mutex
};

}  // namespace encuentro::storage
