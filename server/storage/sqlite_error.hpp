#pragma once

// Internal to the storage layer: turns SQLiteCpp exceptions into StorageError.
// Not for use outside server/storage (and its tests).

#include <SQLiteCpp/Exception.h>

#include <string_view>

#include "storage/storage_error.hpp"

namespace encuentro::storage {

// Maps an SQLite result code (primary or extended) to a StorageErrorKind. -1 (an error raised by
// SQLiteCpp itself, not by SQLite) and unlisted codes map to `unknown`.
StorageErrorKind kind_of_sqlite_code(int code) noexcept;

// Builds "<context>: <sqlite message> (<extended code name>)" with the mapped kind.
// Prefers the extended code carried by `e`, falling back to the primary one.
StorageError to_storage_error(const SQLite::Exception& e, std::string_view context);

}  // namespace encuentro::storage
