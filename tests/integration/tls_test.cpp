// Integration tests of TLS on the same port (config tls, --tls-cert/--tls-key): the real
// encuentro-server with a self-signed certificate made at test time by the openssl command-line
// tool, spoken to with Beast/Asio TLS clients that trust exactly that certificate.
//
// Every network wait is bounded: the clients run their io_context on a thread and wait for each
// operation's future with a deadline, and beast::tcp_stream's own timeout ends the operation.

#include <doctest/doctest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "app/config.hpp"
#include "integration/http_client.hpp"
#include "integration/server_process.hpp"
#include "integration/ws_client.hpp"

namespace encuentro::testing {
namespace {

namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using json = nlohmann::json;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

constexpr auto kTimeout = std::chrono::seconds(10);

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// A self-signed certificate for 127.0.0.1 (CN and subjectAltName), made with the openssl tool.
struct Certificate {
  TempDir dir;
  std::string cert = dir.file("cert.pem");
  std::string key = dir.file("key.pem");
  bool made = false;

  Certificate() {
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key + "' -out '" + cert +
        "' -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >'" +
        dir.file("openssl.log") + "' 2>&1";
    made = std::system(command.c_str()) == 0 && std::filesystem::exists(cert) &&
           std::filesystem::exists(key);
  }
};

// One TLS server process with the certificate above.
struct TlsSite {
  Certificate certificate;
  TempDir dir;
  ServerProcess server;

  TlsSite()
      : server({"--port", "0", "--bind", "127.0.0.1", "--db", dir.file("x.db"), "--static",
                dir.path().string(), "--tls-cert", certificate.cert, "--tls-key",
                certificate.key}) {
    REQUIRE_MESSAGE(certificate.made, "the openssl command failed (is openssl installed?)");
    REQUIRE_MESSAGE(server.wait_listening(), server.log_text());
  }

  unsigned short port() const { return server.port(); }
};

// An io_context on its own thread, and a TLS context that trusts only `cert_file` and checks that
// the server's certificate is for 127.0.0.1.
class TlsClient {
 public:
  explicit TlsClient(const std::string& cert_file) : tls_(ssl::context::tls_client) {
    tls_.load_verify_file(cert_file);
    tls_.set_verify_mode(ssl::verify_peer);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~TlsClient() {
    work_.reset();
    ioc_.stop();
    thread_.join();
  }
  TlsClient(const TlsClient&) = delete;
  TlsClient& operator=(const TlsClient&) = delete;

  // Connects to 127.0.0.1:port and completes the TLS handshake (throws on failure).
  void connect(TlsStream& stream, unsigned short port) {
    stream.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    auto& tcp = beast::get_lowest_layer(stream);
    tcp.expires_after(kTimeout);
    wait(tcp.async_connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                           net::use_future));
    tcp.expires_after(kTimeout);
    wait(stream.async_handshake(ssl::stream_base::client, net::use_future));
  }

  // The result of an operation started with net::use_future, or an exception after kTimeout
  // (the stream's own timeout has ended the operation by then).
  template <class T>
  static T wait(std::future<T> future) {
    if (future.wait_for(kTimeout + std::chrono::seconds(2)) != std::future_status::ready)
      throw std::runtime_error("timed out");
    return future.get();
  }

  net::io_context& ioc() { return ioc_; }
  ssl::context& tls() { return tls_; }

 private:
  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_{ioc_.get_executor()};
  ssl::context tls_;
  std::thread thread_;
};

struct HttpsResult {
  unsigned status = 0;
  std::string location;
  std::string body;
};

HttpsResult https_get(const std::string& cert_file, unsigned short port,
                      const std::string& target) {
  TlsClient client(cert_file);
  TlsStream stream(net::make_strand(client.ioc()), client.tls());
  client.connect(stream, port);
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  request.keep_alive(false);
  beast::get_lowest_layer(stream).expires_after(kTimeout);
  TlsClient::wait(http::async_write(stream, request, net::use_future));
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  TlsClient::wait(http::async_read(stream, buffer, response, net::use_future));
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().close(ignored);
  return HttpsResult{response.result_int(), std::string(response[http::field::location]),
                     response.body()};
}

}  // namespace

TEST_CASE("tls: the tls section and the options need both files") {
  using app::load_config;
  using Action = app::LoadOutcome::Action;
  auto file = [](const std::string& text) {
    return [text](const std::string&) -> std::optional<std::string> { return text; };
  };
  const auto both = load_config({"--config", "c.json"},
                                file(R"({"tls": {"cert_file": "c.pem", "key_file": "k.pem"}})"));
  REQUIRE(both.action == Action::run);
  CHECK(both.config.tls.cert_file == "c.pem");
  CHECK(both.config.tls.key_file == "k.pem");
  CHECK(both.config.tls.enabled());
  CHECK_FALSE(app::ServerConfig{}.tls.enabled());

  const auto options = load_config({"--tls-cert", "a.pem", "--tls-key=b.pem"});
  REQUIRE(options.action == Action::run);
  CHECK(options.config.tls.cert_file == "a.pem");
  CHECK(options.config.tls.key_file == "b.pem");

  const auto only_cert = load_config({"--tls-cert", "a.pem"});
  REQUIRE(only_cert.action == Action::error);
  CHECK(contains(only_cert.error, "tls.key_file: missing"));
  const auto only_key =
      load_config({"--config", "c.json"}, file(R"({"tls": {"key_file": "k.pem"}})"));
  REQUIRE(only_key.action == Action::error);
  CHECK(contains(only_key.error, "tls.cert_file: missing"));

  const auto typo =
      load_config({"--config", "c.json"}, file(R"({"tls": {"cert": "c.pem", "key_file": "k"}})"));
  REQUIRE(typo.action == Action::error);
  CHECK(contains(typo.error, "unknown key \"tls.cert\""));
  const auto wrong_type = load_config({"--config", "c.json"}, file(R"({"tls": "c.pem"})"));
  REQUIRE(wrong_type.action == Action::error);
  CHECK(contains(wrong_type.error, "\"tls\": expected an object"));

  for (const char* option : {"--tls-cert", "--tls-key"}) {
    CAPTURE(option);
    CHECK(contains(app::usage(), option));
  }
}

TEST_CASE("tls: HTTPS and plain HTTP on the same port") {
  TlsSite site;
  CHECK(contains(site.server.stdout_text(),
                 "listening on https://127.0.0.1:" + std::to_string(site.port()) + "\n"));

  SUBCASE("HTTPS GET /healthz") {
    const HttpsResult r = https_get(site.certificate.cert, site.port(), "/healthz");
    CHECK(r.status == 200);
    CHECK(json::parse(r.body).at("status") == "ok");
  }

  SUBCASE("HTTPS GET of a path that is not there: the normal 404, not a redirect") {
    const HttpsResult r = https_get(site.certificate.cert, site.port(), "/api/v1/nothing");
    CHECK(r.status == 404);
    CHECK(r.location.empty());
  }

  SUBCASE("plain HTTP is redirected to https:// with the same host and target, then closed") {
    const std::string host = "127.0.0.1:" + std::to_string(site.port());
    const HttpResult r =
        http_raw(site.port(), "GET /encuentros/x?y=1 HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    REQUIRE(r.ok());
    CHECK(r.status == 308);
    CHECK(r.header("Location") == "https://" + host + "/encuentros/x?y=1");
    CHECK(r.header("Connection") == "close");

    const HttpResult root = http_get(site.port(), "/");
    REQUIRE(root.ok());
    CHECK(root.status == 308);
    CHECK(root.header("Location") == "https://127.0.0.1/");

    const HttpResult post = http_request(site.port(), "POST", "/api/v1/encuentros", {}, "{}");
    REQUIRE(post.ok());
    CHECK(post.status == 308);
  }

  SUBCASE("plain HTTP with a Host that is no host name is refused, not redirected") {
    const HttpResult r = http_raw(site.port(), "GET / HTTP/1.1\r\nHost: evil.example/x@\r\n\r\n");
    REQUIRE(r.ok());
    CHECK(r.status == 400);
    CHECK_FALSE(r.has_header("Location"));
  }

  SUBCASE("plain /healthz is still served, for local monitoring") {
    const HttpResult r = http_get(site.port(), "/healthz");
    REQUIRE(r.ok());
    CHECK(r.status == 200);
    CHECK(json::parse(r.body).at("status") == "ok");
  }

  SUBCASE(
      "a client that does not trust the certificate fails the handshake; the server carries on") {
    TlsClient client(site.certificate.cert);
    ssl::context untrusting(ssl::context::tls_client);
    untrusting.set_verify_mode(ssl::verify_peer);  // no CA loaded
    TlsStream stream(net::make_strand(client.ioc()), untrusting);
    CHECK_THROWS(client.connect(stream, site.port()));
    const HttpsResult r = https_get(site.certificate.cert, site.port(), "/healthz");
    CHECK(r.status == 200);
  }

  const auto status = site.server.stop(SIGTERM);
  REQUIRE(status.has_value());
  CHECK(status->exited);
  CHECK(status->code == 0);
}

TEST_CASE("tls: wss:// /live answers hello with welcome; the stop closes it with 1001") {
  TlsSite site;
  TlsClient client(site.certificate.cert);
  websocket::stream<TlsStream> ws(net::make_strand(client.ioc()), client.tls());
  client.connect(ws.next_layer(), site.port());
  beast::get_lowest_layer(ws).expires_never();
  ws.set_option(websocket::stream_base::timeout{kTimeout, kTimeout, false});
  TlsClient::wait(
      ws.async_handshake("127.0.0.1:" + std::to_string(site.port()), "/live", net::use_future));

  const std::string hello = json{{"type", "hello"}, {"protocol", 1}}.dump();
  record_message("client", hello);
  ws.text(true);
  TlsClient::wait(ws.async_write(net::buffer(hello), net::use_future));
  beast::flat_buffer buffer;
  TlsClient::wait(ws.async_read(buffer, net::use_future));
  const std::string text = beast::buffers_to_string(buffer.cdata());
  record_message("server", text);
  CHECK(json::parse(text).at("type") == "welcome");

  // The graceful stop closes the live connection with 1001 (going away), over TLS too.
  ::kill(site.server.pid(), SIGTERM);
  buffer.consume(buffer.size());
  beast::error_code closed;
  for (int i = 0; i < 100 && !closed; ++i) {
    try {
      TlsClient::wait(ws.async_read(buffer, net::use_future));
      buffer.consume(buffer.size());  // an event sent before the stop
    } catch (const boost::system::system_error& e) {
      closed = e.code();
    }
  }
  CHECK(closed == websocket::error::closed);
  CHECK(ws.reason().code == websocket::close_code::going_away);
  const auto status = site.server.wait();
  REQUIRE(status.has_value());
  CHECK(status->code == 0);
}

TEST_CASE("tls: a certificate or key that cannot be loaded stops the start with status 1") {
  Certificate certificate;
  REQUIRE(certificate.made);
  TempDir dir;

  SUBCASE("missing certificate file") {
    ServerProcess server({"--port", "0", "--bind", "127.0.0.1", "--db", dir.file("x.db"),
                          "--tls-cert", dir.file("missing.pem"), "--tls-key", certificate.key});
    CHECK_FALSE(server.wait_listening());
    const auto status = server.wait();
    REQUIRE(status.has_value());
    CHECK(status->exited);
    CHECK(status->code == 1);
    CHECK(contains(server.log_text(), "cannot load the TLS certificate or key"));
  }

  SUBCASE("the key is not the certificate's") {
    Certificate other;
    REQUIRE(other.made);
    ServerProcess server({"--port", "0", "--bind", "127.0.0.1", "--db", dir.file("x.db"),
                          "--tls-cert", certificate.cert, "--tls-key", other.key});
    CHECK_FALSE(server.wait_listening());
    const auto status = server.wait();
    REQUIRE(status.has_value());
    CHECK(status->code == 1);
  }
}

}  // namespace encuentro::testing
