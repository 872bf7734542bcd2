// A whole encuentro run over the live protocol by programs that know only the protocol document:
// 75 citizens in 3 workshops, every role on its own WebSocket, from the convocation to the
// publication and the first progress report, against the real server process.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "live_venue.hpp"

namespace encuentro::testing {
namespace {

struct Citizen {
  std::unique_ptr<WsClient> ws;
  std::string participant;
  std::string workshop;
  int ops = 0;
  json command(const std::string& name, const json& args) {
    return ws->command(participant + "-" + std::to_string(++ops), name, args);
  }
};

struct Staff {
  std::unique_ptr<WsClient> ws;
  std::string prefix;
  int ops = 0;
  json command(const std::string& name, const json& args) {
    return ws->command(prefix + "-" + std::to_string(++ops), name, args);
  }
};

Staff staff(LiveServer& server, Venue& v, const std::string& role, const json& workshop) {
  json welcome;
  Staff s{server.join({{"code", v.mint(role, workshop)}}, &welcome),
          role + (workshop.is_string() ? "-" + workshop.get<std::string>() : "")};
  CHECK(welcome["role"] == role);
  CHECK(welcome["workshop"] == workshop);
  CHECK(welcome["encuentro"] == v.id);
  catch_up(*s.ws);
  return s;
}

// Whether any message `client` received holds `text` as a whole JSON string.
bool received_string(const WsClient& client, const std::string& text) {
  const std::string quoted = json(text).dump();
  return std::any_of(client.history().begin(), client.history().end(),
                     [&](const std::string& m) { return m.find(quoted) != std::string::npos; });
}

std::vector<json> events_named(const WsClient& client, const std::string& name) {
  std::vector<json> out;
  for (const std::string& text : client.history()) {
    const json m = json::parse(text);
    if (m["type"] == "event" && m["name"] == name) out.push_back(m);
  }
  return out;
}

TEST_CASE("a whole encuentro over the live protocol: 75 citizens, 3 workshops, every role") {
  LiveServer server({"--demo"});
  Venue v(server);
  v.prepare(70, 5);
  REQUIRE(v.workshops.size() == 3);
  std::size_t seated = 0;
  for (const auto& [w, people] : v.members) {
    CHECK(people.size() <= 30);  // R4
    seated += people.size();
  }
  REQUIRE(seated == 75);

  // Staff, projector and office come in with the codes the organizer minted.
  std::map<std::string, Staff> facilitator, relator, servant;
  for (const std::string& w : v.workshops) {
    facilitator.emplace(w, staff(server, v, "facilitator", w));
    relator.emplace(w, staff(server, v, "relator", w));
    servant.emplace(w, staff(server, v, "servant", w));
  }
  Staff projector = staff(server, v, "projector", nullptr);
  Staff office = staff(server, v, "office", nullptr);

  // Citizens: the registered link their phone with their registration code; walk-ins get a
  // personal code at the door.
  std::vector<Citizen> citizens;
  for (std::size_t i = 0; i < v.registration_codes.size(); ++i) {
    json welcome;
    Citizen c{server.join({{"code", v.public_code}}, &welcome), "", "", 0};
    REQUIRE(welcome["role"] == "citizen");
    REQUIRE(welcome["participant"].is_null());
    catch_up(*c.ws);
    c.ws->send({{"type", "participant.link"},
                {"ref", "link"},
                {"registration_code", v.registration_codes[i]}});
    const json linked = c.ws->reply_to("ref", "link");
    INFO(linked.dump());
    REQUIRE(linked["type"] == "linked");
    c.participant = linked["participant"];
    c.workshop = linked["workshop"];
    CHECK(c.workshop == v.workshop_of[c.participant]);
    c.ws->expect("snapshot");
    citizens.push_back(std::move(c));
  }
  for (const std::string& p : v.walk_ins) {
    json welcome;
    Citizen c{server.join({{"code", v.mint("citizen", nullptr, p)}}, &welcome), p,
              v.workshop_of[p], 0};
    CHECK(welcome["participant"] == p);
    catch_up(*c.ws);
    citizens.push_back(std::move(c));
  }
  REQUIRE(citizens.size() == 75);

  // A move (R4: never past the cap): the moved phone gets its new room as a fresh snapshot.
  {
    Citizen& moved = citizens.front();
    const std::string to = moved.workshop == v.workshops[0] ? v.workshops[1] : v.workshops[0];
    v.ok("participant.move", {{"participant_id", moved.participant}, {"workshop_id", to}});
    const json fresh = moved.ws->expect("snapshot");
    std::string now_in;
    for (const json& p : fresh["state"]["participants"])
      if (p["id"] == moved.participant) now_in = p["workshop_id"];
    CHECK(now_in == to);
    moved.workshop = to;
  }
  auto citizens_of = [&](const std::string& w) {
    std::vector<Citizen*> out;
    for (Citizen& c : citizens)
      if (c.workshop == w) out.push_back(&c);
    return out;
  };

  v.ok("phase.advance", {{"to", "workshops"}});

  std::map<std::string, std::vector<std::string>> principal;
  for (const std::string& w : v.workshops) {
    Staff& f = facilitator.at(w);
    Staff& r = relator.at(w);
    std::vector<Citizen*> room = citizens_of(w);
    REQUIRE(room.size() >= 3);
    require_ack(f.command("timer.start", {{"workshop_id", w}, {"minutes", 75}}));
    require_ack(f.command("workshop.set_question", {{"workshop_id", w}, {"question_id", "q1"}}));

    // The speaking queue: a citizen raises a hand, the facilitator gives the floor.
    require_ack(room[0]->command("hand.raise", {{"workshop_id", w},
                                                {"participant_id", room[0]->participant}}));
    require_ack(f.command("floor.give",
                          {{"workshop_id", w}, {"participant_id", room[0]->participant}}));

    // The relator captures; the servant answers the question.
    std::vector<std::string> proposals;
    auto capture = [&](const std::string& kind, const std::string& point, const std::string& text) {
      const json ack = r.command("contribution.capture", {{"workshop_id", w},
                                                           {"kind", kind},
                                                           {"point_id", point},
                                                           {"text", text}});
      require_ack(ack);
      return r.ws->event(ack["seq"])["data"]["contribution"]["id"].get<std::string>();
    };
    for (int i = 1; i <= 3; ++i)
      proposals.push_back(capture("propuesta", i % 2 ? "p1" : "p2",
                                  "Propuesta " + std::to_string(i) + " del taller " + w));
    const std::string question = capture("pregunta", "p1", "¿Dónde se publica el presupuesto?");
    // Editing, re-kinding, merging a duplicate; a complaint is referred to PQRSD, never a
    // proposal (R8).
    const std::string duplicate = capture("sugerencia", "p1", "Propuesta 1 otra vez");
    require_ack(r.command("contribution.edit", {{"contribution_id", duplicate},
                                                {"point_id", "p1"},
                                                {"text", "Propuesta 1, dicha otra vez"}}));
    require_ack(r.command("contribution.change_kind",
                          {{"contribution_id", duplicate}, {"kind", "propuesta"}}));
    require_ack(r.command("contribution.merge",
                          {{"into_id", proposals[0]}, {"from_ids", {duplicate}}}));
    const std::string complaint = capture("queja", "p2", "Me cobraron un trámite gratuito.");
    require_error(r.command("contribution.merge",
                            {{"into_id", proposals[1]}, {"from_ids", {complaint}}}),
                  "complaint_not_received");
    require_ack(servant.at(w).command(
        "question.answer", {{"contribution_id", question}, {"answer", "En la página web."}}));

    // A citizen's own proposal: nobody else in the room sees it until the relator accepts it.
    const std::string own_text = "Propuesta ciudadana desde el celular en " + w;
    const json sent = room[1]->command("proposal.submit", {{"workshop_id", w},
                                                           {"participant_id", room[1]->participant},
                                                           {"point_id", "p2"},
                                                           {"text", own_text}});
    require_ack(sent);
    const std::string own = r.ws->event(sent["seq"])["data"]["contribution"]["id"];
    const json accepted = r.command("proposal.accept", {{"contribution_id", own}});
    require_ack(accepted);
    const json revealed = room[2]->ws->event(accepted["seq"]);
    CHECK(revealed["name"] == "proposal.accepted");
    CHECK(revealed["contribution"]["text"] == own_text);
    CHECK(events_named(*room[2]->ws, "proposal.submitted").empty());
    proposals.push_back(own);

    // Dot voting: every member places 3 dots.
    require_ack(f.command("voting.open", {{"workshop_id", w}, {"dots_per_person", 3}}));
    for (std::size_t i = 0; i < room.size(); ++i) {
      for (std::size_t k = 0; k < 3; ++k) {
        require_ack(room[i]->command("vote.cast", {{"workshop_id", w},
                                                   {"participant_id", room[i]->participant},
                                                   {"contribution_id",
                                                    proposals[(i + k) % proposals.size()]}}));
      }
    }
    // The projector's tally moves with every dot, without anyone's id.
    projector.ws->drain(std::chrono::milliseconds(100));
    std::size_t tallied = 0;
    for (const json& vote : events_named(*projector.ws, "vote.cast")) {
      if (vote["data"]["workshop_id"] != w) continue;
      CHECK(vote["data"]["participant_id"] == "");
      ++tallied;
    }
    CHECK(tallied == room.size() * 3);
    // A fourth dot is one too many (rule error, nothing written).
    require_error(room[0]->command("vote.cast", {{"workshop_id", w},
                                                 {"participant_id", room[0]->participant},
                                                 {"contribution_id", proposals[0]}}),
                  "no_dots_left");
    const json closed = f.command("voting.close", {{"workshop_id", w}});
    require_ack(closed);
    const json result = f.ws->event(closed["seq"]);
    REQUIRE(result["name"] == "voting.closed");
    for (const json& id : result["data"]["principal_ids"]) principal[w].push_back(id);
    CHECK_FALSE(principal[w].empty());

    require_ack(r.command("synthesis.write",
                          {{"workshop_id", w}, {"text", "Síntesis del taller " + w + "."}}));
    require_ack(r.command("synthesis.finalize", {{"workshop_id", w}}));
  }

  // The plenary: every session but the organizer's gets a fresh view with every workshop's work.
  v.ok("phase.advance", {{"to", "plenary"}});
  {
    Citizen& c = citizens.front();
    const json snapshot = c.ws->expect("snapshot");
    std::set<std::string> workshops_seen;
    for (const json& k : snapshot["state"]["contributions"]) workshops_seen.insert(k["workshop_id"]);
    CHECK(workshops_seen.size() == 3);
  }
  for (const std::string& w : v.workshops) v.ok("plenary.focus", {{"target", w}});
  v.ok("plenary.focus", {{"target", "all"}});
  projector.ws->drain(std::chrono::milliseconds(300));
  CHECK(events_named(*projector.ws, "plenary.focused").size() == 4);

  for (std::size_t i = 0; i < 10; ++i) {
    require_ack(citizens[i].command(
        "evaluation.submit",
        {{"participant_id", citizens[i].participant},
         {"ratings", {{"organisation", 5}, {"methodology", 4}, {"participation", 5}, {"answers", 4}}},
         {"comment", "Buen espacio."}}));
  }

  // Answers and commitments (R9), then publication (R10).
  v.ok("phase.advance", {{"to", "commitments"}});
  int commitments = 0;
  for (const auto& [w, ids] : principal) {
    for (const std::string& id : ids) {
      v.ok("proposals.answer",
           {{"proposal_ids", {id}},
            {"kind", "commitment"},
            {"terms",
             {{"what", "Cumplir la propuesta " + id},
              {"entity", "Alcaldía de Prueba"},
              {"office", "Secretaría de Participación"},
              {"due_date", date_in(120)},
              {"indicator", "Acciones realizadas"},
              {"goal", "100 %"}}}});
      ++commitments;
    }
  }
  v.ok("phase.advance", {{"to", "published"}});

  // Progress is reported from the encuentro's date on, and this one is dated a month ahead (R1);
  // the office of the demo's encuentro, held months ago, reports over the same protocol.
  require_error(office.command("progress.report", {{"commitment_id", "k1"},
                                                   {"percent", 20},
                                                   {"status", "en_ejecucion"},
                                                   {"note", "Primer corte"},
                                                   {"as_of", date_in(-1)}}),
                "invalid_argument");
  {
    v.org->send({{"type", "subscribe"}, {"encuentro", "e-cascajal-2026"}});
    catch_up(*v.org);
    json demo_office_welcome;
    Staff demo_office{server.join({{"code", v.mint("office")}}, &demo_office_welcome), "demo", 0};
    CHECK(demo_office_welcome["encuentro"] == "e-cascajal-2026");
    catch_up(*demo_office.ws);
    const json reported = demo_office.command("progress.report", {{"commitment_id", "k1"},
                                                                  {"percent", 60},
                                                                  {"status", "en_ejecucion"},
                                                                  {"note", "Segundo corte"},
                                                                  {"as_of", date_in(-1)}});
    require_ack(reported);
    CHECK(demo_office.ws->event(reported["seq"])["name"] == "progress.reported");
    const HttpResult demo = http_get(server.port(), "/api/public/encuentros/e-cascajal-2026");
    CHECK(demo.body.find("Segundo corte") != std::string::npos);
    v.org->send({{"type", "subscribe"}, {"encuentro", v.id}});
    catch_up(*v.org);
  }

  // The public sees it over HTTP and over the live protocol, without a session.
  const HttpResult page = http_get(server.port(), "/api/public/encuentros/" + v.id);
  REQUIRE(page.status == 200);
  const json published = json::parse(page.body);
  CHECK(published["commitments"].size() == static_cast<std::size_t>(commitments));
  json welcome;
  auto viewer = server.join({{"encuentro", v.id}}, &welcome);
  CHECK(welcome["role"] == "public");
  const json view = viewer->expect("snapshot");
  CHECK(view["state"]["participants"].empty());
  CHECK(view["state"]["registrants"].empty());
  CHECK(view["state"]["commitments"].size() == static_cast<std::size_t>(commitments));

  // Least privilege, over everything each citizen received: no other person's name, no one
  // else's vote.
  for (Citizen& c : citizens) c.ws->drain(std::chrono::milliseconds(50));
  std::vector<std::string> names;
  for (int i = 1; i <= 70; ++i) names.push_back("Persona " + std::to_string(i));
  for (int i = 1; i <= 5; ++i) names.push_back("Visitante " + std::to_string(i));
  const json roster = v.refresh()["participants"];
  for (Citizen& c : citizens) {
    std::string own_name;
    for (const json& p : roster)
      if (p["id"] == c.participant) own_name = p["name"];
    for (const std::string& name : names) {
      if (name == own_name) continue;
      INFO(c.participant << " received " << name);
      CHECK_FALSE(received_string(*c.ws, name));
    }
    for (const json& vote : events_named(*c.ws, "vote.cast"))  // others' votes come anonymous
      CHECK((vote["data"]["participant_id"] == c.participant ||
             vote["data"]["participant_id"] == ""));
    CHECK(events_named(*c.ws, "registrant.registered").empty());
  }
}

}  // namespace
}  // namespace encuentro::testing
