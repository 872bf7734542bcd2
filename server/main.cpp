// encuentro-server: parses the configuration, then serves until SIGINT or SIGTERM.
//
// Exit status: 0 after a graceful stop or --help, 1 when the server could not start, 2 when the
// configuration or the command line is invalid.

#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/encuentro_service.hpp"
#include "app/log.hpp"
#include "transport/http_server.hpp"

namespace encuentro {
namespace {

storage::Synchronous synchronous(const std::string& name) {
  if (name == "normal") return storage::Synchronous::normal;
  if (name == "extra") return storage::Synchronous::extra;
  return storage::Synchronous::full;  // validated by load_config: full, normal or extra
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
  if (config.demo) {
    const int created = app::load_demo(service, app::system_now());
    log::info(created ? "demo loaded" : "demo skipped: database not empty",
              {{"encuentros", created}});
  }

  transport::HealthCheck health = [&service] {
    return transport::HealthReport{
        true, {{"db", "ok"}, {"encuentros", static_cast<int>(service.encuentro_count())}}};
  };
  int status = 0;
  {
    transport::HttpServer server(config, std::move(health));
    status = server.run();
  }
  service.close();
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
    case encuentro::app::LoadOutcome::Action::run:
      break;
  }
  const encuentro::app::ServerConfig& config = outcome.config;
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
