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

// Version 2: access and authorisation (server/storage/access_store.hpp, server/app/access.hpp).
//
// Nothing secret is stored in plain text: codes, session tokens, organizer secrets and the client
// address keys of failed attempts are stored only as HMAC-SHA-256 (hex, 64 characters) under a
// server key that lives OUTSIDE this database (a key file beside it, see app/access.hpp for why).
// server_keys holds a check value of that key, never the key, so that a key file that does not
// belong to this database is noticed instead of silently refusing every code.
// The one plain-text exception is access_codes.public_code: the encuentro's public citizen code is
// public by design (printed on posters, projected as a QR) and the organizer must be able to show
// it again.
//
// - access_codes: one row per code the organizer minted, and one per public code (role citizen,
//   public_code set); never deleted, revoking sets revoked_at_ms. code_id is a random handle for
//   listing and revoking. Keyed by (encuentro_id, code_id): an encuentro's codes are one range.
// - sessions: one row per redeemed code; encuentro_id NULL means every encuentro (an organizer who
//   came in with the one-time bootstrap secret). code_hash links a session to the code it came
//   from, so that revoking the code revokes its sessions (a scan: revoking is rare and sessions
//   number in the thousands at most, not worth an index page).
// - organizer_secrets: one-time bootstrap secrets; used_at_ms is set when redeemed.
// - failed_attempts: the lock-out counter per client address key (hashed), kept across restarts.
// Every table is WITHOUT ROWID and there is one secondary index only: the schema costs few pages,
// which matters to databases created with a small max_size_bytes.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE server_keys (
  name          TEXT    NOT NULL PRIMARY KEY CHECK (length(name) > 0),
  key_check     TEXT    NOT NULL CHECK (length(key_check) = 64),
  created_at_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE access_codes (
  encuentro_id  TEXT    NOT NULL CHECK (length(encuentro_id) > 0),
  code_id       TEXT    NOT NULL CHECK (length(code_id) > 0),
  code_hash     TEXT    NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  role          TEXT    NOT NULL CHECK (length(role) > 0),
  workshop_id   TEXT,
  label         TEXT    NOT NULL,
  created_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER,
  created_by    TEXT    NOT NULL,
  public_code   TEXT    CHECK (public_code IS NULL OR role = 'citizen'),
  PRIMARY KEY (encuentro_id, code_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
  token_hash     TEXT    NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
  encuentro_id   TEXT,
  role           TEXT    NOT NULL CHECK (length(role) > 0),
  workshop_id    TEXT,
  participant_id TEXT,
  code_hash      TEXT    REFERENCES access_codes (code_hash),
  created_at_ms  INTEGER NOT NULL,
  expires_at_ms  INTEGER NOT NULL CHECK (expires_at_ms > created_at_ms),
  revoked_at_ms  INTEGER
) STRICT, WITHOUT ROWID;

CREATE TABLE organizer_secrets (
  secret_hash   TEXT    NOT NULL PRIMARY KEY CHECK (length(secret_hash) = 64),
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL CHECK (expires_at_ms > created_at_ms),
  used_at_ms    INTEGER
) STRICT, WITHOUT ROWID;

CREATE TABLE failed_attempts (
  key             TEXT    NOT NULL PRIMARY KEY CHECK (length(key) = 64),
  count           INTEGER NOT NULL CHECK (count >= 0),
  window_start_ms INTEGER NOT NULL,
  locked_until_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

// A citizen code may be personal: it names the participant it was minted for (a walk-in at the
// door has no registration code to link their phone with), and its sessions start linked.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE access_codes ADD COLUMN participant_id TEXT
  CHECK (participant_id IS NULL OR (role = 'citizen' AND public_code IS NULL));
)sql";

constexpr Migration kMigrations[] = {
    {1, "event log, ops, snapshots", kSchemaV1},
    {2, "access codes, sessions, organizer secrets, lock-out", kSchemaV2},
    {3, "personal citizen codes", kSchemaV3},
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
