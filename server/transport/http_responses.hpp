#pragma once

// The headers every response carries and the shapes of error responses.
//
// Errors are JSON ({"error":{"code","message"}}) on the API and the server's own endpoints, where
// a program reads them, and a small Spanish HTML page elsewhere, where a person does.

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/optional/optional.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "transport/router.hpp"

namespace encuentro::transport {

namespace http = boost::beast::http;
using StringResponse = http::response<http::string_body>;

// Security headers (nosniff, no-referrer, Content-Security-Policy, frame denial) and Date.
// Called for every response just before it is written.
void add_standard_headers(http::fields& fields);

// True for "/api", "/api/..." and "/healthz": the paths whose errors are JSON.
bool wants_json_errors(std::string_view path);

// An error in the shape `path` calls for. `message` is English, for developers; the HTML page
// shows a Spanish text chosen by status.
StringResponse error_response(std::string_view path, http::status status, std::string_view code,
                              std::string_view message, unsigned version, bool keep_alive);

// The route's status, headers and body. A 304 carries only the validators and Cache-Control: no
// body, Content-Type or Content-Length (RFC 9110 15.4.5).
StringResponse to_response(RouteResponse route, unsigned version, bool keep_alive);

// A response body that shares an immutable string held elsewhere (RouteResponse::shared_body: a
// cached public response), written from where it is instead of copied into the message. Writing
// only: Beast never reads into it.
struct SharedStringBody {
  using value_type = std::shared_ptr<const std::string>;

  static std::uint64_t size(const value_type& body) { return body ? body->size() : 0; }

  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool isRequest, class Fields>
    writer(const http::header<isRequest, Fields>& /*header*/, const value_type& body)
        : body_(body) {}

    void init(boost::beast::error_code& ec) { ec = {}; }

    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
      ec = {};
      if (!body_ || body_->empty()) return boost::none;
      return std::pair<const_buffers_type, bool>{const_buffers_type(body_->data(), body_->size()),
                                                 false};
    }

   private:
    const value_type& body_;
  };
};
using SharedResponse = http::response<SharedStringBody>;

// As to_response, the body shared instead of copied. REQUIRES: route.shared_body, status not 304.
SharedResponse to_shared_response(RouteResponse route, unsigned version, bool keep_alive);

}  // namespace encuentro::transport
