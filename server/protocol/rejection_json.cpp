// Its own translation unit: it is the protocol's only use of domain::rejection_code_name, so a
// binary that never sends rejections links without it.
#include "protocol/codec.hpp"

namespace encuentro::protocol {

nlohmann::json rejection_to_json(const domain::Rejection& rejection) {
  nlohmann::json details = nlohmann::json::object();
  for (const auto& [key, value] : rejection.details) details[key] = value;
  const char* code = domain::rejection_code_name(rejection.code);
  return {{"code", code != nullptr ? code : "unknown"},
          {"message", rejection.message},
          {"details", std::move(details)}};
}

}  // namespace encuentro::protocol
