#include "protocol/codec.hpp"
#include "protocol/event_shapes.hpp"
#include "protocol/wire_names.hpp"
#include "protocol/wire_shape.hpp"

namespace encuentro::protocol {

std::string_view event_name(const domain::Event& event) {
  return kEventNames[event.index()];
}

nlohmann::json encode_event_json(const domain::Event& event) {
  return detail::write_alternative(event);
}

std::string encode_event_payload(const domain::Event& event) {
  return detail::dump_compact(encode_event_json(event));
}

Result<domain::Event> decode_event_json(std::string_view name, const nlohmann::json& payload) {
  const auto index = wire_index<domain::Event>(name);
  if (!index) {
    return DecodeError{"unknown_type", "", "unknown event " + detail::excerpt(name)};
  }
  return detail::decode_guarded([&] {
    return detail::read_alternative<domain::Event>(*index, payload, UnknownEnum::accept);
  });
}

Result<domain::Event> decode_event(std::string_view name, std::string_view payload) {
  if (!wire_index<domain::Event>(name)) {
    return DecodeError{"unknown_type", "", "unknown event " + detail::excerpt(name)};
  }
  auto parsed = parse_untrusted(payload, kMaxJsonDepth, kNoByteLimit);
  if (!parsed) return parsed.error();
  return decode_event_json(name, *parsed);
}

}  // namespace encuentro::protocol
