// Crash safety under load (issue 6, item 1): 100 relator tablets capture contributions, each with
// its own outbox and op ids, while the server is killed with SIGKILL at 20 random moments and
// started again on the same database. At the end:
// - every acknowledged command is in the log exactly once (its contribution is in the state once,
//   its op once in the ops table, its event once in the events table);
// - nothing unacknowledged is half-applied: every event in the log is one whole command of a
//   client, and the outboxes, resent with the same op ids after the last restart, are all acked;
// - every client's replica (the snapshots and events it received across all its reconnections,
//   folded) equals a fresh snapshot of the server's state.
//
// ENCUENTRO_STORM_KILLS=N runs a longer storm by hand (the default keeps CI within a minute).
#include <doctest/doctest.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <atomic>
#include <cstdlib>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "live_replica.hpp"
#include "live_venue.hpp"

namespace encuentro::testing {
namespace {

using namespace std::chrono_literals;

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::atoi(value) : fallback;
}

// What the whole storm shares: the port of the server of the moment, and the phase of the test.
struct Storm {
  std::atomic<unsigned short> port{0};
  std::atomic<bool> create{true};  // clients make new commands (false: only flush the outbox)
  std::atomic<bool> finish{false};  // flushed everywhere: catch up to `final_seq` and compare
  std::atomic<std::int64_t> final_seq{0};
  std::atomic<int> flushed{0};
};

// One relator tablet: an outbox of commands (op ids) sent until acknowledged, in order, resent
// with the same op id after every reconnection, as the web client's outbox does.
struct Tablet {
  int index = 0;
  std::string token;
  std::string workshop;
  std::string encuentro;

  std::deque<std::string> outbox;  // ops not yet acknowledged, oldest first
  std::set<std::string> sent;      // every op ever sent
  std::set<std::string> acked;
  int created = 0;
  int connections = 0;
  int duplicate_acks = 0;   // acks with duplicate: true (a resent op the server already had)
  int unexpected = 0;       // errors other than rate_limited
  std::string last_unexpected;
  Replica replica;
  bool converged = false;   // the replica equals a fresh snapshot at the end

  static std::string text_of(const std::string& op) { return "captura " + op; }

  json command_for(const std::string& op) const {
    return {{"type", "command"},
            {"op", op},
            {"name", "contribution.capture"},
            {"args",
             {{"workshop_id", workshop}, {"kind", "propuesta"}, {"point_id", "p1"},
              {"text", text_of(op)}}}};
  }

  // Reads one message (up to `timeout`) and does what it says. False if the connection broke.
  bool pump(WsClient& c, std::chrono::milliseconds timeout) {
    auto m = c.next(timeout);
    if (!m) return !c.closed();
    if (replica.take(*m)) return true;
    const json& type = (*m)["type"];
    if (type == "ack") {
      const std::string op = (*m)["op"];
      if ((*m)["duplicate"] == true) ++duplicate_acks;
      acked.insert(op);
      std::erase(outbox, op);
    } else if (type == "error" && (*m)["code"] == "rate_limited") {
      std::this_thread::sleep_for(std::chrono::milliseconds((*m)["retry_after_ms"].get<int>()));
      if (m->contains("op")) c.send(command_for((*m)["op"]));
    } else if (type == "error") {
      ++unexpected;
      last_unexpected = m->dump();
    }
    return true;
  }

  void run(Storm& storm, unsigned seed) {
    std::mt19937 random(seed);
    while (!storm.finish.load() || !converged) {
      try {
        WsClient c("127.0.0.1", storm.port.load());
        c.unrecorded();
        ++connections;
        c.send({{"type", "hello"}, {"protocol", 1}, {"token", token}, {"since", replica.seq()}});
        // Catch up, then resend what was never acknowledged (same op ids).
        bool synced = false;
        while (!synced) {
          auto m = c.next(3s);
          if (!m) throw std::runtime_error("no catch-up");
          if ((*m)["type"] == "synced") synced = true;
          if (!replica.take(*m) && (*m)["type"] == "error") throw std::runtime_error(m->dump());
        }
        for (const std::string& op : outbox) c.send(command_for(op));

        bool counted_flushed = false;
        for (;;) {
          if (storm.create.load() && outbox.empty()) {
            const std::string op = "t" + std::to_string(index) + "-" + std::to_string(++created);
            outbox.push_back(op);
            sent.insert(op);
            c.send(command_for(op));
          }
          // A relator types: 50-250 ms between captures.
          if (!pump(c, std::chrono::milliseconds(50 + random() % 200))) break;
          if (!storm.create.load() && outbox.empty() && !counted_flushed) {
            counted_flushed = true;
            ++storm.flushed;
          }
          if (storm.finish.load() && outbox.empty()) {
            // Converged? What is still in flight, then a fresh snapshot of this session's view on
            // a new connection. (A relator does not see every event: its seq need not reach the
            // organizer's.)
            while (auto m = c.next(std::chrono::milliseconds(300))) replica.take(*m);
            WsClient fresh("127.0.0.1", storm.port.load());
            fresh.unrecorded();
            fresh.send({{"type", "hello"}, {"protocol", 1}, {"token", token}});
            const json snapshot = fresh.expect("snapshot");
            auto now = protocol::decode_snapshot(
                json{{"version", protocol::kSnapshotVersion}, {"encuentro", snapshot["state"]}}
                    .dump());
            converged = now.ok() && replica.converged_with(*now);
            if (!converged && now.ok() && replica.state())
              last_unexpected = "the replica differs from a fresh snapshot (replica -> fresh):\n" +
                                differences(*replica.state(), *now);
            return;
          }
        }
        if (counted_flushed) --storm.flushed;  // a cut: it may have to resend again
      } catch (const std::exception&) {
        // The server is down or the connection broke: try again shortly (a tablet's backoff).
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20 + random() % 80));
    }
  }
};

TEST_CASE("crash storm: SIGKILL at random moments under 100 capturing tablets loses and repeats nothing") {
  const int kills = env_int("ENCUENTRO_STORM_KILLS", 20);
  const int tablets_count = 100;

  LiveServer first;
  Venue v(first);
  v.prepare(120, 0);  // four workshops
  v.ok("phase.advance", {{"to", "workshops"}});
  const std::vector<std::string> workshops = v.workshops;
  REQUIRE(workshops.size() == 4);

  std::vector<std::unique_ptr<Tablet>> tablets;
  for (int i = 0; i < tablets_count; ++i) {
    auto t = std::make_unique<Tablet>();
    t->index = i;
    t->workshop = workshops[static_cast<std::size_t>(i) % workshops.size()];
    t->encuentro = v.id;
    json welcome;
    auto c = first.join({{"code", v.mint("relator", t->workshop)}}, &welcome);
    t->token = welcome["token"];
    tablets.push_back(std::move(t));
  }
  v.org.reset();
  const std::vector<std::string> args = {"--port",      "0",     "--bind", "127.0.0.1", "--db",
                                         first.db(),    "--log-level", "warn"};

  Storm storm;
  storm.port = first.port();
  std::vector<std::thread> threads;
  for (auto& t : tablets)
    threads.emplace_back([&storm, tablet = t.get()] {
      tablet->run(storm, static_cast<unsigned>(tablet->index) * 7919u + 1u);
    });

  // The storm: up and serving for 150-650 ms, then SIGKILL, then up again on the same database.
  std::mt19937 random(20261122);
  std::unique_ptr<ServerProcess> current;
  int survived = 0;
  for (int k = 0; k < kills; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + random() % 500));
    ServerProcess& victim = current ? *current : first.process();
    const auto status = victim.stop(SIGKILL);
    REQUIRE(status.has_value());
    CHECK(status->signal == SIGKILL);
    auto next = std::make_unique<ServerProcess>(args);
    REQUIRE_MESSAGE(next->wait_listening(), "restart ", k + 1, " failed:\n", next->log_text());
    storm.port = next->port();
    current = std::move(next);
    ++survived;
  }

  // Calm: no new commands; every outbox is resent until acknowledged.
  storm.create = false;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (storm.flushed.load() < tablets_count && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  REQUIRE(storm.flushed.load() == tablets_count);

  // The server's state, seen by the organizer.
  auto org = std::make_unique<WsClient>("127.0.0.1", current->port());
  org->send({{"type", "hello"}, {"protocol", 1}, {"token", v.org_token}, {"encuentro", v.id}});
  org->expect("welcome");
  const json snapshot = org->expect("snapshot");
  storm.final_seq = snapshot["seq"].get<std::int64_t>();
  std::this_thread::sleep_for(500ms);  // the last commands' events reach every tablet
  storm.finish = true;
  for (std::thread& thread : threads) thread.join();

  // Every acknowledged op exactly once in the state; nothing that no tablet sent.
  std::map<std::string, int> in_state;  // contribution text → times
  for (const json& c : snapshot["state"]["contributions"]) ++in_state[c["text"].get<std::string>()];
  std::size_t acked = 0, sent = 0, reconnections = 0;
  int duplicate_acks = 0;
  std::set<std::string> all_sent;
  for (const auto& t : tablets) {
    INFO("tablet " << t->index << ": " << t->last_unexpected);
    CHECK(t->unexpected == 0);
    CHECK(t->outbox.empty());
    CHECK(t->acked == t->sent);  // after the flush, every command sent was acknowledged
    CHECK(t->replica.duplicates() == 0);
    CHECK(t->replica.undecodable() == 0);
    CHECK(t->converged);
    for (const std::string& op : t->acked) {
      INFO(op);
      CHECK(in_state[Tablet::text_of(op)] == 1);
    }
    acked += t->acked.size();
    sent += t->sent.size();
    reconnections += static_cast<std::size_t>(t->connections - 1);
    duplicate_acks += t->duplicate_acks;
    for (const std::string& op : t->sent) all_sent.insert(Tablet::text_of(op));
  }
  for (const auto& entry : in_state) {  // (not a structured binding: clang < 16 cannot INFO one)
    INFO(entry.first);
    CHECK(entry.second == 1);
    CHECK(all_sent.contains(entry.first));
  }
  CHECK(in_state.size() == acked);

  // The database itself, once the last server is stopped: intact, one captured event and one op
  // row per acknowledged command, seqs without a gap.
  org.reset();
  REQUIRE(current->stop(SIGTERM, 30s).has_value());
  SQLite::Database db(first.db(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  const auto count = [&](const std::string& sql) {
    SQLite::Statement query(db, sql);
    query.bind(1, v.id);
    REQUIRE(query.executeStep());
    return query.getColumn(0).getInt64();
  };
  CHECK(count("SELECT count(*) FROM events WHERE encuentro_id = ?1 AND "
              "type = 'contribution.captured'") == static_cast<std::int64_t>(acked));
  CHECK(count("SELECT count(DISTINCT op_id) FROM events WHERE encuentro_id = ?1 AND "
              "type = 'contribution.captured'") == static_cast<std::int64_t>(acked));
  // (The ops table keys a digest of sender and op id, so it is joined by the event's seq.)
  CHECK(count("SELECT count(*) FROM ops o JOIN events e ON e.encuentro_id = o.encuentro_id AND "
              "e.seq = o.first_seq WHERE o.encuentro_id = ?1 AND "
              "e.type = 'contribution.captured'") == static_cast<std::int64_t>(acked));
  CHECK(count("SELECT max(seq) - count(*) FROM events WHERE encuentro_id = ?1") == 0);
  CHECK(count("SELECT max(seq) FROM events WHERE encuentro_id = ?1") == storm.final_seq.load());

  MESSAGE("crash storm: " << survived << " SIGKILLs survived, " << tablets_count << " tablets, "
                          << sent << " commands sent, " << acked
                          << " acknowledged and found once, " << duplicate_acks
                          << " resent after a lost ack (answered duplicate), " << reconnections
                          << " reconnections");
  CHECK(survived == kills);
  // Not a speed check (the machine may be busy): only that the storm did real work.
  CHECK(acked >= static_cast<std::size_t>(tablets_count) * 2);
}

}  // namespace
}  // namespace encuentro::testing
