#include "app/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace encuentro::log {
namespace {

std::atomic<Level> g_min_level{Level::info};

// Guards the sink and serialises writes so that a line is never split by another thread's line.
std::mutex g_write_mutex;
std::function<void(std::string_view)> g_sink;  // guarded by g_write_mutex; empty means stderr

bool is_bare(std::string_view value) {
  if (value.empty()) return false;
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '=' || c == '"' || c == '\\') return false;
  }
  return true;
}

void append_escaped(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 0xf];
        } else {
          out += c;
        }
    }
  }
}

void append_key(std::string& out, std::string_view key) {
  if (key.empty()) {
    out += '_';
    return;
  }
  for (const char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    out += ok ? c : '_';
  }
}

void append_time(std::string& out, long long unix_ms) {
  const auto seconds = static_cast<std::time_t>(unix_ms / 1000);
  const auto millis = static_cast<int>(unix_ms % 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[40];
  const auto n =
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  if (n > 0) out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace

void set_min_level(Level level) {
  g_min_level.store(level, std::memory_order_relaxed);
}

Level min_level() {
  return g_min_level.load(std::memory_order_relaxed);
}

std::optional<Level> parse_level(std::string_view name) {
  if (name == "debug") return Level::debug;
  if (name == "info") return Level::info;
  if (name == "warn") return Level::warn;
  if (name == "error") return Level::error;
  return std::nullopt;
}

std::string_view to_string(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
  }
  return "unknown";
}

std::string format_value(std::string_view value) {
  if (is_bare(value)) return std::string(value);
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  append_escaped(out, value);
  out += '"';
  return out;
}

std::string format_record(long long unix_ms, Level level, std::string_view msg, Fields fields) {
  std::string line;
  line.reserve(96);
  line += "time=";
  append_time(line, unix_ms);
  line += " level=";
  line += to_string(level);
  line += " msg=\"";  // msg is always quoted, so log readers can rely on its shape
  append_escaped(line, msg);
  line += '"';
  for (const Field& field : fields) {
    line += ' ';
    append_key(line, field.key);
    line += '=';
    line += format_value(field.value);
  }
  line += '\n';
  return line;
}

void write(Level level, std::string_view msg, Fields fields) {
  if (!enabled(level)) return;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  const std::string line = format_record(unix_ms, level, msg, fields);

  const std::lock_guard lock(g_write_mutex);
  if (g_sink) {
    g_sink(line);
  } else {
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  }
}

void set_sink(std::function<void(std::string_view line)> sink) {
  const std::lock_guard lock(g_write_mutex);
  g_sink = std::move(sink);
}

}  // namespace encuentro::log
