#pragma once

// HttpServer: the process's one port. Owns the io_context and its threads, the listener, the
// site (routes, static files, limits) and the SIGINT/SIGTERM handling.
//
// Graceful stop (a signal or stop()): stop accepting, let every connection finish the response it
// is writing, close idle connections, wait up to a grace period, stop the io_context and join the
// threads; then run() returns, so the caller can close the database cleanly. A second signal
// during the grace period stops at once.
//
// Usage:
//   HttpServer server(config, [&] { return HealthReport{true, {{"db", "ok"}}}; });
//   server.router().add("GET", "/api/v1/encuentros", handler);  // before run()
//   return server.run();
//
// Threading: construct, router() and run() on one thread; stop() from any thread.

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/config.hpp"
#include "transport/router.hpp"

namespace encuentro::app {
class LiveHub;
}

namespace encuentro::transport {

struct HealthReport {
  bool ok = true;
  nlohmann::json details = nlohmann::json::object();  // merged into the /healthz body
};
// Called on an I/O thread for every GET /healthz: must be quick and thread-safe.
using HealthCheck = std::function<HealthReport()>;

class HttpServer {
 public:
  HttpServer(const app::ServerConfig& config, HealthCheck health);
  ~HttpServer();

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // REQUIRES: run() has not been called. GET /healthz is already registered.
  Router& router();

  // Serves the live WebSocket (/live) with `hub`, which must outlive the server.
  // REQUIRES: run() has not been called. Without a hub, upgrades are answered 503.
  void set_live_hub(app::LiveHub& hub);

  // Loads the TLS certificate and key when configured, listens, logs msg="listening" with the
  // real port, prints "listening on http://ADDR:PORT" to stdout (with TLS, "listening on
  // https://ADDR:PORT" before it), serves until stopped, logs msg="stopped". Returns 0 after a
  // graceful stop, 1 when the certificate or key could not be loaded or the port not opened.
  int run();

  // Same as SIGTERM. Thread-safe; may be called before run() (run() then stops at once).
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace encuentro::transport
