// The live protocol's envelopes (server/protocol/live.*): strict decoding with the field at fault,
// op and ref echoed even from a message that failed, and the server's messages as documented in
// shared/protocol/README.md.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "protocol/live.hpp"

namespace live = encuentro::protocol::live;
using nlohmann::json;

namespace {

const encuentro::protocol::DecodeError& failure(const live::Decoded& d) {
  REQUIRE(std::holds_alternative<encuentro::protocol::DecodeError>(d.message));
  return std::get<encuentro::protocol::DecodeError>(d.message);
}

const live::ClientMessage& message(const live::Decoded& d) {
  if (const auto* e = std::get_if<encuentro::protocol::DecodeError>(&d.message))
    FAIL(e->code << " at " << e->field << ": " << e->message);
  return std::get<live::ClientMessage>(d.message);
}

}  // namespace

TEST_CASE("live: hello, subscribe and command decode into their types") {
  const auto hello = live::decode_client_message(
      R"({"type":"hello","protocol":1,"token":"t","encuentro":"e-1","since":7})");
  const auto& h = std::get<live::Hello>(message(hello));
  CHECK(h.protocol == 1);
  CHECK(h.token == "t");
  CHECK(h.encuentro == "e-1");
  CHECK(h.since == 7);
  CHECK_FALSE(h.code);

  const auto sub = live::decode_client_message(R"({"type":"subscribe","encuentro":"e-2"})");
  CHECK(std::get<live::Subscribe>(message(sub)).encuentro == "e-2");

  const auto cmd = live::decode_client_message(
      R"({"type":"command","op":"op-1","name":"point.add","args":{"title":"T"}})");
  const auto& c = std::get<live::CommandMessage>(message(cmd));
  CHECK(c.op == "op-1");
  CHECK(std::get<encuentro::domain::cmd::AddPoint>(c.command).title == "T");
  CHECK(cmd.op == "op-1");
}

TEST_CASE("live: a refused message names the code and the field, and keeps op and ref") {
  struct Case {
    const char* text;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {"", "bad_json", ""},
      {"[]", "invalid_field", ""},
      {R"({"protocol":1})", "missing_field", "type"},
      {R"({"type":"bye"})", "unknown_type", "type"},
      {R"({"type":"hello","protocol":"1"})", "invalid_field", "protocol"},
      {R"({"type":"hello","protocol":1,"since":-2})", "invalid_field", "since"},
      {R"({"type":"hello","protocol":1,"token":"a","code":"b"})", "invalid_field", "code"},
      {R"({"type":"hello","protocol":1,"x":0})", "unknown_field", "x"},
      {R"({"type":"command","name":"point.add","args":{}})", "missing_field", "op"},
      {R"({"type":"command","op":"é","name":"point.add","args":{}})", "invalid_op", "op"},
      {R"({"type":"command","op":"o","args":{}})", "missing_field", "name"},
      {R"({"type":"command","op":"o","name":"point.add"})", "missing_field", "args"},
      {R"({"type":"command","op":"o","name":"point.add","args":{},"x":1})", "unknown_field", "x"},
      {R"({"type":"command","op":"o","name":"nope","args":{}})", "unknown_type", "name"},
      {R"({"type":"command","op":"o","name":"point.add","args":{"title":1}})", "invalid_field",
       "args.title"},
      {R"({"type":"command","op":"o","name":"phase.advance","args":{"to":"unknown"}})",
       "invalid_field", "args.to"},
      {R"({"type":"access.mint","ref":"r"})", "missing_field", "role"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const live::Decoded decoded = live::decode_client_message(c.text);
    const auto& e = failure(decoded);
    CHECK(e.code == c.code);
    CHECK(e.field == c.field);
  }
  const auto bad = live::decode_client_message(
      R"({"type":"command","op":"keep-me","ref":"r1","name":"point.add","args":{"title":1}})");
  CHECK(bad.op == "keep-me");
  const auto bad_ref = live::decode_client_message(R"({"type":"ping","ref":"r2","extra":true})");
  CHECK(bad_ref.ref == "r2");
  const live::Decoded huge =
      live::decode_client_message(std::string(live::kMaxClientMessageBytes + 1, ' '));
  CHECK(failure(huge).code == "too_large");
}

TEST_CASE("live: server messages carry exactly the documented members") {
  live::ErrorReply e;
  e.category = live::ErrorCategory::rule;
  e.code = "wrong_phase";
  e.message = "not now";
  e.op = "o1";
  e.details = {{"phase", "draft"}};
  const json error = json::parse(live::encode_error(e));
  CHECK(error == json{{"type", "error"}, {"category", "rule"}, {"code", "wrong_phase"},
                      {"message", "not now"}, {"op", "o1"}, {"details", {{"phase", "draft"}}}});

  const json ack = json::parse(live::encode_ack({"o1", "e-1", 4, 5, true}));
  CHECK(ack == json{{"type", "ack"}, {"op", "o1"}, {"encuentro", "e-1"}, {"first_seq", 4},
                    {"seq", 5}, {"duplicate", true}});

  live::WelcomeReply w;
  w.server_version = "0.1.0";
  w.role = "relator";
  w.encuentro = "e-1";
  w.workshop = "w2";
  w.time_ms = 123;
  const json welcome = json::parse(live::encode_welcome(w));
  CHECK(welcome["participant"].is_null());
  CHECK_FALSE(welcome.contains("token"));
  CHECK(welcome["limits"]["max_message_bytes"] == live::kMaxClientMessageBytes);

  encuentro::domain::Recorded r{9, 1000, "relator:k-x",
                                encuentro::domain::ev::ProposalAccepted{"c3"}};
  const json event = json::parse(live::encode_event_message("e-1", r));
  CHECK(event == json{{"type", "event"}, {"encuentro", "e-1"}, {"seq", 9}, {"at", 1000},
                      {"name", "proposal.accepted"}, {"data", {{"contribution_id", "c3"}}}});
  CHECK_FALSE(event.dump().find("relator:k-x") != std::string::npos);  // the actor stays private
}

TEST_CASE("live: encuentros.list decodes strictly and `encuentros` lists id, title, date, phase, seq") {
  const auto list = live::decode_client_message(R"({"type":"encuentros.list","ref":"r1"})");
  CHECK(std::get<live::EncuentrosList>(message(list)).ref == "r1");
  CHECK(failure(live::decode_client_message(R"({"type":"encuentros.list","all":true})")).code ==
        "unknown_field");

  const live::EncuentroSummary summary{"e-1", "Rendición de cuentas",
                                       encuentro::domain::Date::from_ymd(2026, 5, 14),
                                       encuentro::domain::Phase::convened, 42};
  const json reply = json::parse(live::encode_encuentros("r1", {summary}));
  CHECK(reply == json{{"type", "encuentros"},
                      {"ref", "r1"},
                      {"encuentros",
                       {{{"id", "e-1"},
                         {"title", "Rendición de cuentas"},
                         {"date", "2026-05-14"},
                         {"phase", "convened"},
                         {"seq", 42}}}}});
  CHECK(json::parse(live::encode_encuentros(std::nullopt, {})) ==
        json{{"type", "encuentros"}, {"encuentros", json::array()}});
}
