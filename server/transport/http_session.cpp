#include "transport/http_session.hpp"

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cctype>
#include <chrono>
#include <exception>
#include <type_traits>
#include <utility>

#include "app/log.hpp"
#include "transport/address_counter.hpp"
#include "transport/http_responses.hpp"
#include "transport/session_registry.hpp"
#include "transport/site.hpp"
#include "transport/websocket_session.hpp"

namespace encuentro::transport {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using std::chrono::seconds;

namespace {

// After an error response the peer may still be sending the request we refused; reading (and
// discarding) for a moment before closing keeps our FIN from turning into a reset that would
// destroy the response before the peer reads it.
constexpr auto kLingerTime = seconds(2);

constexpr std::string_view kLivePath = "/live";
constexpr std::string_view kHealthPath = "/healthz";

// A TLS handshake takes a round trip or two; a peer that opens and says nothing is cut sooner.
constexpr int kTlsHandshakeTimeout_s = 10;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[i]);
    if (std::tolower(x) != std::tolower(y)) return false;
  }
  return true;
}

}  // namespace

template <class Stream>
HttpSession<Stream>::HttpSession(Stream&& stream, beast::flat_buffer&& buffer, const Site& site,
                                 SessionRegistry& sessions)
    : site_(site),
      sessions_(sessions),
      stream_(std::move(stream)),
      executor_(stream_.get_executor()),
      buffer_(std::move(buffer)) {}

template <class Stream>
HttpSession<Stream>::~HttpSession() {
  if (registered_) sessions_.remove(this);
}

template <class Stream>
void HttpSession<Stream>::run() {
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&HttpSession<Stream>::start, this->shared_from_this()));
}

template <class Stream>
void HttpSession<Stream>::shut_down() {
  // executor_, not stream_'s: the stream may have been handed over to a WebSocketSession (and
  // moved from) while the registry still reaches this session from another thread.
  net::dispatch(
      executor_,
      beast::bind_front_handler(&HttpSession<Stream>::on_shut_down, this->shared_from_this()));
}

template <class Stream>
void HttpSession<Stream>::start() {
  registered_ = sessions_.add(this, [weak = this->weak_from_this()] {
    if (auto self = weak.lock()) self->shut_down();
  });
  if (!registered_) {  // the server is stopping
    do_close();
    return;
  }
  if constexpr (kTls) {
    // The TLS handshake, under the same timeout as a request; the bytes the detection already
    // read (the ClientHello) are handed to it.
    handshaking_ = true;
    tcp().expires_after(seconds(std::min(site_.limits.read_timeout_s, kTlsHandshakeTimeout_s)));
    stream_.async_handshake(
        net::ssl::stream_base::server, buffer_.data(),
        beast::bind_front_handler(&HttpSession<Stream>::on_handshake, this->shared_from_this()));
    return;
  }
  do_read();
}

template <class Stream>
void HttpSession<Stream>::on_handshake(beast::error_code ec, std::size_t bytes_used) {
  handshaking_ = false;
  if (ec) {
    // A client that does not trust the certificate (before its CA is installed) ends here.
    log::debug("TLS handshake failed", {{"error", ec.message()}});
    beast::error_code ignored;
    tcp().socket().close(ignored);
    return;
  }
  tls_ready_ = true;
  buffer_.consume(bytes_used);
  do_read();
}

template <class Stream>
void HttpSession<Stream>::on_shut_down() {
  if (stopping_ || handed_over_) return;
  stopping_ = true;
  // Idle between requests: nothing in flight, close now. A request being received or answered
  // is finished first (its response says "Connection: close").
  if (handshaking_ ||
      (awaiting_request_ && buffer_.size() == 0 && parser_ && !parser_->got_some())) {
    tcp().cancel();
  }
}

template <class Stream>
void HttpSession<Stream>::do_read() {
  if (stopping_) {
    do_close();
    return;
  }
  const app::HttpLimits& limits = site_.limits;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(limits.header_limit_bytes));
  parser_->body_limit(limits.body_limit_bytes);
  tcp().expires_after(seconds(first_request_ ? limits.read_timeout_s : limits.keep_alive_idle_s));
  awaiting_request_ = true;
  beast::http::async_read_header(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpSession<Stream>::on_read_header, this->shared_from_this()));
}

template <class Stream>
void HttpSession<Stream>::on_read_header(beast::error_code ec, std::size_t /*bytes*/) {
  awaiting_request_ = false;
  if (ec) {
    on_read_error(ec);
    return;
  }
  first_request_ = false;
  tcp().expires_after(seconds(site_.limits.read_timeout_s));  // for the body
  if (parser_->is_done()) {
    handle_request(parser_->release());
    return;
  }
  const Request& request = parser_->get();
  if (iequals(request[beast::http::field::expect], "100-continue")) {
    using Continue = beast::http::response<beast::http::empty_body>;
    auto interim = std::make_shared<Continue>(beast::http::status::continue_, request.version());
    response_ = interim;
    beast::http::async_write(stream_, *interim,
                             beast::bind_front_handler(&HttpSession<Stream>::on_continue_sent,
                                                       this->shared_from_this()));
    return;
  }
  read_body();
}

template <class Stream>
void HttpSession<Stream>::on_continue_sent(beast::error_code ec, std::size_t /*bytes*/) {
  response_.reset();
  if (ec) {
    do_close();
    return;
  }
  read_body();
}

template <class Stream>
void HttpSession<Stream>::read_body() {
  beast::http::async_read(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpSession<Stream>::on_read_body, this->shared_from_this()));
}

template <class Stream>
void HttpSession<Stream>::on_read_body(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) {
    on_read_error(ec);
    return;
  }
  handle_request(parser_->release());
}

template <class Stream>
void HttpSession<Stream>::on_read_error(beast::error_code ec) {
  namespace http_error = beast::http;
  const bool parse_error =
      ec.category() == make_error_code(http_error::error::bad_target).category();
  if (!parse_error || ec == http_error::error::end_of_stream ||
      ec == http_error::error::partial_message) {
    // Closed, reset, timed out or cancelled by shut_down(): nothing to answer.
    if (ec != beast::error::timeout && ec != net::error::operation_aborted &&
        ec != http_error::error::end_of_stream)
      log::debug("connection closed while reading", {{"error", ec.message()}});
    do_close();
    return;
  }

  beast::http::status status = beast::http::status::bad_request;
  std::string_view code = "bad_request";
  std::string_view message = "malformed HTTP request";
  if (ec == http_error::error::header_limit) {
    status = beast::http::status::request_header_fields_too_large;
    code = "headers_too_large";
    message = "request headers exceed the server's limit";
  } else if (ec == http_error::error::body_limit) {
    status = beast::http::status::payload_too_large;
    code = "payload_too_large";
    message = "request body exceeds the server's limit";
  }
  const std::string_view target =
      parser_ ? std::string_view(parser_->get().target()) : std::string_view{};
  const std::string_view path = target.substr(0, target.find('?'));
  linger_ = true;
  send(error_response(path, status, code, message, 11, /*keep_alive=*/false));
}

template <class Stream>
void HttpSession<Stream>::handle_request(Request&& request) {
  if constexpr (!kTls) {
    if (site_.tls) {
      const std::string_view target = request.target();
      if (target.substr(0, target.find('?')) != kHealthPath) {
        redirect_to_https(request);
        return;
      }
    }
  }
  if (websocket::is_upgrade(request)) {
    handle_websocket_upgrade(std::move(request));
    return;
  }
  const std::string_view target = request.target();
  const auto question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);

  const Router::Match match = site_.router.match(request.method_string(), path);
  const bool keep_alive = request.keep_alive() && !stopping_;
  if (match.path_known) {
    serve_route(request, match, path, query);
  } else if (wants_json_errors(path)) {
    send(error_response(path, beast::http::status::not_found, "not_found", "no such endpoint",
                        request.version(), keep_alive));
  } else {
    serve_static(request, path);
  }
}

// Checks the upgrade (path, Origin, the address's share of connections), then hands the stream
// over to a WebSocketSession. This HttpSession ends when this handler returns.
template <class Stream>
void HttpSession<Stream>::handle_websocket_upgrade(Request&& request) {
  namespace http = beast::http;
  const std::string_view target = request.target();
  const std::string_view path = target.substr(0, target.find('?'));
  const unsigned version = request.version();
  if (path != kLivePath) {
    send(to_response(json_error(404, "not_found", "the live WebSocket is at /live"), version,
                     false));
    return;
  }
  if (!site_.live || !site_.addresses) {
    send(to_response(json_error(503, "unavailable", "live connections are not available"),
                     version, false));
    return;
  }
  // Browsers send Origin; a page from another site must not act with a tablet's session.
  // Programs (no Origin) are not browsers: their requests carry no one else's credentials.
  const std::string_view origin = request[http::field::origin];
  if (!origin.empty() && !origin_allowed(origin, request[http::field::host])) {
    send(to_response(json_error(403, "origin_forbidden",
                                "this origin may not open live connections (allowed_origins)"),
                     version, false));
    return;
  }
  beast::error_code ec;
  const auto endpoint = tcp().socket().remote_endpoint(ec);
  if (ec) {
    do_close();
    return;
  }
  std::string address = endpoint.address().to_string();
  if (!site_.addresses->acquire(address)) {
    send(to_response(json_error(429, "too_many_connections",
                                "too many live connections from this address"),
                     version, false));
    return;
  }
  handed_over_ = true;
  std::make_shared<WebSocketSession<Stream>>(std::move(stream_), site_, sessions_,
                                             std::move(address))
      ->run(std::move(request));
}

// Plain HTTP on a server with TLS: the same host and target over https://, then close. 308 keeps
// the method and body. A Host that could not be a host name or address gets 400 instead, so that
// the Location header never carries what a client made up.
template <class Stream>
void HttpSession<Stream>::redirect_to_https(const Request& request) {
  namespace http = beast::http;
  const std::string_view host = request[http::field::host];
  const std::string_view target = request.target();
  const std::string_view path = target.substr(0, target.find('?'));
  const bool host_ok = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
  if (!host_ok || !target.starts_with('/')) {
    send(error_response(path, http::status::bad_request, "bad_request",
                        "this port expects HTTPS; a Host header is needed to redirect",
                        request.version(), false));
    return;
  }
  auto response = error_response(path, http::status::permanent_redirect, "https_required",
                                 "this server is served over HTTPS", request.version(), false);
  response.set(http::field::location, "https://" + std::string(host) + std::string(target));
  send(std::move(response));
}

template <class Stream>
bool HttpSession<Stream>::origin_allowed(std::string_view origin, std::string_view host) const {
  if (!host.empty()) {
    for (std::string_view scheme : {"http://", "https://"}) {
      if (origin.size() == scheme.size() + host.size() && iequals(origin.substr(0, scheme.size()), scheme) &&
          iequals(origin.substr(scheme.size()), host))
        return true;
    }
  }
  for (const std::string& allowed : site_.allowed_origins) {
    if (iequals(origin, allowed)) return true;
  }
  return false;
}

template <class Stream>
void HttpSession<Stream>::serve_route(const Request& request, const Router::Match& match,
                                      std::string_view path, std::string_view query) {
  const bool keep_alive = request.keep_alive() && !stopping_;
  if (!match.handler) {
    auto response =
        error_response(path, beast::http::status::method_not_allowed, "method_not_allowed",
                       "method not allowed on this endpoint", request.version(), keep_alive);
    response.set(beast::http::field::allow, match.allow);
    send(std::move(response));
    return;
  }
  beast::error_code ec;
  const auto endpoint = tcp().socket().remote_endpoint(ec);
  const std::string address = ec ? std::string() : endpoint.address().to_string();
  RouteResponse route;
  try {
    route = (*match.handler)(RouteRequest{request.method_string(), path, query, request.body(),
                                          match.params,
                                          request[beast::http::field::if_none_match],
                                          request[beast::http::field::content_type], address});
  } catch (const std::exception&) {
    // The exception text is not logged: it may quote data that came from a person.
    log::error("route handler failed", {{"route", path}});
    route = json_error(500, "internal", "internal server error");
  }
  const bool head = request.method() == beast::http::verb::head;
  if (route.shared_body && route.status != 304) {
    // A cached response: its bytes are written from the cache, not copied (public_api.hpp).
    SharedResponse response = to_shared_response(std::move(route), request.version(), keep_alive);
    if (head) response.body() = nullptr;  // keeps Content-Length
    send(std::move(response));
    return;
  }
  StringResponse response = to_response(std::move(route), request.version(), keep_alive);
  if (head) response.body().clear();  // keeps Content-Length
  send(std::move(response));
}

template <class Stream>
void HttpSession<Stream>::serve_static(const Request& request, std::string_view path) {
  namespace http = beast::http;
  const bool keep_alive = request.keep_alive() && !stopping_;
  const bool head = request.method() == http::verb::head;
  if (!head && request.method() != http::verb::get) {
    auto response =
        error_response(path, http::status::method_not_allowed, "method_not_allowed",
                       "only GET and HEAD are allowed here", request.version(), keep_alive);
    response.set(http::field::allow, "GET, HEAD");
    send(std::move(response));
    return;
  }

  const StaticResolution resolution = site_.files.resolve(request.target());
  if (!resolution.file) {
    const bool bad = resolution.refusal == StaticRefusal::bad_target;
    send(error_response(path, bad ? http::status::bad_request : http::status::not_found,
                        bad ? "bad_request" : "not_found",
                        bad ? "malformed request target" : "not found", request.version(),
                        keep_alive));
    return;
  }
  const StaticFile& file = *resolution.file;
  const std::string etag = make_etag(file.size, file.mtime);
  const std::string last_modified = http_date(file.mtime);
  auto set_validators = [&](auto& response) {
    response.set(http::field::cache_control, file.cache_control);
    response.set(http::field::etag, etag);
    response.set(http::field::last_modified, last_modified);
    response.keep_alive(keep_alive);
  };

  const std::string_view if_none_match = request[http::field::if_none_match];
  if (!if_none_match.empty() && etag_matches(if_none_match, etag)) {
    http::response<http::empty_body> response{http::status::not_modified, request.version()};
    set_validators(response);
    send(std::move(response));
    return;
  }

  beast::error_code ec;
  http::file_body::value_type body;
  body.open(file.path.c_str(), beast::file_mode::scan, ec);
  if (ec) {
    log::warn("static file could not be opened", {{"error", ec.message()}});
    send(error_response(path, http::status::not_found, "not_found", "not found", request.version(),
                        keep_alive));
    return;
  }
  const std::uint64_t size = body.size();
  if (head) {
    http::response<http::empty_body> response{http::status::ok, request.version()};
    set_validators(response);
    response.set(http::field::content_type, file.content_type);
    response.content_length(size);
    send(std::move(response));
    return;
  }
  http::response<http::file_body> response{std::piecewise_construct,
                                           std::make_tuple(std::move(body)),
                                           std::make_tuple(http::status::ok, request.version())};
  set_validators(response);
  response.set(http::field::content_type, file.content_type);
  response.content_length(size);
  send(std::move(response));
}

template <class Stream>
template <class Response>
void HttpSession<Stream>::send(Response&& response) {
  add_standard_headers(response);
  if (log::enabled(log::Level::debug)) log::debug("response", {{"status", response.result_int()}});
  const bool keep_alive = response.keep_alive();
  auto message = std::make_shared<std::decay_t<Response>>(std::forward<Response>(response));
  response_ = message;
  tcp().expires_after(seconds(site_.limits.write_timeout_s));
  beast::http::async_write(stream_, *message,
                           beast::bind_front_handler(&HttpSession<Stream>::on_write,
                                                     this->shared_from_this(), keep_alive));
}

template <class Stream>
void HttpSession<Stream>::on_write(bool keep_alive, beast::error_code ec, std::size_t /*bytes*/) {
  response_.reset();
  if (ec || !keep_alive) {
    do_close();
    return;
  }
  do_read();
}

template <class Stream>
void HttpSession<Stream>::do_close() {
  if constexpr (kTls) {
    // TLS: send close_notify and wait (bounded) for the peer's; OpenSSL discards what the peer
    // still sends meanwhile, which is the linger below. Then the TCP side.
    if (closing_tls_) return;
    closing_tls_ = true;
    if (!tls_ready_) {  // no handshake (yet): nothing to close at the TLS level
      beast::error_code ignored;
      tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
      return;
    }
    linger_ = false;
    tcp().expires_after(kLingerTime);
    stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
      beast::error_code ignored;
      self->tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
    });
    return;
  }
  beast::error_code ignored;
  tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (!linger_) return;  // the last handler releases the session, which closes the socket
  linger_ = false;
  tcp().expires_after(kLingerTime);
  drain();
}

template <class Stream>
void HttpSession<Stream>::drain() {
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                            if (!ec) self->drain();  // discard; stop at EOF, error or timeout
                          });
}

template class HttpSession<PlainStream>;
template class HttpSession<TlsStream>;

}  // namespace encuentro::transport
