// Reconnect storm (issue 6, item 2): a 1,000-person encuentro of realistic shape (34 workshops,
// each with its facilitator's, relator's and servant's tablets and up to 30 citizens' phones, plus a
// projector and the organizer) stays connected for 60 s while relators capture; every second a
// random 10 % of the connections are cut (the venue's Wi-Fi) and come back with their token and
// `since`. At the end every client's copy, folded from everything it received across all its
// connections, equals a fresh snapshot of what it may see: nothing lost, nothing applied twice,
// and every acknowledged capture is in the state exactly once.
//
// ENCUENTRO_STORM_SECONDS=N changes the storm's length (run by hand: longer storms).
#include <doctest/doctest.h>

#include <algorithm>
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

// Runs `commands` (name, args) as the organizer over `lanes` connections at once: a registration
// desk with several laptops. Each lane stays within the per-connection rate limit by itself.
void as_organizer(LiveServer& server, const Venue& v,
                  const std::vector<std::pair<std::string, json>>& commands, int lanes) {
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int lane = 0; lane < lanes; ++lane) {
    threads.emplace_back([&, lane] {
      WsClient c("127.0.0.1", server.port());
      c.unrecorded();
      c.send({{"type", "hello"}, {"protocol", 1}, {"token", v.org_token}, {"encuentro", v.id}});
      for (std::size_t i = static_cast<std::size_t>(lane); i < commands.size();
           i += static_cast<std::size_t>(lanes)) {
        // (The op names the command: the same op id from the same organizer is a repeat.)
        const json reply = c.command(commands[i].first + "-" + std::to_string(i),
                                     commands[i].first, commands[i].second);
        if (reply["type"] != "ack") ++failed;
        c.forget();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  REQUIRE(failed.load() == 0);
}

struct Storm {
  std::atomic<bool> running{true};   // cuts happen and relators capture
  std::atomic<bool> finish{false};   // quiet: compare with a fresh snapshot
  std::atomic<int> flushed{0};
};

// One device: a phone, a tablet, the projector. Relators keep an outbox of captures.
struct Device {
  std::string label;
  std::string token;
  std::string workshop;  // relators: where they capture
  bool relator = false;
  unsigned short port = 0;

  std::atomic<bool> cut_requested{false};
  std::deque<std::string> outbox;
  std::set<std::string> sent, acked;
  int connections = 0;
  int cuts = 0;
  int unexpected = 0;
  std::string problem;
  Replica replica;
  bool converged = false;

  json capture(const std::string& op) const {
    return {{"type", "command"},
            {"op", op},
            {"name", "contribution.capture"},
            {"args",
             {{"workshop_id", workshop}, {"kind", "propuesta"}, {"point_id", "p1"},
              {"text", "captura " + op}}}};
  }

  void handle(WsClient& c, const json& m) {
    if (replica.take(m)) return;
    if (m["type"] == "ack") {
      acked.insert(m["op"].get<std::string>());
      std::erase(outbox, m["op"].get<std::string>());
    } else if (m["type"] == "error" && m["code"] == "rate_limited" && m.contains("op")) {
      std::this_thread::sleep_for(std::chrono::milliseconds(m["retry_after_ms"].get<int>()));
      c.send(capture(m["op"]));
    } else if (m["type"] == "error") {
      ++unexpected;
      problem = m.dump();
    }
  }

  void run(Storm& storm, unsigned seed) {
    std::mt19937 random(seed);
    auto next_capture = std::chrono::steady_clock::now() + std::chrono::milliseconds(random() % 2000);
    while (!converged) {
      try {
        WsClient c("127.0.0.1", port);
        c.unrecorded();
        ++connections;
        c.send({{"type", "hello"}, {"protocol", 1}, {"token", token}, {"since", replica.seq()}});
        for (bool synced = false; !synced;) {
          auto m = c.next(10s);
          if (!m) throw std::runtime_error("no catch-up");
          if ((*m)["type"] == "synced") synced = true;
          if ((*m)["type"] == "error") throw std::runtime_error(m->dump());
          handle(c, *m);
        }
        for (const std::string& op : outbox) c.send(capture(op));
        bool counted = false;
        while (!c.closed()) {
          if (cut_requested.exchange(false)) {
            c.cut();
            ++cuts;
            break;
          }
          // A relator captures one contribution every 2 s, one at a time.
          if (relator && storm.running.load() && outbox.empty() &&
              std::chrono::steady_clock::now() >= next_capture) {
            const std::string op = label + "-" + std::to_string(sent.size() + 1);
            sent.insert(op);
            outbox.push_back(op);
            c.send(capture(op));
            next_capture += 2s;
          }
          if (auto m = c.next(100ms)) handle(c, *m);
          if (!storm.running.load() && outbox.empty() && !counted) {
            counted = true;
            ++storm.flushed;
          }
          if (storm.finish.load()) {
            while (auto m = c.next(300ms)) handle(c, *m);  // what is still in flight
            WsClient fresh("127.0.0.1", port);
            fresh.unrecorded();
            fresh.send({{"type", "hello"}, {"protocol", 1}, {"token", token}});
            auto now = protocol::decode_snapshot(
                json{{"version", protocol::kSnapshotVersion},
                     {"encuentro", fresh.expect("snapshot", 20s)["state"]}}
                    .dump());
            converged = now.ok() && replica.converged_with(*now);
            if (!converged && now.ok() && replica.state())
              problem = "the replica differs from a fresh snapshot (replica -> fresh):\n" +
                        differences(*replica.state(), *now);
            return;
          }
        }
        if (counted) --storm.flushed;
      } catch (const std::exception& e) {
        problem = e.what();  // a refused connection or a broken one: try again
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50 + random() % 200));
    }
  }
};

TEST_CASE("reconnect storm: 1,000+ connections, 10 % cut every second, all resume and converge") {
  const int seconds = env_int("ENCUENTRO_STORM_SECONDS", 60);
  const int people = 1000;

  LiveServer server;
  Venue v(server);
  v.start();
  v.ok("point.add", {{"title", "Movilidad"}});
  v.ok("question.add", {{"point_id", "p1"}, {"text", "¿Cómo llega a su trabajo?"}});
  v.ok("convocation.publish");
  std::vector<std::pair<std::string, json>> desk;
  for (int i = 0; i < people; ++i) {
    desk.push_back({"registration.create",
                    {{"name", "Persona " + std::to_string(i + 1)},
                     {"territory", "Comuna " + std::to_string(i % 16 + 1)},
                     {"value_group", kValueGroups[i % 7]},
                     {"data_consent", true}}});
  }
  as_organizer(server, v, desk, 16);
  desk.clear();
  for (int i = 0; i < people; ++i)
    desk.push_back({"checkin.registered", {{"registrant_id", "r" + std::to_string(i + 1)}}});
  as_organizer(server, v, desk, 16);
  v.ok("phase.advance", {{"to", "opening"}});
  v.ok("workshops.form");
  desk.clear();
  const json formed = v.refresh();
  for (const json& w : formed["workshops"]) {
    for (const char* role : {"facilitator", "relator", "servant"}) {
      desk.push_back({"staff.assign", {{"workshop_id", w["id"]},
                                       {"role", role},
                                       {"name", std::string(role) + " " + w["id"].get<std::string>()}}});
    }
  }
  as_organizer(server, v, desk, 8);
  v.ok("phase.advance", {{"to", "workshops"}});
  const json state = v.refresh();
  REQUIRE(state["workshops"].size() == 34);
  std::map<std::string, std::string> code_of;  // participant → registration code
  for (const json& r : state["registrants"]) code_of[r["participant_id"]] = r["code"];

  std::string public_code;
  {
    public_code = v.org->request({{"type", "access.public_code"}, {"ref", "pc"}})["code"];
  }

  // The devices: per workshop a facilitator's, a servant's and a relator's tablet and every
  // member's phone.
  std::vector<std::unique_ptr<Device>> devices;
  const auto device = [&](const std::string& label, const json& hello) {
    auto d = std::make_unique<Device>();
    d->label = label;
    d->port = server.port();
    json welcome;
    auto c = server.join(hello, &welcome);
    d->token = welcome["token"];
    return d;
  };
  for (const json& w : state["workshops"]) {
    const std::string wid = w["id"];
    devices.push_back(device("f-" + wid, {{"code", v.mint("facilitator", wid)}}));
    devices.push_back(device("s-" + wid, {{"code", v.mint("servant", wid)}}));
    auto relator = device("r-" + wid, {{"code", v.mint("relator", wid)}});
    relator->relator = true;
    relator->workshop = wid;
    devices.push_back(std::move(relator));
  }
  devices.push_back(device("projector", {{"code", v.mint("projector")}}));
  {
    // Phones: the public code, then the person's own registration code (participant.link).
    std::vector<std::string> participants;
    for (const json& w : state["workshops"])
      for (const json& m : w["members"]) participants.push_back(m);
    REQUIRE(participants.size() == static_cast<std::size_t>(people));
    std::vector<std::unique_ptr<Device>> phones(participants.size());
    std::vector<std::thread> threads;
    std::atomic<int> failed{0};
    for (int lane = 0; lane < 8; ++lane) {
      threads.emplace_back([&, lane] {
        for (std::size_t i = static_cast<std::size_t>(lane); i < participants.size(); i += 8) {
          auto d = std::make_unique<Device>();
          d->label = "p-" + participants[i];
          d->port = server.port();
          WsClient c("127.0.0.1", server.port());
          c.unrecorded();
          c.send({{"type", "hello"}, {"protocol", 1}, {"code", public_code}});
          d->token = c.expect("welcome")["token"];
          c.send({{"type", "participant.link"}, {"ref", "l"},
                  {"registration_code", code_of[participants[i]]}});
          if (c.reply_to("ref", "l")["type"] != "linked") ++failed;
          phones[i] = std::move(d);
        }
      });
    }
    for (std::thread& t : threads) t.join();
    REQUIRE(failed.load() == 0);
    for (auto& phone : phones) devices.push_back(std::move(phone));
  }
  const std::size_t total = devices.size();
  REQUIRE(total >= 1000);
  v.org.reset();  // (it would not read for a minute; it comes back for the final state)

  Storm storm;
  std::vector<std::thread> threads;
  threads.reserve(total);
  for (std::size_t i = 0; i < total; ++i)
    threads.emplace_back([&storm, d = devices[i].get(), i] {
      d->run(storm, static_cast<unsigned>(i) * 2654435761u + 7u);
    });

  // Every second, a random 10 % of the devices lose their connection.
  std::mt19937 random(61);
  std::vector<std::size_t> order(total);
  for (std::size_t i = 0; i < total; ++i) order[i] = i;
  for (int s = 0; s < seconds; ++s) {
    std::this_thread::sleep_for(1s);
    std::shuffle(order.begin(), order.end(), random);
    for (std::size_t k = 0; k < total / 10; ++k) devices[order[k]]->cut_requested = true;
  }
  storm.running = false;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (storm.flushed.load() < static_cast<int>(total) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  REQUIRE(storm.flushed.load() == static_cast<int>(total));
  std::this_thread::sleep_for(500ms);  // the last captures' events reach everybody
  storm.finish = true;
  for (std::thread& t : threads) t.join();

  v.org = server.join({{"token", v.org_token}});
  const json final_state = v.refresh();
  std::map<std::string, int> in_state;
  for (const json& c : final_state["contributions"]) ++in_state[c["text"].get<std::string>()];
  std::size_t cuts = 0, connections = 0, acked = 0, converged = 0;
  for (const auto& d : devices) {
    INFO(d->label << ": " << d->problem);
    CHECK(d->replica.duplicates() == 0);
    CHECK(d->replica.undecodable() == 0);
    CHECK(d->unexpected == 0);
    CHECK(d->converged);
    CHECK(d->acked == d->sent);
    for (const std::string& op : d->acked) CHECK(in_state["captura " + op] == 1);
    cuts += static_cast<std::size_t>(d->cuts);
    connections += static_cast<std::size_t>(d->connections);
    acked += d->acked.size();
    converged += d->converged ? 1 : 0;
  }
  CHECK(in_state.size() == acked);
  // A cut asked of a device still reconnecting from the last one waits for it, and one asked
  // twice meanwhile counts once: how many happen depends on the machine's speed (about 90 % of
  // those asked on an idle machine). That the storm really cut is all this checks.
  const std::size_t asked = static_cast<std::size_t>(seconds) * (total / 10);
  CHECK(cuts >= asked / 4);
  MESSAGE("reconnect storm: " << total << " devices for " << seconds << " s, " << cuts
                              << " cuts of " << asked << " asked, " << connections << " connections, " << acked
                              << " captures acknowledged and found once, " << converged
                              << " replicas equal to a fresh snapshot");
}

}  // namespace
}  // namespace encuentro::testing
