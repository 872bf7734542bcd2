#include "protocol/json_schema.hpp"

#include <cstddef>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "domain/decide.hpp"
#include "protocol/command_shapes.hpp"
#include "protocol/event_shapes.hpp"
#include "protocol/json_types.hpp"
#include "protocol/shapes.hpp"
#include "protocol/wire_names.hpp"
#include "protocol/wire_shape.hpp"

namespace encuentro::protocol {
namespace {

namespace d = ::encuentro::domain;
using nlohmann::json;

// ---- Names of the types on the wire -----------------------------------------------------------
// The definition names ("$defs") of enums and records. Wire field names come from the shapes;
// these names are only the schema's, so renaming one breaks no stored data, but clients may
// generate types from them: keep them stable.

template <class T>
struct SchemaName;  // no definition on purpose: a type on the wire without a name does not compile

#define ENCUENTRO_SCHEMA_NAME(Type, name)           \
  template <>                                       \
  struct SchemaName<Type> {                         \
    static constexpr std::string_view value = name; \
  }

ENCUENTRO_SCHEMA_NAME(d::Phase, "Phase");
ENCUENTRO_SCHEMA_NAME(d::ValueGroup, "ValueGroup");
ENCUENTRO_SCHEMA_NAME(d::ContributionKind, "ContributionKind");
ENCUENTRO_SCHEMA_NAME(d::ContributionStatus, "ContributionStatus");
ENCUENTRO_SCHEMA_NAME(d::ContributionSource, "ContributionSource");
ENCUENTRO_SCHEMA_NAME(d::StaffRole, "StaffRole");
ENCUENTRO_SCHEMA_NAME(d::InterpreterKind, "InterpreterKind");
ENCUENTRO_SCHEMA_NAME(d::TimerStatus, "TimerStatus");
ENCUENTRO_SCHEMA_NAME(d::AnswerKind, "AnswerKind");
ENCUENTRO_SCHEMA_NAME(d::ProgressStatus, "ProgressStatus");
ENCUENTRO_SCHEMA_NAME(d::FlagCode, "FlagCode");
ENCUENTRO_SCHEMA_NAME(d::ObservationStatus, "ObservationStatus");

ENCUENTRO_SCHEMA_NAME(d::Accessibility, "Accessibility");
ENCUENTRO_SCHEMA_NAME(d::GuideQuestion, "GuideQuestion");
ENCUENTRO_SCHEMA_NAME(d::CentralPoint, "CentralPoint");
ENCUENTRO_SCHEMA_NAME(d::EncuentroDetails, "EncuentroDetails");
ENCUENTRO_SCHEMA_NAME(d::Registrant, "Registrant");
ENCUENTRO_SCHEMA_NAME(d::Participant, "Participant");
ENCUENTRO_SCHEMA_NAME(d::Interpreter, "Interpreter");
ENCUENTRO_SCHEMA_NAME(d::StaffMember, "StaffMember");
ENCUENTRO_SCHEMA_NAME(d::WorkshopTimer, "WorkshopTimer");
ENCUENTRO_SCHEMA_NAME(d::Voting, "Voting");
ENCUENTRO_SCHEMA_NAME(d::Workshop, "Workshop");
ENCUENTRO_SCHEMA_NAME(d::Contribution, "Contribution");
ENCUENTRO_SCHEMA_NAME(d::Vote, "Vote");
ENCUENTRO_SCHEMA_NAME(d::HandCount, "HandCount");
ENCUENTRO_SCHEMA_NAME(d::CommitmentTerms, "CommitmentTerms");
ENCUENTRO_SCHEMA_NAME(d::CommitmentVersion, "CommitmentVersion");
ENCUENTRO_SCHEMA_NAME(d::Commitment, "Commitment");
ENCUENTRO_SCHEMA_NAME(d::Answer, "Answer");
ENCUENTRO_SCHEMA_NAME(d::ProgressReport, "ProgressReport");
ENCUENTRO_SCHEMA_NAME(d::EvaluationRatings, "EvaluationRatings");
ENCUENTRO_SCHEMA_NAME(d::Evaluation, "Evaluation");
ENCUENTRO_SCHEMA_NAME(d::ObservationReply, "ObservationReply");
ENCUENTRO_SCHEMA_NAME(d::Observation, "Observation");
ENCUENTRO_SCHEMA_NAME(d::PhaseChange, "PhaseChange");
ENCUENTRO_SCHEMA_NAME(d::Flag, "Flag");
ENCUENTRO_SCHEMA_NAME(d::Encuentro, "State");  // shared/protocol/README.md calls it so
ENCUENTRO_SCHEMA_NAME(d::ev::FormedWorkshop, "FormedWorkshop");

#undef ENCUENTRO_SCHEMA_NAME

// ---- Small pieces -----------------------------------------------------------------------------

// Not `ref`: with a std::string argument, ADL would find std::ref.
json def_ref(std::string_view key) {
  return {{"$ref", "#/$defs/" + std::string(key)}};
}

// `schema`, or null. A plain {"type": T} becomes {"type": [T, "null"]}, which reads better and
// gives code generators a simple nullable type.
json nullable(const json& schema) {
  if (schema.size() == 1 && schema.contains("type") && schema["type"].is_string()) {
    return {{"type", json::array({schema["type"], "null"})}};
  }
  return {{"anyOf", json::array({schema, {{"type", "null"}}})}};
}

json string_array(std::initializer_list<std::string_view> values) {
  json array = json::array();
  for (const auto value : values) array.push_back(value);
  return array;
}

// A closed object (every object of the protocol is: a member it does not list is unknown_field)
// with `properties`, of which `required` must be present.
json closed_object(json properties, json required) {
  json schema = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) schema["required"] = std::move(required);
  schema["additionalProperties"] = false;
  return schema;
}

// "hand_count.record" → "HandCountRecord": definition names for commands and events.
std::string camel_case(std::string_view wire_name) {
  std::string out;
  bool upper = true;
  for (const char c : wire_name) {
    if (c == '.' || c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(c - 'a' + 'A') : c;
      upper = false;
    }
  }
  return out;
}

// The values of E on the wire, without `unknown`: the table of NLOHMANN_JSON_SERIALIZE_ENUM in
// json_types.hpp, which maps a value past its end back to `unknown` (as detail::enum_names does).
template <class E>
json enum_values() {
  json values = json::array();
  const json unknown = E::unknown;
  for (int i = 1; i < 256; ++i) {
    const json value = static_cast<E>(i);
    if (value == unknown) break;
    values.push_back(value);
  }
  return values;
}

// RejectionCode's names as the rule category sends them, from decide.cpp's own table, and the
// one rule the live protocol adds: participant.link before the person checked in.
json rejection_codes() {
  json codes = json::array({"not_checked_in"});
  for (int i = 1; i < 256; ++i) {
    const std::string_view name = d::rejection_code_name(static_cast<d::RejectionCode>(i));
    if (name == "unknown") break;  // past the last code
    codes.push_back(name);
  }
  return codes;
}

// ---- Schemas from the shapes ------------------------------------------------------------------

enum class Sender { client, server };

// Collects "$defs" while it walks the shapes. Every type is written the way write_value
// (wire_shape.hpp) writes it and read the way read_value reads it from `sender`.
class Builder {
 public:
  // The schema of a value of type T: inline for strings, booleans and arrays; a reference to a
  // definition (added on first use) for everything else.
  template <class T>
  json value(Sender sender) {
    if constexpr (std::is_same_v<T, std::string>) {
      return {{"type", "string"}};
    } else if constexpr (std::is_same_v<T, bool>) {
      return {{"type", "boolean"}};
    } else if constexpr (std::is_enum_v<T>) {
      return enumeration<T>(sender);
    } else if constexpr (std::is_integral_v<T>) {
      return integer<T>();
    } else if constexpr (std::is_same_v<T, d::Date>) {
      return define("Date", {{"description",
                              "`date`: \"YYYY-MM-DD\", a real calendar date (a validator must "
                              "check the day exists: the pattern allows 2026-02-30)."},
                             {"type", "string"},
                             {"pattern", "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
                             {"format", "date"}});
    } else if constexpr (std::is_same_v<T, d::TimeOfDay>) {
      return define("Time", {{"description", "`time`: \"HH:MM\", 00:00 to 23:59."},
                             {"type", "string"},
                             {"pattern", "^([01][0-9]|2[0-3]):[0-5][0-9]$"}});
    } else if constexpr (detail::is_optional<T>::value) {
      return nullable(value<typename T::value_type>(sender));
    } else if constexpr (detail::is_vector<T>::value) {
      return {{"type", "array"}, {"items", value<typename T::value_type>(sender)}};
    } else if constexpr (detail::HasShape<T>) {
      return record<T>(sender);
    } else {
      static_assert(detail::always_false<T>, "no wire shape for this type");
    }
  }

  // The closed object of a shaped type, field by field from Shape<T>::fields. From a client, a
  // field is required unless omittable or std::optional (read_member lets both be absent or
  // null); from the server every field is present.
  template <class T>
  json object(Sender sender) {
    detail::check_shape<T>();
    json properties = json::object();
    json required = json::array();
    std::apply([&](const auto&... f) { (add_field(properties, required, f, sender), ...); },
               detail::Shape<T>::fields);
    return closed_object(std::move(properties), std::move(required));
  }

  // Adds `schema` as "$defs"/`key` and returns a reference to it. One key, one schema: a second,
  // different schema under the same key is a bug of this file (two names made alike).
  json define(const std::string& key, json schema) {
    const auto it = defs_.find(key);
    if (it == defs_.end()) {
      defs_[key] = std::move(schema);
    } else if (*it != schema) {
      throw std::logic_error("json_schema: two different schemas named " + key);
    }
    return def_ref(key);
  }

  // The args of every command (from a client) or the data of every event (from the server), one
  // definition each, named after the wire name ("point.add" → "PointAddArgs"); returns the
  // oneOf branches that tie each wire name to its definition under `member`.
  template <class Variant>
  json alternatives(Sender sender, std::string_view suffix, std::string_view member,
                    std::string_view what) {
    json branches = json::array();
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (add_alternative<std::variant_alternative_t<I, Variant>>(kWireNames<Variant>[I], sender,
                                                               suffix, member, what, branches),
       ...);
    }
    (std::make_index_sequence<std::variant_size_v<Variant>>{});
    return branches;
  }

  json take_defs() && { return std::move(defs_); }

 private:
  template <class C, class M>
  void add_field(json& properties, json& required, const detail::Field<C, M>& f, Sender sender) {
    constexpr bool optional = detail::is_optional<M>::value;
    json schema = value<M>(sender);
    if (sender == Sender::client) {
      if (f.omittable && !optional) schema = nullable(schema);
      if (!f.omittable && !optional) required.push_back(f.name);
    } else {
      required.push_back(f.name);
    }
    properties[std::string(f.name)] = std::move(schema);
  }

  // A client may never send `unknown` (decode_enum refuses it); the server's data may hold it.
  template <class E>
  json enumeration(Sender sender) {
    const std::string name(SchemaName<E>::value);
    json strict = define(name, {{"enum", enum_values<E>()}});
    if (sender == Sender::client) return strict;
    return define(name + "OrUnknown",
                  {{"description", "A " + name +
                                       " as the server sends it: also `unknown`, the zero value, "
                                       "which stored events and snapshots round-trip."},
                   {"anyOf", json::array({std::move(strict), {{"const", "unknown"}}})}});
  }

  template <class I>
  json integer() {
    const std::string name =
        std::string(std::is_signed_v<I> ? "Int" : "UInt") +
        std::to_string(std::numeric_limits<I>::digits + (std::is_signed_v<I> ? 1 : 0));
    json schema = {{"type", "integer"},
                   {"minimum", std::numeric_limits<I>::min()},
                   {"maximum", std::numeric_limits<I>::max()}};
    if (name == "Int32") {
      schema["description"] = "`int`: a JSON integer that fits 32 bits (3.0 is not an integer).";
    } else if (name == "Int64") {
      schema["description"] =
          "A JSON integer that fits 64 bits: `ms` (milliseconds, an instant since the Unix epoch, "
          "UTC, or a duration) or a `seq`.";
    }
    return define(name, std::move(schema));
  }

  // A record has one definition when a client and the server write it alike; when they do not
  // (it holds an enum or an optional field) the client's gets its own, "<Name>FromClient".
  template <class T>
  json record(Sender sender) {
    const std::string name(SchemaName<T>::value);
    json schema = object<T>(sender);
    if (sender == Sender::client && schema != object<T>(Sender::server)) {
      return define(name + "FromClient", std::move(schema));
    }
    return define(name, std::move(schema));
  }

  template <class T>
  void add_alternative(std::string_view wire_name, Sender sender, std::string_view suffix,
                       std::string_view member, std::string_view what, json& branches) {
    json schema = object<T>(sender);
    schema["description"] = std::string(what) + " `" + std::string(wire_name) + "`.";
    const json target = define(camel_case(wire_name) + std::string(suffix), std::move(schema));
    branches.push_back(
        {{"properties", {{"name", {{"const", wire_name}}}, {std::string(member), target}}}});
  }

  json defs_ = json::object();
};

template <class Variant>
json name_enum() {
  json names = json::array();
  for (const auto name : kWireNames<Variant>) names.push_back(name);
  return names;
}

// ---- Envelopes (shared/protocol/README.md) ----------------------------------------------------

// A message of `type`: a closed object whose "type" is that constant.
json message(std::string_view type, std::string_view description, json properties, json required) {
  properties["type"] = {{"const", type}};
  required.insert(required.begin(), "type");
  json schema = closed_object(std::move(properties), std::move(required));
  schema["description"] = description;
  return schema;
}

const json kString = {{"type", "string"}};
const json kNullableString = {{"type", json::array({"string", "null"})}};

void add_common(Builder& b) {
  b.define("ProtocolVersion", {{"description", "The protocol's version: 1."}, {"const", 1}});
  b.define("Op", {{"description",
                   "A command's op id, made by the client and unique per command: 1 to 128 "
                   "visible ASCII characters. Sending the same op again is safe."},
                  {"type", "string"},
                  {"pattern", "^[!-~]{1,128}$"}});
  b.define("Ref", {{"description", "Any string the reply (or error) echoes, to pair them."},
                   {"type", "string"},
                   {"maxLength", 128}});
  b.define("Seq",
           {{"description", "An event's position in its encuentro's log: 1, 2, 3… (0: none yet)."},
            {"type", "integer"},
            {"minimum", 0},
            {"maximum", std::numeric_limits<std::int64_t>::max()}});
  b.define("Role", {{"description",
                     "Who a session is; `public` is a viewer without a session (published data "
                     "only)."},
                    {"enum", string_array({"organizer", "facilitator", "relator", "servant",
                                           "citizen", "projector", "office", "public"})}});
  b.define("MintableRole", {{"description", "The roles an access code can be minted for."},
                            {"enum", string_array({"organizer", "facilitator", "relator", "servant",
                                                   "projector", "office", "citizen"})}});
}

// A member a client may leave out (`?` in the README) may also be sent as null, which means the
// same: the server reads envelopes as it reads commands (an empty std::optional is absent or null).
json client_messages(Builder& b) {
  const json op = def_ref("Op");
  const json r = nullable(def_ref("Ref"));
  const json seq = nullable(def_ref("Seq"));
  b.define("Hello", [&] {
    json hello =
        message("hello",
                "The first message of a connection. `token` (a session from an earlier "
                "welcome) or `code` (an access code, the public citizen code or the organizer's "
                "secret), not both; neither: a public viewer. `since`: the last seq the client "
                "has of `encuentro`.",
                {{"protocol", def_ref("ProtocolVersion")},
                 {"token", kNullableString},
                 {"code", kNullableString},
                 {"encuentro", kNullableString},
                 {"since", seq}},
                {"protocol"});
    hello["not"] = {{"required", {"token", "code"}},
                    {"properties", {{"token", kString}, {"code", kString}}}};
    return hello;
  }());
  b.define("Subscribe", message("subscribe", "Follow an encuentro; catch-up follows.",
                                {{"encuentro", kString}, {"since", seq}}, {"encuentro"}));

  const json branches =
      b.alternatives<d::Command>(Sender::client, "Args", "args", "The args of the command");
  b.define("CommandName", {{"enum", name_enum<d::Command>()}});
  json command =
      message("command",
              "A domain command: `args` is the object of the command `name`. "
              "Answered by its events, then `ack`; or `error`.",
              {{"op", op}, {"name", def_ref("CommandName")}, {"args", {{"type", "object"}}}},
              {"op", "name", "args"});
  command["oneOf"] = branches;
  b.define("CommandMessage", std::move(command));

  b.define("Ping", message("ping", "Answered by `pong`.", {{"ref", r}}, json::array()));
  b.define("AccessMint",
           message("access.mint",
                   "Mint an access code. `workshop` for staff roles; `participant` for a citizen "
                   "(a checked-in participant, for walk-ins).",
                   {{"ref", r},
                    {"role", def_ref("MintableRole")},
                    {"workshop", kNullableString},
                    {"participant", kNullableString},
                    {"label", kNullableString}},
                   {"role"}));
  b.define("AccessList",
           message("access.list", "Answered by `access.codes`.", {{"ref", r}}, json::array()));
  b.define("AccessRevoke", message("access.revoke", "Answered by `done`.",
                                   {{"ref", r}, {"code_id", kString}}, {"code_id"}));
  b.define("AccessPublicCodeRequest",
           message("access.public_code",
                   "The encuentro's public citizen code, a new one when `rotate`. Answered by "
                   "`access.public_code`.",
                   {{"ref", r}, {"rotate", {{"type", json::array({"boolean", "null"})}}}},
                   json::array()));
  b.define("ParticipantLink",
           message("participant.link",
                   "Link a citizen session to its checked-in participant. Answered by `linked`, "
                   "then a fresh `snapshot`.",
                   {{"ref", r}, {"registration_code", kString}}, {"registration_code"}));
  b.define("Logout", message("logout", "Answered by `done`; then the server closes.", {{"ref", r}},
                             json::array()));
  b.define("EncuentrosList",
           message("encuentros.list",
                   "The encuentros an organizer may act on (all of them with the server's "
                   "secret). Answered by `encuentros`.",
                   {{"ref", r}}, json::array()));

  json one_of = json::array();
  for (const auto name :
       {"Hello", "Subscribe", "CommandMessage", "Ping", "AccessMint", "AccessList", "AccessRevoke",
        "AccessPublicCodeRequest", "ParticipantLink", "Logout", "EncuentrosList"}) {
    one_of.push_back(def_ref(name));
  }
  return {{"description", "Any message a client sends."}, {"oneOf", std::move(one_of)}};
}

// The error codes of each category (shared/protocol/README.md, "Errors"); the rule category's
// are the domain's RejectionCode.
json error_message() {
  const std::pair<std::string_view, json> categories[] = {
      {"protocol",
       string_array({"bad_json", "invalid_field", "missing_field", "unknown_type", "unknown_field",
                     "binary_frame", "too_large", "protocol_version", "not_greeted",
                     "already_greeted", "not_subscribed", "invalid_op"})},
      {"access", string_array({"malformed_code", "invalid_code", "locked_out", "unknown_token",
                               "expired", "revoked", "invalid_argument", "not_found"})},
      {"authorization",
       string_array({"forbidden", "wrong_encuentro", "wrong_workshop", "unknown_encuentro"})},
      {"rule", rejection_codes()},
      {"limit", string_array({"rate_limited"})},
      {"storage", string_array({"storage_unavailable"})},
      {"internal", string_array({"internal"})},
  };
  json names = json::array();
  json one_of = json::array();
  for (const auto& [category, codes] : categories) {
    names.push_back(category);
    one_of.push_back(
        {{"properties", {{"category", {{"const", category}}}, {"code", {{"enum", codes}}}}}});
  }
  json error = message(
      "error",
      "A request failed and changed nothing. `field`: the path of the offending member "
      "(\"args.details.date\"); `details`: specifics (rule errors); `retry_after_ms`: when trying "
      "again may succeed.",
      {{"category", {{"enum", names}}},
       {"code", kString},
       {"message", kString},
       {"op", {{"type", "string"}, {"maxLength", 128}}},
       {"ref", def_ref("Ref")},
       {"field", kString},
       {"details", {{"type", "object"}, {"additionalProperties", kString}}},
       {"retry_after_ms", {{"type", "integer"}, {"minimum", 0}}}},
      {"category", "code", "message"});
  error["oneOf"] = std::move(one_of);
  return error;
}

json server_messages(Builder& b) {
  const json r = def_ref("Ref");
  const json seq = def_ref("Seq");
  const json ms = b.value<d::Timestamp>(Sender::server);
  b.define("Welcome", [&] {
    json welcome = message(
        "welcome",
        "The answer to `hello`. `token` and `expires_at` when a code was redeemed: the "
        "client keeps the token for the next `hello`. `time`: the server's clock.",
        {{"protocol", def_ref("ProtocolVersion")},
         {"server", kString},
         {"role", def_ref("Role")},
         {"encuentro", kNullableString},
         {"workshop", kNullableString},
         {"participant", kNullableString},
         {"token", kString},
         {"expires_at", ms},
         {"time", ms},
         {"limits", closed_object({{"max_message_bytes", {{"type", "integer"}, {"minimum", 1}}},
                                   {"messages_per_second", {{"type", "integer"}, {"minimum", 0}}},
                                   {"burst", {{"type", "integer"}, {"minimum", 0}}}},
                                  {"max_message_bytes", "messages_per_second", "burst"})}},
        {"protocol", "server", "role", "encuentro", "workshop", "participant", "time", "limits"});
    welcome["dependentRequired"] = {{"token", {"expires_at"}}, {"expires_at", {"token"}}};
    return welcome;
  }());
  b.define(
      "Snapshot",
      message(
          "snapshot", "The whole encuentro as this session may see it, at `seq`.",
          {{"encuentro", kString}, {"seq", seq}, {"state", b.value<d::Encuentro>(Sender::server)}},
          {"encuentro", "seq", "state"}));

  const json branches =
      b.alternatives<d::Event>(Sender::server, "Data", "data", "The data of the event");
  b.define("EventName", {{"enum", name_enum<d::Event>()}});
  json event =
      message("event",
              "One event of the encuentro's log: `data` is the object of the event `name`. "
              "`contribution` only on `proposal.accepted`: the proposal that becomes visible.",
              {{"encuentro", kString},
               {"seq", seq},
               {"at", ms},
               {"name", def_ref("EventName")},
               {"data", {{"type", "object"}}},
               {"contribution", b.value<d::Contribution>(Sender::server)}},
              {"encuentro", "seq", "at", "name", "data"});
  event["oneOf"] = branches;
  event["dependentSchemas"] = {
      {"contribution",
       {{"properties", {{"name", {{"const", "proposal.accepted"}}}}}, {"required", {"name"}}}}};
  b.define("EventMessage", std::move(event));

  b.define("Synced", message("synced", "Catch-up is complete at `seq`; live events follow.",
                             {{"encuentro", kString}, {"seq", seq}}, {"encuentro", "seq"}));
  b.define("Ack", message("ack",
                          "The command `op` is committed: its events are `first_seq`..`seq`. "
                          "`duplicate`: it had been applied before, this is the first answer.",
                          {{"op", def_ref("Op")},
                           {"encuentro", kString},
                           {"first_seq", seq},
                           {"seq", seq},
                           {"duplicate", {{"type", "boolean"}}}},
                          {"op", "encuentro", "first_seq", "seq", "duplicate"}));
  b.define("Error", error_message());
  b.define("Pong", message("pong", "The answer to `ping`, with the server's clock.",
                           {{"ref", r}, {"time", ms}}, {"time"}));
  b.define("AccessMinted",
           message("access.minted", "A new access code: `code` is shown once, never again.",
                   {{"ref", r},
                    {"code_id", kString},
                    {"code", kString},
                    {"join_path", kString},
                    {"role", def_ref("MintableRole")},
                    {"workshop", kNullableString},
                    {"participant", kNullableString},
                    {"label", kString}},
                   {"code_id", "code", "join_path", "role", "workshop", "participant", "label"}));
  b.define("AccessCode", closed_object({{"code_id", kString},
                                        {"role", def_ref("MintableRole")},
                                        {"workshop", kNullableString},
                                        {"participant", kNullableString},
                                        {"label", kString},
                                        {"created_at", ms},
                                        {"revoked_at", nullable(ms)}},
                                       {"code_id", "role", "workshop", "participant", "label",
                                        "created_at", "revoked_at"}));
  b.define("AccessCodes",
           message("access.codes", "The encuentro's access codes (never the codes themselves).",
                   {{"ref", r}, {"codes", {{"type", "array"}, {"items", def_ref("AccessCode")}}}},
                   {"codes"}));
  b.define("AccessPublicCodeReply",
           message("access.public_code", "The encuentro's public citizen code.",
                   {{"ref", r}, {"code", kString}, {"join_path", kString}}, {"code", "join_path"}));
  b.define("Linked", message("linked", "The session is linked to its participant.",
                             {{"ref", r}, {"participant", kString}, {"workshop", kNullableString}},
                             {"participant", "workshop"}));
  b.define("Done", message("done", "The request succeeded.", {{"ref", r}}, json::array()));
  b.define("EncuentroSummary", closed_object({{"id", kString},
                                              {"title", kString},
                                              {"date", b.value<d::Date>(Sender::server)},
                                              {"phase", b.value<d::Phase>(Sender::server)},
                                              {"seq", seq}},
                                             {"id", "title", "date", "phase", "seq"}));
  b.define("Encuentros",
           message("encuentros", "The answer to `encuentros.list`, newest date first.",
                   {{"ref", r},
                    {"encuentros", {{"type", "array"}, {"items", def_ref("EncuentroSummary")}}}},
                   {"encuentros"}));

  json one_of = json::array();
  for (const auto name :
       {"Welcome", "Snapshot", "EventMessage", "Synced", "Ack", "Error", "Pong", "AccessMinted",
        "AccessCodes", "AccessPublicCodeReply", "Linked", "Done", "Encuentros"}) {
    one_of.push_back(def_ref(name));
  }
  return {{"description", "Any message the server sends."}, {"oneOf", std::move(one_of)}};
}

}  // namespace

json protocol_schema() {
  Builder b;
  // Every value type the codec converts gets its definition, also those no message carries yet
  // (Flag, FlagCode): one list, json_types.hpp's.
#define ENCUENTRO_SCHEMA_DEFINE(Type) b.value<d::Type>(Sender::server);
  ENCUENTRO_DOMAIN_JSON_TYPES(ENCUENTRO_SCHEMA_DEFINE)
#undef ENCUENTRO_SCHEMA_DEFINE
  add_common(b);
  b.define("ClientMessage", client_messages(b));
  b.define("ServerMessage", server_messages(b));

  return {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
          {"$id", "https://encuentro.example/protocol/v1/protocol.schema.json"},
          {"title", "Encuentro live protocol, version 1"},
          {"description",
           "Every message of the live WebSocket protocol (shared/protocol/README.md): "
           "$defs/ClientMessage for what a client sends, $defs/ServerMessage for what the server "
           "sends. Generated by the server (encuentro-schema); do not edit by hand."},
          {"anyOf", json::array({def_ref("ClientMessage"), def_ref("ServerMessage")})},
          {"$defs", std::move(b).take_defs()}};
}

}  // namespace encuentro::protocol
