// The protocol layer's codec: domain events, commands, state snapshots and rejections to and from
// JSON. No nlohmann::json value reaches the domain; nothing here throws on bad input — a decode
// returns Result<T>, whose DecodeError names the code, the field path and the reason.
//
// Names: protocol/wire_names.hpp. Field shapes: protocol/{shapes,event_shapes,command_shapes}.hpp.
// Human-readable list of both: shared/README.md.
// Thread-safe: every function here is pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/commands.hpp"
#include "domain/decide.hpp"
#include "domain/encuentro.hpp"
#include "domain/events.hpp"
#include "protocol/json_types.hpp"
#include "protocol/result.hpp"
#include "protocol/untrusted_json.hpp"

namespace encuentro::protocol {

// ---- Events: the log's payloads and the data of broadcasts -------------------------------------

// The event's stable wire name ("contribution.captured"); points at static storage.
std::string_view event_name(const domain::Event& event);
// The alternative's fields as a JSON object ({"contribution": {...}}).
nlohmann::json encode_event_json(const domain::Event& event);
// encode_event_json as compact text: what the event log stores.
std::string encode_event_payload(const domain::Event& event);
// Strict: unknown name → unknown_type; every field required (std::optional ones may be null);
// unknown fields refused. The literal enum value "unknown" is accepted, so whatever the domain
// wrote replays. `payload` is parsed with a depth guard (no byte limit: the log is ours).
Result<domain::Event> decode_event(std::string_view name, std::string_view payload);
// The same, from a payload already parsed (as encode_event_json gives it).
Result<domain::Event> decode_event_json(std::string_view name, const nlohmann::json& payload);

// ---- Commands: what clients ask --------------------------------------------------------------

// The command's stable wire name ("contribution.capture"); points at static storage.
std::string_view command_wire_name(const domain::Command& command);
// Every field, including omittable ones and empty optionals (as null).
nlohmann::json encode_command(const domain::Command& command);
// `fields` is the command's own object (no envelope keys such as "type" or "op": they would be
// unknown fields). Strict: unknown name → unknown_type, a missing required field → missing_field,
// wrong JSON type / out-of-range number / unrecognised or "unknown" enum value / invalid date or
// time → invalid_field, a key the command does not have → unknown_field. Omittable fields
// (command_shapes.hpp) may be absent or null. Server-made values (CreateEncuentro::encuentro_id,
// Register::code) are omittable and must be overwritten by the app.
Result<domain::Command> decode_command(std::string_view name, const nlohmann::json& fields);

// ---- Snapshots: the whole state, for a fast start ---------------------------------------------

// Bump when the snapshot's shape changes; a snapshot of another version is not read (the caller
// replays the event log instead).
inline constexpr int kSnapshotVersion = 1;

// {"version": kSnapshotVersion, "encuentro": {every field of the state}}, compact.
// Holds personal data (registrants' contact): storage only, never sent to clients as is.
std::string encode_snapshot(const domain::Encuentro& state);
// decode_snapshot(encode_snapshot(s)) == s. Another version → unsupported_version.
Result<domain::Encuentro> decode_snapshot(std::string_view text);

// ---- Rejections ------------------------------------------------------------------------------

// {"code": rejection_code_name(code), "message": ..., "details": {...}}.
nlohmann::json rejection_to_json(const domain::Rejection& rejection);

}  // namespace encuentro::protocol
