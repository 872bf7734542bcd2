#include "transport/websocket_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket/error.hpp>
#include <chrono>

#include "app/log.hpp"
#include "transport/address_counter.hpp"
#include "transport/session_registry.hpp"
#include "transport/site.hpp"

namespace encuentro::transport {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;

template <class Stream>
WebSocketSession<Stream>::WebSocketSession(Stream&& stream, const Site& site,
                                           SessionRegistry& sessions, std::string address)
    : site_(site), sessions_(sessions), address_(std::move(address)), ws_(std::move(stream)) {}

template <class Stream>
WebSocketSession<Stream>::~WebSocketSession() {
  live_.reset();  // leaves the hub before the connection's bookkeeping goes
  if (registered_) sessions_.remove(this);
  if (site_.addresses) site_.addresses->release(address_);
}

template <class Stream>
void WebSocketSession<Stream>::run(Request&& upgrade) {
  registered_ = sessions_.add(this, [weak = this->weak_from_this()] {
    if (auto self = weak.lock()) self->close(websocket::close_code::going_away, "server stopping");
  });
  if (!registered_) return;  // the server is stopping: dropping the stream closes it

  const app::WebSocketLimits& limits = site_.websocket;
  beast::get_lowest_layer(ws_).expires_never();  // the websocket timeout below takes over
  websocket::stream_base::timeout timeout;
  timeout.handshake_timeout = std::chrono::seconds(30);
  timeout.idle_timeout = std::chrono::seconds(limits.idle_timeout_s);
  timeout.keep_alive_pings = true;
  ws_.set_option(timeout);
  ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    response.set(beast::http::field::server, "encuentro");
  }));
  ws_.read_message_max(limits.max_frame_bytes);
  ws_.auto_fragment(false);
  ws_.text(true);
  ws_.async_accept(upgrade, beast::bind_front_handler(&WebSocketSession<Stream>::on_accept,
                                                      this->shared_from_this()));
}

template <class Stream>
void WebSocketSession<Stream>::on_accept(beast::error_code ec) {
  if (ec) {
    log::debug("websocket handshake failed", {{"error", ec.message()}});
    return;
  }
  accepted_ = true;
  live_.emplace(*site_.live, this->weak_from_this(), address_);
  if (closing_) {  // a stop arrived during the handshake
    do_close();
    return;
  }
  do_read();
}

template <class Stream>
void WebSocketSession<Stream>::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&WebSocketSession<Stream>::on_read,
                                                    this->shared_from_this()));
}

template <class Stream>
void WebSocketSession<Stream>::on_read(beast::error_code ec, std::size_t bytes) {
  if (ec) {
    // Closed by the peer (or by us), timed out, reset, or over max_frame_bytes (Beast has sent
    // 1009 then): the session ends when the last handler lets go of it.
    if (ec != websocket::error::closed && ec != net::error::operation_aborted)
      log::debug("websocket closed", {{"error", ec.message()}});
    closed_ = true;
    return;
  }
  if (closing_) {
    // Closing (revoked, logged out, server stopping): what still arrives is not acted on; reading
    // goes on until the peer's close frame ends it.
  } else if (ws_.got_binary()) {
    live_->on_binary(bytes);
  } else {
    const auto data = buffer_.cdata();
    live_->on_text(std::string_view(static_cast<const char*>(data.data()), data.size()));
  }
  buffer_.consume(buffer_.size());
  if (!closed_) do_read();
}

template <class Stream>
void WebSocketSession<Stream>::send(std::shared_ptr<const std::string> text) {
  net::post(ws_.get_executor(),
            [self = this->shared_from_this(), text = std::move(text)]() mutable {
              self->enqueue(std::move(text));
            });
}

template <class Stream>
void WebSocketSession<Stream>::enqueue(std::shared_ptr<const std::string> text) {
  if (closing_ || closed_) return;
  const app::WebSocketLimits& limits = site_.websocket;
  if (queue_.size() >= limits.queue_messages ||
      queued_bytes_ + text->size() > limits.queue_bytes) {
    drop("slow consumer: outbound queue full");
    return;
  }
  queued_bytes_ += text->size();
  queue_.push_back(std::move(text));
  if (!writing_ && accepted_) do_write();
}

template <class Stream>
void WebSocketSession<Stream>::do_write() {
  if (queue_.empty()) {
    if (closing_) do_close();
    return;
  }
  // The message being written leaves the queue and is kept alive by in_flight_ until its
  // handler runs, whatever happens to the queue meanwhile (drop() clears it).
  writing_ = true;
  in_flight_ = std::move(queue_.front());
  queue_.pop_front();
  queued_bytes_ -= in_flight_->size();
  ws_.async_write(
      net::buffer(*in_flight_),
      beast::bind_front_handler(&WebSocketSession<Stream>::on_write, this->shared_from_this()));
}

template <class Stream>
void WebSocketSession<Stream>::on_write(beast::error_code ec, std::size_t /*bytes*/) {
  writing_ = false;
  in_flight_.reset();
  if (ec || closed_) {  // failed, or dropped while this write was in flight
    closed_ = true;
    queue_.clear();
    queued_bytes_ = 0;
    return;
  }
  do_write();
}

template <class Stream>
void WebSocketSession<Stream>::close(std::uint16_t code, std::string reason) {
  net::post(ws_.get_executor(),
            [self = this->shared_from_this(), code, reason = std::move(reason)]() mutable {
              self->begin_close(code, std::move(reason));
            });
}

template <class Stream>
void WebSocketSession<Stream>::begin_close(std::uint16_t code, std::string reason) {
  if (closing_ || closed_) return;
  closing_ = true;
  close_code_ = code;
  close_reason_ = std::move(reason);
  if (accepted_ && !writing_) do_write();  // writes what is queued, then closes
}

template <class Stream>
void WebSocketSession<Stream>::do_close() {
  if (closed_) return;
  closed_ = true;
  websocket::close_reason reason;
  reason.code = close_code_;
  reason.reason = close_reason_;
  ws_.async_close(reason, [self = this->shared_from_this()](beast::error_code) {});
}

template <class Stream>
void WebSocketSession<Stream>::drop(std::string_view why) {
  log::info("websocket dropped", {{"reason", why}});
  closing_ = true;
  closed_ = true;
  queue_.clear();
  queued_bytes_ = 0;
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).socket().close(ignored);
}

template class WebSocketSession<beast::tcp_stream>;
template class WebSocketSession<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace encuentro::transport
