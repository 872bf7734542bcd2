#pragma once

// A tiny synchronous HTTP/1.1 client for tests: POSIX sockets with poll() deadlines for I/O and
// Beast's response parser for parsing. Requests are written byte for byte as given, so tests can
// send hostile targets and malformed requests that a normal client would refuse to produce.
//
//   HttpResult r = http_get(port, "/healthz");
//   CHECK(r.status == 200);
//   CHECK(r.header("Content-Type") == "application/json");

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace encuentro::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  std::string error;  // empty when a complete response was read
  unsigned status = 0;
  Headers headers;
  std::string body;

  bool ok() const { return error.empty(); }

  // The value of the first header called `name` (case-insensitive), "" when absent.
  std::string header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() == name.size() &&
          std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
          }))
        return value;
    }
    return {};
  }
  bool has_header(std::string_view name) const {
    for (const auto& entry : headers) {
      if (strcasecmp(entry.first.c_str(), std::string(name).c_str()) == 0) return true;
    }
    return false;
  }
};

// "METHOD target HTTP/1.1" with Host, the given headers, Content-Length when there is a body,
// and "Connection: close" unless keep_alive.
inline std::string make_request(std::string_view method, std::string_view target,
                                const Headers& headers = {}, std::string_view body = {},
                                bool keep_alive = false) {
  std::string request;
  request.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  for (const auto& [name, value] : headers)
    request.append(name).append(": ").append(value).append("\r\n");
  if (!body.empty())
    request.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  if (!keep_alive) request.append("Connection: close\r\n");
  request.append("\r\n").append(body);
  return request;
}

// One TCP connection to 127.0.0.1:port.
class HttpConnection {
 public:
  using Clock = std::chrono::steady_clock;

  explicit HttpConnection(unsigned short port) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  ~HttpConnection() {
    if (fd_ >= 0) close(fd_);
  }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }

  // Writes all of `bytes`; false when the peer closed or reset (its response may still be
  // readable).
  bool send(std::string_view bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = Clock::now() + timeout;
    while (!bytes.empty()) {
      if (!wait_for(POLLOUT, deadline)) return false;
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR || errno == EAGAIN) continue;
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads one response. For a response to HEAD pass head_request so no body is expected.
  HttpResult read_response(bool head_request = false,
                           std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    namespace http = boost::beast::http;
    HttpResult result;
    const auto deadline = Clock::now() + timeout;
    http::response_parser<http::string_body> parser;
    parser.header_limit(1024 * 1024);
    parser.body_limit(64 * 1024 * 1024);
    if (head_request) parser.skip(true);
    boost::beast::error_code ec;
    while (!parser.is_done()) {
      if (buffer_.size() > 0) {
        const std::size_t used = parser.put(buffer_.data(), ec);
        buffer_.consume(used);
        if (ec == http::error::need_more) {
          ec = {};
        } else if (ec) {
          result.error = "parse error: " + ec.message();
          return result;
        } else if (used > 0) {
          continue;
        }
      }
      if (parser.is_done()) break;
      const int got = read_some(deadline);
      if (got == 0) {  // EOF: completes a response delimited by the end of the connection
        parser.put_eof(ec);
        if (ec || !parser.is_done()) {
          result.error = "connection closed before a complete response";
          return result;
        }
        break;
      }
      if (got < 0) {
        result.error = "timeout or socket error while reading the response";
        return result;
      }
    }
    const auto& response = parser.get();
    result.status = response.result_int();
    for (const auto& field : response)
      result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    result.body = response.body();
    return result;
  }

  // send() then read_response(); a failed send still tries to read (the server may have answered
  // and closed before reading everything, e.g. 431).
  HttpResult exchange(std::string_view raw_request, bool head_request = false,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    if (!connected()) return HttpResult{"not connected", 0, {}, {}};
    send(raw_request, timeout);
    return read_response(head_request, timeout);
  }

  // True when the server closes the connection (EOF or reset) within `timeout`; bytes received
  // meanwhile are discarded.
  bool wait_closed(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      const int got = read_some(deadline);
      if (got == 0 || got == -2) return true;
      if (got == -1) return false;
      buffer_.consume(buffer_.size());
    }
  }

 private:
  bool wait_for(short events, Clock::time_point deadline) {
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd pfd{fd_, events, 0};
      const int ready = poll(&pfd, 1, static_cast<int>(left));
      if (ready > 0) return true;
      if (ready < 0 && errno != EINTR) return false;
    }
  }

  // >0 bytes appended to buffer_, 0 on EOF, -1 on timeout, -2 on socket error (reset).
  int read_some(Clock::time_point deadline) {
    if (fd_ < 0) return -2;
    if (!wait_for(POLLIN, deadline)) return -1;
    auto space = buffer_.prepare(16 * 1024);
    const ssize_t n = recv(fd_, space.data(), space.size(), 0);
    if (n < 0) return errno == EINTR || errno == EAGAIN ? read_some(deadline) : -2;
    buffer_.commit(static_cast<std::size_t>(n));
    return static_cast<int>(n);
  }

  int fd_ = -1;
  boost::beast::flat_buffer buffer_;  // bytes read but not yet parsed
};

// One request on a fresh connection ("Connection: close").
inline HttpResult http_request(unsigned short port, std::string_view method,
                               std::string_view target, const Headers& headers = {},
                               std::string_view body = {}) {
  HttpConnection connection(port);
  return connection.exchange(make_request(method, target, headers, body), method == "HEAD");
}

inline HttpResult http_get(unsigned short port, std::string_view target,
                           const Headers& headers = {}) {
  return http_request(port, "GET", target, headers);
}

// Raw bytes on a fresh connection; one response back.
inline HttpResult http_raw(unsigned short port, std::string_view bytes, bool head_request = false) {
  HttpConnection connection(port);
  return connection.exchange(bytes, head_request);
}

}  // namespace encuentro::testing
