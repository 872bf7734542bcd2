#include "transport/router.hpp"

#include <cassert>
#include <nlohmann/json.hpp>

namespace encuentro::transport {

RouteResponse json_response(unsigned status, const nlohmann::json& body) {
  RouteResponse response;
  response.status = status;
  response.body =
      body.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
  return response;
}

RouteResponse json_error(unsigned status, std::string_view code, std::string_view message) {
  return json_response(status, {{"error", {{"code", code}, {"message", message}}}});
}

namespace {

// Whether `path` fits the route path `pattern`; `params` receives the text of its {name} segments.
bool fits(std::string_view pattern, std::string_view path, std::vector<std::string_view>& params) {
  params.clear();
  if (pattern.find('{') == std::string_view::npos) return pattern == path;
  for (;;) {
    const auto pattern_end = pattern.find('/');
    const auto path_end = path.find('/');
    const std::string_view want = pattern.substr(0, pattern_end);
    const std::string_view got = path.substr(0, path_end);
    if (want.size() >= 2 && want.front() == '{' && want.back() == '}') {
      if (got.empty()) return false;
      params.push_back(got);
    } else if (want != got) {
      return false;
    }
    if (pattern_end == std::string_view::npos || path_end == std::string_view::npos)
      return pattern_end == path_end;
    pattern.remove_prefix(pattern_end + 1);
    path.remove_prefix(path_end + 1);
  }
}

}  // namespace

void Router::add(std::string method, std::string path, RouteHandler handler) {
  assert(!match(method, path).handler || method == "HEAD");
  routes_.push_back({std::move(method), std::move(path), std::move(handler)});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const RouteHandler* get_handler = nullptr;
  std::vector<std::string_view> params, get_params;
  bool has_head = false;
  for (const Route& route : routes_) {
    if (!fits(route.path, path, params)) continue;
    result.path_known = true;
    if (route.method == method) {
      result.handler = &route.handler;
      result.params = params;
    }
    if (route.method == "GET") {
      get_handler = &route.handler;
      get_params = params;
    }
    if (route.method == "HEAD") has_head = true;
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += route.method;
  }
  if (get_handler && !has_head) result.allow += ", HEAD";
  if (!result.handler && method == "HEAD") {
    result.handler = get_handler;
    result.params = std::move(get_params);
  }
  return result;
}

}  // namespace encuentro::transport
