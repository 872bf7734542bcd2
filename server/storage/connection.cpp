#include "storage/connection.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "storage/schema.hpp"
#include "storage/storage_error.hpp"

namespace encuentro::storage {

SQLite::Database open_connection(const std::string& path, Synchronous synchronous,
                                 std::chrono::milliseconds busy_timeout, std::string_view who) {
  const std::string name(who);
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) {
    throw std::invalid_argument(name + " needs a plain file path, got '" + path + "'");
  }
  const int level = static_cast<int>(synchronous);
  if (level < static_cast<int>(Synchronous::normal) ||
      level > static_cast<int>(Synchronous::extra)) {
    throw std::invalid_argument(name + ": synchronous level out of range");
  }
  const auto busy_ms = std::clamp<std::chrono::milliseconds::rep>(busy_timeout.count(), 0,
                                                                  std::numeric_limits<int>::max());

  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                      static_cast<int>(busy_ms));

  const std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
  if (mode != "wal") {
    throw StorageError(StorageErrorKind::io, name + " '" + path +
                                                 "': cannot switch to WAL (journal_mode is '" +
                                                 mode + "'); is it on a network file system?");
  }
  db.exec("PRAGMA synchronous = " + std::to_string(level));
  db.exec("PRAGMA foreign_keys = ON");
  if (db.execAndGet("PRAGMA foreign_keys").getInt() != 1) {
    throw StorageError(StorageErrorKind::unknown,
                       name + " '" + path + "': SQLite lacks foreign key support");
  }
  migrate(db);
  return db;
}

}  // namespace encuentro::storage
