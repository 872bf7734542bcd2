#include "storage/schema.hpp"

#include <SQLiteCpp/Transaction.h>

#include <stdexcept>
#include <string>

#include "storage/storage_error.hpp"

namespace encuentro::storage {
namespace {

// Version 1: the event log, its stream heads, the idempotency table and snapshots.
//
// Table shapes:
// - events and ops are WITHOUT ROWID: their primary key is how every read finds them, so rows sit
//   clustered by (encuentro_id, seq) / (encuentro_id, op_id) and a resume reads adjacent pages.
// - streams keeps its rowid: rowid order is creation order, which encuentro_ids() returns.
// - snapshots keeps its rowid: one large payload per encuentro, the case WITHOUT ROWID is not for.
// - STRICT (SQLite >= 3.37) makes a wrongly typed value an error instead of a silent conversion.
//
// Triggers make the log append-only at the database level, whatever code writes to it:
// - no DELETE of an event;
// - no UPDATE of an event's identity or facts (encuentro_id, seq, type, at_ms, actor, op_id).
//   `payload` stays updatable on purpose: it is reserved for a later, audited redaction of personal
//   data (a citizen's right to erasure), which will rewrite a payload without moving the event.
//   Nothing in the storage API updates payloads today;
// - gap-free: an event's seq must be its stream's highest seq + 1 (one primary-key seek).
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE streams (
  encuentro_id  TEXT    NOT NULL PRIMARY KEY CHECK (length(encuentro_id) > 0),
  last_seq      INTEGER NOT NULL CHECK (last_seq >= 0),
  created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE events (
  encuentro_id TEXT    NOT NULL REFERENCES streams (encuentro_id),
  seq          INTEGER NOT NULL CHECK (seq > 0),
  type         TEXT    NOT NULL CHECK (length(type) > 0),
  payload      TEXT    NOT NULL,
  at_ms        INTEGER NOT NULL,
  actor        TEXT    NOT NULL,
  op_id        TEXT,
  PRIMARY KEY (encuentro_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE ops (
  encuentro_id TEXT    NOT NULL REFERENCES streams (encuentro_id),
  op_id        TEXT    NOT NULL CHECK (length(op_id) > 0),
  first_seq    INTEGER NOT NULL CHECK (first_seq > 0),
  last_seq     INTEGER NOT NULL CHECK (last_seq >= first_seq),
  result       TEXT    NOT NULL,
  at_ms        INTEGER NOT NULL,
  PRIMARY KEY (encuentro_id, op_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE snapshots (
  encuentro_id TEXT    NOT NULL PRIMARY KEY REFERENCES streams (encuentro_id),
  seq          INTEGER NOT NULL CHECK (seq > 0),
  payload      TEXT    NOT NULL,
  at_ms        INTEGER NOT NULL
) STRICT;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: DELETE is forbidden');
END;

CREATE TRIGGER events_no_update BEFORE UPDATE OF encuentro_id, seq, type, at_ms, actor, op_id
ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: only payload may be updated (audited redaction)');
END;

CREATE TRIGGER events_gap_free BEFORE INSERT ON events
WHEN NEW.seq <> 1 + coalesce((SELECT max(seq) FROM events WHERE encuentro_id = NEW.encuentro_id), 0)
BEGIN
  SELECT RAISE(ABORT, 'events.seq must be the stream''s highest seq + 1');
END;

CREATE TRIGGER streams_last_seq_never_decreases BEFORE UPDATE OF last_seq ON streams
WHEN NEW.last_seq < OLD.last_seq
BEGIN
  SELECT RAISE(ABORT, 'streams.last_seq never decreases');
END;
)sql";

constexpr Migration kMigrations[] = {
    {1, "event log, ops, snapshots", kSchemaV1},
};

int user_version(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

// Refuses files that are SQLite but not ours. Version 0 with tables: someone else's database, or
// one created by hand; version > 0 with another application_id: another program's versioning.
void check_identity(SQLite::Database& db, int version, const std::string& path) {
  if (version == 0) {
    const auto objects = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt64();
    if (objects != 0) {
      throw StorageError(StorageErrorKind::incompatible,
                         "'" + path +
                             "' is not an Encuentro database: it has no schema version but "
                             "already holds " +
                             std::to_string(objects) +
                             " tables/indexes/triggers; refusing to touch it");
    }
    return;
  }
  const int app_id = db.execAndGet("PRAGMA application_id").getInt();
  if (app_id != kApplicationId) {
    throw StorageError(StorageErrorKind::incompatible,
                       "'" + path + "' is not an Encuentro database (application_id " +
                           std::to_string(app_id) + ", expected " + std::to_string(kApplicationId) +
                           ")");
  }
}

}  // namespace

std::span<const Migration> schema_migrations() noexcept {
  return kMigrations;
}

int latest_schema_version() noexcept {
  return std::end(kMigrations)[-1].version;
}

int migrate(SQLite::Database& db, std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      throw std::logic_error("schema migrations must be numbered 1, 2, 3, ... in order");
    }
  }
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  const std::string& path = db.getFilename();

  int version = user_version(db);
  if (version > latest) {
    throw StorageError(StorageErrorKind::incompatible,
                       "'" + path + "' has schema version " + std::to_string(version) +
                           ", newer than this server knows (" + std::to_string(latest) +
                           "); run a newer server, or restore a backup made for this one");
  }
  check_identity(db, version, path);

  int applied = 0;
  for (const Migration& step : migrations) {
    if (step.version <= version) continue;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Re-read under the write lock: another process may have migrated while we waited.
    version = user_version(db);
    if (step.version <= version) continue;  // tx rolls back; nothing was written
    check_identity(db, version, path);
    try {
      db.exec(step.sql);
    } catch (const SQLite::Exception& e) {
      throw SQLite::Exception(std::string("schema migration ") + std::to_string(step.version) +
                                  " (" + step.description + ") failed: " + e.what(),
                              e.getErrorCode());
    }
    if (step.version == 1) db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = " + std::to_string(step.version));
    tx.commit();
    version = step.version;
    ++applied;
  }
  return applied;
}

}  // namespace encuentro::storage
