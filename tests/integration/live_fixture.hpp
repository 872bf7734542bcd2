#pragma once

// A running server and the protocol steps every live test needs: come in with a code, follow an
// encuentro, plan one up to the convocation.

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server_process.hpp"
#include "ws_client.hpp"
#include "support/temp_dir.hpp"

namespace encuentro::testing {

// "YYYY-MM-DD", `days` from today (UTC: the encuentro date only has to respect R1, 15 days).
inline std::string date_in(int days) {
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

inline json details(const std::string& title = "Encuentro de prueba") {
  return {{"title", title},
          {"entities", {"Alcaldía de Prueba"}},
          {"objective", "Dialogar con la ciudadanía sobre la gestión."},
          {"report_summary", "Avances del plan."},
          {"methodology", "Talleres, plenaria, respuestas."},
          {"venue", "Auditorio municipal"},
          {"date", date_in(30)},
          {"start_time", "08:00"},
          {"end_time", "13:00"},
          {"expected_attendance", 75}};
}

class LiveServer {
 public:
  explicit LiveServer(std::vector<std::string> extra = {})
      : server_(args(std::move(extra))) {
    REQUIRE(server_.wait_listening());
    const std::string& out = server_.stdout_text();
    static constexpr std::string_view kSecret = "Organizer access (one-time): ";
    const auto at = out.find(kSecret);
    REQUIRE(at != std::string::npos);
    secret_ = out.substr(at + kSecret.size(), out.find('\n', at) - at - kSecret.size());
  }

  unsigned short port() const { return server_.port(); }
  const std::string& organizer_secret() const { return secret_; }
  ServerProcess& process() { return server_; }
  std::string db() const { return dir_.file("live.db"); }

  std::unique_ptr<WsClient> connect(const std::string& origin = {}) {
    return std::make_unique<WsClient>("127.0.0.1", port(), origin);
  }

  // Connects and says hello; REQUIREs a welcome. `hello` holds the members besides type/protocol.
  std::unique_ptr<WsClient> join(json hello, json* welcome = nullptr) {
    auto client = connect();
    hello["type"] = "hello";
    hello["protocol"] = 1;
    client->send(hello);
    json w = client->expect("welcome");
    if (welcome) *welcome = w;
    return client;
  }

 private:
  std::vector<std::string> args(std::vector<std::string> extra) {
    std::vector<std::string> a = {"--port", "0", "--bind", "127.0.0.1", "--db", dir_.file("live.db"),
                                  "--log-level", test_log_level()};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  // ENCUENTRO_TEST_LOG_LEVEL=debug (with ENCUENTRO_TEST_KEEP_LOGS) to look into a flaky run.
  static std::string test_log_level() {
    const char* level = std::getenv("ENCUENTRO_TEST_LOG_LEVEL");
    return level && *level ? level : "warn";
  }

  TempDir dir_;
  ServerProcess server_;
  std::string secret_;
};

// Waits for the catch-up after a hello/subscribe: a snapshot or events, then synced. Returns the
// messages, synced last. Like the web client, it sends the hello/subscribe again when the rate
// limit refused it (an error with neither op nor ref), after the delay the server asked for.
inline std::vector<json> catch_up(WsClient& c) {
  std::vector<json> got;
  for (;;) {
    auto m = c.next();
    REQUIRE_MESSAGE(m.has_value(), "no synced after " << json(got).dump().substr(0, 2000));
    if ((*m)["type"] == "error" && (*m)["code"] == "rate_limited" && !m->contains("op") &&
        !m->contains("ref")) {
      std::this_thread::sleep_for(std::chrono::milliseconds((*m)["retry_after_ms"].get<int>()));
      c.resend_last();
      continue;
    }
    got.push_back(*m);
    if ((*m)["type"] == "synced") return got;
  }
}

inline void require_ack(const json& reply) {
  INFO(reply.dump());
  REQUIRE(reply["type"] == "ack");
}

inline void require_error(const json& reply, const std::string& code) {
  INFO(reply.dump());
  REQUIRE(reply["type"] == "error");
  CHECK(reply["code"] == code);
}

}  // namespace encuentro::testing
