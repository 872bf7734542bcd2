#pragma once

// HttpSession: one HTTP/1.1 connection. Reads a request (headers, then body) under the site's
// size limits and timeouts, answers it from the router or the static files, and keeps the
// connection alive between requests. One request at a time: the next read starts only after the
// response is written, so there is never more than one write in flight.
//
// A WebSocket upgrade request to /live is checked in handle_websocket_upgrade() and the stream
// handed over to a WebSocketSession.
//
// Stream is PlainStream (HTTP) or TlsStream (HTTPS; the TLS handshake runs first, in start()).
// One copy of the logic for both, after Beast's advanced_server_flex example; the few differences
// are `if constexpr` on kTls. The members are defined in http_session.cpp and instantiated there
// for the two streams only, so the heavy Beast code is compiled once per stream type.
// A plain connection on a server that has TLS (site.tls) is answered with a 308 redirect to
// https:// for every request but /healthz (served, for local monitoring), then closed.
//
// Threading: everything runs on the connection's strand; shut_down() may be called from any
// thread. Owned by the shared_ptrs held by its pending operations.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <memory>
#include <optional>
#include <type_traits>

#include "transport/router.hpp"

namespace encuentro::transport {

struct Site;
class SessionRegistry;

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

template <class Stream>
class HttpSession : public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  // site and sessions must outlive the session. `buffer` holds what was already read from the
  // connection (the bytes the TLS detection looked at).
  HttpSession(Stream&& stream, boost::beast::flat_buffer&& buffer, const Site& site,
              SessionRegistry& sessions);
  ~HttpSession();

  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  void run();
  // The server is stopping: finish the response in flight, if any, then close. An idle
  // connection (waiting for its next request) closes at once.
  void shut_down();

 private:
  void start();
  void on_handshake(boost::beast::error_code ec, std::size_t bytes_used);
  void do_read();
  void on_read_header(boost::beast::error_code ec, std::size_t bytes);
  void on_continue_sent(boost::beast::error_code ec, std::size_t bytes);
  void read_body();
  void on_read_body(boost::beast::error_code ec, std::size_t bytes);
  void on_read_error(boost::beast::error_code ec);
  void on_shut_down();

  void handle_request(Request&& request);
  void handle_websocket_upgrade(Request&& request);
  void redirect_to_https(const Request& request);
  bool origin_allowed(std::string_view origin, std::string_view host) const;
  void serve_route(const Request& request, const Router::Match& match, std::string_view path,
                   std::string_view query);
  void serve_static(const Request& request, std::string_view path);

  template <class Response>
  void send(Response&& response);
  void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
  void do_close();
  void drain();
  boost::beast::tcp_stream& tcp() { return boost::beast::get_lowest_layer(stream_); }

  // Constant after construction.
  const Site& site_;
  SessionRegistry& sessions_;

  // Touched only on the strand.
  Stream stream_;
  const boost::asio::any_io_executor executor_;  // the strand; usable from any thread
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<void> response_;  // the response being written
  bool registered_ = false;
  bool first_request_ = true;
  bool handshaking_ = false;       // TLS handshake in progress
  bool tls_ready_ = false;         // TLS handshake done
  bool closing_tls_ = false;       // TLS shutdown started
  bool awaiting_request_ = false;  // reading the headers of the next request
  bool stopping_ = false;
  bool linger_ = false;  // drain the peer's input before closing (after an error response)
  bool handed_over_ = false;  // the stream now belongs to a WebSocketSession
};

extern template class HttpSession<PlainStream>;
extern template class HttpSession<TlsStream>;

}  // namespace encuentro::transport
