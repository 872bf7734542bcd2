#pragma once

// StorageError: the one exception type the storage layer throws for database failures.
//
// Why exceptions here: every failure this type reports is exceptional for the caller (the disk is
// full, the file is corrupt, another process holds the write lock past the busy timeout, a stale
// `expected_last_seq`). The normal non-success outcome of a commit, a repeated client op id, is a
// value (`CommitOutcome::duplicate`), not an error.
//
// Thread-safety: immutable after construction; safe to copy and read from any thread.

#include <stdexcept>
#include <string>
#include <string_view>

namespace encuentro::storage {

enum class StorageErrorKind {
  unknown,     // anything not listed below (SQL error, misuse, out of memory, ...)
  busy,        // SQLITE_BUSY / SQLITE_LOCKED: another connection held the lock past busy_timeout
  full,        // SQLITE_FULL: disk (or Options::max_size_bytes) exhausted
  read_only,   // SQLITE_READONLY: the file or its directory is not writable
  corrupt,     // SQLITE_CORRUPT / SQLITE_NOTADB: the file is damaged or is not SQLite at all
  io,          // SQLITE_IOERR / SQLITE_CANTOPEN: the operating system failed a read, write or open
  conflict,    // commit(): expected_last_seq is not the stream's last seq (optimistic check)
  constraint,  // SQLITE_CONSTRAINT: a schema rule refused the write (append-only, gap-free, ...)
  incompatible,  // the file is SQLite but not an Encuentro store this code can use (newer schema,
                 // foreign tables, another application's id)
};

// Stable lower-case name of `kind` ("busy", "full", ...), for logs and metrics.
std::string_view to_string(StorageErrorKind kind) noexcept;

class StorageError : public std::runtime_error {
 public:
  StorageError(StorageErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}

  StorageErrorKind kind() const noexcept { return kind_; }

 private:
  StorageErrorKind kind_;
};

}  // namespace encuentro::storage
