// Internal to storage: how every connection to the database file is opened, so the event store
// and the access store cannot drift apart in durability or locking settings.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <string>
#include <string_view>

#include "storage/event_store.hpp"  // Synchronous

namespace encuentro::storage {

// Opens (creating when missing) a plain database file: WAL, the given synchronous level, foreign
// keys on (checked), busy timeout, then every pending migration (schema.hpp).
// `who` names the caller in error messages ("event store"). Throws std::invalid_argument for a
// path that is not a plain file or an out-of-range level, StorageError for what SQLite refuses.
SQLite::Database open_connection(const std::string& path, Synchronous synchronous,
                                 std::chrono::milliseconds busy_timeout, std::string_view who);

}  // namespace encuentro::storage
