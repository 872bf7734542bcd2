// The architecture's promises over the wire (shared/protocol/README.md), each against the real
// server process: resume by seq, exactly once, least privilege per role, bad input answered with a
// typed error that changes nothing, the Origin allow-list, rate limits, revocation.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "live_replica.hpp"
#include "live_venue.hpp"

namespace encuentro::testing {
namespace {

// The events of `messages` (as received), by seq.
std::vector<json> events_of(const std::vector<json>& messages) {
  std::vector<json> out;
  for (const json& m : messages)
    if (m["type"] == "event") out.push_back(m);
  return out;
}

std::int64_t last_seq(const std::vector<json>& messages, std::int64_t from) {
  for (const json& m : messages) {
    if (m["type"] == "event" || m["type"] == "synced") from = std::max<std::int64_t>(from, m["seq"]);
  }
  return from;
}

TEST_CASE("a client that drops mid-workshop resumes with since and ends where one that stayed is") {
  LiveServer server;
  Venue v(server);
  v.prepare(12, 0);
  v.ok("phase.advance", {{"to", "workshops"}});
  const std::string w = v.workshops.at(0);
  const std::string relator_code = v.mint("relator", w);
  json welcome;
  auto stays = server.join({{"code", relator_code}}, &welcome);
  const std::string token = welcome["token"];
  catch_up(*stays);
  auto leaves = server.join({{"token", token}});  // the same session on a second tablet
  std::int64_t seen = last_seq(catch_up(*leaves), 0);
  auto facilitator = server.join({{"code", v.mint("facilitator", w)}});
  catch_up(*facilitator);
  const json org_start = v.refresh();

  require_ack(facilitator->command("f1", "timer.start", {{"workshop_id", w}, {"minutes", 60}}));
  seen = last_seq(leaves->drain(std::chrono::milliseconds(200)), seen);
  leaves->cut();  // the tablet's Wi-Fi drops

  for (int i = 0; i < 5; ++i) {
    require_ack(stays->command("r" + std::to_string(i), "contribution.capture",
                               {{"workshop_id", w},
                                {"kind", "propuesta"},
                                {"point_id", "p1"},
                                {"text", "Idea " + std::to_string(i)}}));
  }
  require_ack(facilitator->command("f2", "timer.extend", {{"workshop_id", w}, {"minutes", 10}}));
  require_ack(facilitator->command("f3", "timer.pause", {{"workshop_id", w}}));

  auto back = server.join({{"token", token}, {"since", seen}});
  const std::vector<json> missed = catch_up(*back);
  const std::vector<json> stayed = stays->drain(std::chrono::milliseconds(200));
  std::vector<json> stayed_after;
  for (const json& e : events_of(stayed))
    if (e["seq"] > seen) stayed_after.push_back(e);
  CHECK(events_of(missed).size() == 7);
  CHECK(events_of(missed) == stayed_after);  // exactly what it missed: no gap, no repeat
  CHECK(missed.back()["seq"] == last_seq(stayed, seen));

  // Live again: the next event reaches both, once.
  require_ack(stays->command("r-live", "contribution.capture", {{"workshop_id", w},
                                                                {"kind", "sugerencia"},
                                                                {"point_id", "p2"},
                                                                {"text", "Después"}}));
  const std::vector<json> a = events_of(stays->drain(std::chrono::milliseconds(200)));
  const std::vector<json> b = events_of(back->drain(std::chrono::milliseconds(200)));
  REQUIRE(a.size() == 1);
  CHECK(a == b);

  // The organizer's stream folds to exactly the server's state.
  const std::vector<json> org_events = events_of(v.org->drain(std::chrono::milliseconds(200)));
  CHECK(org_events.size() == 9);
  const domain::Encuentro folded = fold(org_start, org_events);
  CHECK(folded == decoded(v.refresh()));

  // Far behind (since 1): a snapshot instead of a thousand events is also a valid answer; here
  // it is within the limit, so events come.
  auto old = server.join({{"token", token}, {"since", 1}});
  const std::vector<json> from_one = catch_up(*old);
  CHECK(from_one.front()["type"] == "event");
}

TEST_CASE("a command sent again with the same op is applied once") {
  LiveServer server;
  Venue v(server);
  v.start();
  const json first = v.org->command("same-op", "point.add", {{"title", "Una vez"}});
  require_ack(first);
  CHECK(first["duplicate"] == false);
  const json again = v.org->command("same-op", "point.add", {{"title", "Una vez"}});
  require_ack(again);
  CHECK(again["duplicate"] == true);
  CHECK(again["seq"] == first["seq"]);
  CHECK(again["first_seq"] == first["first_seq"]);

  // From another connection of the same session (a replayed outbox after a reconnect).
  auto other = server.join({{"token", v.org_token}, {"encuentro", v.id}});
  catch_up(*other);
  const json replayed = other->command("same-op", "point.add", {{"title", "Una vez"}});
  CHECK(replayed["duplicate"] == true);
  CHECK(replayed["seq"] == first["seq"]);

  // Ops belong to their sender: another organizer's command with the same op id is its own.
  auto second = server.join({{"code", v.mint("organizer")}});
  catch_up(*second);
  const json theirs = second->command("same-op", "point.add", {{"title", "Otra"}});
  require_ack(theirs);
  CHECK(theirs["duplicate"] == false);
  CHECK(theirs["seq"] > first["seq"]);
  // A public viewer cannot even follow a draft, let alone send to it.
  auto viewer = server.join({{"encuentro", v.id}});
  require_error(viewer->expect("error"), "unknown_encuentro");
  require_error(viewer->command("same-op", "point.add", {{"title", "Una vez"}}), "not_subscribed");

  const json state = v.refresh();
  CHECK(state["seq"] == theirs["seq"]);
  int count = 0;
  for (const json& p : state["points"]) count += p["title"] == "Una vez";
  CHECK(count == 1);
}

TEST_CASE("every role is refused what it may not do, with the right code, and nothing changes") {
  LiveServer server;
  Venue v(server);
  v.prepare(40, 0);
  REQUIRE(v.workshops.size() == 2);
  v.ok("phase.advance", {{"to", "workshops"}});
  const std::string w1 = v.workshops[0], w2 = v.workshops[1];
  const std::string p1 = v.members[w1][0], p1b = v.members[w1][1], p2 = v.members[w2][0];

  auto facilitator = server.join({{"code", v.mint("facilitator", w1)}});
  auto relator = server.join({{"code", v.mint("relator", w1)}});
  auto servant = server.join({{"code", v.mint("servant", w1)}});
  auto projector = server.join({{"code", v.mint("projector")}});
  auto office = server.join({{"code", v.mint("office")}});
  auto citizen = server.join({{"code", v.mint("citizen", nullptr, p1)}});
  auto anyone = server.join({{"encuentro", v.id}});
  for (WsClient* c : {facilitator.get(), relator.get(), servant.get(), projector.get(),
                      office.get(), citizen.get(), anyone.get()})
    catch_up(*c);
  const json before = v.refresh();

  const json capture_w1 = {{"workshop_id", w1}, {"kind", "propuesta"}, {"point_id", "p1"},
                           {"text", "x"}};
  const json capture_w2 = {{"workshop_id", w2}, {"kind", "propuesta"}, {"point_id", "p1"},
                           {"text", "x"}};
  struct Case {
    const char* who;
    WsClient* client;
    std::string name;
    json args;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"public", anyone.get(), "point.add", {{"title", "t"}}, "forbidden"},
      {"projector", projector.get(), "hand.raise", {{"workshop_id", w1}, {"participant_id", p1}},
       "forbidden"},
      {"office", office.get(), "contribution.capture", capture_w1, "forbidden"},
      {"office", office.get(), "phase.advance", {{"to", "plenary"}}, "forbidden"},
      {"citizen", citizen.get(), "contribution.capture", capture_w1, "forbidden"},
      {"citizen (another's hand)", citizen.get(), "hand.raise",
       {{"workshop_id", w1}, {"participant_id", p1b}}, "forbidden"},
      {"citizen (another workshop)", citizen.get(), "hand.raise",
       {{"workshop_id", w2}, {"participant_id", p1}}, "wrong_workshop"},
      {"citizen", citizen.get(), "timer.start", {{"workshop_id", w1}, {"minutes", 60}},
       "forbidden"},
      {"servant", servant.get(), "timer.start", {{"workshop_id", w1}, {"minutes", 60}},
       "forbidden"},
      {"servant", servant.get(), "contribution.capture", capture_w1, "forbidden"},
      {"relator (another workshop)", relator.get(), "contribution.capture", capture_w2,
       "wrong_workshop"},
      {"relator", relator.get(), "voting.open", {{"workshop_id", w1}}, "forbidden"},
      {"facilitator (another workshop)", facilitator.get(), "timer.start",
       {{"workshop_id", w2}, {"minutes", 60}}, "wrong_workshop"},
      {"facilitator", facilitator.get(), "point.add", {{"title", "t"}}, "forbidden"},
      {"facilitator", facilitator.get(), "contribution.capture", capture_w1, "forbidden"},
      {"organizer", v.org.get(), "contribution.capture", capture_w1, "forbidden"},
      {"organizer", v.org.get(), "vote.cast",
       {{"workshop_id", w2}, {"participant_id", p2}, {"contribution_id", "c1"}}, "forbidden"},
  };
  int n = 0;
  for (const Case& c : cases) {
    INFO(c.who << " " << c.name);
    const json reply = c.client->command("deny-" + std::to_string(++n), c.name, c.args);
    require_error(reply, c.code);
    CHECK(reply["category"] == "authorization");
  }

  // Access management belongs to the organizer.
  relator->send({{"type", "access.mint"}, {"ref", "m"}, {"role", "relator"}, {"workshop", w2},
                 {"participant", nullptr}});
  require_error(relator->reply_to("ref", "m"), "forbidden");
  citizen->send({{"type", "access.list"}, {"ref", "l"}});
  require_error(citizen->reply_to("ref", "l"), "forbidden");

  // Another encuentro is out of scope.
  const json other = v.command("encuentro.create", {{"details", details("Otro")}});
  require_ack(other);
  relator->send({{"type", "subscribe"}, {"encuentro", other["encuentro"]}});
  require_error(relator->expect("error"), "wrong_encuentro");
  anyone->send({{"type", "subscribe"}, {"encuentro", other["encuentro"]}});  // a draft
  require_error(anyone->expect("error"), "unknown_encuentro");
  v.org->forget();

  const json after = v.refresh();
  CHECK(after["seq"] == before["seq"]);  // nothing was written
  CHECK(decoded(after) == decoded(before));
}

TEST_CASE("malformed input gets a typed error, changes nothing, and the connection carries on") {
  LiveServer server;
  Venue v(server);
  v.prepare(3, 0);
  const json before = v.refresh();

  // Before hello.
  auto fresh = server.connect();
  fresh->send({{"type", "ping"}});
  require_error(fresh->expect("error"), "not_greeted");
  fresh->send_text(json{{"type", "hello"}, {"protocol", 2}}.dump(), /*valid=*/false);
  require_error(fresh->expect("error"), "protocol_version");
  fresh->send({{"type", "hello"}, {"protocol", 1}, {"code", "AAAA-AAAA-AA"}});
  const json bad_code = fresh->expect("error");
  CHECK((bad_code["code"] == "malformed_code" || bad_code["code"] == "invalid_code"));
  fresh->send({{"type", "hello"}, {"protocol", 1}, {"token", "not-a-token"}});
  require_error(fresh->expect("error"), "unknown_token");

  WsClient& c = *v.org;
  struct Case {
    std::string text;
    std::string code;
    std::string field;
    bool well_formed = false;  // wrong only by sequence or state, which no schema can see
  };
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const std::vector<Case> cases = {
      {"{", "bad_json", ""},
      {"\"just a string\"", "invalid_field", ""},
      {"[1,2]", "invalid_field", ""},
      {deep, "bad_json", ""},
      {"{\"type\":\"fly\"}", "unknown_type", "type"},
      {"{\"type\":7}", "invalid_field", "type"},
      {"{\"ref\":\"x\"}", "missing_field", "type"},
      {"{\"type\":\"ping\",\"extra\":1}", "unknown_field", "extra"},
      {"{\"type\":\"ping\",\"ref\":5}", "invalid_field", "ref"},
      {"{\"type\":\"command\",\"name\":\"point.add\",\"args\":{\"title\":\"t\"}}", "missing_field",
       "op"},
      {"{\"type\":\"command\",\"op\":\"\",\"name\":\"point.add\",\"args\":{}}", "invalid_op", "op"},
      {"{\"type\":\"command\",\"op\":\"a b\",\"name\":\"point.add\",\"args\":{}}", "invalid_op",
       "op"},
      {"{\"type\":\"command\",\"op\":\"m1\",\"name\":\"point.fly\",\"args\":{}}", "unknown_type",
       "name"},
      {"{\"type\":\"command\",\"op\":\"m2\",\"name\":\"point.add\",\"args\":{\"title\":5}}",
       "invalid_field", "args.title"},
      {"{\"type\":\"command\",\"op\":\"m3\",\"name\":\"point.add\",\"args\":{\"title\":\"t\","
       "\"color\":\"red\"}}",
       "unknown_field", "args.color"},
      {"{\"type\":\"command\",\"op\":\"m4\",\"name\":\"point.add\",\"args\":{}}", "missing_field",
       "args.title"},
      {"{\"type\":\"command\",\"op\":\"m5\",\"name\":\"phase.advance\",\"args\":{\"to\":"
       "\"unknown\"}}",
       "invalid_field", "args.to"},
      {"{\"type\":\"command\",\"op\":\"m6\",\"name\":\"timer.start\",\"args\":{\"workshop_id\":"
       "\"w1\",\"minutes\":1e400}}",
       "bad_json", ""},
      {"{\"type\":\"command\",\"op\":\"m7\",\"name\":\"timer.start\",\"args\":{\"workshop_id\":"
       "\"w1\",\"minutes\":99999999999}}",
       "invalid_field", "args.minutes"},
      {"{\"type\":\"hello\",\"protocol\":1}", "already_greeted", "", true},
      {"{\"type\":\"subscribe\",\"encuentro\":\"e-nope\"}", "unknown_encuentro", "encuentro",
       true},
      {"{\"type\":\"subscribe\",\"encuentro\":\"x\",\"since\":-1}", "invalid_field", "since"},
  };
  for (const Case& k : cases) {
    INFO(k.text.substr(0, 120));
    c.send_text(k.text, k.well_formed);
    const json reply = c.expect("error");
    require_error(reply, k.code);
    if (!k.field.empty()) CHECK(reply["field"] == k.field);
  }
  // A rule the domain enforces is a different category: too long a title.
  require_error(c.command("long", "staff.assign", {{"workshop_id", v.workshops.at(0)},
                                                   {"role", "relator"},
                                                   {"name", std::string(5000, 'x')}}),
                "invalid_argument");

  c.send_text("{\"type\":\"ping\",\"ref\":\"" + std::string(300 * 1024, 'x') + "\"}", false);
  require_error(c.expect("error"), "too_large");
  c.send_binary(std::string("\x00\x01\x02", 3));
  require_error(c.expect("error"), "binary_frame");

  // Still alive and unchanged.
  c.send({{"type", "ping"}, {"ref", "alive"}});
  CHECK(c.reply_to("ref", "alive")["type"] == "pong");
  c.forget();
  const json after = v.refresh();
  CHECK(after["seq"] == before["seq"]);
  CHECK(decoded(after) == decoded(before));

  // A text frame that is not UTF-8 breaks the WebSocket itself: closed with 1007 (RFC 6455).
  {
    auto broken = server.join({{"token", v.org_token}});
    broken->send_text("{\"type\":\"ping\",\"ref\":\"\xff\xfe\"}", false);
    CHECK(broken->wait_closed());
    CHECK(broken->close_reason().code == 1007);
  }

  // Beyond the frame limit (1 MiB) the connection is closed with 1009.
  c.send_oversized_frame_start(2 * 1024 * 1024);
  CHECK(c.wait_closed());
  CHECK(c.close_reason().code == 1009);
  CHECK(http_get(server.port(), "/healthz").status == 200);
}

TEST_CASE("the Origin allow-list: a page of another site cannot open a live connection") {
  LiveServer server({"--config", ENCUENTRO_SOURCE_DIR "/config/encuentro.json", "--port", "0",
                     "--bind", "127.0.0.1"});
  const std::string self = "http://127.0.0.1:" + std::to_string(server.port());
  CHECK_NOTHROW(WsClient("127.0.0.1", server.port(), self));
  CHECK_NOTHROW(WsClient("127.0.0.1", server.port()));  // a program: no Origin
  CHECK_THROWS(WsClient("127.0.0.1", server.port(), "http://evil.example"));
  CHECK_THROWS(WsClient("127.0.0.1", server.port(), "", "/elsewhere"));
}

TEST_CASE("rate limits answer rate_limited with a delay; revoking a code ends its sessions") {
  LiveServer server;
  Venue v(server);
  v.prepare(3, 0);
  const std::string w = v.workshops.at(0);
  v.ok("phase.advance", {{"to", "workshops"}});

  auto relator = server.join({{"code", v.mint("relator", w)}});
  catch_up(*relator);
  for (int i = 0; i < 90; ++i) relator->send({{"type", "ping"}, {"ref", std::to_string(i)}});
  int pongs = 0, limited = 0;
  std::set<std::string> answered;  // every ref gets exactly one answer, a refusal included
  for (const json& m : relator->drain(std::chrono::milliseconds(300))) {
    if (m["type"] == "pong") ++pongs;
    if (m["type"] == "error" && m["code"] == "rate_limited") {
      ++limited;
      CHECK(m["retry_after_ms"].get<int>() > 0);
      CHECK(m["category"] == "limit");
    }
    if (m.contains("ref")) CHECK(answered.insert(m["ref"].get<std::string>()).second);
  }
  CHECK(pongs >= 59);  // the burst, less the hello
  CHECK(limited > 0);
  CHECK(pongs + limited == 90);
  CHECK(answered.size() == 90);  // so a refused command is paired with its op and resent

  // Revoking the relator's code closes its live connection and its token stops working.
  const json listed = v.org->request({{"type", "access.list"}, {"ref", "list"}});
  REQUIRE(listed["type"] == "access.codes");
  std::string code_id;
  for (const json& code : listed["codes"])
    if (code["role"] == "relator") code_id = code["code_id"];
  REQUIRE_FALSE(code_id.empty());
  CHECK(v.org->request({{"type", "access.revoke"}, {"ref", "rv"}, {"code_id", code_id}})["type"] ==
        "done");
  // What the revoked tablet still sends is not executed, even before its connection is gone.
  relator->send({{"type", "command"},
                 {"op", "after-revoke"},
                 {"name", "contribution.capture"},
                 {"args", {{"workshop_id", w}, {"kind", "propuesta"}, {"point_id", "p1"},
                           {"text", "no"}}}});
  CHECK(relator->wait_closed());
  CHECK(relator->close_reason().code == 1008);
  CHECK(v.refresh()["contributions"].empty());
}

TEST_CASE("wrong codes are slowed and locked out per address") {
  LiveServer server;
  int invalid = 0, locked = 0;
  for (int i = 0; i < 7; ++i) {
    auto c = server.connect();
    // Well-formed codes (valid check symbol) that do not exist: each one counts.
    std::string code = "0000000" + std::to_string(100 + i);
    // Make the check symbol right by trying all 32; the malformed ones are not counted.
    const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (char check : alphabet) {
      c->send({{"type", "hello"}, {"protocol", 1}, {"code", code.substr(0, 9) + check}});
      const json reply = c->expect("error");
      if (reply["code"] == "malformed_code") continue;
      if (reply["code"] == "invalid_code") ++invalid;
      if (reply["code"] == "locked_out") ++locked;
      break;
    }
  }
  CHECK(invalid == 4);  // the fifth wrong code locks the address ...
  CHECK(locked == 3);   // ... and every try after it is refused, even before checking the code
}

}  // namespace
}  // namespace encuentro::testing

namespace encuentro::testing {

TEST_CASE("encuentros.list: the organizer's encuentros, and nobody else's business") {
  LiveServer server({"--demo"});
  Venue v(server);
  v.prepare(3, 0);  // an encuentro of its own beside the two demo encuentros

  const json listed = v.org->request({{"type", "encuentros.list"}, {"ref", "l1"}});
  REQUIRE(listed["type"] == "encuentros");
  std::set<std::string> ids;
  for (const json& e : listed["encuentros"]) {
    ids.insert(e["id"].get<std::string>());
    CHECK(e["title"].is_string());
    CHECK(e["seq"].get<int>() > 0);
  }
  CHECK(ids == std::set<std::string>{v.id, "e-itagui-instancias", "e-cascajal-2026"});

  // An organizer code covers one encuentro; a relator lists nothing.
  auto scoped = server.join({{"code", v.mint("organizer")}});
  scoped->send({{"type", "encuentros.list"}, {"ref", "l2"}});
  const json own = scoped->reply_to("ref", "l2");
  REQUIRE(own["encuentros"].size() == 1);
  CHECK(own["encuentros"][0]["id"] == v.id);
  CHECK(own["encuentros"][0]["phase"] == v.refresh()["phase"]);

  auto relator = server.join({{"code", v.mint("relator", v.workshops.at(0))}});
  relator->send({{"type", "encuentros.list"}, {"ref", "l3"}});
  const json refused = relator->reply_to("ref", "l3");
  require_error(refused, "forbidden");
  CHECK(refused["category"] == "authorization");
}

}  // namespace encuentro::testing
