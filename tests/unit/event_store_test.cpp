// Tests for storage/event_store.hpp (and the schema migrations and error mapping beneath it).
// Every test works on its own database file in a fresh temporary directory.

#include "storage/event_store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/schema.hpp"
#include "storage/sqlite_error.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace encuentro::storage;

namespace {

using encuentro::testing::TempDir;

EventStore::Options options_for(const std::string& path) {
  EventStore::Options options;
  options.path = path;
  return options;
}

Commit make_commit(const std::string& encuentro, std::optional<std::string> op,
                   std::int64_t expected, int event_count, const std::string& tag = "e") {
  Commit c;
  c.encuentro_id = encuentro;
  c.op_id = std::move(op);
  c.expected_last_seq = expected;
  for (int i = 0; i < event_count; ++i) {
    c.events.push_back(NewEvent{"test.happened", tag + "-" + std::to_string(expected + i + 1),
                                1000 + expected + i, "actor-1"});
  }
  c.result = "result-" + tag;
  return c;
}

// Every row of every table, in a canonical order: "unchanged" means this string is equal.
std::string dump(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  std::string out;
  const char* queries[] = {
      "SELECT * FROM streams ORDER BY rowid",
      "SELECT * FROM events ORDER BY encuentro_id, seq",
      "SELECT * FROM ops ORDER BY encuentro_id, op_id",
      "SELECT * FROM snapshots ORDER BY encuentro_id",
  };
  for (const char* query : queries) {
    out += query;
    out += '\n';
    SQLite::Statement st(db, query);
    while (st.executeStep()) {
      for (int i = 0; i < st.getColumnCount(); ++i) {
        out += st.isColumnNull(i) ? std::string("NULL") : st.getColumn(i).getString();
        out += '|';
      }
      out += '\n';
    }
  }
  return out;
}

std::int64_t count_rows(const std::string& path, const std::string& table) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

std::vector<std::int64_t> seqs_of(const EventStore& store, const std::string& encuentro,
                                  std::int64_t after = 0) {
  std::vector<std::int64_t> seqs;
  store.for_each_event(encuentro, after, [&](const EventRecord& r) { seqs.push_back(r.seq); });
  return seqs;
}

std::vector<std::int64_t> one_to(std::int64_t n) {
  std::vector<std::int64_t> v;
  for (std::int64_t i = 1; i <= n; ++i) v.push_back(i);
  return v;
}

template <typename Fn>
StorageErrorKind kind_thrown_by(Fn&& fn) {
  try {
    fn();
  } catch (const StorageError& e) {
    return e.kind();
  }
  FAIL("expected a StorageError");
  return StorageErrorKind::unknown;
}

int sqlite_code_thrown_by(SQLite::Database& db, const std::string& sql) {
  try {
    db.exec(sql);
  } catch (const SQLite::Exception& e) {
    return e.getErrorCode();
  }
  return SQLITE_OK;
}

}  // namespace

TEST_SUITE("storage.event_store") {
  TEST_CASE("a fresh database reaches the latest schema version, in WAL, synchronous FULL") {
    TempDir dir;
    const auto path = dir.file("e.db");
    {
      EventStore store(options_for(path));
      CHECK(store.schema_version() == latest_schema_version());
      CHECK(store.schema_version() >= 1);
      CHECK(store.journal_mode() == "wal");
      CHECK(store.synchronous() == Synchronous::full);
      CHECK(store.last_seq("nobody") == 0);
      CHECK(store.encuentro_ids().empty());
    }
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == latest_schema_version());
    CHECK(raw.execAndGet("PRAGMA application_id").getInt() == kApplicationId);
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");  // persistent in the file
  }

  TEST_CASE("the synchronous option is applied and read back") {
    TempDir dir;
    auto options = options_for(dir.file("e.db"));
    SUBCASE("normal") {
      options.synchronous = Synchronous::normal;
      CHECK(EventStore(options).synchronous() == Synchronous::normal);
    }
    SUBCASE("extra") {
      options.synchronous = Synchronous::extra;
      CHECK(EventStore(options).synchronous() == Synchronous::extra);
    }
  }

  TEST_CASE("reopening a current database applies no migration and keeps the version") {
    TempDir dir;
    const auto path = dir.file("e.db");
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      CHECK(migrate(raw) == latest_schema_version());
      CHECK(migrate(raw) == 0);
    }
    EventStore store(options_for(path));  // opens a database migrated by someone else
    CHECK(store.schema_version() == latest_schema_version());
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    CHECK(migrate(raw) == 0);
  }

  TEST_CASE("migration steps run in order, each in its own transaction") {
    TempDir dir;
    SQLite::Database raw(dir.file("m.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    const Migration two_steps[] = {
        {1, "a", "CREATE TABLE a (x INTEGER);"},
        {2, "b", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1);"},
    };
    CHECK(migrate(raw, std::span(two_steps).first(1)) == 1);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 1);
    CHECK(migrate(raw, two_steps) == 1);  // only step 2 is new
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 2);

    SUBCASE("a failing step rolls back alone; earlier steps stay") {
      const Migration failing[] = {
          two_steps[0],
          two_steps[1],
          {3, "c", "CREATE TABLE c (z INTEGER); INSERT INTO nowhere VALUES (1);"},
      };
      CHECK_THROWS_AS(migrate(raw, failing), SQLite::Exception);
      CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 2);
      CHECK(raw.tableExists("b"));
      CHECK_FALSE(raw.tableExists("c"));
    }
    SUBCASE("a list not numbered 1..N is a programming error") {
      const Migration gap[] = {two_steps[0], {3, "c", "SELECT 1;"}};
      CHECK_THROWS_AS(migrate(raw, gap), std::logic_error);
    }
  }

  TEST_CASE("a database with a newer schema version than the code knows is refused") {
    TempDir dir;
    const auto path = dir.file("e.db");
    { EventStore store(options_for(path)); }
    const int newer = latest_schema_version() + 1;
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      raw.exec("PRAGMA user_version = " + std::to_string(newer));
    }
    try {
      EventStore store(options_for(path));
      FAIL("opened a database from the future");
    } catch (const StorageError& e) {
      CHECK(e.kind() == StorageErrorKind::incompatible);
      CHECK(std::string(e.what()).find("newer than this server knows") != std::string::npos);
    }
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == newer);  // left as it was
  }

  TEST_CASE("a version-0 database holding someone else's tables is refused, untouched") {
    TempDir dir;
    const auto path = dir.file("foreign.db");
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      raw.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
    }
    CHECK(kind_thrown_by([&] { EventStore store(options_for(path)); }) ==
          StorageErrorKind::incompatible);
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 0);
    CHECK(raw.tableExists("invoices"));
    CHECK_FALSE(raw.tableExists("events"));
  }

  TEST_CASE("a file that is not SQLite is refused as corrupt") {
    TempDir dir;
    const auto path = dir.file("notes.db");
    std::ofstream(path) << std::string(8192, 'x');
    CHECK(kind_thrown_by([&] { EventStore store(options_for(path)); }) ==
          StorageErrorKind::corrupt);
  }

  TEST_CASE("an in-memory or empty path is refused") {
    CHECK_THROWS_AS(EventStore(options_for(":memory:")), std::invalid_argument);
    CHECK_THROWS_AS(EventStore(options_for("")), std::invalid_argument);
  }

  TEST_CASE("seqs are gap-free across many commits and two streams") {
    TempDir dir;
    const auto path = dir.file("e.db");
    EventStore store(options_for(path));
    std::int64_t zeta = 0;
    std::int64_t alpha = 0;
    for (int i = 0; i < 40; ++i) {
      const int n = 1 + i % 3;
      auto& last = (i % 2 == 0) ? zeta : alpha;
      const std::string id = (i % 2 == 0) ? "zeta" : "alpha";
      const auto outcome = store.commit(make_commit(id, "op-" + std::to_string(i), last, n));
      CHECK_FALSE(outcome.duplicate);
      CHECK(outcome.op.first_seq == last + 1);
      CHECK(outcome.op.last_seq == last + n);
      last += n;
    }
    CHECK(store.last_seq("zeta") == zeta);
    CHECK(store.last_seq("alpha") == alpha);
    CHECK(seqs_of(store, "zeta") == one_to(zeta));
    CHECK(seqs_of(store, "alpha") == one_to(alpha));
    CHECK(count_rows(path, "events") == zeta + alpha);
    // Creation order, not alphabetical order.
    CHECK(store.encuentro_ids() == std::vector<std::string>{"zeta", "alpha"});

    const auto events = store.events_after("alpha", 0, 3);
    REQUIRE(events.size() == 3);
    CHECK(events[0].encuentro_id == "alpha");
    CHECK(events[0].type == "test.happened");
    CHECK(events[0].payload == "e-1");
    CHECK(events[0].at_ms == 1000);
    CHECK(events[0].actor == "actor-1");
    CHECK(events[2].payload == "e-3");
  }

  TEST_CASE("a repeated op id is applied once and returns the first result") {
    TempDir dir;
    const auto path = dir.file("e.db");
    EventStore store(options_for(path));
    const auto first = store.commit(make_commit("e1", "op-1", 0, 2, "first"));
    CHECK_FALSE(first.duplicate);
    CHECK(first.op.first_seq == 1);
    CHECK(first.op.last_seq == 2);
    CHECK(first.op.result == "result-first");
    store.commit(make_commit("e1", "op-2", 2, 1));
    const auto before = dump(path);

    // The repeat carries other events, another result and a stale expected seq: still a repeat.
    const auto again = store.commit(make_commit("e1", "op-1", 0, 5, "second"));
    CHECK(again.duplicate);
    CHECK(again.op.first_seq == 1);
    CHECK(again.op.last_seq == 2);
    CHECK(again.op.result == "result-first");
    CHECK(dump(path) == before);
    CHECK(store.last_seq("e1") == 3);

    const auto found = store.find_op("e1", "op-1");
    REQUIRE(found.has_value());
    CHECK(found->result == "result-first");
    CHECK_FALSE(store.find_op("e1", "op-unknown").has_value());

    // Op ids are scoped by encuentro: the same id elsewhere is a new op.
    CHECK_FALSE(store.find_op("e2", "op-1").has_value());
    const auto elsewhere = store.commit(make_commit("e2", "op-1", 0, 1));
    CHECK_FALSE(elsewhere.duplicate);
    CHECK(store.last_seq("e2") == 1);
  }

  TEST_CASE("server commands without an op id are never deduplicated") {
    TempDir dir;
    const auto path = dir.file("e.db");
    EventStore store(options_for(path));
    store.commit(make_commit("e1", std::nullopt, 0, 1));
    store.commit(make_commit("e1", std::nullopt, 1, 1));
    CHECK(store.last_seq("e1") == 2);
    CHECK(count_rows(path, "ops") == 0);
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT count(*) FROM events WHERE op_id IS NULL").getInt() == 2);
  }

  TEST_CASE("a wrong expected_last_seq is a conflict and writes nothing") {
    TempDir dir;
    const auto path = dir.file("e.db");
    EventStore store(options_for(path));
    store.commit(make_commit("e1", "op-1", 0, 3));
    const auto before = dump(path);

    CHECK(kind_thrown_by([&] { store.commit(make_commit("e1", "op-2", 2, 1)); }) ==
          StorageErrorKind::conflict);
    CHECK(kind_thrown_by([&] { store.commit(make_commit("e1", "op-2", 4, 1)); }) ==
          StorageErrorKind::conflict);
    CHECK(kind_thrown_by([&] { store.commit(make_commit("new", "op-3", 1, 1)); }) ==
          StorageErrorKind::conflict);
    CHECK(dump(path) == before);
    CHECK_FALSE(store.find_op("e1", "op-2").has_value());
    CHECK(store.encuentro_ids() == std::vector<std::string>{"e1"});
    // The store carries on.
    CHECK(store.commit(make_commit("e1", "op-2", 3, 1)).op.first_seq == 4);
  }

  TEST_CASE("a commit that fails after some rows were written leaves no row behind") {
    TempDir dir;
    const auto path = dir.file("e.db");
    EventStore store(options_for(path));
    auto with_snapshot = [](Commit c) {
      c.snapshot = Snapshot{c.expected_last_seq + static_cast<std::int64_t>(c.events.size()), "s"};
      return c;
    };
    store.commit(with_snapshot(make_commit("e1", "op-1", 0, 2)));
    const auto before = dump(path);

    // Another connection plants a failure in the last writes of a commit: the stream head and
    // the events have been written inside the transaction by the time it fires.
    const char* target = nullptr;
    SUBCASE("failure on the op record") {
      target = "ops";
    }
    SUBCASE("failure on the snapshot") {
      target = "snapshots";
    }
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      raw.exec(std::string("CREATE TRIGGER inject_failure BEFORE INSERT ON ") + target +
               " BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
    }
    CHECK(kind_thrown_by([&] { store.commit(with_snapshot(make_commit("e1", "op-2", 2, 3))); }) ==
          StorageErrorKind::constraint);
    CHECK(dump(path) == before);
    CHECK(store.last_seq("e1") == 2);
    CHECK_FALSE(store.find_op("e1", "op-2").has_value());
    // A first commit to a new stream fails the same way and does not create the stream.
    CHECK_THROWS_AS(store.commit(with_snapshot(make_commit("e2", "op-9", 0, 1))), StorageError);
    CHECK(store.encuentro_ids() == std::vector<std::string>{"e1"});

    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      raw.exec("DROP TRIGGER inject_failure");
    }
    // No seq was burnt by the failed attempt.
    const auto retry = store.commit(with_snapshot(make_commit("e1", "op-2", 2, 3)));
    CHECK(retry.op.first_seq == 3);
    CHECK(seqs_of(store, "e1") == one_to(5));
  }

  TEST_CASE("a full database fails with kind full and changes nothing") {
    TempDir dir;
    const auto path = dir.file("e.db");
    // The budget is the schema's own size plus room for a few small commits, so a later
    // migration that adds tables does not turn this test into a failure to open.
    std::int64_t schema_bytes = 0;
    {
      EventStore fresh(options_for(path));
      SQLite::Database db(path, SQLite::OPEN_READONLY);
      schema_bytes = db.execAndGet("PRAGMA page_count").getInt64() *
                     db.execAndGet("PRAGMA page_size").getInt64();
    }
    auto options = options_for(path);
    options.max_size_bytes = static_cast<std::uint64_t>(schema_bytes) + 48 * 1024;
    EventStore store(options);
    store.commit(make_commit("e1", "op-1", 0, 1));
    const auto before = dump(path);

    Commit big = make_commit("e1", "op-2", 1, 3);
    big.events[1].payload = std::string(256 * 1024, 'p');  // more than the whole budget
    CHECK(kind_thrown_by([&] { store.commit(big); }) == StorageErrorKind::full);
    CHECK(dump(path) == before);
    CHECK_FALSE(store.find_op("e1", "op-2").has_value());
    // Small commits still fit.
    CHECK(store.commit(make_commit("e1", "op-2", 1, 1)).op.first_seq == 2);
  }

  TEST_CASE("a write lock held by another process past busy_timeout is kind busy") {
    TempDir dir;
    const auto path = dir.file("e.db");
    auto options = options_for(path);
    options.busy_timeout = std::chrono::milliseconds(50);
    EventStore store(options);
    store.commit(make_commit("e1", "op-1", 0, 1));
    const auto before = dump(path);

    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    CHECK(kind_thrown_by([&] { store.commit(make_commit("e1", "op-2", 1, 1)); }) ==
          StorageErrorKind::busy);
    other.exec("ROLLBACK");
    CHECK(dump(path) == before);
    CHECK(store.commit(make_commit("e1", "op-2", 1, 1)).op.first_seq == 2);
  }

  TEST_CASE("events are append-only: raw SQL cannot delete, rewrite or skip") {
    TempDir dir;
    const auto path = dir.file("e.db");
    {
      EventStore store(options_for(path));
      store.commit(make_commit("e1", "op-1", 0, 3));
    }
    const auto before = dump(path);
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    const std::string refused[] = {
        "DELETE FROM events WHERE seq = 3",
        "DELETE FROM events",
        "UPDATE events SET seq = 10 WHERE seq = 3",
        "UPDATE events SET encuentro_id = 'e2' WHERE seq = 1",
        "UPDATE events SET type = 'other' WHERE seq = 1",
        "UPDATE events SET at_ms = 0 WHERE seq = 1",
        "UPDATE events SET actor = 'mallory' WHERE seq = 1",
        "UPDATE events SET op_id = NULL WHERE seq = 1",
        // A gap, a repeated seq, and seq 0.
        "INSERT INTO events VALUES ('e1', 5, 't', 'p', 0, 'a', NULL)",
        "INSERT INTO events VALUES ('e1', 3, 't', 'p', 0, 'a', NULL)",
        "INSERT INTO events VALUES ('e1', 0, 't', 'p', 0, 'a', NULL)",
        // An event of a stream that does not exist (foreign key; only enforced when enabled).
        "PRAGMA foreign_keys = ON; INSERT INTO events VALUES ('ghost', 1, 't', 'p', 0, 'a', NULL)",
        "UPDATE streams SET last_seq = 1 WHERE encuentro_id = 'e1'",
    };
    for (const auto& sql : refused) {
      CAPTURE(sql);
      const int code = sqlite_code_thrown_by(raw, sql);
      CHECK(kind_of_sqlite_code(code) == StorageErrorKind::constraint);
    }
    CHECK(dump(path) == before);

    // Payload stays updatable: reserved for the audited redaction of personal data.
    CHECK(raw.exec("UPDATE events SET payload = '[redacted]' WHERE seq = 2") == 1);
  }

  TEST_CASE("reopening keeps events, ops, snapshot and stream order") {
    TempDir dir;
    const auto path = dir.file("e.db");
    {
      EventStore store(options_for(path));
      store.commit(make_commit("b", "op-1", 0, 2));
      auto c = make_commit("a", "op-2", 0, 3);
      c.snapshot = Snapshot{3, "state@3"};
      store.commit(c);
      CHECK(store.checkpoint());
    }
    EventStore store(options_for(path));
    CHECK(store.encuentro_ids() == std::vector<std::string>{"b", "a"});
    CHECK(store.last_seq("a") == 3);
    CHECK(seqs_of(store, "b") == one_to(2));
    const auto op = store.find_op("a", "op-2");
    REQUIRE(op.has_value());
    CHECK(op->first_seq == 1);
    CHECK(op->last_seq == 3);
    CHECK(op->result == "result-e");
    const auto snapshot = store.latest_snapshot("a");
    REQUIRE(snapshot.has_value());
    CHECK(snapshot->seq == 3);
    CHECK(snapshot->payload == "state@3");
    CHECK_FALSE(store.latest_snapshot("b").has_value());
    CHECK(store.commit(make_commit("a", "op-2", 0, 1)).duplicate);
    CHECK(store.commit(make_commit("a", "op-3", 3, 1)).op.first_seq == 4);
  }

  TEST_CASE("for_each_event streams in ascending seq after after_seq") {
    TempDir dir;
    EventStore store(options_for(dir.file("e.db")));
    for (int i = 0; i < 10; ++i) store.commit(make_commit("e1", std::nullopt, i, 1));
    store.commit(make_commit("e2", std::nullopt, 0, 4));

    CHECK(seqs_of(store, "e1") == one_to(10));
    CHECK(seqs_of(store, "e1", 7) == std::vector<std::int64_t>{8, 9, 10});
    CHECK(seqs_of(store, "e1", 10).empty());
    CHECK(seqs_of(store, "e1", -5) == one_to(10));
    CHECK(seqs_of(store, "nobody").empty());

    std::vector<std::string> payloads;
    store.for_each_event("e1", 8, [&](const EventRecord& r) { payloads.push_back(r.payload); });
    CHECK(payloads == std::vector<std::string>{"e-9", "e-10"});

    const auto page = store.events_after("e1", 2, 3);
    REQUIRE(page.size() == 3);
    CHECK(page.front().seq == 3);
    CHECK(page.back().seq == 5);
    CHECK(store.events_after("e1", 2, 0).empty());
    CHECK(store.events_after("e1", 9, 100).size() == 1);

    SUBCASE("an exception from the callback stops the walk and leaves the store usable") {
      int seen = 0;
      CHECK_THROWS_AS(store.for_each_event("e1", 0,
                                           [&](const EventRecord&) {
                                             if (++seen == 3) throw std::runtime_error("stop");
                                           }),
                      std::runtime_error);
      CHECK(seen == 3);
      CHECK(store.checkpoint());  // no read left open by the interrupted walk
      CHECK(store.commit(make_commit("e1", std::nullopt, 10, 1)).op.first_seq == 11);
      CHECK(seqs_of(store, "e1", 9) == std::vector<std::int64_t>{10, 11});
    }
  }

  TEST_CASE("a newer snapshot replaces the older one; an older one never does") {
    TempDir dir;
    EventStore store(options_for(dir.file("e.db")));
    CHECK_FALSE(store.latest_snapshot("e1").has_value());
    auto c1 = make_commit("e1", std::nullopt, 0, 1);
    c1.snapshot = Snapshot{1, "s1"};
    store.commit(c1);
    auto c2 = make_commit("e1", std::nullopt, 1, 2);
    c2.snapshot = Snapshot{3, "s3"};
    store.commit(c2);
    CHECK(store.latest_snapshot("e1")->seq == 3);
    CHECK(store.latest_snapshot("e1")->payload == "s3");

    auto c3 = make_commit("e1", std::nullopt, 3, 1);
    c3.snapshot = Snapshot{2, "s2"};  // valid, but older than the stored one
    store.commit(c3);
    CHECK(store.latest_snapshot("e1")->payload == "s3");

    auto bad = make_commit("e1", std::nullopt, 4, 1);
    bad.snapshot = Snapshot{6, "beyond the commit"};
    CHECK_THROWS_AS(store.commit(bad), std::invalid_argument);
    CHECK(store.last_seq("e1") == 4);
  }

  TEST_CASE("malformed commits are refused before anything is written") {
    TempDir dir;
    const auto path = dir.file("e.db");
    EventStore store(options_for(path));
    const auto before = dump(path);
    auto no_events = make_commit("e1", "op", 0, 0);
    auto no_id = make_commit("", "op", 0, 1);
    auto empty_op = make_commit("e1", std::string(), 0, 1);
    auto negative = make_commit("e1", "op", -1, 1);
    auto no_type = make_commit("e1", "op", 0, 1);
    no_type.events[0].type.clear();
    for (const Commit* c : {&no_events, &no_id, &empty_op, &negative, &no_type}) {
      CHECK_THROWS_AS(store.commit(*c), std::invalid_argument);
    }
    CHECK(dump(path) == before);
  }

  TEST_CASE("concurrent commits from two threads to different streams stay consistent") {
    TempDir dir;
    const auto path = dir.file("e.db");
    EventStore store(options_for(path));
    constexpr int kCommits = 150;
    std::atomic<bool> failed{false};
    std::atomic<bool> writers_done{false};
    auto writer = [&](const std::string& id) {
      try {
        std::int64_t last = 0;
        for (int i = 0; i < kCommits; ++i) {
          const int n = 1 + i % 2;
          const auto outcome =
              store.commit(make_commit(id, id + "-op-" + std::to_string(i), last, n));
          if (outcome.duplicate || outcome.op.first_seq != last + 1) failed = true;
          last += n;
        }
      } catch (...) {
        failed = true;
      }
    };
    std::thread reader([&] {
      while (!writers_done) {
        for (const auto& id : store.encuentro_ids()) {
          const auto seqs = seqs_of(store, id);
          for (std::size_t i = 0; i < seqs.size(); ++i) {
            if (seqs[i] != static_cast<std::int64_t>(i) + 1) failed = true;
          }
        }
      }
    });
    std::thread a(writer, "a");
    std::thread b(writer, "b");
    a.join();
    b.join();
    writers_done = true;
    reader.join();

    CHECK_FALSE(failed.load());
    const std::int64_t expected = kCommits / 2 * 3;  // alternating 1 and 2 events
    CHECK(store.last_seq("a") == expected);
    CHECK(store.last_seq("b") == expected);
    CHECK(seqs_of(store, "a") == one_to(expected));
    CHECK(seqs_of(store, "b") == one_to(expected));
    CHECK(count_rows(path, "ops") == 2 * kCommits);
  }

  TEST_CASE("SQLite result codes map to storage error kinds") {
    CHECK(kind_of_sqlite_code(SQLITE_FULL) == StorageErrorKind::full);
    CHECK(kind_of_sqlite_code(SQLITE_READONLY) == StorageErrorKind::read_only);
    CHECK(kind_of_sqlite_code(SQLITE_READONLY_DBMOVED) == StorageErrorKind::read_only);
    CHECK(kind_of_sqlite_code(SQLITE_BUSY) == StorageErrorKind::busy);
    CHECK(kind_of_sqlite_code(SQLITE_BUSY_SNAPSHOT) == StorageErrorKind::busy);
    CHECK(kind_of_sqlite_code(SQLITE_LOCKED) == StorageErrorKind::busy);
    CHECK(kind_of_sqlite_code(SQLITE_CORRUPT) == StorageErrorKind::corrupt);
    CHECK(kind_of_sqlite_code(SQLITE_NOTADB) == StorageErrorKind::corrupt);
    CHECK(kind_of_sqlite_code(SQLITE_IOERR_FSYNC) == StorageErrorKind::io);
    CHECK(kind_of_sqlite_code(SQLITE_CANTOPEN) == StorageErrorKind::io);
    CHECK(kind_of_sqlite_code(SQLITE_CONSTRAINT_TRIGGER) == StorageErrorKind::constraint);
    CHECK(kind_of_sqlite_code(SQLITE_ERROR) == StorageErrorKind::unknown);
    CHECK(kind_of_sqlite_code(-1) == StorageErrorKind::unknown);

    const auto error = to_storage_error(SQLite::Exception("disk gone", SQLITE_IOERR), "commit");
    CHECK(error.kind() == StorageErrorKind::io);
    CHECK(std::string(error.what()).find("commit: disk gone") == 0);
    CHECK(to_string(StorageErrorKind::read_only) == "read_only");
  }
}
