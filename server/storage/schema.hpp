#pragma once

// The event store's schema and its forward migrations. Internal to server/storage (and its tests).
//
// A database's schema version is `PRAGMA user_version`; `PRAGMA application_id` marks the file as
// an Encuentro store. Migrations only ever go forward: a server never opens a file whose version is
// newer than the newest migration it knows (it would not understand the data), nor a file that
// holds someone else's tables.
//
// To change the schema: append a Migration with the next version to kMigrations in schema.cpp.
// Never edit or reorder a migration that has shipped; databases in the field already ran it.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <span>

namespace encuentro::storage {

// 'Encu' in ASCII; stored in the SQLite header so tools (`file`, sqlite3) can tell what this is.
inline constexpr std::int32_t kApplicationId = 0x456E6375;

struct Migration {
  int version;              // the user_version this step leaves behind; versions are 1, 2, 3, ...
  const char* description;  // for error messages
  const char* sql;          // one or more statements, run inside the step's transaction
};

// Every migration this code knows, oldest first.
std::span<const Migration> schema_migrations() noexcept;

// The version a database has after all of schema_migrations() ran.
int latest_schema_version() noexcept;

// Brings `db` forward to the last version in `migrations` and returns how many steps it applied
// (0 when it was already current). Each step runs in its own BEGIN IMMEDIATE transaction that also
// sets user_version (and, for the first step, application_id), so a crash or failure mid-way leaves
// the database at the last completed version. A concurrent process migrating the same file is
// detected inside the transaction and its work is not repeated.
//
// Throws StorageError(incompatible) when the file's version is newer than the last migration, when
// a version-0 file already holds tables (it is not ours: we do not write into foreign databases),
// or when a versioned file carries another application_id. SQLite failures propagate as
// SQLite::Exception (the caller adds context).
// REQUIRES: `migrations` have versions 1..N in order (checked; std::logic_error otherwise).
// REQUIRES: `db` is not inside a transaction.
int migrate(SQLite::Database& db, std::span<const Migration> migrations);
inline int migrate(SQLite::Database& db) {
  return migrate(db, schema_migrations());
}

}  // namespace encuentro::storage
