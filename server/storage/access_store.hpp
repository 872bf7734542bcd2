#pragma once

// AccessStore: the durable side of access and authorisation (app/access.hpp), on the same SQLite
// file as the EventStore (schema migration 2, see schema.cpp).
//
// What it keeps: access codes minted by the organizer, sessions, one-time organizer secrets, the
// lock-out counters of failed attempts, the public code of each encuentro and the check value of
// the server key. It stores only what it is given: every code, token, secret and address key
// arrives here already hashed (HMAC-SHA-256, hex) by the app layer, which alone holds the key.
// Storage does no cryptography and never sees a plain code (public codes excepted, by design).
//
// Why its own connection (and not methods on EventStore): access writes are rare (a login, a
// mint, a revoke) and must not queue behind the event log's mutex, nor the log behind them; the
// EventStore stays exactly the event log. Two connections to one WAL database are SQLite's normal
// case: readers never block, writes are serialised by SQLite's write lock, and `busy_timeout`
// makes a writer wait for the other instead of failing. Every write here is one short statement
// or one short BEGIN IMMEDIATE transaction, so the event log never waits more than a millisecond
// or so. Both stores run the same migrations on open; migrate() is safe against that race.
//
// Thread-safety: any thread may call any method; calls are serialised on the connection by an
// internal mutex. Errors: database failures throw StorageError; bad arguments (an empty hash,
// an unknown role string is not checked here) throw std::invalid_argument.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/event_store.hpp"  // Synchronous
#include "storage/storage_error.hpp"

namespace encuentro::storage {

struct AccessCodeRow {
  std::string code_hash;  // HMAC of the normalised code (hex, 64)
  std::string code_id;    // random handle shown to the organizer (list, revoke)
  std::string encuentro_id;
  std::string role;  // app::role_name()
  std::optional<std::string> workshop_id;
  std::string label;
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> revoked_at_ms;
  std::string created_by;  // the minting principal's actor id
  // Only for an encuentro's public code (role citizen): the code in plain text, on purpose
  // (posters, QR; see schema.cpp). nullopt for every minted code.
  std::optional<std::string> public_code;
  // Only for a personal citizen code: the participant its sessions are linked to.
  std::optional<std::string> participant_id;
};

struct SessionRow {
  std::string token_hash;                   // HMAC of the token (hex, 64)
  std::optional<std::string> encuentro_id;  // nullopt: every encuentro
  std::string role;
  std::optional<std::string> workshop_id;
  std::optional<std::string> participant_id;
  std::optional<std::string>
      code_hash;  // the code it was redeemed with (nullopt: organizer secret)
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  std::optional<std::int64_t> revoked_at_ms;
  // Read-only, from the code's row (when code_hash is set):
  std::optional<std::string> code_id;
  std::optional<std::int64_t> code_revoked_at_ms;
};

struct PublicCodeRow {
  std::string encuentro_id;
  std::string code;  // plain, on purpose (posters, QR); see schema.cpp
  std::string code_hash;
  std::int64_t created_at_ms = 0;
};

// The lock-out counter of one address key.
struct AttemptRow {
  int count = 0;                     // failures in the current window
  std::int64_t window_start_ms = 0;  // when the current window began
  std::int64_t locked_until_ms = 0;  // locked while now < this (0: never locked)
};

struct LockoutRule {
  int max_failures = 5;
  std::int64_t window_ms = 10 * 60'000;
  std::int64_t lock_ms = 15 * 60'000;
};

class AccessStore {
 public:
  struct Options {
    std::string path;  // the EventStore's database file (a plain path, not ":memory:")
    Synchronous synchronous = Synchronous::full;
    std::chrono::milliseconds busy_timeout{5000};
  };

  // Opens the database (creating it when missing), switches it to WAL and applies every pending
  // migration, as EventStore does. Throws StorageError like EventStore's constructor.
  explicit AccessStore(Options options);
  ~AccessStore();
  AccessStore(const AccessStore&) = delete;
  AccessStore& operator=(const AccessStore&) = delete;

  // ---- server key check ------------------------------------------------------------------------
  std::optional<std::string> key_check(std::string_view name) const;
  // Sets (or replaces) the check value of key `name`.
  void set_key_check(std::string_view name, std::string_view check, std::int64_t now_ms);
  // Everything hashed with a lost key can never match again: revokes every code (public codes
  // too) and session, forgets the organizer secrets (so a new bootstrap secret is minted) and the
  // lock-out counters (their keys were hashed too), then records the new check value. One
  // transaction.
  void replace_key(std::string_view name, std::string_view check, std::int64_t now_ms);

  // ---- access codes ----------------------------------------------------------------------------
  // Returns false (and writes nothing) when code_hash or code_id already exists.
  bool insert_code(const AccessCodeRow& row);
  std::optional<AccessCodeRow> find_code(std::string_view code_hash) const;
  // The encuentro's codes in minting order (revoked ones included; public codes excluded).
  std::vector<AccessCodeRow> list_codes(std::string_view encuentro_id) const;
  // Revokes the code and every session redeemed with it, in one transaction. Returns false when
  // the encuentro has no such code or it was already revoked.
  bool revoke_code(std::string_view encuentro_id, std::string_view code_id, std::int64_t now_ms);

  // ---- public codes ----------------------------------------------------------------------------
  std::optional<PublicCodeRow> public_code(std::string_view encuentro_id) const;
  // In one transaction: revokes the encuentro's current public code (and its sessions) when
  // `revoke_previous`, then inserts `code` (a citizen code row) with `plain` as its public code.
  // Returns false (nothing written) when the code collides, or when !revoke_previous and the
  // encuentro already has one (a concurrent caller won: read it again).
  bool put_public_code(const AccessCodeRow& code, std::string_view plain, bool revoke_previous,
                       std::int64_t now_ms);

  // ---- sessions --------------------------------------------------------------------------------
  void insert_session(const SessionRow& row);
  std::optional<SessionRow> find_session(std::string_view token_hash) const;
  bool revoke_session(std::string_view token_hash, std::int64_t now_ms);
  // Sets the participant of a live session that has none yet; false otherwise.
  bool set_session_participant(std::string_view token_hash, std::string_view participant_id,
                               std::int64_t now_ms);
  // Deletes sessions that expired or were revoked before `before_ms`, and lock-out counters
  // that are neither locked nor counting after it. Returns the number of rows deleted.
  int purge(std::int64_t before_ms);

  // ---- organizer secrets -----------------------------------------------------------------------
  // Whether any organizer secret was ever redeemed (with the current key).
  bool organizer_secret_ever_used() const;
  // Deletes the unused secrets, then inserts `secret_hash`. One transaction.
  void replace_unused_organizer_secrets(std::string_view secret_hash, std::int64_t now_ms,
                                        std::int64_t expires_at_ms);
  void insert_organizer_secret(std::string_view secret_hash, std::int64_t now_ms,
                               std::int64_t expires_at_ms);
  // Marks the secret used and inserts `session` in one transaction, when the secret exists, is
  // unused and unexpired at now_ms; returns false (nothing written) otherwise.
  bool redeem_organizer_secret(std::string_view secret_hash, const SessionRow& session,
                               std::int64_t now_ms);

  // ---- lock-out --------------------------------------------------------------------------------
  std::optional<AttemptRow> attempts(std::string_view key_hash) const;
  // Counts one failure at now_ms (a new window when the last one ended) and locks the key when
  // the window reaches rule.max_failures. Atomic. Returns the counter after the failure.
  AttemptRow record_failure(std::string_view key_hash, std::int64_t now_ms,
                            const LockoutRule& rule);

  // Read back from SQLite, for tests.
  int schema_version() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace encuentro::storage
