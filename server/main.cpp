// encuentro-server: parses the configuration, then serves until SIGINT or SIGTERM.
//
// Exit status: 0 after a graceful stop or --help, 1 when the server could not start, 2 when the
// configuration or the command line is invalid.

#include <csignal>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/encuentro_service.hpp"
#include "app/live.hpp"
#include "app/log.hpp"
#include "transport/http_server.hpp"
#include "transport/observation_api.hpp"
#include "transport/public_api.hpp"

namespace encuentro {
namespace {

storage::Synchronous synchronous(const std::string& name) {
  if (name == "normal") return storage::Synchronous::normal;
  if (name == "extra") return storage::Synchronous::extra;
  return storage::Synchronous::full;  // validated by load_config: full, normal or extra
}

app::AccessService::Options access_options(const app::ServerConfig& config) {
  app::AccessService::Options options;
  options.store.path = config.db_path;  // the same database; the key file is <db>.key
  options.store.synchronous = synchronous(config.sqlite_synchronous);
  return options;
}

// Prints the one-time organizer secret on stdout, never to the log (which may be shipped away).
void print_organizer_secret(const std::string& secret) {
  std::cout << "Organizer access (one-time): " << secret << std::endl;
}

// --mint-organizer-secret: works beside a running server (WAL; the key file is shared).
int mint_organizer_secret(const app::ServerConfig& config) {
  const std::filesystem::path db(config.db_path);
  if (db.has_parent_path()) std::filesystem::create_directories(db.parent_path());
  app::AccessService access(access_options(config));
  print_organizer_secret(access.mint_organizer_secret());
  return 0;
}

// Everything that lives while the server runs: the app service (database, demo data) opens
// before the HTTP server listens and closes after it has stopped, so in-flight commits finish.
int run(const app::ServerConfig& config) {
  const std::filesystem::path db(config.db_path);
  if (db.has_parent_path()) std::filesystem::create_directories(db.parent_path());

  app::EncuentroService::Options options;
  options.store.path = config.db_path;
  options.store.synchronous = synchronous(config.sqlite_synchronous);
  options.policy = config.policy;
  app::EncuentroService service(std::move(options));
  log::info("database open", {{"encuentros", static_cast<int>(service.encuentro_count())},
                              {"schema_version", service.store().schema_version()},
                              {"synchronous", config.sqlite_synchronous}});
  app::AccessService access(access_options(config));
  if (access.key_replaced())
    log::warn("server key file replaced: every access code and session was revoked");
  if (auto secret = access.ensure_organizer_secret()) print_organizer_secret(*secret);
  if (config.demo) {
    const int created = app::load_demo(service, app::system_now());
    log::info(created ? "demo loaded" : "demo already loaded", {{"encuentros", created}});
  }

  // Health asks SQLite for real (a read of the schema version), so a database that went away or
  // broke answers 503 rather than a cheerful "ok".
  transport::HealthCheck health = [&service] {
    try {
      const int schema = service.store().schema_version();
      return transport::HealthReport{true,
                                     {{"db", "ok"},
                                      {"schema_version", schema},
                                      {"encuentros", static_cast<int>(service.encuentro_count())}}};
    } catch (const std::exception&) {
      return transport::HealthReport{false, {{"db", "unavailable"}}};
    }
  };
  const app::WebSocketLimits& ws = config.websocket;
  app::LiveHub hub(service, access,
                   app::LiveLimits{ws.messages_per_second, ws.burst, /*refused_before_close=*/100,
                                   ws.catchup_max_events, ws.queue_messages / 2,
                                   ws.queue_bytes / 2});
  service.set_observer([&hub](const std::string& id, const domain::Encuentro& state,
                              const std::vector<domain::Recorded>& events) {
    return hub.on_commit(id, state, events);
  });
  int status = 0;
  {
    transport::HttpServer server(config, std::move(health));
    transport::register_public_routes(server.router(), service);
    transport::register_observation_routes(server.router(), service);
    server.set_live_hub(hub);
    status = server.run();
    // Completes the commands still queued while the connections they answer (and the
    // io_context their replies are posted to) still exist; then flushes the WAL.
    service.close();
  }
  log::info("database closed");
  return status;
}

}  // namespace
}  // namespace encuentro

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const encuentro::app::LoadOutcome outcome = encuentro::app::load_config(args);
  switch (outcome.action) {
    case encuentro::app::LoadOutcome::Action::show_help:
      std::cout << encuentro::app::usage();
      return 0;
    case encuentro::app::LoadOutcome::Action::error:
      std::cerr << "encuentro-server: " << outcome.error << "\n(see --help)\n";
      return 2;
    case encuentro::app::LoadOutcome::Action::mint_organizer_secret:
      try {
        return encuentro::mint_organizer_secret(outcome.config);
      } catch (const std::exception& e) {
        std::cerr << "encuentro-server: cannot mint an organizer secret: " << e.what() << "\n";
        return 1;
      }
    case encuentro::app::LoadOutcome::Action::run:
      break;
  }
  const encuentro::app::ServerConfig& config = outcome.config;
  // A file size limit (ulimit -f) reached while writing the database must be a write error that
  // SQLite reports and the app answers with storage_unavailable, not SIGXFSZ's default: a kill
  // in the middle of an event (tests/integration/storage_faults_test.cpp).
  std::signal(SIGXFSZ, SIG_IGN);
  namespace log = encuentro::log;
  log::set_min_level(log::parse_level(config.log_level).value_or(log::Level::info));
  log::info("starting", {{"version", encuentro::app::kServerVersion},
                         {"db", config.db_path},
                         {"static_root", config.static_root},
                         {"demo", config.demo},
                         {"threads", config.threads}});
  try {
    return encuentro::run(config);
  } catch (const std::exception& e) {
    log::error("server failed", {{"what", e.what()}});
    return 1;
  }
}
