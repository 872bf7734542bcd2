// The protocol's JSON Schema (protocol/json_schema.hpp): the committed copy is what the server
// generates; every command and event has its definition; what the schema lets a client leave out
// is what decode_command lets it leave out; every object is closed and every reference resolves.
//
// Validating messages against the schema is Python's job (tests/protocol/validate_messages.py:
// Debian has no C++ validator). This file writes what that validator checks in the
// `protocol_samples` test: the sample of every command and event, and every command's args
// spoilt one member at a time, each marked valid or invalid by decode_command itself, so the
// schema must agree with the decoder on every one.
#include "protocol/json_schema.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/codec.hpp"
#include "protocol/wire_names.hpp"
#include "protocol_samples.hpp"

namespace {

using namespace encuentro::testing;  // sample(), rich_state(), kAt; the aliases d, ev, cmd
namespace protocol = encuentro::protocol;
using nlohmann::json;

constexpr std::string_view kCommittedFile = "shared/protocol/schema/protocol.schema.json";

const json& schema() {
  static const json generated = protocol::protocol_schema();
  return generated;
}

const json& def(const std::string& key) {
  return schema().at("$defs").at(key);
}

json def_ref(const std::string& key) {
  return {{"$ref", "#/$defs/" + key}};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Wire name → the definition its oneOf branch in `envelope` points `member` at.
std::map<std::string, std::string> branches(const std::string& envelope,
                                            const std::string& member) {
  std::map<std::string, std::string> out;
  for (const json& branch : def(envelope).at("oneOf")) {
    const json& properties = branch.at("properties");
    const auto target = properties.at(member).at("$ref").get<std::string>();
    const auto name = properties.at("name").at("const").get<std::string>();
    const bool inserted = out.emplace(name, target.substr(std::string("#/$defs/").size())).second;
    CHECK_MESSAGE(inserted, "two branches for one name in " << envelope);
  }
  return out;
}

template <std::size_t N>
json names_json(const std::array<std::string_view, N>& names) {
  json out = json::array();
  for (const auto name : names) out.push_back(std::string(name));
  return out;
}

std::vector<std::string> required_of(const json& object_schema) {
  return object_schema.value("required", std::vector<std::string>{});
}

// Every "$ref" under `node`, recursively.
void collect_refs(const json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) out.push_back(value.get_ref<const std::string&>());
      collect_refs(value, out);
    }
  } else if (node.is_array()) {
    for (const auto& value : node) collect_refs(value, out);
  }
}

// ---- Samples for the validator ----------------------------------------------------------------

// Every member of `value`, recursively (of arrays, the first element), as JSON pointers.
void members(const json& value, const json::json_pointer& at,
             std::vector<json::json_pointer>& out) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      out.push_back(at / key);
      members(member, at / key, out);
    }
  } else if (value.is_array() && !value.empty()) {
    out.push_back(at / std::size_t{0});
    members(value[0], at / std::size_t{0}, out);
  }
}

// Other values for a member like `v`: null, other JSON types, and the near misses a decoder must
// catch (3.0 for an integer, an integer past 32 or 64 bits, "unknown" for an enum, an impossible
// date or time).
std::vector<json> spoilt(const json& v) {
  switch (v.type()) {
    case json::value_t::string:
      return {nullptr, 7, json::array({v}), "", "unknown", "2026-02-30", "24:00"};
    case json::value_t::boolean:
      return {nullptr, 1, "true"};
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return {nullptr,
              "7",
              1.5,
              static_cast<double>(v.get<std::int64_t>()),
              -1,
              std::int64_t{2147483648},
              std::uint64_t{9223372036854775808u}};
    case json::value_t::array:
      return {nullptr, "x", json::object(), json::array()};
    case json::value_t::object:
      return {nullptr, "x", json::array(), json::object()};
    default:
      return {"x"};
  }
}

json client_line(const std::string& name, const json& args, const std::string& note) {
  static int op = 0;
  const bool valid = protocol::decode_command(name, args).ok();
  return {{"from", valid ? "client" : "client-invalid"},
          {"note", note},
          {"message",
           {{"type", "command"},
            {"op", "sample-" + std::to_string(++op)},
            {"name", name},
            {"args", args}}}};
}

// The sample of `name`, then every way to spoil one member of it: left out, replaced, or an
// object given a member it does not have.
void command_lines(const std::string& name, const json& args, std::vector<json>& out) {
  out.push_back(client_line(name, args, "sample"));
  std::vector<json::json_pointer> pointers{json::json_pointer{}};
  members(args, json::json_pointer{}, pointers);
  for (const auto& pointer : pointers) {
    const json& original = args.at(pointer);
    const std::string where = pointer.to_string().empty() ? "args" : pointer.to_string();
    if (original.is_object()) {
      json extra = args;
      extra.at(pointer)["unexpected"] = true;
      out.push_back(client_line(name, extra, where + ": an unknown member"));
    }
    if (pointer.empty()) continue;
    if (args.at(pointer.parent_pointer()).is_object()) {
      json without = args;
      without.at(pointer.parent_pointer()).erase(pointer.back());
      out.push_back(client_line(name, without, where + ": left out"));
    }
    for (const json& other : spoilt(original)) {
      json changed = args;
      changed.at(pointer) = other;
      out.push_back(client_line(name, changed, where + " = " + other.dump()));
    }
  }
}

json server_line(json message, const std::string& note) {
  return {{"from", "server"}, {"note", note}, {"message", std::move(message)}};
}

json event_message(const d::Event& event, std::int64_t seq) {
  json message = {{"type", "event"},
                  {"encuentro", "e-7f3a"},
                  {"seq", seq},
                  {"at", kAt + seq},
                  {"name", protocol::event_name(event)},
                  {"data", protocol::encode_event_json(event)}};
  if (std::holds_alternative<ev::ProposalAccepted>(event)) {
    message["contribution"] = sample_contribution();
  }
  return message;
}

}  // namespace

TEST_CASE("the committed schema is the one the server generates") {
  const std::string path = std::string(ENCUENTRO_SOURCE_DIR) + "/" + std::string(kCommittedFile);
  const std::string committed = read_file(path);
  const std::string generated = schema().dump(2) + "\n";
  if (committed != generated) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < committed.size() && i < generated.size(); ++i) {
      if (committed[i] != generated[i]) break;
      if (committed[i] == '\n') ++line;
    }
    const std::string what = committed.empty() ? " is missing" : " is out of date";
    const std::string message =
        std::string(kCommittedFile) + what + " (first difference on line " + std::to_string(line) +
        "). Regenerate it from the source root with\n  " + "build/test/encuentro-schema > " +
        std::string(kCommittedFile) + "\n(or the encuentro-schema of your own build directory).";
    FAIL_CHECK(message);
  }
}

TEST_CASE("every command and every event has its definition, named by its wire name") {
  const auto commands = branches("CommandMessage", "args");
  CHECK(commands.size() == protocol::kCommandNames.size());
  for (const auto name : protocol::kCommandNames) {
    CAPTURE(name);
    REQUIRE(commands.count(std::string(name)) == 1);
    const json& args = def(commands.at(std::string(name)));
    CHECK(args.at("type") == "object");
    CHECK(args.at("additionalProperties") == false);
  }
  CHECK(def("CommandName").at("enum") == names_json(protocol::kCommandNames));

  const auto events = branches("EventMessage", "data");
  CHECK(events.size() == protocol::kEventNames.size());
  for (const auto name : protocol::kEventNames) {
    CAPTURE(name);
    REQUIRE(events.count(std::string(name)) == 1);
    const json& data = def(events.at(std::string(name)));
    // The server sends every field of an event, optional ones as null.
    std::set<std::string> keys;
    for (const auto& [key, value] : data.at("properties").items()) keys.insert(key);
    const auto required = required_of(data);
    CHECK(std::set<std::string>(required.begin(), required.end()) == keys);
  }
  CHECK(def("EventName").at("enum") == names_json(protocol::kEventNames));

  // vote.cast names a command and an event: two definitions.
  CHECK(commands.at("vote.cast") != events.at("vote.cast"));
}

TEST_CASE("a client may leave out exactly what decode_command lets it leave out") {
  const auto commands = branches("CommandMessage", "args");
  for_each_alternative<d::Command>([&](auto tag) {
    const d::Command command = sample(tag);
    const std::string name(protocol::command_wire_name(command));
    CAPTURE(name);
    const json args = protocol::encode_command(command);
    const json& args_schema = def(commands.at(name));
    const auto required = required_of(args_schema);

    json minimal = json::object();
    for (const auto& key : required) minimal[key] = args.at(key);
    const auto decoded = protocol::decode_command(name, minimal);
    CHECK_MESSAGE(decoded.ok(), "only the schema's required fields do not decode");

    for (const auto& key : required) {
      CAPTURE(key);
      json without = args;
      without.erase(key);
      const auto error = protocol::decode_command(name, without);
      REQUIRE_FALSE(error.ok());
      CHECK(error.error().code == "missing_field");
      CHECK(error.error().field == key);
    }
    for (const auto& [key, value] : args_schema.at("properties").items()) {
      if (std::find(required.begin(), required.end(), key) != required.end()) continue;
      const std::string field = key;  // (clang < 16 cannot CAPTURE a structured binding)
      CAPTURE(field);
      json with_null = args;
      with_null[key] = nullptr;
      CHECK(protocol::decode_command(name, with_null).ok());
    }
  });

  // Spot checks against shared/README.md.
  CHECK(required_of(def("ContributionCaptureArgs")) ==
        std::vector<std::string>{"workshop_id", "kind", "point_id", "text"});
  CHECK(def("ContributionCaptureArgs").at("properties").at("question_id") ==
        json{{"type", {"string", "null"}}});
  CHECK(def("ContributionCaptureArgs").at("properties").at("author") ==
        json{{"type", {"string", "null"}}});
  CHECK(required_of(def("ConvocationPublishArgs")).empty());
}

TEST_CASE("a client never sends the enum value unknown; the server's data may hold it") {
  for (const auto& [key, value] : schema().at("$defs").items()) {
    if (!value.contains("enum")) continue;
    const std::string name_of_def = key;  // (clang < 16 cannot CAPTURE a structured binding)
    CAPTURE(name_of_def);
    for (const auto& name : value.at("enum")) CHECK(name != "unknown");
  }
  CHECK(def("Phase").at("enum") == json{"draft", "convened", "opening", "workshops", "plenary",
                                        "commitments", "published", "follow_up", "closed"});
  CHECK(def("PhaseAdvanceArgs").at("properties").at("to") == def_ref("Phase"));
  CHECK(def("PhaseAdvancedData").at("properties").at("to") == def_ref("PhaseOrUnknown"));
  CHECK(def("Registrant").at("properties").at("value_group") == def_ref("ValueGroupOrUnknown"));
  CHECK(def("RegistrationCreateArgs").at("properties").at("value_group") == def_ref("ValueGroup"));
}

TEST_CASE("the error codes of the rule category are the domain's rejection codes") {
  json rule_codes;
  for (const json& branch : def("Error").at("oneOf")) {
    if (branch.at("properties").at("category").at("const") == "rule") {
      rule_codes = branch.at("properties").at("code").at("enum");
    }
  }
  REQUIRE(rule_codes.is_array());
  CHECK(rule_codes.front() == "not_checked_in");  // the live protocol's own rule, then the domain's
  CHECK(rule_codes.at(1) == "invalid_argument");
  CHECK(rule_codes.back() == "already_erased");
  for (const auto code : {d::RejectionCode::wrong_phase, d::RejectionCode::workshop_full,
                          d::RejectionCode::unanswered_proposals}) {
    const json sent = protocol::rejection_to_json(d::Rejection{code, "", {}});
    CHECK(std::find(rule_codes.begin(), rule_codes.end(), sent.at("code")) != rule_codes.end());
  }
  CHECK(std::find(rule_codes.begin(), rule_codes.end(), "unknown") == rule_codes.end());
}

TEST_CASE("every object is closed, every reference resolves, every definition is used") {
  const json& root = schema();
  CHECK(root.at("$schema") == "https://json-schema.org/draft/2020-12/schema");

  std::vector<std::string> refs;
  collect_refs(root, refs);
  for (const auto& target : refs) {
    CAPTURE(target);
    REQUIRE(target.rfind("#/$defs/", 0) == 0);
    CHECK(root.at("$defs").contains(target.substr(8)));
  }

  // Closed: an object schema that lists its members allows no others. (Branches of a oneOf only
  // add to their envelope's own members, and `details` of an error is a map.)
  std::vector<const json*> pending{&root};
  std::size_t objects = 0;
  while (!pending.empty()) {
    const json& node = *pending.back();
    pending.pop_back();
    if (node.is_object()) {
      if (node.contains("properties") && node.contains("type") && node.at("type") == "object") {
        ++objects;
        CHECK_MESSAGE(node.at("additionalProperties") == false, node.dump().substr(0, 200));
      }
      for (const auto& [key, value] : node.items()) pending.push_back(&value);
    } else if (node.is_array()) {
      for (const auto& value : node) pending.push_back(&value);
    }
  }
  CHECK(objects > 100);

  // Reachable from the root, but for the value types json_types.hpp converts that no message
  // carries (yet): the organizer's flags, and StaffMember (a workshop holds names).
  std::set<std::string> reached;
  std::vector<std::string> queue;
  collect_refs(root.at("anyOf"), queue);
  while (!queue.empty()) {
    const std::string key = queue.back().substr(8);
    queue.pop_back();
    if (!reached.insert(key).second) continue;
    collect_refs(def(key), queue);
  }
  std::string unused;
  for (const auto& [key, value] : root.at("$defs").items()) {
    if (reached.count(key) == 0) unused += (unused.empty() ? "" : " ") + key;
  }
  CHECK(unused == "Flag FlagCode FlagCodeOrUnknown StaffMember");
}

TEST_CASE("samples for the schema validator: every command and event, right and spoilt") {
  std::vector<json> lines;
  for_each_alternative<d::Command>([&](auto tag) {
    using T = typename decltype(tag)::type;
    const d::Command command = sample(tag);
    const std::string name(protocol::command_wire_name(command));
    command_lines(name, protocol::encode_command(command), lines);
    // Defaults: `unknown` enums (refused), empty strings and 1970-01-01 (accepted).
    lines.push_back(client_line(name, protocol::encode_command(d::Command{T{}}), "defaults"));
  });

  std::int64_t seq = 0;
  for_each_alternative<d::Event>([&](auto tag) {
    using T = typename decltype(tag)::type;
    lines.push_back(server_line(event_message(sample(tag), ++seq), "sample"));
    // The server's data may hold `unknown` and empty optionals (null).
    lines.push_back(server_line(event_message(T{}, ++seq), "defaults"));
  });
  lines.push_back(server_line(
      {{"type", "snapshot"}, {"encuentro", "e-7f3a"}, {"seq", 321}, {"state", rich_state()}},
      "a rich state"));
  lines.push_back(
      server_line({{"type", "snapshot"}, {"encuentro", ""}, {"seq", 0}, {"state", d::Encuentro{}}},
                  "the empty state"));

  std::size_t valid = 0;
  std::size_t invalid = 0;
  for (const json& line : lines) (line.at("from") == "client-invalid" ? invalid : valid) += 1;
  CHECK(valid > 200);
  CHECK(invalid > 500);

#ifdef ENCUENTRO_PROTOCOL_SAMPLES
  std::ofstream out(ENCUENTRO_PROTOCOL_SAMPLES, std::ios::binary | std::ios::trunc);
  for (const json& line : lines) out << line.dump() << '\n';
  out.close();
  CHECK_MESSAGE(out.good(), "could not write " << ENCUENTRO_PROTOCOL_SAMPLES);
#endif
}
