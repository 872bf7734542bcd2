#include "protocol/untrusted_json.hpp"

#include <string>

namespace encuentro::protocol {

std::size_t json_nesting_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > deepest) {
          deepest = depth;
          if (deepest > limit) return limit + 1;
        }
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;  // unbalanced text is the parser's to reject
        break;
      default:
        break;
    }
  }
  return deepest;
}

Result<nlohmann::json> parse_untrusted(std::string_view text, std::size_t max_depth,
                                       std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return DecodeError{"bad_json", "",
                       "message of " + std::to_string(text.size()) +
                           " bytes exceeds the limit of " + std::to_string(max_bytes)};
  }
  if (json_nesting_depth(text, max_depth) > max_depth) {
    return DecodeError{"bad_json", "",
                       "arrays and objects nest deeper than " + std::to_string(max_depth)};
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    // parse_error (syntax, UTF-8) and out_of_range 406 (a number beyond a double).
    return DecodeError{"bad_json", "", e.what()};
  }
}

}  // namespace encuentro::protocol
