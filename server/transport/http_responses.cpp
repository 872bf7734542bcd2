#include "transport/http_responses.hpp"

#include <chrono>
#include <utility>

#include "transport/static_files.hpp"

namespace encuentro::transport {
namespace {

// Fits the Vite build: scripts only from our origin (no inline script), styles from our origin
// plus inline style attributes that components render, the WebSocket on the same host, images
// from our origin or data: URLs. No plugins, no framing, no <base> hijacking.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; frame-ancestors "
    "'none'; base-uri 'self'; form-action 'self'";

struct HtmlText {
  std::string_view title;
  std::string_view text;
};

HtmlText html_text(http::status status) {
  switch (status) {
    case http::status::bad_request:
      return {"Solicitud no válida", "El servidor no pudo entender esta solicitud."};
    case http::status::not_found:
      return {"Página no encontrada", "La dirección que buscas no existe en este servidor."};
    case http::status::method_not_allowed:
      return {"Método no permitido", "Esta dirección no admite esa operación."};
    case http::status::payload_too_large:
      return {"Solicitud demasiado grande", "El contenido enviado supera el límite permitido."};
    case http::status::request_header_fields_too_large:
      return {"Encabezados demasiado grandes",
              "Los encabezados de la solicitud son demasiado grandes."};
    case http::status::permanent_redirect:
      return {"Conexión segura", "Este servidor se usa con una conexión segura (https://)."};
    case http::status::service_unavailable:
      return {"Servicio no disponible", "El servidor no está disponible en este momento."};
    default:
      return {"Error del servidor", "Ocurrió un error inesperado. Inténtalo de nuevo más tarde."};
  }
}

std::string html_page(http::status status) {
  const HtmlText text = html_text(status);
  std::string page;
  page += "<!doctype html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  page += text.title;
  page += " — Encuentro</title>\n</head>\n<body>\n<main>\n<h1>";
  page += text.title;
  page += "</h1>\n<p>";
  page += text.text;
  page += "</p>\n<p><a href=\"/\">Volver al inicio</a></p>\n</main>\n</body>\n</html>\n";
  return page;
}

}  // namespace

void add_standard_headers(http::fields& fields) {
  fields.set(http::field::date, http_date(std::chrono::system_clock::now()));
  fields.set("X-Content-Type-Options", "nosniff");
  fields.set("Referrer-Policy", "no-referrer");
  fields.set("X-Frame-Options", "DENY");
  fields.set("Content-Security-Policy", kContentSecurityPolicy);
}

bool wants_json_errors(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz";
}

StringResponse error_response(std::string_view path, http::status status, std::string_view code,
                              std::string_view message, unsigned version, bool keep_alive) {
  if (wants_json_errors(path)) {
    return to_response(json_error(static_cast<unsigned>(status), code, message), version,
                       keep_alive);
  }
  StringResponse response{status, version};
  response.set(http::field::content_type, "text/html; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  response.keep_alive(keep_alive);
  response.body() = html_page(status);
  response.prepare_payload();
  return response;
}

namespace {

// Status, Cache-Control, the route's headers and Connection; no body yet.
template <class Body>
http::response<Body> headers_of(const RouteResponse& route, unsigned version, bool keep_alive) {
  http::response<Body> response{static_cast<http::status>(route.status), version};
  if (!route.cache_control.empty()) response.set(http::field::cache_control, route.cache_control);
  for (const auto& [name, value] : route.headers) response.set(name, value);
  response.keep_alive(keep_alive);
  return response;
}

}  // namespace

StringResponse to_response(RouteResponse route, unsigned version, bool keep_alive) {
  StringResponse response = headers_of<http::string_body>(route, version, keep_alive);
  if (response.result() == http::status::not_modified) return response;  // no body, no length
  response.set(http::field::content_type, route.content_type);
  if (route.shared_body) {
    response.body() = *route.shared_body;
  } else {
    response.body() = std::move(route.body);
  }
  response.prepare_payload();
  return response;
}

SharedResponse to_shared_response(RouteResponse route, unsigned version, bool keep_alive) {
  SharedResponse response = headers_of<SharedStringBody>(route, version, keep_alive);
  response.set(http::field::content_type, route.content_type);
  response.body() = std::move(route.shared_body);
  response.prepare_payload();
  return response;
}

}  // namespace encuentro::transport
