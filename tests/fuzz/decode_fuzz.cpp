// libFuzzer target: untrusted text through the protocol layer's decoders (scripts/fuzz.sh).
// Each input is, at once:
//  - a live client message (decode_client_message), as a WebSocket frame brings it;
//  - a JSON object {"<name>": {fields}} whose member is decoded as a command and as an event
//    (decode_command, decode_event_json), as the envelope's "name"/"args" and the log give them;
//  - a stored snapshot (decode_snapshot).
// Sanitizers catch memory errors and undefined behaviour; on top, whatever decodes must encode and
// decode back to the same value (the codec's promise, protocol/codec.hpp), and no decoder may
// throw (they return DecodeError). A broken promise aborts, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "protocol/codec.hpp"
#include "protocol/live.hpp"
#include "protocol/untrusted_json.hpp"

namespace {

namespace live = encuentro::protocol::live;
namespace protocol = encuentro::protocol;

[[noreturn]] void broken(const char* promise) {
  std::fprintf(stderr, "decode_fuzz: broken promise: %s\n", promise);
  std::abort();
}

void check_command_round_trip(const encuentro::domain::Command& command) {
  const auto again = protocol::decode_command(protocol::command_wire_name(command),
                                              protocol::encode_command(command));
  if (!again || again.value() != command) broken("decode_command(encode_command(c)) == c");
}

void check_event_round_trip(const encuentro::domain::Event& event) {
  const auto again =
      protocol::decode_event(protocol::event_name(event), protocol::encode_event_payload(event));
  if (!again || again.value() != event) broken("decode_event(encode_event_payload(e)) == e");
}

void fuzz_client_message(std::string_view text) {
  const live::Decoded decoded = live::decode_client_message(text);
  const auto* message = std::get_if<live::ClientMessage>(&decoded.message);
  if (message == nullptr) return;
  if (const auto* command = std::get_if<live::CommandMessage>(message)) {
    if (!decoded.op || *decoded.op != command->op) broken("a decoded command's op is reported");
    check_command_round_trip(command->command);
  }
}

void fuzz_named_object(std::string_view text) {
  auto parsed = protocol::parse_untrusted(text);
  if (!parsed || !parsed->is_object() || parsed->size() != 1) return;
  const auto member = parsed->begin();
  if (const auto command = protocol::decode_command(member.key(), member.value())) {
    check_command_round_trip(command.value());
  }
  if (const auto event = protocol::decode_event_json(member.key(), member.value())) {
    check_event_round_trip(event.value());
  }
}

void fuzz_snapshot(std::string_view text) {
  const auto state = protocol::decode_snapshot(text);
  if (!state) return;
  const auto again = protocol::decode_snapshot(protocol::encode_snapshot(state.value()));
  if (!again || again.value() != state.value()) broken("decode_snapshot(encode_snapshot(s)) == s");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    fuzz_client_message(text);
    fuzz_named_object(text);
    fuzz_snapshot(text);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "decode_fuzz: a decoder threw: %s\n", e.what());
    std::abort();
  }
  return 0;
}
