#pragma once

// Structured logging: one logfmt record per line on stderr, for example
//
//   time=2026-11-22T10:00:00.123Z level=info msg="listening" port=8080 bind=127.0.0.1
//
// PRIVACY: no personal data is ever passed to this logger: no names, documents, contact data,
// contribution texts, tokens, client IP addresses or request URLs (which may carry tokens). Log
// what the server does (listening, stopped, a handler failed), never who did it or what they said.
//
// Thread-safety: every function may be called from any thread. A record is formatted first and
// then written with a single write under a lock, so lines from different threads never interleave.

#include <concepts>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace encuentro::log {

enum class Level { debug, info, warn, error };

// One key=value pair. Keys are identifiers chosen by the programmer (a-z, 0-9, '_', '.', '-');
// values are escaped and quoted as needed.
struct Field {
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v ? "true" : "false") {}
  template <std::integral T>
  Field(std::string_view k, T v) : key(k), value(std::to_string(v)) {}

  std::string_view key;
  std::string value;
};

using Fields = std::initializer_list<Field>;

// Records below this level are dropped. Default: info.
void set_min_level(Level level);
Level min_level();
inline bool enabled(Level level) {
  return level >= min_level();
}

// "debug", "info", "warn", "error"; nullopt for anything else.
std::optional<Level> parse_level(std::string_view name);
std::string_view to_string(Level level);

void write(Level level, std::string_view msg, Fields fields = {});
inline void debug(std::string_view msg, Fields fields = {}) {
  write(Level::debug, msg, fields);
}
inline void info(std::string_view msg, Fields fields = {}) {
  write(Level::info, msg, fields);
}
inline void warn(std::string_view msg, Fields fields = {}) {
  write(Level::warn, msg, fields);
}
inline void error(std::string_view msg, Fields fields = {}) {
  write(Level::error, msg, fields);
}

// --- Exposed for tests ------------------------------------------------------------------------

// The complete line (with trailing '\n') that write() would emit at `unix_ms` milliseconds.
std::string format_record(long long unix_ms, Level level, std::string_view msg, Fields fields);

// A logfmt value: bare when it is a non-empty run of printable ASCII without space, '=', '"' or
// '\\'; otherwise double-quoted with '"', '\\' and control characters escaped. UTF-8 passes as is.
std::string format_value(std::string_view value);

// Replaces the stderr sink (nullptr restores it). The sink receives whole lines, under the lock.
void set_sink(std::function<void(std::string_view line)> sink);

}  // namespace encuentro::log
