// Control social after the event, against the real server with the demo: a citizen's observation
// posted on the public API without a login, moderated by the organizer over the live protocol,
// answered by the office, and then public in the JSON, the CSV, the open data and the Atom feed;
// a rejected one never public; the endpoint's typed errors and rate limit; and the erasure of
// personal data keeping the public aggregates.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "http_client.hpp"
#include "live_fixture.hpp"
#include "live_venue.hpp"

namespace encuentro::testing {
namespace {

using nlohmann::json;

constexpr const char* kHeld = "e-cascajal-2026";
const std::string kApi = "/api/public/encuentros/e-cascajal-2026";
const Headers kJson = {{"Content-Type", "application/json"}};

HttpResult post_observation(unsigned short port, const std::string& commitment, const json& body,
                            const Headers& headers = kJson) {
  HttpResult r = http_request(port, "POST", kApi + "/commitments/" + commitment + "/observations",
                              headers, body.dump());
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r;
}

std::string get_body(unsigned short port, const std::string& target) {
  HttpResult r = http_get(port, target);
  REQUIRE_MESSAGE(r.ok(), r.error);
  REQUIRE_MESSAGE(r.status == 200, target << " -> " << r.status << " " << r.body);
  return r.body;
}

json commitment(unsigned short port, const std::string& id) {
  const json view = json::parse(get_body(port, kApi));
  for (const json& k : view["commitments"]) {
    if (k["id"] == id) return k;
  }
  FAIL("no commitment " << id);
  return {};
}

struct Organizer {
  std::unique_ptr<WsClient> ws;
  std::string token;
  int ops = 0;
  json command(const std::string& name, const json& args) {
    return ws->command("org-" + std::to_string(++ops), name, args);
  }
};

// The organizer with the server's one-time secret, or again with the session's token.
Organizer organizer(LiveServer& server, const std::string& token = {}) {
  json welcome;
  Organizer org;
  org.ws = server.join(token.empty() ? json{{"code", server.organizer_secret()}}
                                     : json{{"token", token}},
                       &welcome);
  org.token = welcome["token"].is_string() ? welcome["token"].get<std::string>() : token;
  org.ws->send({{"type", "subscribe"}, {"encuentro", kHeld}});
  catch_up(*org.ws);
  return org;
}

std::string mint_office(Organizer& org) {
  const json reply =
      org.ws->request({{"type", "access.mint"}, {"ref", "mint-office"}, {"role", "office"},
                       {"workshop", nullptr}, {"participant", nullptr}, {"label", "Oficina"}});
  INFO(reply.dump());
  REQUIRE(reply["type"] == "access.minted");
  return reply["code"];
}

TEST_CASE("veeduría: posted in public, moderated live, answered by the office, then public") {
  LiveServer server({"--demo"});
  const unsigned short port = server.port();
  Organizer org = organizer(server);

  const std::string text = "<img src=x onerror=alert(1)> ¿Cuándo vuelve la franja en la emisora?";
  HttpResult posted = post_observation(port, "k4", {{"op", "obs-0001-abcd"}, {"text", text},
                                                    {"alias", "Vecina de La Playita"}});
  REQUIRE_MESSAGE(posted.status == 202, posted.body);
  const json accepted = json::parse(posted.body);
  CHECK(accepted["status"] == "pending");
  const std::string id = accepted["id"];
  CHECK(id == "o5");  // the demo has four

  // The organizer sees it at once, with its text; the public does not, yet.
  const json submitted = org.ws->take(
      [](const json& m) { return m["type"] == "event" && m["name"] == "observation.submitted"; },
      "observation.submitted");
  CHECK(submitted["data"]["observation"]["text"] == text);
  CHECK(commitment(port, "k4")["observations"].empty());
  CHECK(get_body(port, kApi + "/observations.csv").find("emisora?") == std::string::npos);

  // A retried post (same op) is the same observation, not a second one.
  HttpResult again = post_observation(port, "k4", {{"op", "obs-0001-abcd"}, {"text", text},
                                                   {"alias", "Vecina de La Playita"}});
  CHECK(again.status == 202);
  CHECK(json::parse(again.body)["id"] == id);

  require_ack(org.command("observation.moderate", {{"observation_id", id}, {"decision", "approved"}}));
  // Moderated once only.
  require_error(org.command("observation.moderate",
                            {{"observation_id", id}, {"decision", "rejected"}, {"reason", "x"}}),
                "not_pending");

  // The office answers it over its own connection.
  json welcome;
  auto office = server.join({{"code", mint_office(org)}}, &welcome);
  CHECK(welcome["role"] == "office");
  const auto office_catch_up = catch_up(*office);
  CHECK(office_catch_up.front()["type"] == "snapshot");
  CHECK(office_catch_up.front()["state"]["observations"].size() == 5);
  const std::string reply = "La franja vuelve el primer lunes de diciembre.";
  require_ack(office->command("office-1", "observation.reply", {{"observation_id", id}, {"text", reply}}));
  require_error(office->command("office-2", "observation.moderate",
                                {{"observation_id", "o4"}, {"decision", "approved"}}),
                "forbidden");

  // Now public, as plain data everywhere it is served.
  const json k4 = commitment(port, "k4");
  REQUIRE(k4["observations"].size() == 1);
  CHECK(k4["observations"][0]["text"] == text);
  CHECK(k4["observations"][0]["alias"] == "Vecina de La Playita");
  CHECK(k4["observations"][0]["reply"]["text"] == reply);
  const std::string csv = get_body(port, kApi + "/observations.csv");
  CHECK(csv.find("emisora?") != std::string::npos);
  CHECK(csv.find(reply) != std::string::npos);
  const json rows = json::parse(get_body(port, kApi + "/observations.json"));
  CHECK(rows.size() == 3);  // the demo's two approved and this one
  const std::string feed = get_body(port, kApi + "/commitments/k4/feed.atom");
  CHECK(feed.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(feed.find("<img") == std::string::npos);
  CHECK(feed.find(reply) != std::string::npos);

  // A rejected observation is never public.
  HttpResult second = post_observation(port, "k4", {{"op", "obs-0002-abcd"},
                                                    {"text", "Texto con el teléfono 300 123 4567"}});
  REQUIRE(second.status == 202);
  const std::string rejected = json::parse(second.body)["id"];
  require_ack(org.command("observation.moderate", {{"observation_id", rejected},
                                                   {"decision", "rejected"},
                                                   {"reason", "Datos personales"}}));
  for (const std::string& target :
       {kApi, kApi + "/observations.csv", kApi + "/observations.json",
        kApi + "/commitments/k4/feed.atom", kApi + "/feed.atom"}) {
    CAPTURE(target);
    const std::string body = get_body(port, target);
    CHECK(body.find("300 123 4567") == std::string::npos);
    CHECK(body.find("Datos personales") == std::string::npos);
  }
}

TEST_CASE("veeduría: the public endpoint's typed errors, and its rate limit per address") {
  LiveServer server({"--demo"});
  const unsigned short port = server.port();
  const json good = {{"op", "obs-err-0001"}, {"text", "Observación"}};
  auto code_of = [](const HttpResult& r) { return json::parse(r.body)["error"]["code"]; };

  HttpResult r = post_observation(port, "k1", good, {{"Content-Type", "text/plain"}});
  CHECK(r.status == 415);
  CHECK(code_of(r) == "unsupported_media_type");
  r = http_request(port, "POST", kApi + "/commitments/k1/observations", kJson, "{\"op\":");
  CHECK(r.status == 400);
  CHECK(code_of(r) == "bad_json");
  r = post_observation(port, "k1", {{"text", "sin op"}});
  CHECK(r.status == 400);
  CHECK(code_of(r) == "missing_field");
  r = post_observation(port, "k1", {{"op", "corto"}, {"text", "x"}});
  CHECK(code_of(r) == "invalid_field");
  r = post_observation(port, "k1", {{"op", "obs-err-0002"}, {"text", "x"}, {"author_id", "a1"}});
  CHECK(code_of(r) == "unknown_field");
  r = post_observation(port, "k1", {{"op", "obs-err-0003"}, {"text", 42}});
  CHECK(code_of(r) == "invalid_field");
  r = http_request(port, "POST",
                   "/api/public/encuentros/e-itagui-instancias/commitments/k1/observations", kJson,
                   good.dump());
  CHECK(r.status == 404);  // convened, not published: it does not exist here
  r = http_request(port, "GET", kApi + "/commitments/k1/observations");
  CHECK(r.status == 405);

  // Well-formed posts count against the address: five pass (one is refused by a rule), the sixth
  // waits.
  r = post_observation(port, "k99", {{"op", "obs-rate-0000"}, {"text", "x"}});
  CHECK(r.status == 404);
  r = post_observation(port, "k1", {{"op", "obs-rate-0001"}, {"text", "   "}});
  CHECK(r.status == 400);
  CHECK(json::parse(r.body)["error"]["field"] == "text");
  for (int i = 2; i <= 4; ++i) {
    r = post_observation(port, "k1", {{"op", "obs-rate-000" + std::to_string(i)}, {"text", "x"}});
    CHECK(r.status == 202);
  }
  r = post_observation(port, "k1", {{"op", "obs-rate-0005"}, {"text", "x"}});
  CHECK(r.status == 429);
  CHECK(code_of(r) == "rate_limited");
  CHECK(std::stoi(r.header("Retry-After")) >= 1);
  CHECK(json::parse(r.body)["error"]["retry_after_s"].get<int>() >= 1);
}

TEST_CASE("personal data erasure over the live protocol: names go, the public aggregates stay") {
  LiveServer server({"--demo"});
  const unsigned short port = server.port();
  const json before = json::parse(get_body(port, kApi));
  Organizer org = organizer(server);
  const json erased = org.command("personal_data.erase", json::object());
  require_ack(erased);
  CHECK(org.ws->event(erased["seq"])["name"] == "personal_data.erased");
  require_error(org.command("personal_data.erase", json::object()), "already_erased");

  // A fresh organizer session gets the state without names, contacts or codes.
  Organizer again = organizer(server, org.token);
  const json snapshot = [&] {
    for (const std::string& text : again.ws->history()) {
      const json m = json::parse(text);
      if (m["type"] == "snapshot") return m;
    }
    FAIL("no snapshot");
    return json();
  }();
  const json& state = snapshot["state"];
  REQUIRE(state["registrants"].size() > 10);
  CHECK(state["personal_data_erased_at"].is_number());
  for (const json& r : state["registrants"]) {
    CHECK(r["name"] == "");
    CHECK(r["contact"] == "");
    CHECK(r["code"] == "");
    CHECK_FALSE(r["territory"].get<std::string>().empty());
  }
  for (const json& p : state["participants"]) CHECK(p["name"] == "");

  const json after = json::parse(get_body(port, kApi));
  CHECK(after["attendance"] == before["attendance"]);
  CHECK(after["counts"] == before["counts"]);
  CHECK(after["evaluation"] == before["evaluation"]);

  // Erasure happens after the event only: the convened encuentro refuses it.
  again.ws->send({{"type", "subscribe"}, {"encuentro", "e-itagui-instancias"}});
  catch_up(*again.ws);
  require_error(again.command("personal_data.erase", json::object()), "wrong_phase");
}

}  // namespace
}  // namespace encuentro::testing
