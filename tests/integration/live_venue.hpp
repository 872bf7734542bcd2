#pragma once

// Venue: an organizer on the live protocol who plans an encuentro, convenes it, registers and
// checks in people, forms the workshops, assigns staff and mints their codes. What the tests then
// run on top of it is up to them.

#include <map>
#include <string>
#include <vector>

#include "live_fixture.hpp"

namespace encuentro::testing {

inline const char* const kValueGroups[] = {"juventud", "mujeres",      "victimas",
                                           "etnico",   "persona_mayor", "campesino",
                                           "ciudadania"};

struct Venue {
  explicit Venue(LiveServer& s) : server(s) {}

  LiveServer& server;
  std::unique_ptr<WsClient> org;
  std::string org_token;
  std::string id;
  json state;  // the organizer's latest snapshot
  std::vector<std::string> workshops;
  std::map<std::string, std::vector<std::string>> members;  // workshop → participant ids
  std::map<std::string, std::string> workshop_of;           // participant → workshop
  std::vector<std::string> registration_codes;  // of r1, r2, ...
  std::vector<std::string> walk_ins;            // participant ids of people without registration
  std::string public_code;
  int ops = 0;

  std::string op() { return "org-" + std::to_string(++ops); }
  json command(const std::string& name, const json& args = json::object()) {
    return org->command(op(), name, args);
  }
  void ok(const std::string& name, const json& args = json::object()) {
    require_ack(command(name, args));
  }

  // The organizer's fresh snapshot (re-subscribing with since 0), also kept in `state`.
  json refresh() {
    org->forget();
    org->send({{"type", "subscribe"}, {"encuentro", id}});
    for (const json& m : catch_up(*org)) {
      if (m["type"] == "snapshot") state = m["state"];
    }
    return state;
  }

  std::string mint(const std::string& role, const json& workshop = nullptr,
                   const json& participant = nullptr) {
    const std::string ref = "mint-" + std::to_string(++ops);
    const json reply = org->request({{"type", "access.mint"}, {"ref", ref}, {"role", role},
                                     {"workshop", workshop}, {"participant", participant},
                                     {"label", role}});
    INFO(reply.dump());
    REQUIRE(reply["type"] == "access.minted");
    return reply["code"];
  }

  // Plans and convenes an encuentro, registers `registered` people and checks them in with
  // `walk_in_count` walk-ins, forms the workshops and assigns their staff. Phase: opening.
  // The organizer comes in with the server's one-time secret and creates an encuentro (draft).
  void start() {
    json welcome;
    org = server.join({{"code", server.organizer_secret()}}, &welcome);
    REQUIRE(welcome["role"] == "organizer");
    REQUIRE(welcome["token"].is_string());
    org_token = welcome["token"];

    const json created = command("encuentro.create", {{"details", details()}});
    require_ack(created);
    id = created["encuentro"];
    refresh();
  }

  void prepare(int registered, int walk_in_count) {
    start();

    ok("point.add", {{"title", "Información pública"}, {"description", "Cómo se informa."}});
    ok("point.add", {{"title", "Participación"}});
    ok("question.add", {{"point_id", "p1"}, {"text", "¿Por qué medios quiere informarse?"}});
    ok("question.add", {{"point_id", "p2"}, {"text", "¿Qué espacios de diálogo necesita?"}});
    ok("convocation.publish");
    for (int i = 0; i < registered; ++i) {
      ok("registration.create", {{"name", "Persona " + std::to_string(i + 1)},
                                 {"territory", "Comuna " + std::to_string(i % 4 + 1)},
                                 {"value_group", kValueGroups[i % 7]},
                                 {"data_consent", true}});
    }
    for (int i = 0; i < registered; ++i)
      ok("checkin.registered", {{"registrant_id", "r" + std::to_string(i + 1)}});
    for (int i = 0; i < walk_in_count; ++i) {
      ok("checkin.walk_in", {{"name", "Visitante " + std::to_string(i + 1)},
                             {"territory", "Comuna 1"},
                             {"value_group", "ciudadania"},
                             {"data_consent", true}});
    }
    ok("phase.advance", {{"to", "opening"}});
    ok("workshops.form");
    refresh();
    for (const json& r : state["registrants"]) registration_codes.push_back(r["code"]);
    for (const json& p : state["participants"]) {
      if (p["registrant_id"].is_null()) walk_ins.push_back(p["id"]);
    }
    for (const json& w : state["workshops"]) {
      const std::string wid = w["id"];
      workshops.push_back(wid);
      for (const json& m : w["members"]) {
        members[wid].push_back(m);
        workshop_of[m] = wid;
      }
      for (const char* role : {"facilitator", "relator", "servant"}) {
        ok("staff.assign",
           {{"workshop_id", wid}, {"role", role}, {"name", std::string(role) + " " + wid}});
      }
    }
    const json pc = org->request({{"type", "access.public_code"}, {"ref", "pc"}});
    REQUIRE(pc["type"] == "access.public_code");
    public_code = pc["code"];
  }
};

}  // namespace encuentro::testing
