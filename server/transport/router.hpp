#pragma once

// Router: handlers for the server's own endpoints (GET /healthz, the public API). A route's path
// is exact, or has `{name}` segments that each match one non-empty segment of the request path
// ("/api/public/encuentros/{id}"); the matched text, still percent-encoded, is in
// RouteRequest::params in order. Anything the router does not know falls through to the static
// files.
//
// Thread-safety: add() only before the server runs; afterwards match() is called concurrently
// from every I/O thread and the routes must not change. Handlers run on the I/O thread of the
// connection, so they must be quick and safe to call concurrently when threads > 1.

#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace encuentro::transport {

struct RouteRequest {
  std::string_view method;  // as sent, e.g. "GET"
  std::string_view path;    // target without the query, still percent-encoded
  std::string_view query;   // after '?', still percent-encoded; empty when absent
  std::string_view body;
  std::vector<std::string_view> params;  // the `{name}` segments of the route, in order
  std::string_view if_none_match;        // the request's If-None-Match header, "" when absent
  std::string_view content_type;         // the request's Content-Type header, "" when absent
  std::string_view remote_address;       // the peer's IP address, "" when unknown
};

struct RouteResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string cache_control = "no-store";
  std::string body;
  // When set, the body instead of `body` (which is then empty): bytes shared with a cache, sent
  // without a copy.
  std::shared_ptr<const std::string> shared_body;
  // More headers (ETag, Content-Disposition). A 304 is sent with these and Cache-Control only.
  std::vector<std::pair<std::string, std::string>> headers;

  // The body, wherever it is.
  const std::string& body_text() const { return shared_body ? *shared_body : body; }
};

// {"...": ...} with the given status.
RouteResponse json_response(unsigned status, const nlohmann::json& body);
// {"error":{"code":"not_found","message":"..."}}: the error shape of every JSON endpoint.
RouteResponse json_error(unsigned status, std::string_view code, std::string_view message);

using RouteHandler = std::function<RouteResponse(const RouteRequest&)>;

class Router {
 public:
  // REQUIRES: not yet serving; (method, path) not added before.
  void add(std::string method, std::string path, RouteHandler handler);

  struct Match {
    const RouteHandler* handler = nullptr;  // null when no handler fits the method
    bool path_known = false;                // some handler exists for the path
    std::string allow;                      // "GET, HEAD" when path_known
    std::vector<std::string_view> params;   // the handler's `{name}` segments (views of path)
  };
  // HEAD is answered by the GET handler (the session drops the body).
  Match match(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::string path;
    RouteHandler handler;
  };
  std::vector<Route> routes_;  // few routes: a linear scan is simplest and fast enough
};

}  // namespace encuentro::transport
