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

void Router::add(std::string method, std::string path, RouteHandler handler) {
  assert(!match(method, path).handler || method == "HEAD");
  routes_.push_back({std::move(method), std::move(path), std::move(handler)});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const RouteHandler* get_handler = nullptr;
  bool has_head = false;
  for (const Route& route : routes_) {
    if (route.path != path) continue;
    result.path_known = true;
    if (route.method == method) result.handler = &route.handler;
    if (route.method == "GET") get_handler = &route.handler;
    if (route.method == "HEAD") has_head = true;
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += route.method;
  }
  if (get_handler && !has_head) result.allow += ", HEAD";
  if (!result.handler && method == "HEAD") result.handler = get_handler;
  return result;
}

}  // namespace encuentro::transport
