// Integration tests of the HTTP transport: the real encuentro-server binary, spoken to over
// loopback. Each test starts its own server on a free port (--port 0) and bounds every wait.

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "server_process.hpp"

namespace encuentro::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr std::string_view kSecret = "TOP-SECRET-OUTSIDE-ROOT";
const std::string kIndexHtml =
    "<!doctype html><html lang=\"es\"><title>Prueba</title><body>INDEX-MARKER</body></html>\n";
const std::string kAppJs = "console.log('APP-MARKER');\n";

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// A web root with known files, a secret next to it, and a server serving it.
struct ServedSite {
  TempDir dir;
  std::string root = dir.path() / "www";
  ServerProcess server;

  explicit ServedSite(std::vector<std::string> extra_args = {})
      : server(prepare(dir, root, std::move(extra_args))) {
    REQUIRE_MESSAGE(server.wait_listening(), server.log_text());
  }

  unsigned short port() const { return server.port(); }

  static std::vector<std::string> prepare(const TempDir& dir, const std::string& root,
                                          std::vector<std::string> extra_args) {
    dir.write("secret.txt", std::string(kSecret));
    dir.write("www/index.html", kIndexHtml);
    dir.write("www/app.js", kAppJs);
    dir.write("www/sw.js", "self.addEventListener('fetch', () => {});\n");
    dir.write("www/assets/index-3f2a9c.js", "export const hashed = true;\n");
    dir.write("www/style.css", "body { margin: 0; }\n");
    std::filesystem::create_symlink("../secret.txt", std::filesystem::path(root) / "escape.txt");
    std::vector<std::string> args{"--port",         "0",        "--bind", "127.0.0.1", "--db",
                                  dir.file("x.db"), "--static", root};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    return args;
  }
};

void check_security_headers(const HttpResult& r) {
  CHECK(r.header("X-Content-Type-Options") == "nosniff");
  CHECK(r.header("Referrer-Policy") == "no-referrer");
  const std::string csp = r.header("Content-Security-Policy");
  CHECK(contains(csp, "default-src 'self'"));
  CHECK(contains(csp, "connect-src 'self' ws: wss:"));
  CHECK(contains(csp, "img-src 'self' data:"));
  CHECK(contains(csp, "style-src 'self' 'unsafe-inline'"));
  CHECK(contains(csp, "object-src 'none'"));
  CHECK(contains(csp, "frame-ancestors 'none'"));
  CHECK(contains(csp, "base-uri 'self'"));
  CHECK_FALSE(contains(csp, "script-src 'unsafe-inline'"));
  CHECK(r.has_header("Date"));
}

json error_of(const HttpResult& r) {
  const json body = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  REQUIRE_MESSAGE(body.is_object(), r.body);
  REQUIRE(body.contains("error"));
  return body.at("error");
}

}  // namespace

TEST_CASE("http: startup logs the real port; /healthz answers JSON") {
  ServedSite site;
  const std::string log = site.server.log_text();
  CHECK(contains(log, "msg=\"listening\" port=" + std::to_string(site.port()) + " bind=127.0.0.1"));
  CHECK(contains(site.server.stdout_text(),
                 "listening on http://127.0.0.1:" + std::to_string(site.port()) + "\n"));

  const HttpResult r = http_get(site.port(), "/healthz");
  REQUIRE(r.ok());
  CHECK(r.status == 200);
  CHECK(r.header("Content-Type") == "application/json");
  CHECK(r.header("Cache-Control") == "no-store");
  check_security_headers(r);
  const json body = json::parse(r.body);
  CHECK(body.at("status") == "ok");
  CHECK(body.at("version") == "0.1.0");
  CHECK(body.at("uptime_s").is_number_integer());
  CHECK(body.at("uptime_s").get<long long>() >= 0);
  CHECK(body.at("db") == "ok");
  CHECK(body.at("encuentros") == 0);  // a fresh database, no --demo

  const HttpResult head = http_request(site.port(), "HEAD", "/healthz");
  REQUIRE(head.ok());
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(std::stoul(head.header("Content-Length")) > 0);

  const HttpResult post = http_request(site.port(), "POST", "/healthz", {}, "{}");
  REQUIRE(post.ok());
  CHECK(post.status == 405);
  CHECK(post.header("Allow") == "GET, HEAD");
  CHECK(error_of(post).at("code") == "method_not_allowed");
}

TEST_CASE("http: index.html is served as HTML that is always revalidated") {
  ServedSite site;
  for (const char* target : {"/", "/index.html", "/?utm=x"}) {
    CAPTURE(target);
    const HttpResult r = http_get(site.port(), target);
    REQUIRE(r.ok());
    CHECK(r.status == 200);
    CHECK(r.header("Content-Type") == "text/html; charset=utf-8");
    CHECK(r.header("Cache-Control") == "no-cache");
    CHECK(r.body == kIndexHtml);
    CHECK(r.header("Content-Length") == std::to_string(kIndexHtml.size()));
    CHECK(r.header("ETag").starts_with("\""));
    CHECK(r.header("Last-Modified").ends_with(" GMT"));
    check_security_headers(r);
  }
  // A client-side route gets the app shell.
  const HttpResult route = http_get(site.port(), "/encuentro/e-7f3a/taller/2");
  CHECK(route.status == 200);
  CHECK(route.body == kIndexHtml);
}

TEST_CASE("http: scripts, hashed assets and the service worker get their types and caching") {
  ServedSite site;
  const HttpResult js = http_get(site.port(), "/app.js");
  REQUIRE(js.ok());
  CHECK(js.status == 200);
  CHECK(js.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(js.header("Cache-Control") == "public, max-age=3600");
  CHECK(js.body == kAppJs);

  const HttpResult hashed = http_get(site.port(), "/assets/index-3f2a9c.js");
  CHECK(hashed.status == 200);
  CHECK(hashed.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(hashed.header("Cache-Control") == "public, max-age=31536000, immutable");

  const HttpResult sw = http_get(site.port(), "/sw.js");
  CHECK(sw.status == 200);
  CHECK(sw.header("Cache-Control") == "no-cache");

  const HttpResult css = http_get(site.port(), "/style.css");
  CHECK(css.header("Content-Type") == "text/css; charset=utf-8");
}

TEST_CASE("http: If-None-Match with the current ETag gives 304 without a body") {
  ServedSite site;
  const HttpResult first = http_get(site.port(), "/app.js");
  REQUIRE(first.status == 200);
  const std::string etag = first.header("ETag");
  REQUIRE_FALSE(etag.empty());

  const HttpResult again = http_get(site.port(), "/app.js", {{"If-None-Match", etag}});
  REQUIRE(again.ok());
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(again.header("ETag") == etag);
  CHECK(again.header("Cache-Control") == "public, max-age=3600");

  CHECK(http_get(site.port(), "/app.js", {{"If-None-Match", "W/" + etag}}).status == 304);
  CHECK(http_get(site.port(), "/app.js", {{"If-None-Match", "\"x\", " + etag}}).status == 304);
  const HttpResult stale = http_get(site.port(), "/app.js", {{"If-None-Match", "\"stale\""}});
  CHECK(stale.status == 200);
  CHECK(stale.body == kAppJs);

  // A changed file gets a new tag.
  std::this_thread::sleep_for(20ms);
  site.dir.write("www/app.js", kAppJs + "// v2\n");
  const HttpResult changed = http_get(site.port(), "/app.js", {{"If-None-Match", etag}});
  CHECK(changed.status == 200);
  CHECK(changed.header("ETag") != etag);
}

TEST_CASE("http: HEAD sends headers only, and the connection stays usable") {
  ServedSite site;
  HttpConnection connection(site.port());
  REQUIRE(connection.connected());
  const HttpResult head =
      connection.exchange(make_request("HEAD", "/app.js", {}, {}, /*keep_alive=*/true), true);
  REQUIRE(head.ok());
  CHECK(head.status == 200);
  CHECK(head.header("Content-Length") == std::to_string(kAppJs.size()));
  CHECK(head.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(head.body.empty());
  // Had the server sent a body after the HEAD response, this response would not parse.
  const HttpResult next =
      connection.exchange(make_request("GET", "/healthz", {}, {}, /*keep_alive=*/true));
  REQUIRE(next.ok());
  CHECK(next.status == 200);
  const HttpResult third = connection.exchange(make_request("GET", "/app.js"));
  CHECK(third.body == kAppJs);
}

TEST_CASE("http: traversal attempts never reach files outside the root") {
  ServedSite site;
  const std::vector<std::string> targets{
      "/../../etc/passwd",
      "/../secret.txt",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/.%2e/secret.txt",
      "/..%2f..%2fetc%2fpasswd",
      "/..%2Fsecret.txt",
      "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "//etc/passwd",
      "/..\\..\\etc\\passwd",
      "/%5c..%5csecret.txt",
      "/app.js%00.txt",
      "/escape.txt",
      "/assets/../../secret.txt",
      "/%2Fetc%2Fpasswd",
      "http://127.0.0.1/../secret.txt",
  };
  for (const std::string& target : targets) {
    CAPTURE(target);
    const HttpResult r = http_raw(site.port(), make_request("GET", target));
    REQUIRE(r.ok());
    CHECK((r.status == 400 || r.status == 404));
    CHECK_FALSE(contains(r.body, kSecret));
    CHECK_FALSE(contains(r.body, "root:x:0:0"));
  }
  // Not a traversal: just a client-side route that happens to look like one.
  const HttpResult route = http_get(site.port(), "/etc/passwd");
  CHECK(route.body == kIndexHtml);
}

TEST_CASE("http: unknown API paths get JSON 404; unknown files get a Spanish page") {
  ServedSite site;
  const HttpResult api = http_get(site.port(), "/api/unknown");
  REQUIRE(api.ok());
  CHECK(api.status == 404);
  CHECK(api.header("Content-Type") == "application/json");
  CHECK(error_of(api).at("code") == "not_found");
  CHECK(error_of(api).at("message").is_string());
  check_security_headers(api);

  const HttpResult api_post = http_request(site.port(), "POST", "/api/v1/anything", {}, "{}");
  CHECK(api_post.status == 404);
  CHECK(error_of(api_post).at("code") == "not_found");

  const HttpResult page = http_get(site.port(), "/no-such-file.js");
  REQUIRE(page.ok());
  CHECK(page.status == 404);
  CHECK(page.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(contains(page.body, "lang=\"es\""));
  CHECK(contains(page.body, "Página no encontrada"));
  check_security_headers(page);
}

TEST_CASE("http: static paths accept only GET and HEAD") {
  ServedSite site;
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    CAPTURE(method);
    const HttpResult r = http_request(site.port(), method, "/index.html", {}, "x=1");
    REQUIRE(r.ok());
    CHECK(r.status == 405);
    CHECK(r.header("Allow") == "GET, HEAD");
    CHECK(contains(r.body, "Método no permitido"));
  }
}

TEST_CASE("http: oversized headers and bodies are refused") {
  ServedSite site;
  const std::string big(32 * 1024, 'a');  // default header limit: 16 KiB
  const HttpResult headers = http_raw(site.port(), make_request("GET", "/", {{"X-Big", big}}));
  REQUIRE(headers.ok());
  CHECK(headers.status == 431);
  CHECK(headers.header("Connection") == "close");

  // Declared too large: refused from the headers alone.
  const HttpResult declared = http_raw(
      site.port(), "POST /api/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000000\r\n\r\n");
  REQUIRE(declared.ok());
  CHECK(declared.status == 413);
  CHECK(error_of(declared).at("code") == "payload_too_large");

  // Actually sent too large.
  const std::string body(1024 * 1024 + 1, 'x');
  const HttpResult sent = http_request(site.port(), "POST", "/api/x", {}, body);
  REQUIRE(sent.ok());
  CHECK(sent.status == 413);

  // Chunked, growing past the limit.
  std::string chunked =
      "POST /api/x HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(256 * 1024, 'y');
  for (int i = 0; i < 5; ++i) chunked += "40000\r\n" + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  const HttpResult chunked_result = http_raw(site.port(), chunked);
  REQUIRE(chunked_result.ok());
  CHECK(chunked_result.status == 413);

  // Within the limit the body is read and the request is routed (to a 404: no such endpoint).
  const HttpResult fine =
      http_request(site.port(), "POST", "/api/x", {}, std::string(100'000, 'z'));
  REQUIRE(fine.ok());
  CHECK(fine.status == 404);

  // The server carries on.
  CHECK(http_get(site.port(), "/healthz").status == 200);
}

TEST_CASE("http: malformed requests get 400") {
  ServedSite site;
  const HttpResult garbage = http_raw(site.port(), "NOT HTTP AT ALL\r\n\r\n");
  REQUIRE(garbage.ok());
  CHECK(garbage.status == 400);
  const HttpResult bad_length =
      http_raw(site.port(), "POST /api/x HTTP/1.1\r\nHost: a\r\nContent-Length: nope\r\n\r\n");
  REQUIRE(bad_length.ok());
  CHECK(bad_length.status == 400);
  CHECK(http_get(site.port(), "/healthz").status == 200);
}

TEST_CASE("http: WebSocket upgrades are served at /live only; elsewhere a JSON 404") {
  ServedSite site;
  const std::string upgrade =
      " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n";
  const HttpResult elsewhere = http_raw(site.port(), "GET /ws" + upgrade);
  REQUIRE(elsewhere.ok());
  CHECK(elsewhere.status == 404);
  CHECK(error_of(elsewhere).at("code") == "not_found");

  const HttpResult live = http_raw(site.port(), "GET /live" + upgrade);
  CHECK(live.status == 101);
  CHECK(live.header("Sec-WebSocket-Accept") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");  // RFC 6455 §1.3
}

TEST_CASE("http: slow clients and idle connections are closed by the timeouts") {
  TempDir config_dir;
  const std::string config =
      config_dir.write("fast.json", R"({"http": {"read_timeout_s": 1, "keep_alive_idle_s": 1}})");
  ServedSite site({"--config", config});

  HttpConnection slow(site.port());
  REQUIRE(slow.connected());
  REQUIRE(slow.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"));  // never finishes the headers
  CHECK(slow.wait_closed(4s));

  HttpConnection idle(site.port());
  REQUIRE(idle.connected());
  const HttpResult r = idle.exchange(make_request("GET", "/healthz", {}, {}, /*keep_alive=*/true));
  REQUIRE(r.status == 200);
  CHECK(idle.wait_closed(4s));
}

TEST_CASE("http: SIGTERM and SIGINT stop the server gracefully and promptly") {
  for (const int signal_number : {SIGTERM, SIGINT}) {
    CAPTURE(signal_number);
    ServedSite site;
    REQUIRE(http_get(site.port(), "/healthz").status == 200);

    // An idle keep-alive connection must not hold the stop back.
    HttpConnection idle(site.port());
    REQUIRE(idle.connected());
    REQUIRE(idle.exchange(make_request("GET", "/app.js", {}, {}, true)).status == 200);

    const auto started = std::chrono::steady_clock::now();
    const std::optional<ExitStatus> status = site.server.stop(signal_number, 5s);
    REQUIRE(status.has_value());
    CHECK(status->exited);
    CHECK(status->code == 0);
    CHECK(std::chrono::steady_clock::now() - started < 3s);
    CHECK(idle.wait_closed(1s));
    const std::string log = site.server.log_text();
    CHECK(contains(log, "msg=\"stopping\""));
    CHECK(contains(log, "msg=\"stopped\""));
  }
}

TEST_CASE("http: a second server on a taken port exits with an error") {
  ServedSite site;
  TempDir dir;
  ServerProcess second({"--port", std::to_string(site.port()), "--bind", "127.0.0.1", "--db",
                        dir.file("y.db"), "--static", site.root});
  CHECK_FALSE(second.wait_listening(5s));
  const std::optional<ExitStatus> status = second.wait(5s);
  REQUIRE(status.has_value());
  CHECK(status->exited);
  CHECK(status->code == 1);
  CHECK(contains(second.log_text(), "msg=\"cannot listen\""));
  CHECK(http_get(site.port(), "/healthz").status == 200);  // the first one is unharmed
}

TEST_CASE("http: command line --help and errors") {
  ServerProcess help({"--help"});
  CHECK(contains(help.read_all_stdout(5s), "Usage: encuentro-server"));
  const auto help_status = help.wait(5s);
  REQUIRE(help_status.has_value());
  CHECK(help_status->code == 0);

  ServerProcess bad({"--port", "abc"});
  const auto bad_status = bad.wait(5s);
  REQUIRE(bad_status.has_value());
  CHECK(bad_status->code == 2);
  CHECK(contains(bad.log_text(), "--port: expected an integer, got \"abc\""));

  TempDir dir;
  const std::string config = dir.write("typo.json", R"({"workshop_cpa": 20})");
  ServerProcess typo({"--config", config});
  const auto typo_status = typo.wait(5s);
  REQUIRE(typo_status.has_value());
  CHECK(typo_status->code == 2);
  CHECK(contains(typo.log_text(), "unknown key \"workshop_cpa\""));
}

TEST_CASE("http: a Vite build is served as the web app: hashed assets, manifest, service worker") {
  // The shape `npm run build` gives client-web/dist (the browser tests serve the real one).
  TempDir dir;
  dir.write("dist/index.html",
            "<!doctype html><html lang=\"es\"><head><title>Encuentro</title>"
            "<link rel=\"manifest\" href=\"/manifest.webmanifest\">"
            "<script type=\"module\" crossorigin src=\"/assets/index-AbC123.js\"></script>"
            "</head><body><div id=\"app\"></div></body></html>");
  dir.write("dist/assets/index-AbC123.js", "console.log('app');");
  dir.write("dist/manifest.webmanifest", "{\"name\":\"Encuentro\"}");
  dir.write("dist/sw.js", "self.addEventListener('fetch', () => {});");
  ServerProcess server({"--port", "0", "--bind", "127.0.0.1", "--db", dir.file("x.db"), "--static",
                        dir.file("dist")});
  REQUIRE(server.wait_listening());

  const HttpResult page = http_get(server.port(), "/");
  CHECK(page.status == 200);
  CHECK(page.header("Cache-Control") == "no-cache");  // a new build is picked up at once
  CHECK(contains(page.header("Content-Security-Policy"), "script-src 'self'"));
  const HttpResult asset = http_get(server.port(), "/assets/index-AbC123.js");
  CHECK(asset.status == 200);
  CHECK(asset.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(contains(asset.header("Cache-Control"), "immutable"));  // its name changes with it
  CHECK(http_get(server.port(), "/manifest.webmanifest").header("Content-Type") ==
        "application/manifest+json");
  CHECK(http_get(server.port(), "/sw.js").header("Cache-Control") == "no-cache");
  // The app's own routes (a QR's join URL, a view) get index.html.
  for (const char* route : {"/unirse?codigo=ABCD-EFGH-JK", "/organizador/e-1", "/relator"}) {
    INFO(route);
    const HttpResult r = http_get(server.port(), route);
    CHECK(r.status == 200);
    CHECK(r.body == page.body);
  }
}

}  // namespace encuentro::testing
