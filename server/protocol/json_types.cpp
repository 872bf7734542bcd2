#include "protocol/json_types.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/shapes.hpp"
#include "protocol/wire_shape.hpp"

namespace encuentro::protocol {

DecodeFailure::DecodeFailure(DecodeError error)
    : nlohmann::json::exception(
          kId, (error.field.empty() ? error.message : error.field + ": " + error.message).c_str()),
      error_(std::move(error)) {}

namespace detail {

namespace {
// At most `max` bytes of `text`, cut at the start of a code point (UTF-8 continuation bytes are
// 10xxxxxx) so the result stays valid UTF-8, with "…" when cut.
std::string cut_utf8(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}
}  // namespace

std::string excerpt(std::string_view text) {
  return "'" + cut_utf8(text, 40) + "'";
}

std::string path_string(const Path& path) {
  // Collect from leaf to root, then join root first.
  std::vector<const Path*> nodes;
  for (const Path* p = &path; p != nullptr; p = p->parent) {
    if (p->is_index || !p->key.empty()) nodes.push_back(p);
  }
  std::string out;
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    if ((*it)->is_index) {
      out += '[';
      out += std::to_string((*it)->index);
      out += ']';
    } else {
      if (!out.empty()) out += '.';
      out += cut_utf8((*it)->key, 64);  // a client's unknown key may be long
    }
  }
  return out;
}

void fail(const Path& path, std::string code, std::string message) {
  throw DecodeFailure(DecodeError{std::move(code), path_string(path), std::move(message)});
}

void fail_type(const Path& path, std::string_view expected, const json& got) {
  fail(path, "invalid_field", "expected " + std::string(expected) + ", got " + got.type_name());
}

}  // namespace detail
}  // namespace encuentro::protocol

namespace encuentro::domain {

#define ENCUENTRO_JSON_CONVERSIONS(Type)                                         \
  void to_json(nlohmann::json& j, const Type& value) {                           \
    protocol::detail::write_value(j, value);                                     \
  }                                                                              \
  void from_json(const nlohmann::json& j, Type& value) {                         \
    value = protocol::detail::read_root<Type>(j, protocol::UnknownEnum::accept); \
  }

ENCUENTRO_DOMAIN_JSON_TYPES(ENCUENTRO_JSON_CONVERSIONS)

#undef ENCUENTRO_JSON_CONVERSIONS

}  // namespace encuentro::domain
