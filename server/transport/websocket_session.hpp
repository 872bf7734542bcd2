#pragma once

// WebSocketSession: one live connection (shared/protocol/README.md), taken over from an
// HttpSession after its upgrade request passed the path, Origin and per-address checks.
//
//   reading   one message at a time, at most websocket.max_frame_bytes (beyond: Beast closes with
//             1009); each text message goes to the app's LiveSession, binary ones are refused by
//             it.
//   writing   one write loop with a bounded queue (messages and bytes). A client that does not
//             read fast enough to stay inside the bounds is disconnected at once — its queue
//             dropped, its socket closed — so that it costs the server no more memory and no other
//             client waits for it; it comes back and resumes by seq.
//   liveness  Beast's idle timeout with keep-alive pings: a ping after half of
//             websocket.idle_timeout_s of silence, closed after all of it.
//   stopping  the server's graceful stop closes with 1001 (going away) once queued messages are
//             written. Over TLS the close handshake is followed by a TLS shutdown (close_notify),
//             both under the handshake timeout below.
//
// Stream is PlainStream (ws://) or TlsStream (wss://); the members are defined in
// websocket_session.cpp and instantiated there for those two only.
//
// Threading: everything runs on the connection's strand; send() and close() (the app's Outlet)
// may be called from any thread and post to it. Owned by the shared_ptrs of its pending
// operations; the app holds only weak references.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "app/live.hpp"

namespace encuentro::transport {

struct Site;
class SessionRegistry;
class AddressCounter;

template <class Stream>
class WebSocketSession : public std::enable_shared_from_this<WebSocketSession<Stream>>,
                         public app::Outlet {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;

  // `address` is the peer's address, already counted in site.addresses (released on destruction).
  WebSocketSession(Stream&& stream, const Site& site, SessionRegistry& sessions,
                   std::string address);
  ~WebSocketSession() override;

  // Answers the upgrade request and starts reading.
  void run(Request&& upgrade);

  // app::Outlet
  void send(std::shared_ptr<const std::string> text) override;
  void close(std::uint16_t code, std::string reason) override;

 private:
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void enqueue(std::shared_ptr<const std::string> text);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void begin_close(std::uint16_t code, std::string reason);
  void do_close();
  void drop(std::string_view why);  // disconnect at once, without a closing handshake

  const Site& site_;
  SessionRegistry& sessions_;
  const std::string address_;

  // Touched only on the strand.
  boost::beast::websocket::stream<Stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::optional<app::LiveSession> live_;  // made once the handshake succeeded
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;  // of queue_, not counting in_flight_
  std::shared_ptr<const std::string> in_flight_;  // the message async_write is writing
  bool registered_ = false;
  bool accepted_ = false;
  bool writing_ = false;
  bool closing_ = false;  // a close was asked for: no more writes are queued
  bool closed_ = false;   // the close frame went out, or the socket is gone
  std::uint16_t close_code_ = 1000;
  std::string close_reason_;
};

extern template class WebSocketSession<boost::beast::tcp_stream>;
extern template class WebSocketSession<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

}  // namespace encuentro::transport
