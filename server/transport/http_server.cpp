#include "transport/http_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <cassert>
#include <chrono>
#include <csignal>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "app/log.hpp"
#include "transport/address_counter.hpp"
#include "transport/listener.hpp"
#include "transport/session_registry.hpp"
#include "transport/site.hpp"

namespace encuentro::transport {

namespace net = boost::asio;
using std::chrono::steady_clock;

namespace {

// How long a graceful stop waits for connections to finish before cutting them.
constexpr auto kShutdownGrace = std::chrono::seconds(10);

std::string_view signal_name(int signal_number) {
  return signal_number == SIGINT ? "SIGINT" : signal_number == SIGTERM ? "SIGTERM" : "signal";
}

// The server's TLS context: TLS 1.2 and 1.3 only, OpenSSL's default server ciphers (its
// "DEFAULT" list: no export, no RC4, no anonymous suites), no compression or renegotiation, and
// the certificate chain and key from the configuration. Throws boost::system::system_error when a
// file cannot be read or the key does not match the certificate.
std::unique_ptr<net::ssl::context> make_tls_context(const app::TlsConfig& tls) {
  auto context = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
  context->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                       net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                       net::ssl::context::no_tlsv1_1 | net::ssl::context::no_compression |
                       net::ssl::context::single_dh_use);
  SSL_CTX_set_options(context->native_handle(),
                      SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  context->use_certificate_chain_file(tls.cert_file);
  context->use_private_key_file(tls.key_file, net::ssl::context::pem);
  if (SSL_CTX_check_private_key(context->native_handle()) != 1)
    throw std::runtime_error("the TLS key does not match the certificate");
  return context;
}

}  // namespace

struct HttpServer::State {
  State(const app::ServerConfig& c, HealthCheck h)
      : config(c),
        health(std::move(h)),
        site{c.http, Router{}, StaticFiles{c.static_root}, c.websocket, c.allowed_origins},
        addresses(c.websocket.max_connections_per_address),
        ioc(c.threads),
        strand(net::make_strand(ioc)),
        signals(strand),
        grace_timer(strand) {}

  // Members are destroyed in reverse order: the io_context (and the sessions its pending handlers
  // own) goes before the registry and the site that sessions refer to.
  const app::ServerConfig config;
  const HealthCheck health;
  Site site;
  AddressCounter addresses;
  SessionRegistry sessions;
  std::unique_ptr<net::ssl::context> tls;  // when config.tls is set (made by run())
  const steady_clock::time_point started = steady_clock::now();

  net::io_context ioc;
  net::strand<net::io_context::executor_type> strand;
  net::signal_set signals;        // on strand
  net::steady_timer grace_timer;  // on strand
  std::shared_ptr<Listener> listener;
  bool stopping = false;  // on strand
  bool finished = false;  // on strand
  bool ran = false;       // owner thread

  void arm_signals() {
    signals.async_wait([this](boost::system::error_code ec, int signal_number) {
      if (ec) return;  // cancelled: the stop completed
      begin_shutdown(signal_name(signal_number));
      arm_signals();  // a second signal during the grace period stops at once
    });
  }

  // On strand.
  void begin_shutdown(std::string_view reason) {
    if (stopping) {
      log::warn("stopping now", {{"reason", reason}, {"connections", sessions.size()}});
      ioc.stop();
      return;
    }
    stopping = true;
    log::info("stopping", {{"reason", reason}, {"connections", sessions.size()}});
    if (listener) listener->stop();
    grace_timer.expires_after(kShutdownGrace);
    grace_timer.async_wait([this](boost::system::error_code ec) {
      if (ec) return;
      log::warn("grace period over, closing remaining connections",
                {{"connections", sessions.size()}});
      ioc.stop();
    });
    sessions.close_all();  // reports "drained" through finish_if_drained
  }

  // On strand. Once no connection is left, cancel the last waits so the io_context runs out of
  // work and every I/O thread returns.
  void finish_if_drained() {
    if (!stopping || finished || sessions.size() != 0) return;
    finished = true;
    grace_timer.cancel();
    signals.cancel();
  }

  void run_io() {
    for (;;) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        // Handlers catch their own errors; reaching this is a bug. Keep serving the others.
        log::error("unexpected exception in I/O thread", {{"what", e.what()}});
      }
    }
  }

  RouteResponse healthz() const {
    HealthReport report;
    try {
      if (health) report = health();
    } catch (const std::exception&) {
      log::error("health check failed");
      report = HealthReport{false, nlohmann::json::object()};
    }
    nlohmann::json body = nlohmann::json::object();
    if (report.details.is_object()) {
      body = report.details;
    } else if (!report.details.is_null()) {
      body["details"] = report.details;
    }
    body["status"] = report.ok ? "ok" : "unavailable";
    body["version"] = app::kServerVersion;
    body["uptime_s"] =
        std::chrono::duration_cast<std::chrono::seconds>(steady_clock::now() - started).count();
    return json_response(report.ok ? 200 : 503, body);
  }
};

HttpServer::HttpServer(const app::ServerConfig& config, HealthCheck health)
    : state_(std::make_unique<State>(config, std::move(health))) {
  state_->site.router.add("GET", "/healthz",
                          [state = state_.get()](const RouteRequest&) { return state->healthz(); });
}

HttpServer::~HttpServer() = default;

void HttpServer::set_live_hub(app::LiveHub& hub) {
  assert(!state_->ran);
  state_->site.live = &hub;
  state_->site.addresses = &state_->addresses;
}

Router& HttpServer::router() {
  assert(!state_->ran);
  return state_->site.router;
}

void HttpServer::stop() {
  State* state = state_.get();
  net::post(state->strand, [state] { state->begin_shutdown("stop requested"); });
}

int HttpServer::run() {
  State& s = *state_;
  assert(!s.ran);
  s.ran = true;

  boost::system::error_code ec;
  const net::ip::address address = net::ip::make_address(s.config.bind, ec);
  if (ec) {
    log::error("invalid bind address", {{"bind", s.config.bind}});
    return 1;
  }
  if (s.config.tls.enabled()) {
    try {
      s.tls = make_tls_context(s.config.tls);
    } catch (const std::exception& e) {
      log::error("cannot load the TLS certificate or key", {{"cert_file", s.config.tls.cert_file},
                                                            {"key_file", s.config.tls.key_file},
                                                            {"error", e.what()}});
      return 1;
    }
    s.site.tls = s.tls.get();
  }
  s.listener = std::make_shared<Listener>(s.ioc, s.site, s.sessions);
  ec = s.listener->open({address, static_cast<unsigned short>(s.config.port)});
  if (ec) {
    log::error("cannot listen",
               {{"bind", s.config.bind}, {"port", s.config.port}, {"error", ec.message()}});
    return 1;
  }
  const unsigned short port = s.listener->port();

  std::error_code fs_ec;
  if (!std::filesystem::is_directory(s.config.static_root, fs_ec))
    log::warn("static root is not a directory", {{"static_root", s.config.static_root}});

  s.sessions.set_on_drained([&s] { net::post(s.strand, [&s] { s.finish_if_drained(); }); });
  s.signals.add(SIGINT);
  s.signals.add(SIGTERM);
  s.arm_signals();
  s.listener->run();

  log::info("listening", {{"port", port},
                          {"bind", s.config.bind},
                          {"threads", s.config.threads},
                          {"tls", s.tls != nullptr}});
  const std::string host = address.is_v6() ? "[" + s.config.bind + "]" : s.config.bind;
  // With TLS both lines: the same port answers both (plain HTTP with redirects to https://).
  if (s.tls) std::cout << "listening on https://" << host << ':' << port << '\n';
  std::cout << "listening on http://" << host << ':' << port << std::endl;  // endl flushes

  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(s.config.threads - 1));
  for (int i = 1; i < s.config.threads; ++i) threads.emplace_back([&s] { s.run_io(); });
  s.run_io();
  for (std::thread& thread : threads) thread.join();

  s.sessions.set_on_drained(nullptr);  // the io_context no longer runs; nothing may post to it
  log::info("stopped");
  return 0;
}

}  // namespace encuentro::transport
