#pragma once

// A blocking WebSocket client for the integration tests: a program that knows only the protocol
// document (shared/protocol/README.md). Every wait is bounded; a message that does not come in
// time fails the test instead of hanging it.
//
// Every text message sent and received is recorded (one JSON line each) in
// ENCUENTRO_PROTOCOL_RECORDING for the schema validator; messages sent deliberately malformed are
// recorded as "client-invalid".
//
//   WsClient c("127.0.0.1", port);
//   c.send({{"type", "hello"}, {"protocol", 1}, {"code", code}});
//   json welcome = c.expect("welcome");

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace encuentro::testing {

using nlohmann::json;

#ifndef ENCUENTRO_PROTOCOL_RECORDING
#error "ENCUENTRO_PROTOCOL_RECORDING must name the recording file"
#endif

// The recording of this test run (truncated at its first use).
inline void record_message(std::string_view from, std::string_view text) {
  static std::mutex mutex;
  static std::ofstream out(ENCUENTRO_PROTOCOL_RECORDING, std::ios::trunc | std::ios::binary);
  json line = {{"from", from}};
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    line["raw"] = std::string(text);
  } else {
    line["message"] = parsed;
  }
  std::lock_guard lock(mutex);
  out << line.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  out.flush();
}

class WsClient {
 public:
  using Clock = std::chrono::steady_clock;

  // Connects and completes the handshake to ws://host:port/live (throws on failure).
  WsClient(const std::string& host, unsigned short port, const std::string& origin = {},
           const std::string& path = "/live")
      : ws_(ioc_) {
    namespace net = boost::asio;
    net::ip::tcp::resolver resolver(ioc_);
    auto& tcp = boost::beast::get_lowest_layer(ws_);
    tcp.expires_after(std::chrono::seconds(10));
    tcp.connect(resolver.resolve(host, std::to_string(port)));
    tcp.expires_never();
    ws_.set_option(boost::beast::websocket::stream_base::decorator(
        [origin](boost::beast::websocket::request_type& request) {
          if (!origin.empty()) request.set(boost::beast::http::field::origin, origin);
        }));
    ws_.handshake(host + ":" + std::to_string(port), path);
    ws_.read_message_max(64 * 1024 * 1024);
  }

  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  void send(const json& message) { send_text(message.dump()); }

  // The storm tests' hundreds of clients repeat the same few messages thousands of times: they
  // leave the recording (and the history) to the other tests.
  void unrecorded() { recorded_ = false; }

  // Sends raw text; `valid` = false records it as deliberately malformed.
  void send_text(const std::string& text, bool valid = true) {
    if (recorded_) record_message(valid ? "client" : "client-invalid", text);
    last_sent_ = text;
    ws_.text(true);
    ws_.write(boost::asio::buffer(text));
  }

  // Starts a text frame that declares `declared_bytes` of payload and sends only its first
  // kilobyte, straight to the socket. The server refuses the frame from its header alone (over
  // the frame limit: close 1009). Writing the whole oversized frame instead races the server's
  // close: its socket would be closed with unread data, the kernel would reset the connection,
  // and the close frame could be lost (a flaky test, twice).
  void send_oversized_frame_start(std::uint64_t declared_bytes) {
    std::string frame;
    frame += static_cast<char>(0x81);        // FIN, text
    frame += static_cast<char>(0x80 | 127);  // masked (client to server), 64-bit length
    for (int shift = 56; shift >= 0; shift -= 8)
      frame += static_cast<char>((declared_bytes >> shift) & 0xff);
    frame += std::string("\x12\x34\x56\x78", 4);  // masking key
    frame += std::string(1024, 'x');  // (masked garbage: never read)
    boost::asio::write(boost::beast::get_lowest_layer(ws_).socket(), boost::asio::buffer(frame));
  }

  void send_binary(const std::string& bytes) {
    ws_.binary(true);
    ws_.write(boost::asio::buffer(bytes));
    ws_.text(true);
  }

  // The next message, or nullopt if none comes within `timeout` or the connection closed
  // (closed() then says so).
  std::optional<json> next(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    if (!pending_.empty()) {
      json front = std::move(pending_.front());
      pending_.pop_front();
      return front;
    }
    return read(timeout);
  }

  // The first message (kept or newly read) that `matches`; the others read meanwhile are kept
  // for later. Throws, describing what came instead, when none comes within `timeout`.
  template <class Match>
  json take(Match matches, const std::string& what,
            std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
      if (matches(*it)) {
        json found = std::move(*it);
        pending_.erase(it);
        return found;
      }
    }
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) break;
      auto message = read(left);
      if (!message) break;
      if (matches(*message)) return *message;
      pending_.push_back(std::move(*message));
    }
    std::string seen;
    for (const json& m : pending_) seen += "\n  " + m.dump().substr(0, 300);
    throw std::runtime_error("expected " + what + "; got" +
                             (seen.empty() ? std::string(" nothing") : seen) +
                             (closed_ ? "\n  (connection closed)" : ""));
  }

  // The next message of `type`.
  json expect(std::string_view type, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return take([type](const json& m) { return m["type"] == type; },
                "a '" + std::string(type) + "' message", timeout);
  }

  // Like a real client's outbox, a command refused by the rate limit is sent again (same op)
  // after the delay the server asked for.
  json command(const std::string& op, const std::string& name, const json& args = json::object()) {
    for (;;) {
      send({{"type", "command"}, {"op", op}, {"name", name}, {"args", args}});
      json reply = reply_to("op", op);
      if (reply["type"] != "error" || reply["code"] != "rate_limited") return reply;
      std::this_thread::sleep_for(std::chrono::milliseconds(reply["retry_after_ms"].get<int>()));
    }
  }

  // Sends a request that carries a `ref` and returns its reply. Like a real client, a request
  // refused by the rate limit is sent again after the delay the server asked for.
  json request(const json& message) {
    const std::string ref = message.at("ref");
    for (;;) {
      send(message);
      json reply = reply_to("ref", ref);
      if (reply["type"] != "error" || reply["code"] != "rate_limited") return reply;
      std::this_thread::sleep_for(std::chrono::milliseconds(reply["retry_after_ms"].get<int>()));
    }
  }

  // Sends the last message again (after the rate limit refused it, say).
  void resend_last() { send_text(last_sent_); }

  // The ack or error (or other reply) whose `key` ("op" or "ref") is `value`.
  json reply_to(std::string_view key, const std::string& value,
                std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return take([&](const json& m) { return m.contains(key) && m[key] == value; },
                "a reply with " + std::string(key) + " = " + value, timeout);
  }

  // Every message that arrives within `quiet` of the previous one (drains the connection).
  std::vector<json> drain(std::chrono::milliseconds quiet = std::chrono::milliseconds(300)) {
    std::vector<json> out(std::make_move_iterator(pending_.begin()),
                          std::make_move_iterator(pending_.end()));
    pending_.clear();
    while (auto message = read(quiet)) out.push_back(std::move(*message));
    return out;
  }

  // Every message received so far, as text, in order.
  const std::vector<std::string>& history() const { return history_; }

  // The event with `seq`; it stays kept for later readers too.
  json event(std::int64_t seq, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    json found = take([seq](const json& m) { return m["type"] == "event" && m["seq"] == seq; },
                      "the event with seq " + std::to_string(seq), timeout);
    pending_.push_front(found);
    return found;
  }

  // Forgets the messages received but not yet taken.
  void forget() { pending_.clear(); }

  bool closed() const { return closed_; }
  const boost::beast::websocket::close_reason& close_reason() const { return ws_.reason(); }

  // Waits until the server closes the connection; true if it did within `timeout`.
  bool wait_closed(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = Clock::now() + timeout;
    while (!closed_ && Clock::now() < deadline) {
      auto message = read(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
      if (message) pending_.push_back(std::move(*message));
    }
    return closed_;
  }

  // Closes the TCP connection without a closing handshake (a phone losing its network).
  void cut() {
    boost::system::error_code ignored;
    boost::beast::get_lowest_layer(ws_).socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    boost::beast::get_lowest_layer(ws_).close();
    closed_ = true;
  }

 private:
  // One read stays in flight across calls: a timeout leaves it pending (cancelling a WebSocket
  // read would break the stream), and the next call goes on waiting for it.
  std::optional<json> read(std::chrono::milliseconds timeout) {
    if (closed_) return std::nullopt;
    if (!reading_) {
      reading_ = true;
      done_ = false;
      ws_.async_read(buffer_, [this](boost::system::error_code ec, std::size_t) {
        reading_ = false;
        done_ = true;
        error_ = ec;
      });
    }
    ioc_.restart();
    ioc_.run_for(timeout);
    if (!done_) return std::nullopt;
    done_ = false;
    if (error_) {
      closed_ = true;
      return std::nullopt;
    }
    const std::string text = boost::beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (recorded_) {
      record_message("server", text);
      history_.push_back(text);
    }
    json message = json::parse(text, nullptr, false);
    if (message.is_discarded()) throw std::runtime_error("server sent invalid JSON: " + text);
    return message;
  }

  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::deque<json> pending_;
  std::vector<std::string> history_;
  boost::system::error_code error_;
  bool reading_ = false;
  bool done_ = false;
  bool closed_ = false;
  std::string last_sent_;
  bool recorded_ = true;
};

}  // namespace encuentro::testing
