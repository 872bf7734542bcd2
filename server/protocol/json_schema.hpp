// The JSON Schema (draft 2020-12) of every message of the live protocol, version 1
// (shared/protocol/README.md), as one document: enums, records, the state, every command's args,
// every event's data and the envelopes, under "$defs"; the root accepts any protocol message.
//
// Generated from the tables the codec itself reads and writes with (wire_names.hpp, shapes.hpp,
// command_shapes.hpp, event_shapes.hpp, RejectionCode), so it cannot drift from the server. A copy
// is committed at shared/protocol/schema/protocol.schema.json for clients and tools; a unit test
// fails when that copy differs, and `encuentro-schema` prints a fresh one.
//
// Who sends a value decides how strict its schema is, as it decides how strict the decoder is:
//   - client (commands): an enum never takes the value `unknown` ("Phase"); omittable fields and
//     std::optional ones may be left out or null;
//   - server (events, the state, records): every field is present, std::optional ones as null;
//     an enum may also be `unknown`, its zero value, which stored data round-trips
//     ("PhaseOrUnknown").
// What no schema can say, a validator must add: `3.0` is not an integer for this server, and a
// date must exist on the calendar (tests/protocol/validate_messages.py checks both).
#pragma once

#include <nlohmann/json.hpp>

namespace encuentro::protocol {

// Thread-safe (pure); builds the whole document on every call.
nlohmann::json protocol_schema();

}  // namespace encuentro::protocol
