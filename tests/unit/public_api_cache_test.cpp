// The public API's response cache (transport/public_api.hpp, "Response cache"), in-process on the
// demo: a cached response is byte for byte what a fresh build gives, a new event or a new day is
// served at once with a new ETag, If-None-Match still gets 304, and the cache stays within its
// bounds.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/demo.hpp"
#include "app/encuentro_service.hpp"
#include "domain_fixture.hpp"
#include "protocol/open_data.hpp"
#include "support/temp_dir.hpp"
#include "transport/public_api.hpp"
#include "transport/router.hpp"

namespace encuentro::testing {
namespace {

using transport::PublicCacheLimits;
using transport::PublicCacheProbe;
using transport::RouteRequest;
using transport::RouteResponse;
using transport::Router;

constexpr const char* kHeld = "e-cascajal-2026";
const std::string kDetail = std::string("/api/public/encuentros/") + kHeld;

std::string header(const RouteResponse& r, std::string_view name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return {};
}

RouteResponse get(const Router& router, const std::string& path,
                  std::string_view if_none_match = {}) {
  const Router::Match match = router.match("GET", path);
  REQUIRE_MESSAGE(match.handler != nullptr, path);
  return (*match.handler)(RouteRequest{"GET", path, "", "", match.params, if_none_match, "", ""});
}

// The demo in a service, and the public routes on two routers: one cached, one that keeps
// nothing (max_entries 0), which builds every response afresh.
struct Fixture {
  explicit Fixture(PublicCacheLimits limits = {}) : service(options(dir)) {
    REQUIRE(app::load_demo(service, kTestNow) == 2);
    today = app::civil_date(kTestNow, service.utc_offset_minutes());
    probe = transport::register_public_routes(cached, service, [this] { return today; }, limits);
    transport::register_public_routes(uncached, service, [this] { return today; },
                                      PublicCacheLimits{0, 0});
  }

  static app::EncuentroService::Options options(const TempDir& dir) {
    app::EncuentroService::Options o;
    o.store.path = dir.file("public.db");
    o.store.synchronous = storage::Synchronous::normal;  // durability is not under test
    o.clock = [] { return kTestNow; };
    return o;
  }

  // Every public resource of the demo's held encuentro, and the lists.
  std::vector<std::string> targets() const {
    std::vector<std::string> out{"/api/public/encuentros", "/api/public/encuentros.csv",
                                 "/api/public/encuentros.json", "/api/public/data-dictionary.json",
                                 kDetail, kDetail + "/feed.atom"};
    const d::Encuentro held = *service.snapshot(kHeld);
    for (const d::Commitment& k : held.commitments)
      out.push_back(kDetail + "/commitments/" + k.id + "/feed.atom");
    for (const protocol::DatasetInfo& info : protocol::datasets()) {
      if (info.id == protocol::Dataset::encuentros) continue;
      out.push_back(kDetail + "/" + std::string(info.slug) + ".csv");
      out.push_back(kDetail + "/" + std::string(info.slug) + ".json");
    }
    return out;
  }

  // A progress report on the first commitment without parts: one new event, a visible change.
  void report_progress(int percent) {
    const d::Encuentro held = *service.snapshot(kHeld);
    const d::Commitment* target = nullptr;
    for (const d::Commitment& k : held.commitments) {
      if (k.terms().parts.empty()) {
        target = &k;
        break;
      }
    }
    REQUIRE(target != nullptr);
    const auto out = service.execute(
        {kHeld,
         d::cmd::ReportProgress{target->id, percent, d::ProgressStatus::en_ejecucion,
                                "Avance " + std::to_string(percent), "", today, 0},
         "org-1", std::nullopt});
    REQUIRE(out.kind == app::Outcome::Kind::applied);
  }

  TempDir dir;
  app::EncuentroService service;
  d::Date today;
  Router cached;
  Router uncached;
  PublicCacheProbe probe;
};

void check_same(const RouteResponse& a, const RouteResponse& b) {
  CHECK(a.status == b.status);
  CHECK(a.content_type == b.content_type);
  CHECK(a.cache_control == b.cache_control);
  CHECK(a.headers == b.headers);
  CHECK(a.body_text() == b.body_text());
}

}  // namespace

TEST_CASE("public cache: a cached response is exactly a fresh build, shared rather than rebuilt") {
  Fixture f;
  const std::vector<std::string> targets = f.targets();
  REQUIRE(targets.size() > 10);
  for (const std::string& target : targets) {
    CAPTURE(target);
    const RouteResponse first = get(f.cached, target);
    REQUIRE(first.status == 200);
    const RouteResponse again = get(f.cached, target);
    check_same(again, first);
    check_same(again, get(f.uncached, target));
    // The second came from the cache: the very same bytes, not a copy.
    REQUIRE(first.shared_body != nullptr);
    CHECK(again.shared_body == first.shared_body);
    CHECK(again.body.empty());
  }
  const auto stats = f.probe();
  CHECK(stats.entries == targets.size());
  CHECK(stats.misses == targets.size());
  CHECK(stats.hits == targets.size());
  CHECK(stats.evictions == 0);
  CHECK(stats.bytes > 0);
  CHECK(f.probe().hits == targets.size());  // the probe itself counts nothing
}

TEST_CASE("public cache: a new event after a cached read is served at once, new ETag and body") {
  Fixture f;
  const std::vector<std::string> changed{kDetail,
                                         kDetail + "/feed.atom",
                                         kDetail + "/commitments.csv",
                                         kDetail + "/progress.json",
                                         "/api/public/encuentros",
                                         "/api/public/encuentros.csv"};
  std::vector<RouteResponse> before;
  for (const std::string& target : changed) {
    get(f.cached, target);
    before.push_back(get(f.cached, target));  // a hit
  }
  f.report_progress(37);
  for (std::size_t i = 0; i < changed.size(); ++i) {
    CAPTURE(changed[i]);
    const RouteResponse after = get(f.cached, changed[i]);
    CHECK(after.status == 200);
    CHECK(header(after, "ETag") != header(before[i], "ETag"));
    check_same(after, get(f.uncached, changed[i]));
    // The list's and the encuentros dataset's bodies show counts only; these show the report
    // (its note, except in the commitments' rows: their latest percent and date).
    if (changed[i].starts_with(kDetail)) CHECK(after.body_text() != before[i].body_text());
    if (changed[i].starts_with(kDetail) && !changed[i].ends_with("commitments.csv"))
      CHECK(after.body_text().find("Avance 37") != std::string::npos);
    // The old ETag no longer matches: a full answer, not 304.
    CHECK(get(f.cached, changed[i], header(before[i], "ETag")).status == 200);
  }
  // Served from the cache again once rebuilt.
  const auto hits = f.probe().hits;
  const RouteResponse again = get(f.cached, kDetail);
  CHECK(f.probe().hits == hits + 1);
  CHECK(again.body_text().find("Avance 37") != std::string::npos);
}

TEST_CASE("public cache: a new day is a new ETag and a fresh view (overdue flags, R11)") {
  Fixture f;
  const RouteResponse today = get(f.cached, kDetail);
  f.today = f.today.plus_days(1);
  const RouteResponse tomorrow = get(f.cached, kDetail);
  CHECK(header(tomorrow, "ETag") != header(today, "ETag"));
  CHECK(tomorrow.body_text().find("\"as_of\":\"" + f.today.iso() + "\"") != std::string::npos);
  check_same(tomorrow, get(f.uncached, kDetail));
}

TEST_CASE("public cache: If-None-Match still gets 304, before and after the cache holds it") {
  Fixture f;
  for (const std::string& target : {kDetail, std::string("/api/public/encuentros"),
                                    kDetail + "/proposals.csv",
                                    std::string("/api/public/data-dictionary.json")}) {
    CAPTURE(target);
    const std::string etag = header(get(f.uncached, target), "ETag");  // nothing cached yet
    REQUIRE_FALSE(etag.empty());
    const RouteResponse not_modified = get(f.cached, target, etag);
    CHECK(not_modified.status == 304);
    CHECK(not_modified.body_text().empty());
    CHECK(header(not_modified, "ETag") == etag);
    get(f.cached, target);  // now cached
    CHECK(get(f.cached, target, etag).status == 304);
    const RouteResponse stale = get(f.cached, target, "\"v0-stale\"");
    CHECK(stale.status == 200);
    CHECK(header(stale, "ETag") == etag);
  }
}

TEST_CASE("public cache: bounded by entries and by bytes, oldest first; still correct") {
  SUBCASE("entries") {
    Fixture f(PublicCacheLimits{2, std::size_t{64} << 20});
    const std::vector<std::string> targets{kDetail, kDetail + "/feed.atom",
                                           kDetail + "/commitments.csv", "/api/public/encuentros"};
    for (const std::string& target : targets) get(f.cached, target);
    auto stats = f.probe();
    CHECK(stats.entries == 2);
    CHECK(stats.evictions == 2);
    // The two newest stayed; the oldest went and is built again.
    get(f.cached, "/api/public/encuentros");
    CHECK(f.probe().hits == 1);
    for (const std::string& target : targets) {
      CAPTURE(target);
      check_same(get(f.cached, target), get(f.uncached, target));
    }
    stats = f.probe();
    CHECK(stats.entries == 2);
  }
  SUBCASE("bytes") {
    Fixture probe_sizes;
    const std::size_t detail = get(probe_sizes.cached, kDetail).body_text().size();
    const std::size_t feed = get(probe_sizes.cached, kDetail + "/feed.atom").body_text().size();
    REQUIRE(detail > 0);
    REQUIRE(feed > 0);
    // Room for the larger of the two alone, not for both.
    const std::size_t limit = std::max(detail, feed);
    Fixture f(PublicCacheLimits{4096, limit});
    get(f.cached, kDetail);
    get(f.cached, kDetail + "/feed.atom");
    const auto stats = f.probe();
    CHECK(stats.entries == 1);
    CHECK(stats.bytes <= limit);
    CHECK(stats.evictions == 1);
    check_same(get(f.cached, kDetail), get(f.uncached, kDetail));
  }
  SUBCASE("a response larger than the byte bound is not kept") {
    Fixture f(PublicCacheLimits{4096, 16});
    const RouteResponse first = get(f.cached, kDetail);
    CHECK(f.probe().entries == 0);
    check_same(get(f.cached, kDetail), first);
    CHECK(f.probe().hits == 0);
  }
}

TEST_CASE("public cache: concurrent readers and a writer; the last read is the fresh view") {
  Fixture f;
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      // No doctest assertion off the main thread: failures are counted and checked after.
      const Router::Match match = f.cached.match("GET", kDetail);
      if (!match.handler) {
        ++failures;
        return;
      }
      while (!stop.load()) {
        const RouteResponse r =
            (*match.handler)(RouteRequest{"GET", kDetail, "", "", match.params, "", "", ""});
        if (r.status != 200 || r.body_text().empty() || header(r, "ETag").empty()) ++failures;
      }
    });
  }
  for (int percent = 10; percent <= 50; percent += 10) f.report_progress(percent);
  stop = true;
  for (auto& reader : readers) reader.join();
  CHECK(failures.load() == 0);
  const RouteResponse last = get(f.cached, kDetail);
  check_same(last, get(f.uncached, kDetail));
  CHECK(last.body_text().find("Avance 50") != std::string::npos);
}

}  // namespace encuentro::testing
