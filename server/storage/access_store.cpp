#include "storage/access_store.hpp"

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

// Resets a statement when a use begins and ends (as in event_store.cpp): a SELECT left mid-step
// would keep a read transaction open and hold back WAL checkpoints.
class StatementUse {
 public:
  explicit StatementUse(SQLite::Statement& statement) : statement_(statement) {
    statement_.tryReset();
  }
  ~StatementUse() { statement_.tryReset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  SQLite::Statement* operator->() { return &statement_; }

 private:
  SQLite::Statement& statement_;
};

SQLite::Database open_database(const AccessStore::Options& options) {
  return open_connection(options.path, options.synchronous, options.busy_timeout, "access store");
}

void require_hash(std::string_view what, std::string_view hash) {
  if (hash.size() != 64) throw std::invalid_argument(std::string(what) + ": expected 64 hex");
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

constexpr const char* kCodeColumns =
    "code_hash, code_id, encuentro_id, role, workshop_id, label, created_at_ms, revoked_at_ms,"
    " created_by, public_code, participant_id";

AccessCodeRow read_code(SQLite::Statement& st) {
  AccessCodeRow row;
  row.code_hash = st.getColumn(0).getString();
  row.code_id = st.getColumn(1).getString();
  row.encuentro_id = st.getColumn(2).getString();
  row.role = st.getColumn(3).getString();
  row.workshop_id = optional_text(st.getColumn(4));
  row.label = st.getColumn(5).getString();
  row.created_at_ms = st.getColumn(6).getInt64();
  row.revoked_at_ms = optional_int(st.getColumn(7));
  row.created_by = st.getColumn(8).getString();
  row.public_code = optional_text(st.getColumn(9));
  row.participant_id = optional_text(st.getColumn(10));
  return row;
}

// Inserts a code row; false on a primary-key or code_id collision. REQUIRES: inside `run`.
bool insert_code_row(SQLite::Database& db, const AccessCodeRow& row) {
  require_hash("AccessCodeRow.code_hash", row.code_hash);
  if (row.code_id.empty() || row.encuentro_id.empty() || row.role.empty()) {
    throw std::invalid_argument("AccessCodeRow: code_id, encuentro_id and role are required");
  }
  SQLite::Statement st(db, std::string("INSERT INTO access_codes (") + kCodeColumns +
                               ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                               " ON CONFLICT DO NOTHING");
  st.bind(1, row.code_hash);
  st.bind(2, row.code_id);
  st.bind(3, row.encuentro_id);
  st.bind(4, row.role);
  bind_optional(st, 5, row.workshop_id);
  st.bind(6, row.label);
  st.bind(7, row.created_at_ms);
  bind_optional(st, 8, row.revoked_at_ms);
  st.bind(9, row.created_by);
  bind_optional(st, 10, row.public_code);
  bind_optional(st, 11, row.participant_id);
  return st.exec() == 1;
}

// Revokes a code (by hash) and its sessions. REQUIRES: inside a transaction.
void revoke_code_and_sessions(SQLite::Database& db, const std::string& code_hash,
                              std::int64_t now_ms) {
  SQLite::Statement code(db,
                         "UPDATE access_codes SET revoked_at_ms = ?2"
                         " WHERE code_hash = ?1 AND revoked_at_ms IS NULL");
  code.bind(1, code_hash);
  code.bind(2, now_ms);
  code.exec();
  SQLite::Statement sessions(db,
                             "UPDATE sessions SET revoked_at_ms = ?2"
                             " WHERE code_hash = ?1 AND revoked_at_ms IS NULL");
  sessions.bind(1, code_hash);
  sessions.bind(2, now_ms);
  sessions.exec();
}

}  // namespace

struct AccessStore::Impl {
  explicit Impl(const Options& options)
      : path(options.path),
        db(open_database(options)),
        select_session(db,
                       "SELECT s.token_hash, s.encuentro_id, s.role, s.workshop_id,"
                       " s.participant_id, s.code_hash, s.created_at_ms, s.expires_at_ms,"
                       " s.revoked_at_ms, c.code_id, c.revoked_at_ms"
                       " FROM sessions AS s LEFT JOIN access_codes AS c"
                       " ON c.code_hash = s.code_hash WHERE s.token_hash = ?1") {}

  template <typename Fn>
  decltype(auto) run(const char* what, Fn&& fn) {
    std::lock_guard lock(mutex);
    try {
      return std::forward<Fn>(fn)();
    } catch (const SQLite::Exception& e) {
      if (sqlite3_get_autocommit(db.getHandle()) == 0) db.tryExec("ROLLBACK");
      throw to_storage_error(e, "access store '" + path + "': " + what);
    }
  }

  const std::string path;
  std::mutex mutex;
  SQLite::Database db;               // guarded by mutex
  SQLite::Statement select_session;  // the hot path: every authenticated connection
};

AccessStore::AccessStore(Options options) {
  try {
    impl_ = std::make_unique<Impl>(options);
  } catch (const SQLite::Exception& e) {
    throw to_storage_error(e, "access store '" + options.path + "': open");
  }
}

AccessStore::~AccessStore() = default;

// ---- server key check ----------------------------------------------------------------------

std::optional<std::string> AccessStore::key_check(std::string_view name) const {
  return impl_->run("key_check", [&]() -> std::optional<std::string> {
    SQLite::Statement st(impl_->db, "SELECT key_check FROM server_keys WHERE name = ?1");
    st.bind(1, std::string(name));
    if (!st.executeStep()) return std::nullopt;
    return st.getColumn(0).getString();
  });
}

void AccessStore::set_key_check(std::string_view name, std::string_view check,
                                std::int64_t now_ms) {
  require_hash("key check", check);
  impl_->run("set_key_check", [&] {
    SQLite::Statement st(
        impl_->db,
        "INSERT INTO server_keys (name, key_check, created_at_ms)"
        " VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE"
        " SET key_check = excluded.key_check, created_at_ms = excluded.created_at_ms");
    st.bind(1, std::string(name));
    st.bind(2, std::string(check));
    st.bind(3, now_ms);
    st.exec();
  });
}

void AccessStore::replace_key(std::string_view name, std::string_view check, std::int64_t now_ms) {
  require_hash("key check", check);
  impl_->run("replace_key", [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement codes(
        impl_->db, "UPDATE access_codes SET revoked_at_ms = ?1 WHERE revoked_at_ms IS NULL");
    codes.bind(1, now_ms);
    codes.exec();
    SQLite::Statement sessions(
        impl_->db, "UPDATE sessions SET revoked_at_ms = ?1 WHERE revoked_at_ms IS NULL");
    sessions.bind(1, now_ms);
    sessions.exec();
    impl_->db.exec("DELETE FROM organizer_secrets");
    impl_->db.exec("DELETE FROM failed_attempts");
    SQLite::Statement key(impl_->db,
                          "INSERT INTO server_keys (name, key_check, created_at_ms)"
                          " VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE"
                          " SET key_check = excluded.key_check,"
                          " created_at_ms = excluded.created_at_ms");
    key.bind(1, std::string(name));
    key.bind(2, std::string(check));
    key.bind(3, now_ms);
    key.exec();
    tx.commit();
  });
}

// ---- access codes --------------------------------------------------------------------------

bool AccessStore::insert_code(const AccessCodeRow& row) {
  return impl_->run("insert_code", [&] { return insert_code_row(impl_->db, row); });
}

std::optional<AccessCodeRow> AccessStore::find_code(std::string_view code_hash) const {
  return impl_->run("find_code", [&]() -> std::optional<AccessCodeRow> {
    SQLite::Statement st(impl_->db, std::string("SELECT ") + kCodeColumns +
                                        " FROM access_codes WHERE code_hash = ?1");
    st.bind(1, std::string(code_hash));
    if (!st.executeStep()) return std::nullopt;
    return read_code(st);
  });
}

std::vector<AccessCodeRow> AccessStore::list_codes(std::string_view encuentro_id) const {
  return impl_->run("list_codes", [&] {
    SQLite::Statement st(impl_->db,
                         std::string("SELECT ") + kCodeColumns +
                             " FROM access_codes WHERE encuentro_id = ?1 AND public_code IS NULL"
                             " ORDER BY created_at_ms, code_id");
    st.bind(1, std::string(encuentro_id));
    std::vector<AccessCodeRow> rows;
    while (st.executeStep()) rows.push_back(read_code(st));
    return rows;
  });
}

bool AccessStore::revoke_code(std::string_view encuentro_id, std::string_view code_id,
                              std::int64_t now_ms) {
  return impl_->run("revoke_code", [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement find(impl_->db,
                           "SELECT code_hash FROM access_codes WHERE encuentro_id = ?1"
                           " AND code_id = ?2 AND revoked_at_ms IS NULL");
    find.bind(1, std::string(encuentro_id));
    find.bind(2, std::string(code_id));
    if (!find.executeStep()) return false;
    const std::string code_hash = find.getColumn(0).getString();
    find.reset();
    revoke_code_and_sessions(impl_->db, code_hash, now_ms);
    tx.commit();
    return true;
  });
}

// ---- public codes --------------------------------------------------------------------------

std::optional<PublicCodeRow> AccessStore::public_code(std::string_view encuentro_id) const {
  return impl_->run("public_code", [&]() -> std::optional<PublicCodeRow> {
    SQLite::Statement st(impl_->db,
                         "SELECT encuentro_id, public_code, code_hash, created_at_ms"
                         " FROM access_codes WHERE encuentro_id = ?1"
                         " AND public_code IS NOT NULL AND revoked_at_ms IS NULL");
    st.bind(1, std::string(encuentro_id));
    if (!st.executeStep()) return std::nullopt;
    return PublicCodeRow{st.getColumn(0).getString(), st.getColumn(1).getString(),
                         st.getColumn(2).getString(), st.getColumn(3).getInt64()};
  });
}

bool AccessStore::put_public_code(const AccessCodeRow& code, std::string_view plain,
                                  bool revoke_previous, std::int64_t now_ms) {
  if (plain.empty()) throw std::invalid_argument("put_public_code: empty code");
  return impl_->run("put_public_code", [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement previous(impl_->db,
                               "SELECT code_hash FROM access_codes WHERE encuentro_id = ?1"
                               " AND public_code IS NOT NULL AND revoked_at_ms IS NULL");
    previous.bind(1, code.encuentro_id);
    std::vector<std::string> previous_hashes;
    while (previous.executeStep()) previous_hashes.push_back(previous.getColumn(0).getString());
    previous.reset();
    if (!previous_hashes.empty() && !revoke_previous) return false;
    for (const std::string& hash : previous_hashes) {
      revoke_code_and_sessions(impl_->db, hash, now_ms);
    }
    AccessCodeRow row = code;
    row.public_code = std::string(plain);
    if (!insert_code_row(impl_->db, row)) return false;
    tx.commit();
    return true;
  });
}

// ---- sessions ------------------------------------------------------------------------------

void AccessStore::insert_session(const SessionRow& row) {
  require_hash("SessionRow.token_hash", row.token_hash);
  if (row.role.empty()) throw std::invalid_argument("SessionRow.role is empty");
  impl_->run("insert_session", [&] {
    SQLite::Statement st(impl_->db,
                         "INSERT INTO sessions (token_hash, encuentro_id, role, workshop_id,"
                         " participant_id, code_hash, created_at_ms, expires_at_ms, revoked_at_ms)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, row.token_hash);
    bind_optional(st, 2, row.encuentro_id);
    st.bind(3, row.role);
    bind_optional(st, 4, row.workshop_id);
    bind_optional(st, 5, row.participant_id);
    bind_optional(st, 6, row.code_hash);
    st.bind(7, row.created_at_ms);
    st.bind(8, row.expires_at_ms);
    bind_optional(st, 9, row.revoked_at_ms);
    st.exec();
  });
}

std::optional<SessionRow> AccessStore::find_session(std::string_view token_hash) const {
  return impl_->run("find_session", [&]() -> std::optional<SessionRow> {
    const std::string hash(token_hash);
    StatementUse st(impl_->select_session);
    st->bindNoCopy(1, hash);
    if (!st->executeStep()) return std::nullopt;
    SessionRow row;
    row.token_hash = st->getColumn(0).getString();
    row.encuentro_id = optional_text(st->getColumn(1));
    row.role = st->getColumn(2).getString();
    row.workshop_id = optional_text(st->getColumn(3));
    row.participant_id = optional_text(st->getColumn(4));
    row.code_hash = optional_text(st->getColumn(5));
    row.created_at_ms = st->getColumn(6).getInt64();
    row.expires_at_ms = st->getColumn(7).getInt64();
    row.revoked_at_ms = optional_int(st->getColumn(8));
    row.code_id = optional_text(st->getColumn(9));
    row.code_revoked_at_ms = optional_int(st->getColumn(10));
    return row;
  });
}

bool AccessStore::revoke_session(std::string_view token_hash, std::int64_t now_ms) {
  return impl_->run("revoke_session", [&] {
    SQLite::Statement st(impl_->db,
                         "UPDATE sessions SET revoked_at_ms = ?2"
                         " WHERE token_hash = ?1 AND revoked_at_ms IS NULL");
    st.bind(1, std::string(token_hash));
    st.bind(2, now_ms);
    return st.exec() == 1;
  });
}

bool AccessStore::set_session_participant(std::string_view token_hash,
                                          std::string_view participant_id, std::int64_t now_ms) {
  if (participant_id.empty()) throw std::invalid_argument("participant_id is empty");
  return impl_->run("set_session_participant", [&] {
    SQLite::Statement st(impl_->db,
                         "UPDATE sessions SET participant_id = ?2 WHERE token_hash = ?1"
                         " AND participant_id IS NULL AND revoked_at_ms IS NULL"
                         " AND expires_at_ms > ?3");
    st.bind(1, std::string(token_hash));
    st.bind(2, std::string(participant_id));
    st.bind(3, now_ms);
    return st.exec() == 1;
  });
}

int AccessStore::purge(std::int64_t before_ms) {
  return impl_->run("purge", [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement sessions(impl_->db,
                               "DELETE FROM sessions WHERE expires_at_ms <= ?1"
                               " OR revoked_at_ms <= ?1");
    sessions.bind(1, before_ms);
    int deleted = sessions.exec();
    SQLite::Statement attempts(impl_->db,
                               "DELETE FROM failed_attempts WHERE locked_until_ms <= ?1"
                               " AND window_start_ms <= ?1");
    attempts.bind(1, before_ms);
    deleted += attempts.exec();
    tx.commit();
    return deleted;
  });
}

// ---- organizer secrets ---------------------------------------------------------------------

bool AccessStore::organizer_secret_ever_used() const {
  return impl_->run("organizer_secret_ever_used", [&] {
    return impl_->db
               .execAndGet(
                   "SELECT EXISTS (SELECT 1 FROM organizer_secrets"
                   " WHERE used_at_ms IS NOT NULL)")
               .getInt() != 0;
  });
}

void AccessStore::replace_unused_organizer_secrets(std::string_view secret_hash,
                                                   std::int64_t now_ms,
                                                   std::int64_t expires_at_ms) {
  require_hash("secret_hash", secret_hash);
  impl_->run("replace_unused_organizer_secrets", [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    impl_->db.exec("DELETE FROM organizer_secrets WHERE used_at_ms IS NULL");
    SQLite::Statement st(impl_->db,
                         "INSERT INTO organizer_secrets (secret_hash, created_at_ms, expires_at_ms)"
                         " VALUES (?1, ?2, ?3)");
    st.bind(1, std::string(secret_hash));
    st.bind(2, now_ms);
    st.bind(3, expires_at_ms);
    st.exec();
    tx.commit();
  });
}

void AccessStore::insert_organizer_secret(std::string_view secret_hash, std::int64_t now_ms,
                                          std::int64_t expires_at_ms) {
  require_hash("secret_hash", secret_hash);
  impl_->run("insert_organizer_secret", [&] {
    SQLite::Statement st(impl_->db,
                         "INSERT INTO organizer_secrets (secret_hash, created_at_ms, expires_at_ms)"
                         " VALUES (?1, ?2, ?3)");
    st.bind(1, std::string(secret_hash));
    st.bind(2, now_ms);
    st.bind(3, expires_at_ms);
    st.exec();
  });
}

bool AccessStore::redeem_organizer_secret(std::string_view secret_hash, const SessionRow& session,
                                          std::int64_t now_ms) {
  require_hash("SessionRow.token_hash", session.token_hash);
  return impl_->run("redeem_organizer_secret", [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement use(impl_->db,
                          "UPDATE organizer_secrets SET used_at_ms = ?2 WHERE secret_hash = ?1"
                          " AND used_at_ms IS NULL AND expires_at_ms > ?2");
    use.bind(1, std::string(secret_hash));
    use.bind(2, now_ms);
    if (use.exec() != 1) return false;
    SQLite::Statement st(impl_->db,
                         "INSERT INTO sessions (token_hash, encuentro_id, role, workshop_id,"
                         " participant_id, code_hash, created_at_ms, expires_at_ms)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7)");
    st.bind(1, session.token_hash);
    bind_optional(st, 2, session.encuentro_id);
    st.bind(3, session.role);
    bind_optional(st, 4, session.workshop_id);
    bind_optional(st, 5, session.participant_id);
    st.bind(6, session.created_at_ms);
    st.bind(7, session.expires_at_ms);
    st.exec();
    tx.commit();
    return true;
  });
}

// ---- lock-out ------------------------------------------------------------------------------

std::optional<AttemptRow> AccessStore::attempts(std::string_view key_hash) const {
  return impl_->run("attempts", [&]() -> std::optional<AttemptRow> {
    SQLite::Statement st(impl_->db,
                         "SELECT count, window_start_ms, locked_until_ms FROM failed_attempts"
                         " WHERE key = ?1");
    st.bind(1, std::string(key_hash));
    if (!st.executeStep()) return std::nullopt;
    return AttemptRow{st.getColumn(0).getInt(), st.getColumn(1).getInt64(),
                      st.getColumn(2).getInt64()};
  });
}

AttemptRow AccessStore::record_failure(std::string_view key_hash, std::int64_t now_ms,
                                       const LockoutRule& rule) {
  require_hash("key_hash", key_hash);
  if (rule.max_failures < 1 || rule.window_ms < 1 || rule.lock_ms < 1) {
    throw std::invalid_argument("LockoutRule: every value must be positive");
  }
  return impl_->run("record_failure", [&] {
    SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::string key(key_hash);
    AttemptRow row{0, now_ms, 0};
    {
      SQLite::Statement st(impl_->db,
                           "SELECT count, window_start_ms, locked_until_ms FROM failed_attempts"
                           " WHERE key = ?1");
      st.bind(1, key);
      if (st.executeStep()) {
        row = {st.getColumn(0).getInt(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64()};
      }
    }
    if (now_ms - row.window_start_ms >= rule.window_ms || now_ms < row.window_start_ms) {
      row.count = 0;  // the window ended (or the clock went back): a new one starts now
      row.window_start_ms = now_ms;
    }
    ++row.count;
    if (row.count >= rule.max_failures) {
      row.locked_until_ms = std::max(row.locked_until_ms, now_ms + rule.lock_ms);
      row.count = 0;  // a new window starts after the lock
      row.window_start_ms = now_ms;
    }
    SQLite::Statement put(
        impl_->db,
        "INSERT INTO failed_attempts (key, count, window_start_ms, locked_until_ms)"
        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE"
        " SET count = excluded.count, window_start_ms = excluded.window_start_ms,"
        " locked_until_ms = excluded.locked_until_ms");
    put.bind(1, key);
    put.bind(2, row.count);
    put.bind(3, row.window_start_ms);
    put.bind(4, row.locked_until_ms);
    put.exec();
    tx.commit();
    return row;
  });
}

int AccessStore::schema_version() const {
  return impl_->run("schema_version",
                    [&] { return impl_->db.execAndGet("PRAGMA user_version").getInt(); });
}

}  // namespace encuentro::storage
