#include "protocol/codec.hpp"
#include "protocol/command_shapes.hpp"
#include "protocol/wire_names.hpp"
#include "protocol/wire_shape.hpp"

namespace encuentro::protocol {

std::string_view command_wire_name(const domain::Command& command) {
  return kCommandNames[command.index()];
}

nlohmann::json encode_command(const domain::Command& command) {
  return detail::write_alternative(command);
}

Result<domain::Command> decode_command(std::string_view name, const nlohmann::json& fields) {
  const auto index = wire_index<domain::Command>(name);
  if (!index) {
    return DecodeError{"unknown_type", "", "unknown command " + detail::excerpt(name)};
  }
  return detail::decode_guarded([&] {
    return detail::read_alternative<domain::Command>(*index, fields, UnknownEnum::refuse);
  });
}

}  // namespace encuentro::protocol
