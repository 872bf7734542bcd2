#include "storage/event_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "storage/connection.hpp"
#include "storage/schema.hpp"
#include "storage/sqlite_error.hpp"

namespace encuentro::storage {
namespace {

constexpr int kCacheSizeKiB = 8 * 1024;  // page cache per connection: the hot tail of every log

// Resets a cached statement when a use begins and ends. Reset on entry clears whatever a previous
// failed use left; reset on exit matters more: a SELECT left mid-step keeps a read transaction
// open, which would keep WAL checkpoints from completing.
class StatementUse {
 public:
  explicit StatementUse(SQLite::Statement& statement) : statement_(statement) {
    statement_.tryReset();
  }
  ~StatementUse() { statement_.tryReset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

  SQLite::Statement& operator*() { return statement_; }
  SQLite::Statement* operator->() { return &statement_; }

 private:
  SQLite::Statement& statement_;
};

// Copies a column's text into `out`, reusing its capacity (for_each_event reuses one record).
void assign_text(std::string& out, const SQLite::Column& column) {
  const char* text = column.getText();  // getText before getBytes, as SQLite asks
  out.assign(text, static_cast<std::size_t>(column.getBytes()));
}

void validate(const Commit& c) {
  if (c.encuentro_id.empty()) throw std::invalid_argument("Commit.encuentro_id is empty");
  if (c.op_id && c.op_id->empty()) {
    throw std::invalid_argument("Commit.op_id is empty (use nullopt for server commands)");
  }
  if (c.expected_last_seq < 0) throw std::invalid_argument("Commit.expected_last_seq < 0");
  if (c.events.empty()) throw std::invalid_argument("Commit.events is empty");
  for (const NewEvent& event : c.events) {
    if (event.type.empty()) throw std::invalid_argument("NewEvent.type is empty");
  }
  if (c.snapshot) {
    const auto new_last = c.expected_last_seq + static_cast<std::int64_t>(c.events.size());
    if (c.snapshot->seq < 1 || c.snapshot->seq > new_last) {
      throw std::invalid_argument("Commit.snapshot.seq must be in 1..expected_last_seq+events");
    }
  }
}

SQLite::Database open_database(const EventStore::Options& options) {
  SQLite::Database db =
      open_connection(options.path, options.synchronous, options.busy_timeout, "event store");
  db.exec("PRAGMA cache_size = -" + std::to_string(kCacheSizeKiB));
  // Deleted and overwritten content is zeroed rather than left in free pages: personal data
  // erased from the log (Commit::rewrite) or a replaced snapshot must not linger in the file.
  db.exec("PRAGMA secure_delete = ON");
  if (options.max_size_bytes != 0) {
    const auto page_size = static_cast<std::uint64_t>(db.execAndGet("PRAGMA page_size").getInt64());
    const auto pages = std::clamp<std::uint64_t>(options.max_size_bytes / page_size, 1,
                                                 std::numeric_limits<std::int64_t>::max());
    db.exec("PRAGMA max_page_count = " + std::to_string(pages));
  }
  return db;
}

}  // namespace

struct EventStore::Impl {
  explicit Impl(const Options& options)
      : path(options.path),
        db(open_database(options)),
        select_op(db,
                  "SELECT first_seq, last_seq, result FROM ops"
                  " WHERE encuentro_id = ?1 AND op_id = ?2"),
        select_last_seq(db, "SELECT last_seq FROM streams WHERE encuentro_id = ?1"),
        upsert_stream(db,
                      "INSERT INTO streams (encuentro_id, last_seq, created_at_ms)"
                      " VALUES (?1, ?2, ?3)"
                      " ON CONFLICT (encuentro_id) DO UPDATE SET last_seq = excluded.last_seq"),
        insert_event(db,
                     "INSERT INTO events (encuentro_id, seq, type, payload, at_ms, actor, op_id)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        insert_op(db,
                  "INSERT INTO ops (encuentro_id, op_id, first_seq, last_seq, result, at_ms)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        upsert_snapshot(
            db,
            "INSERT INTO snapshots (encuentro_id, seq, payload, at_ms)"
            " VALUES (?1, ?2, ?3, ?4)"
            " ON CONFLICT (encuentro_id) DO UPDATE"
            " SET seq = excluded.seq, payload = excluded.payload, at_ms = excluded.at_ms"
            " WHERE excluded.seq >= snapshots.seq"),
        select_events(db,
                      "SELECT seq, type, payload, at_ms, actor FROM events"
                      " WHERE encuentro_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3"),
        select_snapshot(db, "SELECT seq, payload FROM snapshots WHERE encuentro_id = ?1"),
        update_payload(db, "UPDATE events SET payload = ?3 WHERE encuentro_id = ?1 AND seq = ?2"),
        select_stream_ids(db, "SELECT encuentro_id FROM streams ORDER BY rowid") {}

  // Runs `fn` under the lock and turns SQLite failures into StorageError. The context string is
  // built only on failure: this wraps the hot path.
  template <typename Fn>
  decltype(auto) run(const char* what, std::string_view encuentro_id, Fn&& fn) {
    std::lock_guard lock(mutex);
    try {
      return std::forward<Fn>(fn)();
    } catch (const SQLite::Exception& e) {
      end_open_transaction();
      std::string context = "event store '" + path + "': " + what;
      if (!encuentro_id.empty()) context += " (encuentro '" + std::string(encuentro_id) + "')";
      throw to_storage_error(e, context);
    }
  }

  // SQLite::Transaction rolls back in its destructor, but swallows a failed ROLLBACK. Make sure
  // the connection is back in autocommit mode, or every later BEGIN would fail.
  // REQUIRES: mutex held.
  void end_open_transaction() noexcept {
    if (sqlite3_get_autocommit(db.getHandle()) == 0) db.tryExec("ROLLBACK");
  }

  // REQUIRES: mutex held (for all *_locked members).
  std::optional<OpRecord> find_op_locked(const std::string& encuentro_id,
                                         const std::string& op_id) {
    StatementUse st(select_op);
    st->bindNoCopy(1, encuentro_id);
    st->bindNoCopy(2, op_id);
    if (!st->executeStep()) return std::nullopt;
    OpRecord op;
    op.first_seq = st->getColumn(0).getInt64();
    op.last_seq = st->getColumn(1).getInt64();
    assign_text(op.result, st->getColumn(2));
    return op;
  }

  std::int64_t last_seq_locked(const std::string& encuentro_id) {
    StatementUse st(select_last_seq);
    st->bindNoCopy(1, encuentro_id);
    return st->executeStep() ? st->getColumn(0).getInt64() : 0;
  }

  // Every commit in one BEGIN IMMEDIATE transaction: one fsync for all of them (group commit).
  std::vector<CommitOutcome> commit_all_locked(const std::vector<Commit>& commits) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    std::vector<CommitOutcome> outcomes;
    outcomes.reserve(commits.size());
    for (const Commit& c : commits) outcomes.push_back(append_locked(c));
    tx.commit();
    return outcomes;
  }

  // One commit's writes, inside the caller's transaction. Throws on a conflict.
  CommitOutcome append_locked(const Commit& c) {
    if (c.op_id) {
      if (auto op = find_op_locked(c.encuentro_id, *c.op_id)) {
        return CommitOutcome{true, std::move(*op)};  // nothing written for this one
      }
    }
    const std::int64_t last = last_seq_locked(c.encuentro_id);
    if (last != c.expected_last_seq) {
      throw StorageError(StorageErrorKind::conflict,
                         "event store '" + path + "': encuentro '" + c.encuentro_id +
                             "' is at seq " + std::to_string(last) + ", commit expected " +
                             std::to_string(c.expected_last_seq));
    }
    const std::int64_t first_seq = last + 1;
    const std::int64_t new_last = last + static_cast<std::int64_t>(c.events.size());
    // Ops, stream creation and snapshots are stamped with the commit's first event's time.
    const std::int64_t at_ms = c.events.front().at_ms;

    if (c.rewrite) {
      // Collected first, written after: no update while the scan's cursor is open.
      std::vector<std::pair<std::int64_t, std::string>> rewritten;
      scan_events_locked(c.encuentro_id, 0, -1, [&](const EventRecord& record) {
        if (auto payload = c.rewrite(record)) rewritten.emplace_back(record.seq, std::move(*payload));
      });
      StatementUse st(update_payload);
      st->bindNoCopy(1, c.encuentro_id);
      for (const auto& [seq, payload] : rewritten) {
        st->tryReset();
        st->bind(2, seq);
        st->bindNoCopy(3, payload);
        st->exec();
      }
    }
    {  // The stream head first: events, ops and snapshots reference it (foreign keys).
      StatementUse st(upsert_stream);
      st->bindNoCopy(1, c.encuentro_id);
      st->bind(2, new_last);
      st->bind(3, at_ms);
      st->exec();
    }
    {
      StatementUse st(insert_event);
      st->bindNoCopy(1, c.encuentro_id);
      if (c.op_id) {
        st->bindNoCopy(7, *c.op_id);
      } else {
        st->bind(7);  // NULL
      }
      std::int64_t seq = first_seq;
      for (const NewEvent& event : c.events) {
        st->tryReset();  // keeps the bindings
        st->bind(2, seq++);
        st->bindNoCopy(3, event.type);
        st->bindNoCopy(4, event.payload);
        st->bind(5, event.at_ms);
        st->bindNoCopy(6, event.actor);
        st->exec();
      }
    }
    if (c.op_id) {
      StatementUse st(insert_op);
      st->bindNoCopy(1, c.encuentro_id);
      st->bindNoCopy(2, *c.op_id);
      st->bind(3, first_seq);
      st->bind(4, new_last);
      st->bindNoCopy(5, c.result);
      st->bind(6, at_ms);
      st->exec();
    }
    if (c.snapshot) {
      StatementUse st(upsert_snapshot);
      st->bindNoCopy(1, c.encuentro_id);
      st->bind(2, c.snapshot->seq);
      st->bindNoCopy(3, c.snapshot->payload);
      st->bind(4, at_ms);
      st->exec();
    }
    return CommitOutcome{false, OpRecord{first_seq, new_last, c.result}};
  }

  // Steps select_events for (encuentro_id, after_seq, limit < 0: no limit), calling `fn` per row.
  template <typename Fn>
  void scan_events_locked(const std::string& encuentro_id, std::int64_t after_seq,
                          std::int64_t limit, Fn&& fn) {
    StatementUse st(select_events);
    st->bindNoCopy(1, encuentro_id);
    st->bind(2, after_seq);
    st->bind(3, limit);
    EventRecord record;
    record.encuentro_id = encuentro_id;
    while (st->executeStep()) {
      record.seq = st->getColumn(0).getInt64();
      assign_text(record.type, st->getColumn(1));
      assign_text(record.payload, st->getColumn(2));
      record.at_ms = st->getColumn(3).getInt64();
      assign_text(record.actor, st->getColumn(4));
      fn(record);
    }
  }

  // Constant after construction.
  const std::string path;

  // Guarded by `mutex`: the connection and every statement prepared on it. `db` is declared
  // before the statements so that they are finalized before it closes.
  std::mutex mutex;
  SQLite::Database db;
  SQLite::Statement select_op;
  SQLite::Statement select_last_seq;
  SQLite::Statement upsert_stream;
  SQLite::Statement insert_event;
  SQLite::Statement insert_op;
  SQLite::Statement upsert_snapshot;
  SQLite::Statement select_events;
  SQLite::Statement select_snapshot;
  SQLite::Statement update_payload;
  SQLite::Statement select_stream_ids;
};

EventStore::EventStore(Options options) {
  try {
    impl_ = std::make_unique<Impl>(options);
  } catch (const SQLite::Exception& e) {
    throw to_storage_error(e, "event store '" + options.path + "': open");
  }
}

EventStore::~EventStore() = default;

CommitOutcome EventStore::commit(const Commit& c) {
  validate(c);
  return impl_->run("commit", c.encuentro_id, [&] { return impl_->commit_all_locked({c}); })
      .front();
}

std::vector<CommitOutcome> EventStore::commit_all(const std::vector<Commit>& commits) {
  for (const Commit& c : commits) validate(c);
  if (commits.empty()) return {};
  return impl_->run("commit", commits.size() == 1 ? commits.front().encuentro_id : "",
                    [&] { return impl_->commit_all_locked(commits); });
}

std::optional<OpRecord> EventStore::find_op(std::string_view encuentro_id,
                                            std::string_view op_id) const {
  return impl_->run("find_op", encuentro_id, [&] {
    return impl_->find_op_locked(std::string(encuentro_id), std::string(op_id));
  });
}

void EventStore::for_each_event(std::string_view encuentro_id, std::int64_t after_seq,
                                const std::function<void(const EventRecord&)>& fn) const {
  if (!fn) throw std::invalid_argument("for_each_event: empty callback");
  impl_->run("for_each_event", encuentro_id,
             [&] { impl_->scan_events_locked(std::string(encuentro_id), after_seq, -1, fn); });
}

std::vector<EventRecord> EventStore::events_after(std::string_view encuentro_id,
                                                  std::int64_t after_seq, std::size_t limit) const {
  std::vector<EventRecord> events;
  if (limit == 0) return events;
  const auto bounded = static_cast<std::int64_t>(
      std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()));
  impl_->run("events_after", encuentro_id, [&] {
    impl_->scan_events_locked(std::string(encuentro_id), after_seq, bounded,
                              [&](const EventRecord& record) { events.push_back(record); });
  });
  return events;
}

std::int64_t EventStore::last_seq(std::string_view encuentro_id) const {
  return impl_->run("last_seq", encuentro_id,
                    [&] { return impl_->last_seq_locked(std::string(encuentro_id)); });
}

std::vector<std::string> EventStore::encuentro_ids() const {
  return impl_->run("encuentro_ids", {}, [&] {
    std::vector<std::string> ids;
    StatementUse st(impl_->select_stream_ids);
    while (st->executeStep()) ids.push_back(st->getColumn(0).getString());
    return ids;
  });
}

std::optional<Snapshot> EventStore::latest_snapshot(std::string_view encuentro_id) const {
  return impl_->run("latest_snapshot", encuentro_id, [&]() -> std::optional<Snapshot> {
    const std::string id(encuentro_id);
    StatementUse st(impl_->select_snapshot);
    st->bindNoCopy(1, id);
    if (!st->executeStep()) return std::nullopt;
    Snapshot snapshot;
    snapshot.seq = st->getColumn(0).getInt64();
    assign_text(snapshot.payload, st->getColumn(1));
    return snapshot;
  });
}

int EventStore::schema_version() const {
  return impl_->run("schema_version", {},
                    [&] { return impl_->db.execAndGet("PRAGMA user_version").getInt(); });
}

std::string EventStore::journal_mode() const {
  return impl_->run("journal_mode", {},
                    [&] { return impl_->db.execAndGet("PRAGMA journal_mode").getString(); });
}

Synchronous EventStore::synchronous() const {
  return impl_->run("synchronous", {}, [&] {
    return static_cast<Synchronous>(impl_->db.execAndGet("PRAGMA synchronous").getInt());
  });
}

bool EventStore::checkpoint() {
  return impl_->run("checkpoint", {}, [&] {
    SQLite::Statement st(impl_->db, "PRAGMA wal_checkpoint(TRUNCATE)");
    // One row: (busy, frames in WAL, frames checkpointed); busy = 1 when it could not complete.
    return st.executeStep() && st.getColumn(0).getInt() == 0;
  });
}

}  // namespace encuentro::storage
