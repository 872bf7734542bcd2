// Unit tests of app/config: defaults, precedence (defaults < file < command line), strict JSON,
// every validation rule, command-line errors, and the config files shipped in config/.

#include "app/config.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

namespace encuentro::app {
namespace {

using Action = LoadOutcome::Action;

// A FileReader over an in-memory map, so no test touches the disk.
FileReader files(std::map<std::string, std::string> contents) {
  return [contents = std::move(contents)](const std::string& path) -> std::optional<std::string> {
    const auto it = contents.find(path);
    if (it == contents.end()) return std::nullopt;
    return it->second;
  };
}

LoadOutcome load(const std::vector<std::string>& args, std::map<std::string, std::string> fs = {}) {
  return load_config(args, files(std::move(fs)));
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The error of loading a config file with `json` and no other option.
std::string file_error(const std::string& json) {
  const LoadOutcome outcome = load({"--config", "c.json"}, {{"c.json", json}});
  CHECK(outcome.action == Action::error);
  return outcome.error;
}

// The validation errors of the defaults with one change applied.
template <class Change>
std::vector<std::string> errors_after(Change change) {
  ServerConfig config;
  change(config);
  return validate(config);
}

}  // namespace

TEST_CASE("config: defaults") {
  const LoadOutcome outcome = load({});
  REQUIRE(outcome.action == Action::run);
  const ServerConfig& c = outcome.config;
  CHECK(c.bind == "127.0.0.1");
  CHECK(c.port == 8080);
  CHECK(c.db_path == "data/encuentro.db");
  CHECK(c.static_root == "client-web/dist");
  CHECK_FALSE(c.demo);
  CHECK(c.log_level == "info");
  CHECK(c.threads == 1);
  CHECK(c.sqlite_synchronous == "full");
  CHECK(c.http.body_limit_bytes == 1024 * 1024);
  CHECK(c.http.header_limit_bytes == 16 * 1024);
  CHECK(c.http.read_timeout_s == 30);
  CHECK(c.http.write_timeout_s == 60);
  CHECK(c.http.keep_alive_idle_s == 20);
  CHECK(c.policy.convocation_min_days == 15);
  CHECK(c.policy.workshop_cap == 30);
  CHECK(c.allowed_origins.empty());
  CHECK(validate(ServerConfig{}).empty());
}

TEST_CASE("config: --help wins over invalid values and later options") {
  CHECK(load({"--help"}).action == Action::show_help);
  CHECK(load({"-h"}).action == Action::show_help);
  CHECK(load({"--port", "99999999", "--help"}).action == Action::show_help);
  CHECK(load({"--bogus", "--help"}).action == Action::error);  // syntax is read left to right
  const std::string text = usage();
  for (const char* option : {"--config", "--port", "--bind", "--db", "--static", "--demo",
                             "--log-level", "--threads", "--help"}) {
    CAPTURE(option);
    CHECK(contains(text, option));
  }
}

TEST_CASE("config: command-line options, separate and with '='") {
  const LoadOutcome outcome =
      load({"--port", "9000", "--bind=0.0.0.0", "--db", "/tmp/x.db", "--static=dist", "--demo",
            "--log-level", "debug", "--threads=4"});
  REQUIRE(outcome.action == Action::run);
  CHECK(outcome.config.port == 9000);
  CHECK(outcome.config.bind == "0.0.0.0");
  CHECK(outcome.config.db_path == "/tmp/x.db");
  CHECK(outcome.config.static_root == "dist");
  CHECK(outcome.config.demo);
  CHECK(outcome.config.log_level == "debug");
  CHECK(outcome.config.threads == 4);

  const LoadOutcome zero = load({"--port", "0", "--bind", "::1"});
  REQUIRE(zero.action == Action::run);
  CHECK(zero.config.port == 0);
  CHECK(zero.config.bind == "::1");
}

TEST_CASE("config: precedence is defaults < file < command line") {
  const std::string json = R"({
    // comments are allowed
    "port": 9001,
    "db_path": "file.db",
    /* block comments too */
    "http": {"read_timeout_s": 5},
    "policy": {"workshop_cap": 25},
    "allowed_origins": ["https://encuentro.example.org", "http://192.168.1.20:8080"]
  })";
  const LoadOutcome outcome =
      load({"--port", "9002", "--config", "c.json"}, {{"c.json", json}});  // order does not matter
  REQUIRE(outcome.action == Action::run);
  CHECK(outcome.config.port == 9002);          // command line beats the file
  CHECK(outcome.config.db_path == "file.db");  // file beats the default
  CHECK(outcome.config.bind == "127.0.0.1");   // default where nobody says otherwise
  CHECK(outcome.config.http.read_timeout_s == 5);
  CHECK(outcome.config.http.body_limit_bytes == 1024 * 1024);  // sibling keys keep defaults
  CHECK(outcome.config.policy.workshop_cap == 25);
  CHECK(outcome.config.policy.convocation_min_days == 15);
  CHECK(outcome.config.allowed_origins ==
        std::vector<std::string>{"https://encuentro.example.org", "http://192.168.1.20:8080"});

  const LoadOutcome demo =
      load({"--config", "c.json", "--demo"}, {{"c.json", R"({"demo": false})"}});
  REQUIRE(demo.action == Action::run);
  CHECK(demo.config.demo);
}

TEST_CASE("config: the file must exist and be a JSON object") {
  const LoadOutcome missing = load({"--config", "nowhere.json"});
  REQUIRE(missing.action == Action::error);
  CHECK(contains(missing.error, "cannot read config file \"nowhere.json\""));

  CHECK(contains(file_error("{\"port\": 80,}"), "invalid JSON"));
  CHECK(contains(file_error("{\"port\": "), "invalid JSON"));
  CHECK(contains(file_error(""), "invalid JSON"));
  CHECK(contains(file_error("[1, 2]"), "top level must be a JSON object"));
  CHECK(contains(file_error("\"text\""), "top level must be a JSON object"));
  CHECK(contains(file_error("{}x"), "invalid JSON"));
  CHECK(contains(file_error("{\"port\": \"80\"}"), "config file \"c.json\": \"port\""));
}

TEST_CASE("config: unknown keys are errors that name the key") {
  CHECK(contains(file_error(R"({"prot": 8080})"), "unknown key \"prot\""));
  CHECK(contains(file_error(R"({"http": {"body_limit": 10}})"), "unknown key \"http.body_limit\""));
  CHECK(contains(file_error(R"({"policy": {"workshop_cpa": 20}})"),
                 "unknown key \"policy.workshop_cpa\""));
  CHECK(
      contains(file_error(R"({"sqlite": {"journal": "wal"}})"), "unknown key \"sqlite.journal\""));
}

TEST_CASE("config: values of the wrong type are errors that name the key") {
  struct Case {
    const char* json;
    const char* expected;
  };
  const std::vector<Case> cases{
      {R"({"port": "8080"})", "\"port\": expected an integer, got string"},
      {R"({"port": 80.5})", "\"port\": expected an integer, got number"},
      {R"({"port": 99999999999})", "\"port\": integer out of range"},
      {R"({"port": -99999999999})", "\"port\": integer out of range"},
      {R"({"bind": 127})", "\"bind\": expected a string, got number"},
      {R"({"db_path": null})", "\"db_path\": expected a string, got null"},
      {R"({"static_root": ["dist"]})", "\"static_root\": expected a string, got array"},
      {R"({"demo": "yes"})", "\"demo\": expected true or false, got string"},
      {R"({"demo": 1})", "\"demo\": expected true or false, got number"},
      {R"({"log_level": false})", "\"log_level\": expected a string, got boolean"},
      {R"({"threads": "2"})", "\"threads\": expected an integer, got string"},
      {R"({"http": 5})", "\"http\": expected an object, got number"},
      {R"({"http": {"body_limit_bytes": -1}})", "\"http.body_limit_bytes\": must not be negative"},
      {R"({"http": {"header_limit_bytes": "16k"}})",
       "\"http.header_limit_bytes\": expected a non-negative integer, got string"},
      {R"({"http": {"read_timeout_s": 1.5}})", "\"http.read_timeout_s\": expected an integer"},
      {R"({"sqlite": "full"})", "\"sqlite\": expected an object, got string"},
      {R"({"sqlite": {"synchronous": 2}})", "\"sqlite.synchronous\": expected a string"},
      {R"({"policy": []})", "\"policy\": expected an object, got array"},
      {R"({"policy": {"workshop_cap": "30"}})", "\"policy.workshop_cap\": expected an integer"},
      {R"({"allowed_origins": "https://a.org"})",
       "\"allowed_origins\": expected an array of strings"},
      {R"({"allowed_origins": ["https://a.org", 7]})", "\"allowed_origins[1]\": expected a string"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.json);
    CHECK(contains(file_error(c.json), c.expected));
  }
}

TEST_CASE("config: every validation rule has a clear message") {
  struct Case {
    const char* name;
    std::vector<std::string> errors;
    const char* expected;
  };
  const std::vector<Case> cases{
      {"port high", errors_after([](ServerConfig& c) { c.port = 65536; }),
       "port: must be between 0 and 65535 (got 65536)"},
      {"port negative", errors_after([](ServerConfig& c) { c.port = -1; }),
       "port: must be between 0 and 65535 (got -1)"},
      {"bind hostname", errors_after([](ServerConfig& c) { c.bind = "localhost"; }),
       "bind: must be an IPv4 or IPv6 address"},
      {"bind empty", errors_after([](ServerConfig& c) { c.bind = ""; }), "bind: must be an IPv4"},
      {"bind bad v4", errors_after([](ServerConfig& c) { c.bind = "127.0.0.256"; }),
       "(got \"127.0.0.256\")"},
      {"db empty", errors_after([](ServerConfig& c) { c.db_path = ""; }),
       "db_path: must not be empty"},
      {"static empty", errors_after([](ServerConfig& c) { c.static_root = ""; }),
       "static_root: must not be empty"},
      {"log level", errors_after([](ServerConfig& c) { c.log_level = "loud"; }),
       "log_level: must be one of debug, info, warn, error (got \"loud\")"},
      {"threads zero", errors_after([](ServerConfig& c) { c.threads = 0; }),
       "threads: must be between 1 and 256 (got 0)"},
      {"threads many", errors_after([](ServerConfig& c) { c.threads = 257; }),
       "threads: must be between 1 and 256"},
      {"sqlite off", errors_after([](ServerConfig& c) { c.sqlite_synchronous = "off"; }),
       "sqlite.synchronous: \"off\" is refused"},
      {"sqlite unknown", errors_after([](ServerConfig& c) { c.sqlite_synchronous = "FULL"; }),
       "sqlite.synchronous: must be one of normal, full, extra (got \"FULL\")"},
      {"body limit", errors_after([](ServerConfig& c) { c.http.body_limit_bytes = 100; }),
       "http.body_limit_bytes: must be between 1024 and 67108864 (got 100)"},
      {"header limit", errors_after([](ServerConfig& c) { c.http.header_limit_bytes = 2u << 20; }),
       "http.header_limit_bytes: must be between 1024 and 1048576"},
      {"read timeout", errors_after([](ServerConfig& c) { c.http.read_timeout_s = 0; }),
       "http.read_timeout_s: must be between 1 and 3600 (got 0)"},
      {"write timeout", errors_after([](ServerConfig& c) { c.http.write_timeout_s = 3601; }),
       "http.write_timeout_s: must be between 1 and 3600"},
      {"keep-alive", errors_after([](ServerConfig& c) { c.http.keep_alive_idle_s = -5; }),
       "http.keep_alive_idle_s: must be between 1 and 3600"},
      {"convocation", errors_after([](ServerConfig& c) { c.policy.convocation_min_days = 0; }),
       "policy.convocation_min_days: must be between 1 and 365 (got 0)"},
      {"cap zero", errors_after([](ServerConfig& c) { c.policy.workshop_cap = 0; }),
       "policy.workshop_cap: must be between 1 and 30 (got 0)"},
      {"cap above 30", errors_after([](ServerConfig& c) { c.policy.workshop_cap = 31; }),
       "policy.workshop_cap: must be between 1 and 30 (got 31)"},
      {"origin slash",
       errors_after([](ServerConfig& c) { c.allowed_origins = {"https://a.org/"}; }),
       "allowed_origins[0]: must look like https://host"},
      {"origin scheme", errors_after([](ServerConfig& c) { c.allowed_origins = {"a.org"}; }),
       "allowed_origins[0]"},
      {"origin wildcard", errors_after([](ServerConfig& c) {
         c.allowed_origins = {"https://a.org", "*"};
       }),
       "allowed_origins[1]"},
      {"origin path",
       errors_after([](ServerConfig& c) { c.allowed_origins = {"https://a.org/app"}; }),
       "allowed_origins[0]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    REQUIRE(c.errors.size() == 1);
    CHECK(contains(c.errors.front(), c.expected));
  }

  // Edges that are valid.
  CHECK(errors_after([](ServerConfig& c) {
          c.port = 65535;
          c.bind = "::";
          c.threads = 256;
          c.sqlite_synchronous = "normal";
          c.policy.workshop_cap = 1;
          c.allowed_origins = {"http://localhost:5173", "https://[::1]:8443"};
        }).empty());
}

TEST_CASE("config: all validation errors are reported at once, file and command line alike") {
  const LoadOutcome outcome =
      load({"--config", "c.json", "--threads", "0"},
           {{"c.json", R"({"policy": {"workshop_cap": 40}, "port": 70000})"}});
  REQUIRE(outcome.action == Action::error);
  CHECK(contains(outcome.error, "invalid configuration:"));
  CHECK(contains(outcome.error, "port: must be between 0 and 65535 (got 70000)"));
  CHECK(contains(outcome.error, "threads: must be between 1 and 256 (got 0)"));
  CHECK(contains(outcome.error, "policy.workshop_cap: must be between 1 and 30 (got 40)"));
}

TEST_CASE("config: command-line errors") {
  struct Case {
    std::vector<std::string> args;
    const char* expected;
  };
  const std::vector<Case> cases{
      {{"--bogus"}, "unknown option \"--bogus\""},
      {{"-p", "80"}, "unexpected argument \"-p\""},
      {{"serve"}, "unexpected argument \"serve\""},
      {{"--port"}, "--port needs a value"},
      {{"--config"}, "--config needs a value"},
      {{"--port", "abc"}, "--port: expected an integer, got \"abc\""},
      {{"--port", "80x"}, "--port: expected an integer, got \"80x\""},
      {{"--port="}, "--port: expected an integer, got \"\""},
      {{"--port", "99999999999"}, "--port: expected an integer"},
      {{"--threads", "two"}, "--threads: expected an integer, got \"two\""},
      {{"--demo=yes"}, "--demo takes no value"},
      {{"--bind", "example.org"}, "bind: must be an IPv4 or IPv6 address"},
      {{"--log-level", "verbose"}, "log_level: must be one of"},
      {{"--db", ""}, "db_path: must not be empty"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args.front());
    const LoadOutcome outcome = load(c.args);
    REQUIRE(outcome.action == Action::error);
    CHECK(contains(outcome.error, c.expected));
  }
}

TEST_CASE("config: apply_config_json leaves absent keys untouched") {
  ServerConfig config;
  config.port = 1234;
  CHECK_FALSE(apply_config_json(R"({"demo": true})", config).has_value());
  CHECK(config.port == 1234);
  CHECK(config.demo);
}

TEST_CASE("config: the shipped config files load and hold the defaults") {
  const std::string dir = std::string(ENCUENTRO_SOURCE_DIR) + "/config/";
  for (const char* name : {"encuentro.json", "encuentro.example.jsonc"}) {
    CAPTURE(name);
    const LoadOutcome outcome = load_config({"--config", dir + name});
    REQUIRE_MESSAGE(outcome.action == Action::run, outcome.error);
    const ServerConfig& c = outcome.config;
    const ServerConfig d;
    CHECK(c.bind == d.bind);
    CHECK(c.port == d.port);
    CHECK(c.db_path == d.db_path);
    CHECK(c.static_root == d.static_root);
    CHECK(c.demo == d.demo);
    CHECK(c.log_level == d.log_level);
    CHECK(c.threads == d.threads);
    CHECK(c.sqlite_synchronous == d.sqlite_synchronous);
    CHECK(c.http.body_limit_bytes == d.http.body_limit_bytes);
    CHECK(c.http.header_limit_bytes == d.http.header_limit_bytes);
    CHECK(c.http.read_timeout_s == d.http.read_timeout_s);
    CHECK(c.http.write_timeout_s == d.http.write_timeout_s);
    CHECK(c.http.keep_alive_idle_s == d.http.keep_alive_idle_s);
    CHECK(c.policy.convocation_min_days == d.policy.convocation_min_days);
    CHECK(c.policy.workshop_cap == d.policy.workshop_cap);
    CHECK(c.allowed_origins == d.allowed_origins);
  }
}

TEST_CASE("config: kServerVersion matches project(VERSION) in CMakeLists.txt") {
  const auto text = read_text_file(std::string(ENCUENTRO_SOURCE_DIR) + "/CMakeLists.txt");
  REQUIRE(text.has_value());
  CHECK(contains(*text, "VERSION " + std::string(kServerVersion) + " "));
}

}  // namespace encuentro::app
