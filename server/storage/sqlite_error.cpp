#include "storage/sqlite_error.hpp"

#include <sqlite3.h>

#include <string>

namespace encuentro::storage {

StorageErrorKind kind_of_sqlite_code(int code) noexcept {
  if (code < 0) return StorageErrorKind::unknown;
  switch (code & 0xff) {  // extended codes keep the primary code in their low byte
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StorageErrorKind::busy;
    case SQLITE_FULL:
      return StorageErrorKind::full;
    case SQLITE_READONLY:
      return StorageErrorKind::read_only;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StorageErrorKind::corrupt;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return StorageErrorKind::io;
    case SQLITE_CONSTRAINT:
      return StorageErrorKind::constraint;
    default:
      return StorageErrorKind::unknown;
  }
}

StorageError to_storage_error(const SQLite::Exception& e, std::string_view context) {
  const int code = e.getExtendedErrorCode() >= 0 ? e.getExtendedErrorCode() : e.getErrorCode();
  std::string message(context);
  message += ": ";
  message += e.what();
  if (code >= 0) {
    message += " (";
    message += sqlite3_errstr(code);
    message += ", code ";
    message += std::to_string(code);
    message += ")";
  }
  return StorageError(kind_of_sqlite_code(code), message);
}

}  // namespace encuentro::storage
