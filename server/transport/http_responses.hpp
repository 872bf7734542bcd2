#pragma once

// The headers every response carries and the shapes of error responses.
//
// Errors are JSON ({"error":{"code","message"}}) on the API and the server's own endpoints, where
// a program reads them, and a small Spanish HTML page elsewhere, where a person does.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string_view>

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
StringResponse to_response(const RouteResponse& route, unsigned version, bool keep_alive);

}  // namespace encuentro::transport
