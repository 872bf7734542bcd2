// The public read API against the real server with the demo: only published encuentros, their
// results, open-data downloads, caching validators, one 404 for unknown and unpublished ids, and
// no personal data in anything it serves.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "http_client.hpp"
#include "server_process.hpp"

namespace encuentro::testing {
namespace {

using nlohmann::json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr const char* kList = "/api/public/encuentros";
constexpr const char* kCascajal = "/api/public/encuentros/e-cascajal-2026";
constexpr const char* kItagui = "/api/public/encuentros/e-itagui-instancias";

// One demo server for every case here (loading the demo commits some hundred commands), started
// by the first case that asks and killed at exit.
class DemoServer {
 public:
  DemoServer()
      : server_({"--port", "0", "--bind", "127.0.0.1", "--db", dir_.file("e.db"), "--static",
                 std::string(ENCUENTRO_SOURCE_DIR) + "/client-web/public", "--demo"}) {
    REQUIRE_MESSAGE(server_.wait_listening(), server_.log_text());
  }
  unsigned short port() const { return server_.port(); }

 private:
  TempDir dir_;
  ServerProcess server_;
};

unsigned short demo_port() {
  static DemoServer demo;
  return demo.port();
}

HttpResult get_ok(unsigned short port, const std::string& target) {
  HttpResult r = http_get(port, target);
  REQUIRE_MESSAGE(r.ok(), r.error);
  REQUIRE_MESSAGE(r.status == 200, target << " -> " << r.status << " " << r.body);
  return r;
}

void walk(const json& j, const std::function<void(const std::string& key, const json& value)>& f) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      f(key, value);
      walk(value, f);
    }
  } else if (j.is_array()) {
    for (const auto& value : j) walk(value, f);
  }
}

// Every string that names, contacts or identifies a person of the demo (server/app/demo.cpp
// builds names from these given names and surnames, and codes "DEMO-<n>").
const std::vector<std::string>& personal_markers() {
  static const std::vector<std::string> markers{
      "Restrepo",      "Gómez",         "Zapata",     "Quintero", "Mosquera",   "Cardona",
      "Palacios",      "Arango",        "Valencia",   "Córdoba",  "Londoño",    "Hurtado",
      "Salgado",       "Berrío",        "Marimón",    "Julio",    "Luz Marina", "Jhon Jairo",
      "Yuliana",       "Luis Fernando", "Rosa Elena", "Marleny",  "Sebastián",  "DEMO-",
      "Facilitador/a", "Relator/a",     "Servidor/a"};
  return markers;
}

void check_no_personal_data(const std::string& what, const std::string& body) {
  for (const auto& marker : personal_markers()) {
    CAPTURE(what);
    CAPTURE(marker);
    CHECK(body.find(marker) == std::string::npos);
  }
}

void check_no_personal_fields(const json& doc) {
  static const std::regex person_id("[ar][0-9]+");  // registrant r12, participant a7
  static const std::vector<std::string> forbidden{
      "name",          "contact", "code",    "author", "submitted_by", "participant_id",
      "registrant_id", "members", "comment", "actor",  "needs"};
  walk(doc, [&](const std::string& key, const json& value) {
    CHECK_MESSAGE(std::find(forbidden.begin(), forbidden.end(), key) == forbidden.end(), key);
    if (value.is_string()) {
      CHECK_MESSAGE(!std::regex_match(value.get<std::string>(), person_id),
                    key << " = " << value.get<std::string>());
    }
  });
}

}  // namespace

TEST_CASE("public api: the list holds only published encuentros, with counts") {
  const unsigned short port = demo_port();
  const HttpResult r = get_ok(port, kList);
  CHECK(r.header("Content-Type") == "application/json");
  CHECK(r.header("Cache-Control") == "public, max-age=5");
  CHECK_FALSE(r.header("ETag").empty());
  const json body = json::parse(r.body);
  const json& list = body.at("encuentros");
  REQUIRE(list.size() == 1);
  CHECK(list[0].at("id") == "e-cascajal-2026");
  CHECK(list[0].at("phase") == "follow_up");
  CHECK(list[0].at("counts").at("workshops") == 3);
  CHECK(list[0].at("counts").at("participants") == 72);
  CHECK(list[0].at("counts").at("commitments_by_status").at("cumplido") == 1);
  CHECK(list[0].at("counts").at("commitments_overdue").get<int>() >= 1);
  CHECK(r.body.find("e-itagui-instancias") == std::string::npos);
  check_no_personal_data("list", r.body);
  check_no_personal_fields(body);
}

TEST_CASE("public api: the detail has workshops, answered principal proposals and commitments") {
  const unsigned short port = demo_port();
  const HttpResult r = get_ok(port, kCascajal);
  CHECK(r.header("Cache-Control") == "public, max-age=5");
  const json view = json::parse(r.body);
  CHECK(view.at("details").at("title") ==
        "Encuentro de Diálogo Participativo de la Alcaldía Local Isla del Cascajal");
  CHECK(view.at("details").at("published_on").is_string());
  const json& workshops = view.at("workshops");
  REQUIRE(workshops.size() == 3);
  int proposals = 0;
  for (const auto& w : workshops) {
    CHECK_FALSE(w.at("synthesis").get<std::string>().empty());
    CHECK_FALSE(w.at("principal_proposals").empty());
    for (const auto& p : w.at("principal_proposals")) {
      ++proposals;
      CHECK(p.at("answer").is_object());  // R9: every principal proposal was answered
      CHECK(p.at("votes").get<int>() > 0);
    }
  }
  CHECK(proposals == view.at("counts").at("principal_proposals"));
  const json& commitments = view.at("commitments");
  REQUIRE(commitments.size() >= 3);
  int overdue = 0, fulfilled = 0;
  for (const auto& k : commitments) {
    overdue += k.at("overdue").get<bool>() ? 1 : 0;
    fulfilled += k.at("status") == "cumplido" ? 1 : 0;
    CHECK_FALSE(k.at("versions").empty());
    CHECK_FALSE(k.at("cuts").empty());  // the event was four months ago: a cut has passed
  }
  CHECK(overdue >= 1);
  CHECK(fulfilled == 1);
  CHECK(view.at("attendance").at("total") == 72);
  CHECK(view.at("evaluation").at("count") == 20);
  check_no_personal_data("detail", r.body);
  check_no_personal_fields(view);
}

TEST_CASE("public api: unpublished and unknown encuentros get the same 404") {
  const unsigned short port = demo_port();
  const HttpResult unpublished = http_get(port, kItagui);
  const HttpResult unknown = http_get(port, "/api/public/encuentros/e-no-existe");
  CHECK(unpublished.status == 404);
  CHECK(unknown.status == 404);
  CHECK(unpublished.body == unknown.body);
  CHECK(json::parse(unknown.body).at("error").at("code") == "not_found");
  CHECK(unknown.header("Content-Type") == "application/json");
  CHECK(unpublished.body.find("itagui") == std::string::npos);
  for (const char* suffix : {"/commitments.csv", "/commitments.json"}) {
    const HttpResult a = http_get(port, std::string(kItagui) + suffix);
    const HttpResult b = http_get(port, std::string("/api/public/encuentros/e-x") + suffix);
    CHECK(a.status == 404);
    CHECK(b.status == 404);
    CHECK(a.body == unknown.body);
    CHECK(b.body == unknown.body);
  }
}

TEST_CASE("public api: commitments.csv has a BOM, the header, CRLF and one row per commitment") {
  const unsigned short port = demo_port();
  const std::size_t commitments =
      json::parse(get_ok(port, kCascajal).body).at("commitments").size();
  const HttpResult r = get_ok(port, std::string(kCascajal) + "/commitments.csv");
  CHECK(r.header("Content-Type") == "text/csv; charset=utf-8");
  CHECK(r.header("Content-Disposition") ==
        "attachment; filename=\"compromisos-e-cascajal-2026.csv\"");
  CHECK(r.header("Cache-Control") == "public, max-age=5");
  REQUIRE(r.body.starts_with(kBom));
  CHECK(r.body.substr(kBom.size())
            .starts_with(
                "id,compromiso,entidad,dependencia,fecha_limite,indicador,meta,territorio,partes,propuestas,estado,"
                "avance_pct,fecha_avance,vencido\r\n"));
  CHECK(r.body.ends_with("\r\n"));
  std::size_t lines = 0;
  for (std::size_t i = 0; i < r.body.size(); ++i) {
    if (r.body[i] != '\n') continue;
    CHECK(i > 0);
    CHECK(r.body[i - 1] == '\r');  // the demo's texts have no line breaks: every LF ends a row
    ++lines;
  }
  CHECK(lines == 1 + commitments);
  CHECK(r.body.find(",cumplido,100,") != std::string::npos);
  CHECK(r.body.find(",sí\r\n") != std::string::npos);  // overdue
  check_no_personal_data("csv", r.body);
  CHECK_FALSE(std::regex_search(r.body, std::regex(",[ar][0-9]+[,\r]")));
}

TEST_CASE("public api: commitments.json has the same rows as a JSON array, as an attachment") {
  const unsigned short port = demo_port();
  const HttpResult r = get_ok(port, std::string(kCascajal) + "/commitments.json");
  CHECK(r.header("Content-Type") == "application/json");
  CHECK(r.header("Content-Disposition") ==
        "attachment; filename=\"compromisos-e-cascajal-2026.json\"");
  const json rows = json::parse(r.body);
  REQUIRE(rows.is_array());
  CHECK(rows.size() == json::parse(get_ok(port, kCascajal).body).at("commitments").size());
  for (const auto& row : rows) {
    CHECK(row.at("id").is_string());
    CHECK(row.at("compromiso").is_string());
    CHECK(row.at("avance_pct").is_number_integer());
    CHECK(row.at("vencido").is_boolean());
  }
  check_no_personal_data("json download", r.body);
  check_no_personal_fields(rows);
}

TEST_CASE("public api: If-None-Match with the current ETag gives 304; HEAD has no body") {
  const unsigned short port = demo_port();
  for (const std::string& target :
       {std::string(kList), std::string(kCascajal), std::string(kCascajal) + "/commitments.csv",
        std::string(kCascajal) + "/commitments.json"}) {
    CAPTURE(target);
    const HttpResult first = get_ok(port, target);
    const std::string etag = first.header("ETag");
    REQUIRE(etag.size() > 2);
    CHECK(etag.front() == '"');
    CHECK(etag.back() == '"');
    const HttpResult again = http_get(port, target, {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(again.header("ETag") == etag);
    CHECK(again.header("Cache-Control") == "public, max-age=5");
    CHECK(again.header("Content-Type").empty());
    const HttpResult stale = http_get(port, target, {{"If-None-Match", "\"v0-stale\""}});
    CHECK(stale.status == 200);
    CHECK(stale.body == first.body);
  }
  const HttpResult head = http_request(port, "HEAD", kCascajal);
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK_FALSE(head.header("ETag").empty());
  // Served from the response cache by now: the length of the body a GET gets, none sent.
  const HttpResult get = get_ok(port, kCascajal);
  CHECK(head.header("ETag") == get.header("ETag"));
  CHECK(head.header("Content-Length") == std::to_string(get.body.size()));
  CHECK(get_ok(port, kCascajal).body == get.body);
  const HttpResult post = http_request(port, "POST", kCascajal, {}, "{}");
  CHECK(post.status == 405);
  CHECK(post.header("Allow") == "GET, HEAD");
}

TEST_CASE("public api: Atom feeds of the encuentro and of each commitment, for feed readers") {
  const unsigned short port = demo_port();
  const json detail = json::parse(get_ok(port, kCascajal).body);
  const HttpResult feed = get_ok(port, std::string(kCascajal) + "/feed.atom");
  CHECK(feed.header("Content-Type") == "application/atom+xml; charset=utf-8");
  CHECK(feed.body.starts_with("<?xml"));
  CHECK(feed.body.find("<id>urn:encuentro:e-cascajal-2026</id>") != std::string::npos);
  // Every report of every commitment is an entry of its own.
  for (const json& c : detail.at("commitments")) {
    for (const json& r : c.at("reports")) {
      const std::string id = "<id>urn:encuentro:e-cascajal-2026:avance:" + r.at("id").get<std::string>();
      CAPTURE(id);
      CHECK(feed.body.find(id) != std::string::npos);
    }
  }
  for (const std::string& marker : personal_markers()) {
    CAPTURE(marker);
    CHECK(feed.body.find(marker) == std::string::npos);
  }
  const HttpResult again =
      http_get(port, std::string(kCascajal) + "/feed.atom", {{"If-None-Match", feed.header("ETag")}});
  CHECK(again.status == 304);

  const std::string first = detail.at("commitments").at(0).at("id");
  const HttpResult one = get_ok(port, std::string(kCascajal) + "/commitments/" + first + "/feed.atom");
  CHECK(one.header("Content-Type") == "application/atom+xml; charset=utf-8");
  CHECK(one.body.find("<id>urn:encuentro:e-cascajal-2026:compromiso:" + first + "</id>") !=
        std::string::npos);
  CHECK(http_get(port, std::string(kCascajal) + "/commitments/k999/feed.atom").status == 404);
  CHECK(http_get(port, std::string(kItagui) + "/feed.atom").status == 404);  // not published
}

}  // namespace encuentro::testing
