#include "app/config.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <climits>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace encuentro::app {
namespace {

using nlohmann::json;

std::string in_quotes(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string wrong_type(std::string_view key, std::string_view expected, const json& value) {
  return in_quotes(key) + ": expected " + std::string(expected) + ", got " + value.type_name();
}

// Typed readers for one JSON value; each returns an error naming `key`, or nullopt.

std::optional<std::string> read(const json& v, std::string_view key, std::string& out) {
  if (!v.is_string()) return wrong_type(key, "a string", v);
  out = v.get<std::string>();
  return std::nullopt;
}

std::optional<std::string> read(const json& v, std::string_view key, bool& out) {
  if (!v.is_boolean()) return wrong_type(key, "true or false", v);
  out = v.get<bool>();
  return std::nullopt;
}

std::optional<std::string> read(const json& v, std::string_view key, int& out) {
  if (!v.is_number_integer()) return wrong_type(key, "an integer", v);
  if (v.is_number_unsigned() ? v.get<std::uint64_t>() > INT_MAX
                             : (v.get<std::int64_t>() < INT_MIN || v.get<std::int64_t>() > INT_MAX))
    return in_quotes(key) + ": integer out of range";
  out = v.get<int>();
  return std::nullopt;
}

std::optional<std::string> read(const json& v, std::string_view key, std::size_t& out) {
  if (!v.is_number_integer()) return wrong_type(key, "a non-negative integer", v);
  if (!v.is_number_unsigned()) return in_quotes(key) + ": must not be negative";
  out = static_cast<std::size_t>(v.get<std::uint64_t>());
  return std::nullopt;
}

std::optional<std::string> read(const json& v, std::string_view key,
                                std::vector<std::string>& out) {
  if (!v.is_array()) return wrong_type(key, "an array of strings", v);
  std::vector<std::string> items;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const json& item = v.at(i);
    if (!item.is_string())
      return wrong_type(std::string(key) + "[" + std::to_string(i) + "]", "a string", item);
    items.push_back(item.get<std::string>());
  }
  out = std::move(items);
  return std::nullopt;
}

std::optional<std::string> unknown_key(std::string_view key) {
  return "unknown key " + in_quotes(key) + " (see config/encuentro.example.jsonc)";
}

std::optional<std::string> apply_http(const json& object, HttpLimits& http) {
  if (!object.is_object()) return wrong_type("http", "an object", object);
  for (const auto& [name, value] : object.items()) {
    const std::string key = "http." + name;
    std::optional<std::string> error;
    if (name == "body_limit_bytes")
      error = read(value, key, http.body_limit_bytes);
    else if (name == "header_limit_bytes")
      error = read(value, key, http.header_limit_bytes);
    else if (name == "read_timeout_s")
      error = read(value, key, http.read_timeout_s);
    else if (name == "write_timeout_s")
      error = read(value, key, http.write_timeout_s);
    else if (name == "keep_alive_idle_s")
      error = read(value, key, http.keep_alive_idle_s);
    else
      error = unknown_key(key);
    if (error) return error;
  }
  return std::nullopt;
}

std::optional<std::string> apply_websocket(const json& object, WebSocketLimits& ws) {
  if (!object.is_object()) return wrong_type("websocket", "an object", object);
  for (const auto& [name, value] : object.items()) {
    const std::string key = "websocket." + name;
    std::optional<std::string> error;
    if (name == "max_frame_bytes")
      error = read(value, key, ws.max_frame_bytes);
    else if (name == "queue_messages")
      error = read(value, key, ws.queue_messages);
    else if (name == "queue_bytes")
      error = read(value, key, ws.queue_bytes);
    else if (name == "idle_timeout_s")
      error = read(value, key, ws.idle_timeout_s);
    else if (name == "max_connections_per_address")
      error = read(value, key, ws.max_connections_per_address);
    else if (name == "messages_per_second")
      error = read(value, key, ws.messages_per_second);
    else if (name == "burst")
      error = read(value, key, ws.burst);
    else if (name == "catchup_max_events")
      error = read(value, key, ws.catchup_max_events);
    else
      error = unknown_key(key);
    if (error) return error;
  }
  return std::nullopt;
}

std::optional<std::string> apply_sqlite(const json& object, ServerConfig& config) {
  if (!object.is_object()) return wrong_type("sqlite", "an object", object);
  for (const auto& [name, value] : object.items()) {
    const std::string key = "sqlite." + name;
    std::optional<std::string> error;
    if (name == "synchronous")
      error = read(value, key, config.sqlite_synchronous);
    else
      error = unknown_key(key);
    if (error) return error;
  }
  return std::nullopt;
}

std::optional<std::string> apply_policy(const json& object, domain::Policy& policy) {
  if (!object.is_object()) return wrong_type("policy", "an object", object);
  for (const auto& [name, value] : object.items()) {
    const std::string key = "policy." + name;
    std::optional<std::string> error;
    if (name == "convocation_min_days")
      error = read(value, key, policy.convocation_min_days);
    else if (name == "workshop_cap")
      error = read(value, key, policy.workshop_cap);
    else
      error = unknown_key(key);
    if (error) return error;
  }
  return std::nullopt;
}

std::optional<std::string> apply_tls(const json& object, TlsConfig& tls) {
  if (!object.is_object()) return wrong_type("tls", "an object", object);
  for (const auto& [name, value] : object.items()) {
    const std::string key = "tls." + name;
    std::optional<std::string> error;
    if (name == "cert_file")
      error = read(value, key, tls.cert_file);
    else if (name == "key_file")
      error = read(value, key, tls.key_file);
    else
      error = unknown_key(key);
    if (error) return error;
  }
  return std::nullopt;
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

bool is_ip_address(const std::string& text) {
  unsigned char buf[sizeof(struct in6_addr)];
  return inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

// "http://host[:port]" or "https://host[:port]", exactly as a browser sends it in Origin.
bool is_origin(std::string_view origin) {
  std::string_view rest;
  if (origin.starts_with("http://"))
    rest = origin.substr(7);
  else if (origin.starts_with("https://"))
    rest = origin.substr(8);
  else
    return false;
  if (rest.empty()) return false;
  for (const char c : rest) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '/' || c == '*' || c == '?' || c == '#' || c == '@')
      return false;
  }
  return true;
}

template <class T>
void check_range(std::vector<std::string>& errors, std::string_view key, T value, T min, T max) {
  if (value < min || value > max)
    errors.push_back(std::string(key) + ": must be between " + std::to_string(min) + " and " +
                     std::to_string(max) + " (got " + std::to_string(value) + ")");
}

struct Option {
  std::string name;   // "--port"
  std::string value;  // empty for flags
};

}  // namespace

std::optional<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(text).str();
}

std::optional<std::string> apply_config_json(std::string_view text, ServerConfig& config) {
  json root;
  try {
    root = json::parse(text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const json::parse_error& e) {
    return std::string("invalid JSON: ") + e.what();
  }
  if (!root.is_object()) return std::string("the top level must be a JSON object");

  for (const auto& [name, value] : root.items()) {
    std::optional<std::string> error;
    if (name == "bind")
      error = read(value, name, config.bind);
    else if (name == "port")
      error = read(value, name, config.port);
    else if (name == "db_path")
      error = read(value, name, config.db_path);
    else if (name == "static_root")
      error = read(value, name, config.static_root);
    else if (name == "demo")
      error = read(value, name, config.demo);
    else if (name == "log_level")
      error = read(value, name, config.log_level);
    else if (name == "threads")
      error = read(value, name, config.threads);
    else if (name == "allowed_origins")
      error = read(value, name, config.allowed_origins);
    else if (name == "http")
      error = apply_http(value, config.http);
    else if (name == "websocket")
      error = apply_websocket(value, config.websocket);
    else if (name == "sqlite")
      error = apply_sqlite(value, config);
    else if (name == "policy")
      error = apply_policy(value, config.policy);
    else if (name == "tls")
      error = apply_tls(value, config.tls);
    else
      error = unknown_key(name);
    if (error) return error;
  }
  return std::nullopt;
}

std::vector<std::string> validate(const ServerConfig& config) {
  std::vector<std::string> errors;
  if (!is_ip_address(config.bind))
    errors.push_back(
        "bind: must be an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::1 (got " +
        in_quotes(config.bind) + ")");
  check_range(errors, "port", config.port, 0, 65535);
  if (config.db_path.empty()) errors.emplace_back("db_path: must not be empty");
  if (config.static_root.empty()) errors.emplace_back("static_root: must not be empty");
  if (config.log_level != "debug" && config.log_level != "info" && config.log_level != "warn" &&
      config.log_level != "error")
    errors.push_back("log_level: must be one of debug, info, warn, error (got " +
                     in_quotes(config.log_level) + ")");
  check_range(errors, "threads", config.threads, 1, 256);
  if (config.sqlite_synchronous == "off")
    errors.emplace_back(
        "sqlite.synchronous: \"off\" is refused: an acknowledged contribution must survive a "
        "crash (use normal, full or extra)");
  else if (config.sqlite_synchronous != "normal" && config.sqlite_synchronous != "full" &&
           config.sqlite_synchronous != "extra")
    errors.push_back("sqlite.synchronous: must be one of normal, full, extra (got " +
                     in_quotes(config.sqlite_synchronous) + ")");

  if (config.tls.cert_file.empty() != config.tls.key_file.empty())
    errors.emplace_back(config.tls.cert_file.empty()
                            ? "tls.cert_file: missing (tls.key_file is set; give both or neither)"
                            : "tls.key_file: missing (tls.cert_file is set; give both or neither)");

  const HttpLimits& http = config.http;
  check_range<std::size_t>(errors, "http.body_limit_bytes", http.body_limit_bytes, 1024,
                           64 * 1024 * 1024);
  check_range<std::size_t>(errors, "http.header_limit_bytes", http.header_limit_bytes, 1024,
                           1024 * 1024);
  check_range(errors, "http.read_timeout_s", http.read_timeout_s, 1, 3600);
  check_range(errors, "http.write_timeout_s", http.write_timeout_s, 1, 3600);
  check_range(errors, "http.keep_alive_idle_s", http.keep_alive_idle_s, 1, 3600);

  check_range(errors, "policy.convocation_min_days", config.policy.convocation_min_days, 1, 365);
  check_range(errors, "policy.workshop_cap", config.policy.workshop_cap, 1,
              domain::kMaxWorkshopCap);

  const WebSocketLimits& ws = config.websocket;
  check_range<std::size_t>(errors, "websocket.max_frame_bytes", ws.max_frame_bytes, 64 * 1024,
                           64 * 1024 * 1024);
  check_range<std::size_t>(errors, "websocket.queue_messages", ws.queue_messages, 16, 1'000'000);
  check_range<std::size_t>(errors, "websocket.queue_bytes", ws.queue_bytes, 1024 * 1024,
                           1024 * 1024 * 1024);
  check_range(errors, "websocket.idle_timeout_s", ws.idle_timeout_s, 2, 3600);
  check_range(errors, "websocket.max_connections_per_address", ws.max_connections_per_address, 1,
              1'000'000);
  check_range(errors, "websocket.messages_per_second", ws.messages_per_second, 1, 100'000);
  check_range(errors, "websocket.burst", ws.burst, 1, 1'000'000);
  check_range(errors, "websocket.catchup_max_events", ws.catchup_max_events, 0, 1'000'000);

  for (std::size_t i = 0; i < config.allowed_origins.size(); ++i) {
    if (!is_origin(config.allowed_origins[i]))
      errors.push_back("allowed_origins[" + std::to_string(i) +
                       "]: must look like https://host or http://host:port, without path or "
                       "trailing slash (got " +
                       in_quotes(config.allowed_origins[i]) + ")");
  }
  return errors;
}

LoadOutcome load_config(const std::vector<std::string>& args, const FileReader& read_file) {
  LoadOutcome outcome;
  auto fail = [&outcome](std::string message) {
    outcome.action = LoadOutcome::Action::error;
    outcome.error = std::move(message);
    return outcome;
  };

  // Pass 1: syntax only, so that --help wins and --config is applied before other options.
  std::vector<Option> options;
  std::optional<std::string> config_path;
  bool mint_organizer_secret = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      outcome.action = LoadOutcome::Action::show_help;
      return outcome;
    }
    if (!arg.starts_with("--"))
      return fail("unexpected argument " + in_quotes(arg) + " (see --help)");
    Option option;
    std::optional<std::string> inline_value;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      option.name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    } else {
      option.name = arg;
    }
    if (option.name == "--demo" || option.name == "--mint-organizer-secret") {
      if (inline_value) return fail(option.name + " takes no value");
    } else if (option.name == "--config" || option.name == "--port" || option.name == "--bind" ||
               option.name == "--db" || option.name == "--static" || option.name == "--log-level" ||
               option.name == "--threads" || option.name == "--tls-cert" ||
               option.name == "--tls-key") {
      if (inline_value) {
        option.value = *inline_value;
      } else if (i + 1 < args.size()) {
        option.value = args[++i];
      } else {
        return fail(option.name + " needs a value (see --help)");
      }
      if (option.name == "--config") config_path = option.value;
    } else {
      return fail("unknown option " + in_quotes(option.name) + " (see --help)");
    }
    options.push_back(std::move(option));
  }

  ServerConfig config;
  if (config_path) {
    const std::optional<std::string> text = read_file(*config_path);
    if (!text) return fail("cannot read config file " + in_quotes(*config_path));
    if (auto error = apply_config_json(*text, config))
      return fail("config file " + in_quotes(*config_path) + ": " + *error);
  }

  // Pass 2: command-line values override the file.
  for (const Option& option : options) {
    if (option.name == "--port" || option.name == "--threads") {
      const std::optional<int> number = parse_int(option.value);
      if (!number)
        return fail(option.name + ": expected an integer, got " + in_quotes(option.value));
      (option.name == "--port" ? config.port : config.threads) = *number;
    } else if (option.name == "--bind") {
      config.bind = option.value;
    } else if (option.name == "--db") {
      config.db_path = option.value;
    } else if (option.name == "--static") {
      config.static_root = option.value;
    } else if (option.name == "--log-level") {
      config.log_level = option.value;
    } else if (option.name == "--tls-cert") {
      config.tls.cert_file = option.value;
    } else if (option.name == "--tls-key") {
      config.tls.key_file = option.value;
    } else if (option.name == "--demo") {
      config.demo = true;
    } else if (option.name == "--mint-organizer-secret") {
      mint_organizer_secret = true;
    }
  }

  const std::vector<std::string> errors = validate(config);
  if (!errors.empty()) {
    std::string message = "invalid configuration:";
    for (const std::string& error : errors) message += "\n  " + error;
    return fail(std::move(message));
  }
  outcome.action =
      mint_organizer_secret ? LoadOutcome::Action::mint_organizer_secret : LoadOutcome::Action::run;
  outcome.config = std::move(config);
  return outcome;
}

std::string usage() {
  return R"(Usage: encuentro-server [options]

Serves Encuentro (the web client, its JSON API and its live WebSocket) on one port.

Options:
  --config FILE     JSON configuration file (comments allowed); see config/encuentro.example.jsonc
  --port N          TCP port, 0 for any free port (default 8080)
  --bind ADDR       IP address to listen on (default 127.0.0.1, loopback only)
  --db PATH         SQLite database file (default data/encuentro.db)
  --static DIR      directory of the built web client (default client-web/dist)
  --demo            load demonstration data
  --log-level L     debug, info, warn or error (default info)
  --threads N       I/O threads (default 1)
  --tls-cert FILE   PEM certificate (chain) for HTTPS and wss:// on the same port
  --tls-key FILE    PEM private key of that certificate (give both or neither; with them,
                    plain HTTP requests are redirected to https://, except /healthz)
  --mint-organizer-secret
                    print a new one-time organizer access secret for the database and exit
                    (the server may be running)
  -h, --help        show this text and exit

Precedence: defaults < --config FILE < the other options. Options also accept --name=value.
On start the server prints "listening on http://ADDR:PORT" to stdout (with TLS, first also
"listening on https://ADDR:PORT"); logs go to stderr. See config/README.md.
At the first start of a database it also prints, once, "Organizer access (one-time): ..." to
stdout: the organizer's first way in (never written to the log).
SIGINT or SIGTERM stop it gracefully.
)";
}

}  // namespace encuentro::app
