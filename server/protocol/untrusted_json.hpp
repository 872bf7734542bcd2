// Parsing JSON text that comes from outside (a WebSocket frame, an HTTP body, a stored payload).
// nlohmann's parser is recursive, so nesting is bounded *before* it runs: 10,000 '[' must give an
// error, not a stack overflow.
#pragma once

#include <cstddef>
#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>

#include "protocol/result.hpp"

namespace encuentro::protocol {

// Deepest legitimate message: envelope → fields → terms (4); a snapshot: 5. Far below any stack
// limit.
inline constexpr std::size_t kMaxJsonDepth = 64;
// One client message. Snapshots and stored events are ours and pass their own limit.
inline constexpr std::size_t kMaxMessageBytes = 1024 * 1024;
inline constexpr std::size_t kNoByteLimit = std::numeric_limits<std::size_t>::max();

// Errors (all code "bad_json"): longer than max_bytes, arrays/objects nested deeper than max_depth
// (counted outside strings, escapes respected), not JSON (syntax, invalid UTF-8, trailing text),
// or a number too large for a double (1e400). Never throws.
Result<nlohmann::json> parse_untrusted(std::string_view text, std::size_t max_depth = kMaxJsonDepth,
                                       std::size_t max_bytes = kMaxMessageBytes);

// The deepest nesting of arrays and objects in `text`, stopping early once it exceeds `limit`
// (then returns limit + 1). Does not validate the text.
std::size_t json_nesting_depth(std::string_view text, std::size_t limit);

}  // namespace encuentro::protocol
