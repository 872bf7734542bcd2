#include "protocol/codec.hpp"
#include "protocol/shapes.hpp"
#include "protocol/wire_shape.hpp"

namespace encuentro::protocol {

namespace {
constexpr std::string_view kVersionKey = "version";
constexpr std::string_view kStateKey = "encuentro";
}  // namespace

std::string encode_snapshot(const domain::Encuentro& state) {
  nlohmann::json j = nlohmann::json::object();
  j[kVersionKey] = kSnapshotVersion;
  j[kStateKey] = detail::write_root(state);
  return detail::dump_compact(j);
}

Result<domain::Encuentro> decode_snapshot(std::string_view text) {
  auto parsed = parse_untrusted(text, kMaxJsonDepth, kNoByteLimit);
  if (!parsed) return parsed.error();
  return detail::decode_guarded([&] {
    using detail::Path;
    const nlohmann::json& j = *parsed;
    const Path root;
    if (!j.is_object()) detail::fail_type(root, "an object", j);

    // The version first: another version may have another shape altogether.
    const Path version_path{&root, kVersionKey};
    const auto version_it = j.find(kVersionKey);
    if (version_it == j.end()) detail::fail(version_path, "missing_field", "no snapshot version");
    int version = 0;
    detail::read_value(*version_it, version, version_path, UnknownEnum::accept);
    if (version != kSnapshotVersion) {
      detail::fail(version_path, "unsupported_version",
                   "snapshot format " + std::to_string(version) + ", this server reads " +
                       std::to_string(kSnapshotVersion));
    }

    for (const auto& [key, value] : j.items()) {
      if (key != kVersionKey && key != kStateKey) {
        detail::fail(Path{&root, key}, "unknown_field", "no such field");
      }
    }
    const Path state_path{&root, kStateKey};
    const auto state_it = j.find(kStateKey);
    if (state_it == j.end()) detail::fail(state_path, "missing_field", "no state");
    domain::Encuentro state{};
    detail::read_value(*state_it, state, state_path, UnknownEnum::accept);
    return state;
  });
}

}  // namespace encuentro::protocol
