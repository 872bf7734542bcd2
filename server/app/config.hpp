#pragma once

// ServerConfig: everything the operator can set, and how it is loaded.
//
// Precedence: built-in defaults < JSON config file (--config FILE) < command-line options.
// The JSON file is strict: an unknown key or a value of the wrong type is an error that names the
// key, because a silently ignored typo ("workshop_cpa": 20) would run the event with the wrong
// rules. Relative paths are relative to the working directory of the server process.
//
// Loading never throws: it returns a LoadOutcome (run with a valid config, show help, or error).
// Everything here is pure except read_text_file, which load_config uses unless given another.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/policy.hpp"

namespace encuentro::app {

// Keep in step with project(VERSION) in CMakeLists.txt (a unit test checks it).
inline constexpr std::string_view kServerVersion = "0.1.0";

struct HttpLimits {
  std::size_t body_limit_bytes = 1024 * 1024;  // requests carry small JSON bodies, never uploads
  std::size_t header_limit_bytes = 16 * 1024;
  int read_timeout_s = 30;     // whole request (headers + body) must arrive within this time
  int write_timeout_s = 60;    // whole response must be written within this time
  int keep_alive_idle_s = 20;  // how long an idle keep-alive connection waits for its next request
};

// The live WebSocket (shared/protocol/README.md). Transport bounds, then the app's.
struct WebSocketLimits {
  std::size_t max_frame_bytes = 1024 * 1024;  // larger: the connection is closed (1009)
  std::size_t queue_messages = 4096;          // per connection, waiting to be written
  std::size_t queue_bytes = 16 * 1024 * 1024;  // a client whose queue overflows is disconnected
  int idle_timeout_s = 40;  // pinged at half of it; silent for all of it: closed
  int max_connections_per_address = 2000;  // a venue's phones share one NAT address
  int messages_per_second = 20;  // per connection, sustained (LiveLimits)
  int burst = 60;                // per connection, at once
  int catchup_max_events = 1000;  // a client further behind gets a snapshot
};

// HTTPS and WSS on the same port (config/README.md): both files, or neither for plain HTTP.
// PEM files; the certificate file may hold the chain (server certificate first).
struct TlsConfig {
  std::string cert_file;
  std::string key_file;
  bool enabled() const { return !cert_file.empty() || !key_file.empty(); }
};

struct ServerConfig {
  std::string bind = "127.0.0.1";  // loopback unless the operator decides to expose it
  int port = 8080;                 // 0 asks the OS for a free port (tests)
  std::string db_path = "data/encuentro.db";
  std::string static_root = "client-web/dist";  // the web app, built by scripts/web-build.sh
  bool demo = false;
  std::string log_level = "info";
  int threads = 1;
  std::string sqlite_synchronous = "full";
  HttpLimits http;
  domain::Policy policy;  // only convocation_min_days and workshop_cap are configurable here
  std::vector<std::string> allowed_origins;  // WebSocket Origin allow-list; empty: same origin
  WebSocketLimits websocket;
  TlsConfig tls;
};

struct LoadOutcome {
  // mint_organizer_secret: `--mint-organizer-secret`: mint a one-time organizer secret in the
  // configured database, print it and exit (config is valid, as for run).
  enum class Action { run, show_help, error, mint_organizer_secret };
  Action action = Action::error;
  ServerConfig config;  // valid when action == run or mint_organizer_secret
  std::string error;    // one message per line when action == error
};

// Reads a whole file; nullopt if it cannot be opened or read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;
std::optional<std::string> read_text_file(const std::string& path);

// args are the command-line arguments without the program name.
LoadOutcome load_config(const std::vector<std::string>& args,
                        const FileReader& read = read_text_file);

// Applies the keys present in `text` (JSON, comments allowed) on top of `config`.
// Returns an error message naming the offending key, or nullopt on success.
std::optional<std::string> apply_config_json(std::string_view text, ServerConfig& config);

// Every rule the values must obey; one message per broken rule (empty when valid).
std::vector<std::string> validate(const ServerConfig& config);

// English usage text for --help.
std::string usage();

}  // namespace encuentro::app
