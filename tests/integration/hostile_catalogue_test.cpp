// The hostile input catalogue (issue 6, item 5): one table of what a careless or malicious client
// can send over the live protocol, each row with the typed error (or close code) it must get. After
// the whole table the encuentro's log is unchanged (state, seq and the rows of the events, ops and
// snapshots tables), the file is intact and the server still answers.
//
// Script and HTML payloads that are legitimate text (a proposal may well contain "<script>") are
// stored as text and shown as text: tests/browser/hostile.test.mjs and veeduria.test.mjs check
// the browser (no dialog, no injected element), and http_server_test.cpp the
// Content-Security-Policy every page is sent with.
#include <doctest/doctest.h>
#include <SQLiteCpp/Database.h>

#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "live_replica.hpp"
#include "live_venue.hpp"

namespace encuentro::testing {
namespace {

using namespace std::string_literals;

// How a row reaches the server.
enum class Via {
  greeted,  // the organizer's connection, greeted and following the encuentro
  relator,  // a relator's connection (workshop w1)
  fresh,    // a new connection that has not said hello
  binary,   // a binary frame on the organizer's connection
};

struct Row {
  const char* what;
  Via via;
  std::string text;
  std::string code;        // the error code expected ("" when the connection must close)
  int close = 0;           // the close code expected instead of an error
  std::string field = {};  // the field the error names, when it names one
};

std::string command(const std::string& op, const std::string& name, const json& args) {
  return json{{"type", "command"}, {"op", op}, {"name", name}, {"args", args}}.dump();
}

std::string nested(int depth) {
  std::string text = R"({"type":"command","op":"deep","name":"point.add","args":)";
  for (int i = 0; i < depth; ++i) text += R"({"a":)";
  text += "1";
  text += std::string(static_cast<std::size_t>(depth), '}');
  return text + "}";
}

TEST_CASE("hostile input catalogue: every row gets its typed error and nothing changes") {
  LiveServer server;
  Venue v(server);
  v.prepare(40, 0);
  v.ok("phase.advance", {{"to", "workshops"}});
  const std::string w1 = v.workshops.at(0), w2 = v.workshops.at(1);
  json relator_welcome;
  auto relator = server.join({{"code", v.mint("relator", w1)}}, &relator_welcome);
  catch_up(*relator);

  // Another encuentro, and a token that was ended by logout (replayed afterwards).
  const json other = v.command("encuentro.create", {{"details", details("Otro encuentro")}});
  require_ack(other);
  const std::string other_id = other["encuentro"];
  std::string ended_token;
  {
    json welcome;
    auto gone = server.join({{"code", v.mint("facilitator", w1)}}, &welcome);
    ended_token = welcome["token"];
    gone->send({{"type", "logout"}, {"ref", "bye"}});
    gone->reply_to("ref", "bye");
  }
  const std::string forged_token(43, 'A');  // the shape of a token, never issued
  const json before = v.refresh();
  const auto log_rows = [&] {
    SQLite::Database db(server.db(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM "
                         "ops) || '/' || (SELECT count(*) FROM snapshots) || '/' || "
                         "(SELECT coalesce(max(seq), 0) FROM events)")
        .getString();
  };
  const std::string rows_before = log_rows();

  const json capture = {{"workshop_id", w1}, {"kind", "propuesta"}, {"point_id", "p1"}};
  const auto capture_with = [&](const std::string& key, const json& value) {
    json args = capture;
    args["text"] = "x";
    args[key] = value;
    return args;
  };
  const std::string sql = "w1'; DROP TABLE events; --";
  const std::string script = "<script>alert(1)</script>";
  const std::vector<Row> rows = {
      // Not JSON.
      {"unclosed object", Via::greeted, "{", "bad_json"},
      {"trailing comma", Via::greeted, R"({"type":"ping",})", "bad_json"},
      {"single quotes", Via::greeted, "{'type':'ping'}", "bad_json"},
      {"empty text", Via::greeted, "", "bad_json"},
      {"two documents", Via::greeted, R"({"type":"ping"}{"type":"ping"})", "bad_json"},
      {"raw NUL inside a string", Via::greeted, "{\"type\":\"ping\",\"ref\":\"a\0b\"}"s,
       "bad_json"},
      {"a bare word", Via::greeted, "null", "invalid_field"},
      // Deep nesting.
      {"100 nested arrays", Via::greeted, std::string(100, '[') + std::string(100, ']'),
       "bad_json"},
      {"200 nested objects in args", Via::greeted, nested(200), "bad_json"},
      // Huge numbers.
      {"a number beyond double", Via::greeted,
       R"({"type":"command","op":"n1","name":"timer.start","args":{"workshop_id":")" + w1 +
           R"(","minutes":1e400}})",
       "bad_json"},
      {"minutes beyond int", Via::greeted,
       command("n2", "timer.start", {{"workshop_id", w1}, {"minutes", 99999999999LL}}),
       "invalid_field", 0, "args.minutes"},
      {"since as a float", Via::greeted,
       R"({"type":"subscribe","encuentro":")" + v.id + R"(","since":1e20})", "invalid_field", 0,
       "since"},
      {"since negative", Via::greeted,
       R"({"type":"subscribe","encuentro":")" + v.id + R"(","since":-1})", "invalid_field", 0,
       "since"},
      {"percent 2^64", Via::greeted,
       R"({"type":"command","op":"n3","name":"hand_count.record","args":{"workshop_id":")" + w1 + R"(","contribution_id":"c1","count":18446744073709551616}})",
       "invalid_field", 0, "args.count"},
      // Wrong types.
      {"a string message", Via::greeted, "\"ping\"", "invalid_field"},
      {"an array message", Via::greeted, "[1,2]", "invalid_field"},
      {"type as a number", Via::greeted, R"({"type":7})", "invalid_field", 0, "type"},
      {"ref as a number", Via::greeted, R"({"type":"ping","ref":5})", "invalid_field", 0, "ref"},
      {"title as a number", Via::greeted, command("t1", "point.add", {{"title", 5}}),
       "invalid_field", 0, "args.title"},
      {"args as an array", Via::greeted,
       R"({"type":"command","op":"t2","name":"point.add","args":[]})", "invalid_field", 0, "args"},
      {"data_consent as a string", Via::greeted,
       command("t3", "registration.create",
               {{"name", "A"}, {"territory", "B"}, {"value_group", "juventud"},
                {"data_consent", "yes"}}),
       "invalid_field", 0, "args.data_consent"},
      // Unknown fields and types.
      {"unknown message type", Via::greeted, R"({"type":"fly"})", "unknown_type", 0, "type"},
      {"unknown command", Via::greeted, command("u1", "events.delete", json::object()),
       "unknown_type", 0, "name"},
      {"unknown top-level field", Via::greeted, R"({"type":"ping","admin":true})",
       "unknown_field", 0, "admin"},
      {"unknown args field", Via::greeted, command("u2", "point.add", {{"title", "t"}, {"seq", 1}}),
       "unknown_field", 0, "args.seq"},
      {"unknown enum value", Via::greeted, command("u3", "phase.advance", {{"to", "finished_forever"}}),
       "invalid_field", 0, "args.to"},
      {"missing type", Via::greeted, R"({"ref":"x"})", "missing_field", 0, "type"},
      {"missing op", Via::greeted, R"({"type":"command","name":"point.add","args":{"title":"t"}})",
       "missing_field", 0, "op"},
      // Op ids.
      {"empty op", Via::greeted, command("", "point.add", {{"title", "t"}}), "invalid_op", 0, "op"},
      {"op with a space", Via::greeted, command("a b", "point.add", {{"title", "t"}}),
       "invalid_op", 0, "op"},
      {"op of 300 characters", Via::greeted, command(std::string(300, 'o'), "point.add",
                                                     {{"title", "t"}}),
       "invalid_op", 0, "op"},
      // Over-long texts, control characters.
      {"a proposal of 10,000 characters", Via::relator,
       command("l1", "contribution.capture", capture_with("text", std::string(10000, 'x'))),
       "invalid_argument"},
      {"staff name of 5,000 characters", Via::greeted,
       command("l2", "staff.assign",
               {{"workshop_id", w1}, {"role", "relator"}, {"name", std::string(5000, 'x')}}),
       "invalid_argument"},
      {"a ref of 300 KiB", Via::greeted,
       R"({"type":"ping","ref":")" + std::string(300 * 1024, 'x') + "\"}", "too_large"},
      {"NUL in a name", Via::greeted,
       command("k1", "staff.assign",
               {{"workshop_id", w1}, {"role", "servant"}, {"name", std::string("a\0b", 3)}}),
       "invalid_argument"},
      {"BEL and ESC in a proposal", Via::relator,
       command("k2", "contribution.capture", capture_with("text", "\x07\x1b[31mrojo")),
       "invalid_argument"},
      // SQL and script payloads where an id is expected.
      {"SQL in a workshop id", Via::relator,
       command("s1", "contribution.capture", capture_with("workshop_id", sql)), "wrong_workshop"},
      {"SQL in a registrant id", Via::greeted,
       command("s2", "checkin.registered", {{"registrant_id", "r1' OR '1'='1"}}), "not_found"},
      {"SQL in an encuentro id", Via::greeted,
       R"({"type":"subscribe","encuentro":"e' OR 1=1 --"})", "unknown_encuentro", 0, "encuentro"},
      {"script in a point id", Via::relator,
       command("s3", "contribution.capture", capture_with("point_id", script)), "not_found"},
      {"script as a role", Via::greeted,
       command("s4", "staff.assign", {{"workshop_id", w1}, {"role", script}, {"name", "A"}}),
       "invalid_field", 0, "args.role"},
      {"script as an encuentro id", Via::greeted,
       R"({"type":"subscribe","encuentro":")" + script + "\"}", "unknown_encuentro", 0,
       "encuentro"},
      // Tokens and codes.
      {"a command before hello", Via::fresh, command("h1", "point.add", {{"title", "t"}}),
       "not_greeted"},
      {"a forged token", Via::fresh,
       json{{"type", "hello"}, {"protocol", 1}, {"token", forged_token}}.dump(), "unknown_token"},
      {"a replayed token, ended by logout", Via::fresh,
       json{{"type", "hello"}, {"protocol", 1}, {"token", ended_token}}.dump(), "revoked"},
      {"a token of the wrong shape", Via::fresh,
       json{{"type", "hello"}, {"protocol", 1}, {"token", "' OR 1=1 --"}}.dump(), "unknown_token"},
      {"a code and a token at once", Via::fresh,
       json{{"type", "hello"}, {"protocol", 1}, {"token", forged_token}, {"code", "ABCD-EFGH-JK"}}
           .dump(),
       "invalid_field"},
      {"another protocol version", Via::fresh, R"({"type":"hello","protocol":2})",
       "protocol_version", 0, "protocol"},
      {"a second hello", Via::greeted, R"({"type":"hello","protocol":1})", "already_greeted"},
      // Other encuentros' and workshops' ids.
      {"a relator following another encuentro", Via::relator,
       json{{"type", "subscribe"}, {"encuentro", other_id}}.dump(), "wrong_encuentro"},
      {"a relator capturing in another workshop", Via::relator,
       command("o1", "contribution.capture", capture_with("workshop_id", w2)), "wrong_workshop"},
      {"a relator minting codes", Via::relator,
       json{{"type", "access.mint"}, {"ref", "m"}, {"role", "organizer"}}.dump(), "forbidden"},
      // Frames.
      {"a binary frame", Via::binary, std::string("\x00\x01\x02\xff", 4), "binary_frame"},
      {"invalid UTF-8", Via::fresh, "{\"type\":\"ping\",\"ref\":\"\xff\xfe\"}", "", 1007},
      {"an overlong UTF-8 encoding", Via::fresh, "{\"type\":\"ping\",\"ref\":\"\xc0\xaf\"}", "",
       1007},
      {"a lone UTF-16 surrogate in UTF-8", Via::fresh,
       "{\"type\":\"ping\",\"ref\":\"\xed\xa0\x80\"}", "", 1007},
  };
  REQUIRE(rows.size() >= 40);
  // The rows that the protocol's JSON Schema accepts: wrong only by their content, the state or
  // who sends them, which no schema can see. The others are recorded as deliberately invalid,
  // and protocol_messages checks that the schema refuses them too.
  const std::set<std::string> well_formed = {
      "a proposal of 10,000 characters", "staff name of 5,000 characters", "NUL in a name",
      "BEL and ESC in a proposal", "SQL in a workshop id", "SQL in a registrant id",
      "SQL in an encuentro id", "script in a point id", "script as an encuentro id",
      "a command before hello", "a forged token", "a replayed token, ended by logout",
      "a token of the wrong shape", "a second hello", "a relator following another encuentro",
      "a relator capturing in another workshop", "a relator minting codes"};

  int tried = 0;
  for (const Row& row : rows) {
    INFO(row.what << ": " << row.text.substr(0, 160));
    ++tried;
    const bool valid = well_formed.contains(row.what);
    if (row.via == Via::fresh) {
      auto c = server.connect();
      c->send_text(row.text, valid);
      if (row.close != 0) {
        CHECK(c->wait_closed());
        CHECK(c->close_reason().code == row.close);
        continue;
      }
      const json reply = c->expect("error");
      require_error(reply, row.code);
      if (!row.field.empty()) CHECK(reply["field"] == row.field);
      continue;
    }
    WsClient& c = row.via == Via::relator ? *relator : *v.org;
    json reply;
    for (;;) {  // the rows arrive faster than a person types: resend what the rate limit refused
      if (row.via == Via::binary) {
        c.send_binary(row.text);
      } else {
        c.send_text(row.text, valid);
      }
      reply = c.expect("error");
      if (reply["code"] != "rate_limited") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(reply["retry_after_ms"].get<int>()));
    }
    require_error(reply, row.code);
    if (!row.field.empty()) CHECK(reply["field"] == row.field);
  }

  // Beyond the frame limit (1 MiB): closed with 1009 from the frame header alone.
  {
    auto big = server.join({{"token", v.org_token}});
    big->send_oversized_frame_start(2 * 1024 * 1024);
    CHECK(big->wait_closed());
    CHECK(big->close_reason().code == 1009);
    ++tried;
  }

  // Nothing changed, and everybody is still served.
  relator->send({{"type", "ping"}, {"ref", "alive"}});
  CHECK(relator->reply_to("ref", "alive")["type"] == "pong");
  CHECK(http_get(server.port(), "/healthz").status == 200);
  const json after = v.refresh();
  CHECK(after["seq"] == before["seq"]);
  CHECK(decoded(after) == decoded(before));
  CHECK(log_rows() == rows_before);
  {
    SQLite::Database db(server.db(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("PRAGMA quick_check").getString() == "ok");
  }
  MESSAGE("hostile catalogue: " << tried << " hostile messages, each refused with its typed error");
}

}  // namespace
}  // namespace encuentro::testing
