// The app's live session (app/live.hpp) driven directly, with a clock the test moves: what the
// integration tests cannot reach in their time, such as a session that expires while its
// connection stays open.
#include "app/live.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/encuentro_service.hpp"
#include "domain_fixture.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace app = encuentro::app;
namespace d = encuentro::domain;
using nlohmann::json;

// What the transport would write to the socket, kept for the test.
struct RecordingOutlet : app::Outlet {
  std::vector<json> sent;
  int close_code = 0;
  void send(std::shared_ptr<const std::string> text) override {
    if (close_code == 0) sent.push_back(json::parse(*text));
  }
  void close(std::uint16_t code, std::string) override {
    if (close_code == 0) close_code = code;
  }
};

TEST_CASE("live: a connection that outlasts its session's expiry executes nothing more") {
  encuentro::testing::TempDir dir;
  d::Timestamp now = encuentro::testing::kTestNow;
  const app::Clock clock = [&now] { return now; };
  app::EncuentroService::Options service_options;
  service_options.store.path = dir.file("e.db");
  service_options.clock = clock;
  app::EncuentroService service(service_options);
  app::AccessService::Options access_options;
  access_options.store.path = dir.file("a.db");
  access_options.clock = clock;
  app::AccessService access(access_options);
  app::LiveHub hub(service, access, {}, clock);

  const app::Principal organizer{app::Role::organizer, "e-test", std::nullopt, std::nullopt,
                                 "organizer:test"};
  const auto minted = access.mint_code(organizer, "e-test", app::Role::office, std::nullopt, "O");
  REQUIRE(std::holds_alternative<app::MintedCode>(minted));
  const std::string code = std::get<app::MintedCode>(minted).code;

  auto outlet = std::make_shared<RecordingOutlet>();
  app::LiveSession session(hub, outlet, "ip");
  session.on_text(json{{"type", "hello"}, {"protocol", 1}, {"code", code}}.dump());
  REQUIRE_FALSE(outlet->sent.empty());
  const json welcome = outlet->sent.front();
  REQUIRE(welcome["type"] == "welcome");
  const d::Timestamp expires_at = welcome["expires_at"];

  now = expires_at - 1;
  outlet->sent.clear();
  session.on_text(R"({"type":"ping","ref":"before"})");
  REQUIRE(outlet->sent.size() == 1);
  CHECK(outlet->sent[0]["type"] == "pong");

  // From its expiry on, the still-open connection is refused and closed (1008), and a command
  // it sends is not executed.
  now = expires_at;
  outlet->sent.clear();
  session.on_text(
      R"({"type":"command","op":"late","name":"progress.report","args":{"commitment_id":"k1","percent":50,"status":"en_ejecucion","description":"x","evidence_url":"","due":"2027-01-01"}})");
  REQUIRE(outlet->sent.size() == 1);
  CHECK(outlet->sent[0]["type"] == "error");
  CHECK(outlet->sent[0]["code"] == "expired");
  CHECK(outlet->close_code == 1008);
  session.on_text(R"({"type":"ping","ref":"after"})");
  CHECK(outlet->sent.size() == 1);  // nothing more
  CHECK(service.encuentro_count() == 0);  // nothing was written
}

}  // namespace
