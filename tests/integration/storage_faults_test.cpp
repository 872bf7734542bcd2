// Storage faults (issue 6, item 4): the disk fills up under a capturing relator. The server process
// gets a file size limit (RLIMIT_FSIZE, set on the running process with prlimit) a little above
// its database and WAL: the kernel then refuses writes beyond it (EFBIG) exactly as a full
// filesystem refuses them (ENOSPC), without needing root or a loop device. Then the limit is
// lifted, as when an operator frees space.
//
// Expected: a typed storage_unavailable error (category storage, retry_after_ms), nothing of the
// refused command in the state or the file, no crash, reads still served, and the same command
// (same op) accepted once space returns; a restart finds exactly the acknowledged commands.
#include <doctest/doctest.h>
#include <SQLiteCpp/Database.h>
#include <sys/resource.h>

#include <filesystem>
#include <string>

#include "http_client.hpp"
#include "live_replica.hpp"
#include "live_venue.hpp"

namespace encuentro::testing {
namespace {

std::uintmax_t size_or_zero(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

// Only the soft limit: lowering the hard one could not be undone without CAP_SYS_RESOURCE.
void limit_file_size(pid_t pid, rlim_t bytes) {
  const rlimit limit{bytes, RLIM_INFINITY};
  REQUIRE(prlimit(pid, RLIMIT_FSIZE, &limit, nullptr) == 0);
}

TEST_CASE("a full disk: storage_unavailable, nothing half-written, no crash, recovery when space returns") {
  LiveServer server;
  Venue v(server);
  v.prepare(6, 0);
  v.ok("phase.advance", {{"to", "workshops"}});
  const std::string w = v.workshops.at(0);
  auto relator = server.join({{"code", v.mint("relator", w)}});
  catch_up(*relator);
  const auto capture = [&](const std::string& op) {
    return relator->command(op, "contribution.capture",
                            {{"workshop_id", w}, {"kind", "propuesta"}, {"point_id", "p1"},
                             {"text", op + " " + std::string(1900, 'x')}});
  };

  const std::string db = server.db();
  const pid_t pid = server.process().pid();
  const std::uintmax_t used = std::max(size_or_zero(db), size_or_zero(db + "-wal"));
  limit_file_size(pid, static_cast<rlim_t>(used + 256 * 1024));

  int acked = 0;
  json refused;
  std::string refused_op;
  for (int i = 0; i < 2000 && refused.is_null(); ++i) {
    const std::string op = "fill-" + std::to_string(i);
    const json reply = capture(op);
    if (reply["type"] == "ack") {
      ++acked;
    } else {
      refused = reply;
      refused_op = op;
    }
  }
  INFO(refused.dump());
  REQUIRE_FALSE(refused.is_null());
  CHECK(acked > 0);
  CHECK(refused["code"] == "storage_unavailable");
  CHECK(refused["category"] == "storage");
  CHECK(refused["retry_after_ms"].get<int>() > 0);

  // Still full: the same op is refused again, and nothing of it is in the state.
  require_error(capture(refused_op), "storage_unavailable");
  relator->forget();
  const json full = v.refresh();
  CHECK(full["contributions"].size() == static_cast<std::size_t>(acked));
  CHECK(http_get(server.port(), "/healthz").status == 200);  // alive, and reads are served
  relator->send({{"type", "ping"}, {"ref", "alive"}});
  CHECK(relator->reply_to("ref", "alive")["type"] == "pong");

  // Space returns: the same command is applied, once.
  limit_file_size(pid, RLIM_INFINITY);
  const json retried = capture(refused_op);
  require_ack(retried);
  CHECK(retried["duplicate"] == false);
  require_ack(capture("after-" + refused_op));
  const json recovered = v.refresh();
  REQUIRE(recovered["contributions"].size() == static_cast<std::size_t>(acked + 2));
  CHECK(recovered["contributions"][acked]["text"].get<std::string>().starts_with(refused_op + " "));

  // A restart on the same file finds exactly that, and the file is intact.
  relator.reset();
  v.org.reset();
  REQUIRE(server.process().stop(SIGTERM).has_value());
  {
    SQLite::Database file(db, SQLite::OPEN_READONLY);
    CHECK(file.execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
  ServerProcess again({"--port", "0", "--bind", "127.0.0.1", "--db", db, "--log-level", "warn"});
  REQUIRE(again.wait_listening());
  WsClient org("127.0.0.1", again.port());
  org.send({{"type", "hello"}, {"protocol", 1}, {"token", v.org_token}, {"encuentro", v.id}});
  org.expect("welcome");
  CHECK(decoded(org.expect("snapshot")["state"]) == decoded(recovered));
}

}  // namespace
}  // namespace encuentro::testing
