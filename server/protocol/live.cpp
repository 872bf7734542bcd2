#include "protocol/live.hpp"

#include <algorithm>
#include <array>

#include "protocol/codec.hpp"
#include "protocol/shapes.hpp"
#include "protocol/untrusted_json.hpp"
#include "protocol/wire_shape.hpp"

namespace encuentro::protocol::detail {

namespace live = ::encuentro::protocol::live;

// Client envelopes (everything but "type", which selects the shape). Commands are read by hand:
// their args depend on their name.
ENCUENTRO_SHAPE(live::Hello, field("protocol", &S::protocol), field("token", &S::token),
                field("code", &S::code), field("encuentro", &S::encuentro),
                field("since", &S::since));
ENCUENTRO_SHAPE(live::Subscribe, field("encuentro", &S::encuentro), field("since", &S::since));
ENCUENTRO_SHAPE(live::Ping, field("ref", &S::ref));
ENCUENTRO_SHAPE(live::AccessMint, field("ref", &S::ref), field("role", &S::role),
                field("workshop", &S::workshop), field("participant", &S::participant),
                omittable("label", &S::label));
ENCUENTRO_SHAPE(live::AccessList, field("ref", &S::ref));
ENCUENTRO_SHAPE(live::AccessRevoke, field("ref", &S::ref), field("code_id", &S::code_id));
ENCUENTRO_SHAPE(live::AccessPublicCode, field("ref", &S::ref), omittable("rotate", &S::rotate));
ENCUENTRO_SHAPE(live::ParticipantLink, field("ref", &S::ref),
                field("registration_code", &S::registration_code));
ENCUENTRO_SHAPE(live::Logout, field("ref", &S::ref));
ENCUENTRO_SHAPE(live::EncuentrosList, field("ref", &S::ref));

}  // namespace encuentro::protocol::detail

namespace encuentro::protocol::live {

namespace {

using nlohmann::json;

// The wire "type" of each ClientMessage alternative, in variant order.
constexpr std::array<std::string_view, std::variant_size_v<ClientMessage>> kClientTypes = {
    "hello",       "subscribe",   "command",           "ping",
    "access.mint", "access.list", "access.revoke",     "access.public_code",
    "participant.link", "logout",      "encuentros.list",
};

bool valid_op(std::string_view op) {
  return !op.empty() && op.size() <= 128 &&
         std::all_of(op.begin(), op.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

DecodeError error(std::string code, std::string field, std::string message) {
  return DecodeError{std::move(code), std::move(field), std::move(message)};
}

// Reads the command envelope: {"type":"command","op":…,"name":…,"args":{…}}.
std::variant<ClientMessage, DecodeError> read_command(const json& j) {
  for (const auto& [key, value] : j.items()) {
    if (key != "type" && key != "op" && key != "name" && key != "args")
      return error("unknown_field", key, "no such field");
  }
  const auto op = j.find("op");
  if (op == j.end()) return error("missing_field", "op", "a command needs an op id");
  if (!op->is_string() || !valid_op(op->get_ref<const std::string&>()))
    return error("invalid_op", "op", "an op id is 1 to 128 visible ASCII characters");
  const auto name = j.find("name");
  if (name == j.end()) return error("missing_field", "name", "a command needs a name");
  if (!name->is_string()) return error("invalid_field", "name", "expected a string");
  const auto args = j.find("args");
  if (args == j.end()) return error("missing_field", "args", "a command needs args ({} if none)");
  auto command = decode_command(name->get_ref<const std::string&>(), *args);
  if (!command) {
    DecodeError e = command.error();
    if (e.code == "unknown_type") {
      e.field = "name";
    } else {
      e.field = e.field.empty() ? "args" : "args." + e.field;
    }
    return e;
  }
  return ClientMessage{CommandMessage{op->get<std::string>(), std::move(*command)}};
}

template <class T>
std::variant<ClientMessage, DecodeError> read_envelope(const json& without_type) {
  auto result = detail::decode_guarded([&] {
    return detail::read_root<T>(without_type, UnknownEnum::refuse);
  });
  if (!result) return result.error();
  return ClientMessage{std::move(*result)};
}

std::optional<std::string> string_member(const json& j, std::string_view key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  const auto& text = it->get_ref<const std::string&>();
  if (text.size() > kMaxRefLength) return std::nullopt;
  return text;
}

std::string dump(const json& j) { return detail::dump_compact(j); }

void put_optional(json& j, std::string_view key, const std::optional<std::string>& value) {
  if (value) j[key] = *value;
}

json nullable(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

Decoded decode_client_message(std::string_view text) {
  Decoded out{DecodeError{}, std::nullopt, std::nullopt};
  if (text.size() > kMaxClientMessageBytes) {
    out.message = error("too_large", "",
                        "message of " + std::to_string(text.size()) + " bytes; the limit is " +
                            std::to_string(kMaxClientMessageBytes));
    return out;
  }
  auto parsed = parse_untrusted(text, kMaxJsonDepth, kMaxClientMessageBytes);
  if (!parsed) {
    out.message = parsed.error();
    return out;
  }
  json& j = *parsed;
  if (!j.is_object()) {
    out.message = error("invalid_field", "", "a message is a JSON object");
    return out;
  }
  out.op = string_member(j, "op");
  out.ref = string_member(j, "ref");
  const auto type = j.find("type");
  if (type == j.end()) {
    out.message = error("missing_field", "type", "a message needs a type");
    return out;
  }
  if (!type->is_string()) {
    out.message = error("invalid_field", "type", "expected a string");
    return out;
  }
  const std::string type_name = type->get<std::string>();
  const auto known = std::find(kClientTypes.begin(), kClientTypes.end(), type_name);
  if (known == kClientTypes.end()) {
    out.message =
        error("unknown_type", "type", "no message type " + detail::excerpt(type_name));
    return out;
  }
  if (type_name == "command") {
    out.message = read_command(j);
    return out;
  }
  j.erase("type");
  if (auto ref = j.find("ref"); ref != j.end() && ref->is_string() &&
                                ref->get_ref<const std::string&>().size() > kMaxRefLength) {
    out.message = error("invalid_field", "ref", "a ref is at most 128 characters");
    return out;
  }
  using Reader = std::variant<ClientMessage, DecodeError> (*)(const json&);
  static constexpr std::array<Reader, std::variant_size_v<ClientMessage>> kReaders = {
      &read_envelope<Hello>,          &read_envelope<Subscribe>,
      nullptr,                        &read_envelope<Ping>,
      &read_envelope<AccessMint>,     &read_envelope<AccessList>,
      &read_envelope<AccessRevoke>,   &read_envelope<AccessPublicCode>,
      &read_envelope<ParticipantLink>, &read_envelope<Logout>,
      &read_envelope<EncuentrosList>,
  };
  out.message = kReaders[static_cast<std::size_t>(known - kClientTypes.begin())](j);
  if (const auto* message = std::get_if<ClientMessage>(&out.message)) {
    if (const auto* hello = std::get_if<Hello>(message)) {
      if (hello->since && *hello->since < 0)
        out.message = error("invalid_field", "since", "since is a seq, 0 or more");
      else if (hello->token && hello->code)
        out.message = error("invalid_field", "code", "send a token or a code, not both");
    } else if (const auto* subscribe = std::get_if<Subscribe>(message)) {
      if (subscribe->since && *subscribe->since < 0)
        out.message = error("invalid_field", "since", "since is a seq, 0 or more");
    }
  }
  return out;
}

std::string_view error_category_name(ErrorCategory category) noexcept {
  switch (category) {
    case ErrorCategory::protocol:
      return "protocol";
    case ErrorCategory::access:
      return "access";
    case ErrorCategory::authorization:
      return "authorization";
    case ErrorCategory::rule:
      return "rule";
    case ErrorCategory::limit:
      return "limit";
    case ErrorCategory::storage:
      return "storage";
    case ErrorCategory::internal:
      break;
  }
  return "internal";
}

std::string encode_error(const ErrorReply& e) {
  json j = {{"type", "error"},
            {"category", error_category_name(e.category)},
            {"code", e.code},
            {"message", e.message}};
  put_optional(j, "op", e.op);
  put_optional(j, "ref", e.ref);
  if (!e.field.empty()) j["field"] = e.field;
  if (!e.details.empty()) j["details"] = e.details;
  if (e.retry_after_ms > 0) j["retry_after_ms"] = e.retry_after_ms;
  return dump(j);
}

std::string encode_welcome(const WelcomeReply& w) {
  json j = {{"type", "welcome"},
            {"protocol", kProtocolVersion},
            {"server", w.server_version},
            {"role", w.role},
            {"encuentro", nullable(w.encuentro)},
            {"workshop", nullable(w.workshop)},
            {"participant", nullable(w.participant)},
            {"time", w.time_ms},
            {"limits",
             {{"max_message_bytes", w.max_message_bytes},
              {"messages_per_second", w.messages_per_second},
              {"burst", w.burst}}}};
  if (w.token) {
    j["token"] = *w.token;
    j["expires_at"] = w.expires_at_ms;
  }
  return dump(j);
}

std::string encode_snapshot_message(const domain::Encuentro& state) {
  json j = {{"type", "snapshot"},
            {"encuentro", state.id},
            {"seq", state.seq},
            {"state", detail::write_root(state)}};
  return dump(j);
}

std::string encode_event_message(std::string_view encuentro_id, const domain::Recorded& recorded,
                                 const domain::Contribution* reveal) {
  json j = {{"type", "event"},
            {"encuentro", encuentro_id},
            {"seq", recorded.seq},
            {"at", recorded.at},
            {"name", event_name(recorded.event)},
            {"data", encode_event_json(recorded.event)}};
  if (reveal) j["contribution"] = detail::write_root(*reveal);
  return dump(j);
}

std::string encode_synced(std::string_view encuentro_id, std::int64_t seq) {
  return dump(json{{"type", "synced"}, {"encuentro", encuentro_id}, {"seq", seq}});
}

std::string encode_ack(const AckReply& ack) {
  return dump(json{{"type", "ack"},
                   {"op", ack.op},
                   {"encuentro", ack.encuentro},
                   {"first_seq", ack.first_seq},
                   {"seq", ack.seq},
                   {"duplicate", ack.duplicate}});
}

std::string encode_pong(const std::optional<std::string>& ref, std::int64_t time_ms) {
  json j = {{"type", "pong"}, {"time", time_ms}};
  put_optional(j, "ref", ref);
  return dump(j);
}

namespace {
json code_json(const CodeReply& c, bool minted) {
  json j = {{"code_id", c.code_id},
            {"role", c.role},
            {"workshop", nullable(c.workshop)},
            {"participant", nullable(c.participant)},
            {"label", c.label}};
  if (minted) {
    j["code"] = c.code;
    j["join_path"] = c.join_path;
  } else {
    j["created_at"] = c.created_at_ms;
    j["revoked_at"] = c.revoked_at_ms ? json(*c.revoked_at_ms) : json(nullptr);
  }
  return j;
}
}  // namespace

std::string encode_minted(const std::optional<std::string>& ref, const CodeReply& code) {
  json j = code_json(code, true);
  j["type"] = "access.minted";
  put_optional(j, "ref", ref);
  return dump(j);
}

std::string encode_codes(const std::optional<std::string>& ref,
                         const std::vector<CodeReply>& codes) {
  json list = json::array();
  for (const CodeReply& c : codes) list.push_back(code_json(c, false));
  json j = {{"type", "access.codes"}, {"codes", std::move(list)}};
  put_optional(j, "ref", ref);
  return dump(j);
}

std::string encode_public_code(const std::optional<std::string>& ref, std::string_view code,
                               std::string_view join_path) {
  json j = {{"type", "access.public_code"}, {"code", code}, {"join_path", join_path}};
  put_optional(j, "ref", ref);
  return dump(j);
}

std::string encode_linked(const std::optional<std::string>& ref, std::string_view participant,
                          const std::optional<std::string>& workshop) {
  json j = {{"type", "linked"}, {"participant", participant}, {"workshop", nullable(workshop)}};
  put_optional(j, "ref", ref);
  return dump(j);
}

std::string encode_done(const std::optional<std::string>& ref) {
  json j = {{"type", "done"}};
  put_optional(j, "ref", ref);
  return dump(j);
}

std::string encode_encuentros(const std::optional<std::string>& ref,
                              const std::vector<EncuentroSummary>& encuentros) {
  json list = json::array();
  for (const EncuentroSummary& e : encuentros)
    list.push_back({{"id", e.id}, {"title", e.title}, {"date", e.date}, {"phase", e.phase},
                    {"seq", e.seq}});
  json j = {{"type", "encuentros"}, {"encuentros", std::move(list)}};
  put_optional(j, "ref", ref);
  return dump(j);
}

}  // namespace encuentro::protocol::live
