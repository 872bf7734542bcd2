// The real encuentro-server with its database: the demo loads on first start, health reports
// it, a graceful stop closes the database cleanly (WAL checkpointed), and a restart finds the
// same encuentros without loading the demo again. Crashes are simulated with SIGKILL.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "server_process.hpp"

namespace encuentro::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::vector<std::string> server_args(const TempDir& dir, bool demo) {
  std::vector<std::string> args{
      "--port",   "0",
      "--bind",   "127.0.0.1",
      "--db",     dir.file("data/e.db"),
      "--static", std::string(ENCUENTRO_SOURCE_DIR) + "/client-web/public"};
  if (demo) args.push_back("--demo");
  return args;
}

json health(unsigned short port) {
  const HttpResult r = http_get(port, "/healthz");
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

}  // namespace

TEST_CASE("server: --demo loads two encuentros once; a clean stop closes the database") {
  TempDir dir;  // data/ does not exist yet: the server creates it
  {
    ServerProcess server(server_args(dir, true));
    REQUIRE_MESSAGE(server.wait_listening(), server.log_text());
    const json h = health(server.port());
    CHECK(h.at("db") == "ok");
    CHECK(h.at("encuentros") == 2);
    const auto status = server.stop(SIGTERM, 10s);
    REQUIRE(status.has_value());
    CHECK(status->exited);
    CHECK(status->code == 0);
    const std::string log = server.log_text();
    CHECK(log.find("msg=\"demo loaded\" encuentros=2") != std::string::npos);
    CHECK(log.find("msg=\"database closed\"") != std::string::npos);
    // Clean close: every committed page is in the main file; no WAL left behind.
    CHECK(std::filesystem::exists(dir.file("data/e.db")));
    CHECK_FALSE(std::filesystem::exists(dir.file("data/e.db-wal")));
  }
  {
    // Restarting with --demo again finds the data and adds nothing.
    ServerProcess server(server_args(dir, true));
    REQUIRE_MESSAGE(server.wait_listening(), server.log_text());
    CHECK(health(server.port()).at("encuentros") == 2);
    server.stop(SIGINT, 10s);
    CHECK(server.log_text().find("demo already loaded") != std::string::npos);
  }
}

TEST_CASE("server: after SIGKILL the committed data is all there on restart") {
  TempDir dir;
  {
    ServerProcess server(server_args(dir, true));
    REQUIRE_MESSAGE(server.wait_listening(), server.log_text());
    const auto status = server.stop(SIGKILL, 10s);
    REQUIRE(status.has_value());
  }
  ServerProcess server(server_args(dir, false));
  REQUIRE_MESSAGE(server.wait_listening(), server.log_text());
  CHECK(health(server.port()).at("encuentros") == 2);
}

TEST_CASE("server: a database it cannot use stops it with a clear error, exit 1") {
  TempDir dir;
  dir.write("data/e.db", "this is not a SQLite database, just text that is long enough to fail\n");
  ServerProcess server(server_args(dir, false));
  CHECK_FALSE(server.wait_listening(10s));
  const auto status = server.wait(10s);
  REQUIRE(status.has_value());
  CHECK(status->code == 1);
  CHECK(server.log_text().find("level=error msg=\"server failed\"") != std::string::npos);
}

}  // namespace encuentro::testing
