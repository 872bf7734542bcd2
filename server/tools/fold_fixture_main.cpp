// encuentro-fold-fixture: prints, as JSON, every event of the demo encuentros exactly as the live
// protocol sends them to an organizer, and each encuentro's snapshot message at its last seq:
//
//   {"encuentros": [{"id": …, "events": [<event message>…], "snapshot": <snapshot message>}]}
//
// The web client folds the events with its own port of domain::apply (client-web/src/core/fold.ts)
// and must arrive at the snapshot's state, field for field: the fixture keeps the two folds equal.
// The held encuentro ends with its personal data erased (personal_data.erased).
//   build/test/encuentro-fold-fixture > build/test/fold-fixture.json
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "app/demo.hpp"
#include "app/encuentro_service.hpp"
#include "domain/commands.hpp"
#include "protocol/codec.hpp"
#include "protocol/live.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace encuentro;

// A fixed instant (2026-03-02T15:00:00Z) so that the fixture is the same on every run.
constexpr domain::Timestamp kNow{1'772'463'600'000};

json fixture(app::EncuentroService& service) {
  json encuentros = json::array();
  for (const std::string& id : service.encuentro_ids()) {
    json events = json::array();
    service.store().for_each_event(id, 0, [&](const storage::EventRecord& record) {
      auto event = protocol::decode_event(record.type, record.payload);
      if (!event) throw std::runtime_error("undecodable event in the log: " + record.type);
      const domain::Recorded recorded{record.seq, record.at_ms, record.actor, *event};
      events.push_back(json::parse(protocol::live::encode_event_message(id, recorded, nullptr)));
    });
    const auto state = service.snapshot(id);
    if (!state) throw std::runtime_error("no state for " + id);
    encuentros.push_back({{"id", id},
                          {"events", std::move(events)},
                          {"snapshot", json::parse(protocol::live::encode_snapshot_message(*state))}});
  }
  return {{"encuentros", std::move(encuentros)}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) {
    std::cerr << "usage: " << argv[0] << " > fold-fixture.json\n";
    return 2;
  }
  std::string dir_template = (fs::temp_directory_path() / "encuentro-fold-XXXXXX").string();
  if (!mkdtemp(dir_template.data())) {
    std::cerr << "encuentro-fold-fixture: cannot make a temporary directory\n";
    return 1;
  }
  const fs::path dir = dir_template;
  int status = 0;
  try {
    app::EncuentroService::Options options;
    options.store.path = (dir / "fold.db").string();
    options.clock = [] { return kNow; };
    app::EncuentroService service(options);
    app::load_demo(service, kNow);
    json out = fixture(service);
    // Then the held encuentro's personal data is erased, as a client connected at the time sees
    // it: the events it already had (with the names), then personal_data.erased, then the state.
    const std::string held = "e-cascajal-2026";
    const app::Outcome erased =
        service.execute({held, domain::cmd::ErasePersonalData{}, "fixture", std::nullopt});
    if (erased.kind != app::Outcome::Kind::applied) throw std::runtime_error("erasure refused");
    for (json& e : out["encuentros"]) {
      if (e["id"] != held) continue;
      for (const auto& recorded : erased.events) {
        e["events"].push_back(
            json::parse(protocol::live::encode_event_message(held, recorded, nullptr)));
      }
      e["snapshot"] = json::parse(protocol::live::encode_snapshot_message(*service.snapshot(held)));
    }
    std::cout << out.dump() << '\n' << std::flush;
    if (!std::cout) status = 1;
  } catch (const std::exception& e) {
    std::cerr << "encuentro-fold-fixture: " << e.what() << '\n';
    status = 1;
  }
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return status;
}
