// The app layer against a real SQLite file: ack after commit, exactly once, nothing written on a
// refusal or a storage failure, and a reopened database rebuilding exactly the state it had.
#include "app/encuentro_service.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "app/demo.hpp"
#include "domain/apply.hpp"
#include "domain/decide.hpp"
#include "protocol/codec.hpp"
#include "domain_fixture.hpp"
#include "storage/event_store.hpp"
#include "storage/storage_error.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
namespace d = encuentro::domain;
using encuentro::app::EncuentroService;
using encuentro::app::Outcome;
using encuentro::app::Request;

namespace {

using encuentro::testing::TempDir;

EncuentroService::Options options(const fs::path& db, int snapshot_every = 500) {
  EncuentroService::Options o;
  o.store.path = db.string();
  o.snapshot_every = snapshot_every;
  o.clock = [] { return encuentro::testing::kTestNow; };
  return o;
}

Request create(const std::string& id, std::optional<std::string> op = std::nullopt) {
  auto det = encuentro::testing::Scenario::details(d::Date::from_ymd(2026, 12, 30));
  return {id, d::cmd::CreateEncuentro{id, det}, "org-1", std::move(op)};
}

}  // namespace

TEST_CASE("app: an applied command is in the log when execute returns, with gap-free seqs") {
  TempDir dir;
  EncuentroService svc(options(dir.path() / "e.db"));
  auto out = svc.execute(create("e-1"));
  REQUIRE(out.kind == Outcome::Kind::applied);
  CHECK(out.first_seq == 1);
  CHECK(svc.store().last_seq("e-1") == 1);
  out = svc.execute({"e-1", d::cmd::AddPoint{"Movilidad", ""}, "org-1", "op-a"});
  REQUIRE(out.kind == Outcome::Kind::applied);
  CHECK(out.first_seq == 2);
  CHECK(out.events.size() == 1);
  CHECK(svc.store().last_seq("e-1") == 2);
  CHECK(svc.snapshot("e-1")->points.size() == 1);
  CHECK(svc.encuentro_ids() == std::vector<std::string>{"e-1"});
}

TEST_CASE("app: a command repeated with the same op id is applied once") {
  TempDir dir;
  EncuentroService svc(options(dir.path() / "e.db"));
  REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);
  const Request add{"e-1", d::cmd::AddPoint{"Movilidad", ""}, "org-1", "op-123"};
  auto first = svc.execute(add);
  auto again = svc.execute(add);
  REQUIRE(first.kind == Outcome::Kind::applied);
  REQUIRE(again.kind == Outcome::Kind::duplicate);
  CHECK(again.first_seq == first.first_seq);
  CHECK(again.last_seq == first.last_seq);
  CHECK(again.events.empty());
  CHECK(svc.snapshot("e-1")->points.size() == 1);
  CHECK(svc.store().last_seq("e-1") == 2);
  // The same op id in another encuentro is another command.
  REQUIRE(svc.execute(create("e-2")).kind == Outcome::Kind::applied);
  CHECK(svc.execute({"e-2", d::cmd::AddPoint{"Salud", ""}, "org-1", "op-123"}).kind ==
        Outcome::Kind::applied);
}

TEST_CASE("app: the op id is remembered across a restart") {
  TempDir dir;
  const Request add{"e-1", d::cmd::AddPoint{"Movilidad", ""}, "org-1", "op-xyz"};
  {
    EncuentroService svc(options(dir.path() / "e.db"));
    REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);
    REQUIRE(svc.execute(add).kind == Outcome::Kind::applied);
  }
  EncuentroService svc(options(dir.path() / "e.db"));
  CHECK(svc.execute(add).kind == Outcome::Kind::duplicate);
  CHECK(svc.snapshot("e-1")->points.size() == 1);
}

TEST_CASE("app: a refused command leaves no row behind and no state change") {
  TempDir dir;
  EncuentroService svc(options(dir.path() / "e.db"));
  REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);
  const auto before = *svc.snapshot("e-1");
  auto out = svc.execute({"e-1", d::cmd::PublishConvocation{}, "org-1", "op-refused"});
  REQUIRE(out.kind == Outcome::Kind::rejected);
  CHECK(out.rejection.code == d::RejectionCode::plan_incomplete);
  CHECK(svc.store().last_seq("e-1") == 1);
  CHECK_FALSE(svc.store().find_op("e-1", "op-refused").has_value());
  CHECK(*svc.snapshot("e-1") == before);
  // Unknown encuentros and a create whose id disagrees with the request are refused too.
  CHECK(svc.execute({"e-none", d::cmd::AddPoint{"x", ""}, "org-1", std::nullopt}).rejection.code ==
        d::RejectionCode::not_found);
  auto mismatch = create("e-3");
  mismatch.encuentro_id = "e-4";
  CHECK(svc.execute(mismatch).kind == Outcome::Kind::rejected);
  CHECK(svc.store().last_seq("e-4") == 0);
  CHECK(svc.encuentro_ids() == std::vector<std::string>{"e-1"});
}

TEST_CASE("app: a storage failure is reported as unavailable and changes nothing") {
  TempDir dir;
  auto o = options(dir.path() / "e.db");
  o.store.max_size_bytes = 96 * 1024;  // tiny: a few commits fit, then the "disk" is full
  EncuentroService svc(o);
  REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);
  Outcome out;
  int applied = 0;
  for (int i = 0; i < 400 && out.kind != Outcome::Kind::unavailable; ++i) {
    const auto before = *svc.snapshot("e-1");
    const auto seq = svc.store().last_seq("e-1");
    out = svc.execute({"e-1", d::cmd::AddPoint{std::string(190, 'x'), std::string(1900, 'y')},
                       "org-1", "op-" + std::to_string(i)});
    if (out.kind == Outcome::Kind::applied) {
      ++applied;
    } else {
      CHECK(out.kind == Outcome::Kind::unavailable);
      CHECK(out.detail == "full");
      CHECK(*svc.snapshot("e-1") == before);
      CHECK(svc.store().last_seq("e-1") == seq);
      CHECK_FALSE(svc.store().find_op("e-1", "op-" + std::to_string(i)).has_value());
    }
  }
  CHECK(applied > 0);
  CHECK(out.kind == Outcome::Kind::unavailable);
}

TEST_CASE("app: a reopened database rebuilds exactly the state it had") {
  TempDir dir;
  for (int snapshot_every : {1000000, 7}) {  // full replay, and snapshot + tail
    CAPTURE(snapshot_every);
    const auto db = dir.path() / ("demo-" + std::to_string(snapshot_every) + ".db");
    std::vector<d::Encuentro> before;
    {
      EncuentroService svc(options(db, snapshot_every));
      CHECK(encuentro::app::load_demo(svc, encuentro::testing::kTestNow) == 2);
      for (const auto& id : svc.encuentro_ids()) before.push_back(*svc.snapshot(id));
      svc.close();
    }
    EncuentroService reopened(options(db, snapshot_every));
    const auto ids = reopened.encuentro_ids();
    REQUIRE(ids.size() == before.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      CHECK(*reopened.snapshot(ids[i]) == before[i]);
    }
    if (snapshot_every == 7) {
      CHECK(reopened.store().latest_snapshot("e-cascajal-2026").has_value());
    }
    // Loading the demo again into a non-empty database does nothing.
    CHECK(encuentro::app::load_demo(reopened, encuentro::testing::kTestNow) == 0);
  }
}

TEST_CASE("demo: one upcoming convened encuentro, one held and published with follow-up") {
  TempDir dir;
  EncuentroService svc(options(dir.path() / "demo.db"));
  REQUIRE(encuentro::app::load_demo(svc, encuentro::testing::kTestNow) == 2);
  const auto itagui = *svc.snapshot("e-itagui-instancias");
  CHECK(itagui.phase == d::Phase::convened);
  CHECK(itagui.registrants.size() == 64);
  CHECK(d::interpreter_obligation_open(itagui, svc.policy()));  // R3 shows open
  CHECK(itagui.details.date > encuentro::app::civil_date(encuentro::testing::kTestNow, -300));

  const auto held = *svc.snapshot("e-cascajal-2026");
  CHECK(held.phase == d::Phase::follow_up);
  CHECK(held.workshops.size() == 3);
  CHECK(held.participants.size() == 72);
  for (const auto& w : held.workshops) {
    CHECK(w.members.size() <= 30);
    CHECK(w.synthesis_final);
    CHECK_FALSE(w.principal_proposals.empty());
  }
  for (const auto& id : d::all_principal_proposals(held)) CHECK(held.answer_for(id) != nullptr);
  CHECK(held.commitments.size() >= 4);
  CHECK_FALSE(held.progress_reports.empty());
  const d::Date today = encuentro::app::civil_date(encuentro::testing::kTestNow, -300);
  int overdue = 0, fulfilled = 0;
  for (const auto& k : held.commitments) {
    overdue += d::is_overdue(held, k, today) ? 1 : 0;
    const auto* latest = d::latest_report(held, k.id);
    fulfilled += latest && latest->status == d::ProgressStatus::cumplido ? 1 : 0;
  }
  CHECK(overdue >= 1);  // R11 visible in the demo
  CHECK(fulfilled == 1);
  CHECK(std::any_of(held.contributions.begin(), held.contributions.end(),
                    [](const d::Contribution& c) { return c.referred_to_pqrsd(); }));
}

TEST_CASE("civil_date: Colombia's date from a UTC instant") {
  // 2026-11-23 03:00 UTC is still 2026-11-22 in Bogotá (UTC-5).
  const d::Timestamp t =
      static_cast<d::Timestamp>(d::Date::from_ymd(2026, 11, 23).days_since_epoch) * 86'400'000 +
      3 * 3'600'000;
  CHECK(encuentro::app::civil_date(t, -300).iso() == "2026-11-22");
  CHECK(encuentro::app::civil_date(t, 0).iso() == "2026-11-23");
  CHECK(encuentro::app::civil_date(-1, 0).iso() == "1969-12-31");
}

TEST_CASE("app: op ids must be 1-128 visible ASCII characters; a bad one is a typed refusal") {
  TempDir dir;
  EncuentroService svc(options(dir.path() / "e.db"));
  REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);
  const std::vector<std::string> invalid = {"", std::string(129, 'x'), "op with space", "op\n1",
                                            "op-\xC3\xB1"};
  for (const std::string& bad : invalid) {
    auto out = svc.execute({"e-1", d::cmd::AddPoint{"Movilidad", ""}, "org-1", bad});
    CHECK(out.kind == Outcome::Kind::rejected);
    CHECK(out.rejection.code == d::RejectionCode::invalid_argument);
    CHECK(out.rejection.details["field"] == "op");
  }
  CHECK(svc.store().last_seq("e-1") == 1);
  CHECK(svc.execute({"e-1", d::cmd::AddPoint{"Movilidad", ""}, "org-1", std::string(128, 'x')})
            .kind == Outcome::Kind::applied);
}

TEST_CASE("app: the same op id sent from many threads at once is applied exactly once") {
  TempDir dir;
  EncuentroService svc(options(dir.path() / "e.db"));
  REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);
  for (int round = 0; round < 20; ++round) {
    const Request add{"e-1", d::cmd::AddPoint{"Punto " + std::to_string(round), ""}, "org-1",
                      "op-race-" + std::to_string(round)};
    std::vector<Outcome> outcomes(4);
    std::vector<std::thread> threads;
    for (auto& out : outcomes) threads.emplace_back([&] { out = svc.execute(add); });
    for (auto& t : threads) t.join();
    const auto applied = std::count_if(outcomes.begin(), outcomes.end(), [](const Outcome& o) {
      return o.kind == Outcome::Kind::applied;
    });
    CHECK(applied == 1);
    for (const auto& o : outcomes) CHECK(o.first_seq == round + 2);
  }
  CHECK(svc.snapshot("e-1")->points.size() == 20);
  CHECK(svc.store().last_seq("e-1") == 21);
}

TEST_CASE("demo: loads on any date and under any valid policy") {
  struct Case {
    d::Date today;
    int cap;
    int min_days;
  };
  const Case cases[] = {{d::Date::from_ymd(2026, 12, 31), 30, 15},
                        {d::Date::from_ymd(2028, 2, 29), 30, 15},
                        {d::Date::from_ymd(2027, 3, 1), 5, 15},
                        {d::Date::from_ymd(2027, 1, 1), 30, 60},
                        {d::Date::from_ymd(2026, 11, 22), 1, 365}};
  for (const auto& c : cases) {
    CAPTURE(c.today.iso());
    CAPTURE(c.cap);
    CAPTURE(c.min_days);
    TempDir dir;
    auto o = options(dir.path() / "demo.db");
    o.store.synchronous =
        encuentro::storage::Synchronous::normal;  // speed; durability is not under test
    o.policy.workshop_cap = c.cap;
    o.policy.convocation_min_days = c.min_days;
    EncuentroService svc(o);
    // Noon in Bogotá on that date.
    const d::Timestamp now =
        static_cast<d::Timestamp>(c.today.days_since_epoch) * 86'400'000 + 17 * 3'600'000;
    REQUIRE(encuentro::app::load_demo(svc, now) == 2);
    const auto held = *svc.snapshot("e-cascajal-2026");
    CHECK(held.phase == d::Phase::follow_up);
    for (const auto& w : held.workshops) CHECK(static_cast<int>(w.members.size()) <= c.cap);
    const auto upcoming = *svc.snapshot("e-itagui-instancias");
    CHECK(upcoming.phase == d::Phase::convened);
    CHECK(d::days_between(*upcoming.convocation_published_on, upcoming.details.date) >= c.min_days);
    // The audit trail never goes back in time.
    std::int64_t last_at = 0;
    bool monotonic = true;
    svc.store().for_each_event("e-cascajal-2026", 0, [&](const encuentro::storage::EventRecord& r) {
      monotonic = monotonic && r.at_ms > last_at;
      last_at = r.at_ms;
    });
    CHECK(monotonic);
  }
}

namespace {

std::string file_bytes(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return {};
  std::string bytes(size, '\0');
  std::ifstream in(path, std::ios::binary);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

}  // namespace

TEST_CASE("app: erasing personal data removes it from the state, the log, the snapshot and the file") {
  TempDir dir;
  const fs::path db = dir.path() / "demo.db";
  std::vector<std::string> secrets;
  d::Encuentro erased;
  {
    EncuentroService svc(options(db, /*snapshot_every=*/50));  // old snapshots hold names too
    REQUIRE(encuentro::app::load_demo(svc, encuentro::testing::kTestNow) == 2);
    const auto held = *svc.snapshot("e-cascajal-2026");
    for (const auto& r : held.registrants) {
      secrets.push_back(r.name);
      if (!r.contact.empty()) secrets.push_back(r.contact);
      if (!r.code.empty()) secrets.push_back(r.code);
    }
    for (const auto& p : held.participants) secrets.push_back(p.name);
    // The demo's other encuentro (convened, not erased) reuses some names and codes: those stay.
    const d::Encuentro itagui = *svc.snapshot("e-itagui-instancias");
    for (const auto& r : itagui.registrants) {
      std::erase(secrets, r.name);
      std::erase(secrets, r.code);
      std::erase(secrets, r.contact);
    }
    REQUIRE(secrets.size() >= 10);
    const std::string before = file_bytes(db) + file_bytes(fs::path(db.string() + "-wal"));
    CHECK(before.find(secrets.front()) != std::string::npos);  // the check below can fail

    const auto out = svc.execute({"e-cascajal-2026", d::cmd::ErasePersonalData{}, "org-1", "erase"});
    REQUIRE(out.kind == Outcome::Kind::applied);
    erased = *svc.snapshot("e-cascajal-2026");
    CHECK(erased.personal_data_erased_at.has_value());
    for (const auto& p : erased.participants) CHECK(p.name.empty());
    // The other encuentro keeps its registrations (still needed for its check-in).
    CHECK_FALSE(svc.snapshot("e-itagui-instancias")->registrants.front().name.empty());
    svc.close();
  }
  const std::string after = file_bytes(db) + file_bytes(fs::path(db.string() + "-wal"));
  for (const std::string& secret : secrets) {
    CAPTURE(secret);
    CHECK(after.find(secret) == std::string::npos);
  }
  EncuentroService reopened(options(db, 50));
  CHECK(*reopened.snapshot("e-cascajal-2026") == erased);
  // Replaying the log alone (no snapshot) gives the same state.
  d::Encuentro replayed;
  reopened.store().for_each_event("e-cascajal-2026", 0, [&](const encuentro::storage::EventRecord& r) {
    auto event = encuentro::protocol::decode_event(r.type, r.payload);
    REQUIRE(event.ok());
    d::apply(replayed, d::Recorded{r.seq, r.at_ms, r.actor, *event});
  });
  CHECK(replayed == erased);
}

// ---- Group commit ----

namespace {

// Outcomes as completions deliver them (on the writer thread), in the order they arrive.
struct Completions {
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<std::pair<int, Outcome>> outcomes;  // (tag, outcome)

  encuentro::app::Completion make(int tag) {
    return [this, tag](Outcome out) {
      {
        std::lock_guard lock(mutex);
        outcomes.emplace_back(tag, std::move(out));
      }
      arrived.notify_all();
    };
  }
  bool wait_for(std::size_t n) {
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, std::chrono::seconds(30), [&] { return outcomes.size() >= n; });
  }
};

// Holds the writer inside a guard (refusing its command, so that it writes nothing) until
// release(): everything submitted meanwhile waits in the queue, and the writer then takes it as
// one batch. The guard runs under e-stall's lock, which nothing else uses.
struct WriterStall {
  std::mutex mutex;
  std::condition_variable changed;
  bool entered = false;
  bool released = false;

  void hold(EncuentroService& svc, Completions& done) {
    Request stall{"e-stall", d::cmd::AddPoint{"stall", ""}, "org-1", std::nullopt};
    stall.guard = [this](const d::Encuentro&) -> std::optional<encuentro::app::Refusal> {
      std::unique_lock lock(mutex);
      entered = true;
      changed.notify_all();
      changed.wait(lock, [&] { return released; });
      return encuentro::app::Refusal{"stalled", "test stall"};
    };
    svc.submit(std::move(stall), done.make(-1));
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return entered; });
  }
  void release() {
    {
      std::lock_guard lock(mutex);
      released = true;
    }
    changed.notify_all();
  }
};

}  // namespace

TEST_CASE("app: commands waiting together share one transaction and are answered in order") {
  TempDir dir;
  EncuentroService svc(options(dir.path() / "e.db"));
  REQUIRE(svc.execute(create("e-stall")).kind == Outcome::Kind::applied);
  REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);

  // The observer prepares under the lock before the commit; its delivery must find the events
  // durable, and must run before the command's completion.
  std::mutex seen_mutex;
  std::vector<std::string> seen;  // "prepare:<seq>", "deliver:<seq>", in order
  svc.set_observer([&](const std::string& id, const d::Encuentro& state,
                       const std::vector<d::Recorded>& events) -> encuentro::app::Delivery {
    if (id != "e-1") return nullptr;
    const std::int64_t seq = events.back().seq;
    CHECK(state.seq == seq);  // the state right after this command, not after the batch
    {
      std::lock_guard lock(seen_mutex);
      seen.push_back("prepare:" + std::to_string(seq));
    }
    return [&, seq] {
      CHECK(svc.store().last_seq("e-1") >= seq);  // durable before anyone hears of it
      std::lock_guard lock(seen_mutex);
      seen.push_back("deliver:" + std::to_string(seq));
    };
  });

  Completions done;
  WriterStall stall;
  stall.hold(svc, done);
  const auto before = svc.writer_stats();
  const int n = 100;
  for (int i = 0; i < n; ++i) {
    svc.submit({"e-1", d::cmd::AddPoint{"Punto " + std::to_string(i), ""}, "org-1",
                "op-" + std::to_string(i)},
               done.make(i));
  }
  // A repeat inside the same batch is answered from the first one, not applied again.
  svc.submit({"e-1", d::cmd::AddPoint{"otra vez", ""}, "org-1", "op-7"}, done.make(n));
  CHECK(svc.store().last_seq("e-1") == 1);  // nothing committed while they wait
  stall.release();
  REQUIRE(done.wait_for(n + 2));

  const auto after = svc.writer_stats();
  CHECK(after.transactions - before.transactions == 1);  // 100 commits, one transaction
  CHECK(after.commands - before.commands == n);
  REQUIRE(done.outcomes.size() == n + 2);
  CHECK(done.outcomes[0].first == -1);
  CHECK(done.outcomes[0].second.kind == Outcome::Kind::refused);
  for (int i = 0; i < n; ++i) {
    const auto& [tag, out] = done.outcomes[static_cast<std::size_t>(i) + 1];
    CHECK(tag == i);  // completions in submission order
    CHECK(out.kind == Outcome::Kind::applied);
    CHECK(out.first_seq == i + 2);
  }
  const Outcome& repeat = done.outcomes.back().second;
  CHECK(repeat.kind == Outcome::Kind::duplicate);
  CHECK(repeat.first_seq == 9);
  CHECK(svc.store().last_seq("e-1") == n + 1);
  CHECK(svc.snapshot("e-1")->points.size() == n);
  // Every prepare precedes its delivery, deliveries keep seq order.
  std::vector<std::string> delivered;
  for (const auto& s : seen)
    if (s.rfind("deliver:", 0) == 0) delivered.push_back(s);
  REQUIRE(delivered.size() == n);
  for (int i = 0; i < n; ++i)
    CHECK(delivered[static_cast<std::size_t>(i)] == "deliver:" + std::to_string(i + 2));
  CHECK(seen.front() == "prepare:2");
}

TEST_CASE("app: a failed group commit undoes its encuentros and answers their commands unavailable") {
  TempDir dir;
  const fs::path db = dir.path() / "e.db";
  EncuentroService svc(options(db));
  for (const char* id : {"e-stall", "e-1", "e-2", "e-3"})
    REQUIRE(svc.execute(create(id)).kind == Outcome::Kind::applied);
  const d::Encuentro e2_before = *svc.snapshot("e-2");

  Completions done;
  WriterStall stall;
  stall.hold(svc, done);
  // Another writer (another process, say) appends to e-1 behind the service's back: the batch's
  // commit to e-1 then conflicts, and the whole transaction rolls back.
  {
    const d::Encuentro e1 = *svc.snapshot("e-1");
    const d::Context ctx{encuentro::testing::kTestNow, encuentro::app::civil_date(
                             encuentro::testing::kTestNow, -300),
                         "intruder", d::Policy{}};
    auto decision = d::decide(e1, d::cmd::AddPoint{"Ajeno", ""}, ctx);
    auto& events = std::get<std::vector<d::Event>>(decision);
    encuentro::storage::EventStore other({db.string()});
    encuentro::storage::Commit c;
    c.encuentro_id = "e-1";
    c.expected_last_seq = e1.seq;
    for (const auto& e : events)
      c.events.push_back({std::string(encuentro::protocol::event_name(e)),
                          encuentro::protocol::encode_event_payload(e), ctx.now, "intruder"});
    other.commit(c);
  }
  svc.submit({"e-1", d::cmd::AddPoint{"Uno", ""}, "org-1", "a1"}, done.make(1));
  svc.submit({"e-2", d::cmd::AddPoint{"Dos", ""}, "org-1", "b1"}, done.make(2));
  svc.submit({"e-3", d::cmd::AddPoint{"", ""}, "org-1", "c1"}, done.make(3));  // rejected
  svc.submit({"e-1", d::cmd::AddPoint{"Uno bis", ""}, "org-1", "a2"}, done.make(4));
  stall.release();
  REQUIRE(done.wait_for(5));

  std::map<int, Outcome> by_tag;
  for (auto& [tag, out] : done.outcomes) by_tag[tag] = out;
  CHECK(by_tag[1].kind == Outcome::Kind::unavailable);
  CHECK(by_tag[1].detail == "conflict");
  CHECK(by_tag[2].kind == Outcome::Kind::unavailable);  // same transaction, other encuentro
  CHECK(by_tag[3].kind == Outcome::Kind::rejected);     // wrote nothing: its answer stands
  CHECK(by_tag[4].kind == Outcome::Kind::unavailable);
  for (const char* op : {"a1", "a2"}) CHECK_FALSE(svc.store().find_op("e-1", op).has_value());
  CHECK_FALSE(svc.store().find_op("e-2", "b1").has_value());
  // e-1 was reloaded: it holds the other writer's point and none of the batch's.
  REQUIRE(svc.snapshot("e-1")->points.size() == 1);
  CHECK(svc.snapshot("e-1")->points.front().title == "Ajeno");
  CHECK(svc.snapshot("e-1")->seq == 2);
  CHECK(*svc.snapshot("e-2") == e2_before);
  // Sent again with the same op, each is applied once.
  CHECK(svc.execute({"e-1", d::cmd::AddPoint{"Uno", ""}, "org-1", "a1"}).kind ==
        Outcome::Kind::applied);
  CHECK(svc.execute({"e-2", d::cmd::AddPoint{"Dos", ""}, "org-1", "b1"}).kind ==
        Outcome::Kind::applied);
  CHECK(svc.snapshot("e-1")->seq == 3);
}

TEST_CASE("app: after close(), commands are answered unavailable at once") {
  TempDir dir;
  EncuentroService svc(options(dir.path() / "e.db"));
  REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);
  svc.close();
  const Outcome out = svc.execute({"e-1", d::cmd::AddPoint{"Tarde", ""}, "org-1", "late"});
  CHECK(out.kind == Outcome::Kind::unavailable);
  CHECK(out.detail == "closed");
  CHECK(svc.store().last_seq("e-1") == 1);
}

TEST_CASE("app: a full queue answers busy instead of growing") {
  TempDir dir;
  auto o = options(dir.path() / "e.db");
  o.max_queue = 3;
  EncuentroService svc(o);
  REQUIRE(svc.execute(create("e-stall")).kind == Outcome::Kind::applied);
  REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);
  Completions done;
  WriterStall stall;
  stall.hold(svc, done);  // taken off the queue: the queue is empty again
  for (int i = 0; i < 5; ++i)
    svc.submit({"e-1", d::cmd::AddPoint{"P" + std::to_string(i), ""}, "org-1",
                "q" + std::to_string(i)},
               done.make(i));
  REQUIRE(done.wait_for(2));  // the two beyond the bound, at once, on this thread
  CHECK(done.outcomes[0].first == 3);
  CHECK(done.outcomes[0].second.detail == "busy");
  CHECK(done.outcomes[1].first == 4);
  stall.release();
  REQUIRE(done.wait_for(6));
  CHECK(svc.snapshot("e-1")->points.size() == 3);
}

TEST_CASE("app: snapshots are spaced by the state's size, not only by the event count") {
  TempDir dir;
  EncuentroService svc(options(dir.path() / "e.db", /*snapshot_every=*/10));
  REQUIRE(svc.execute(create("e-1")).kind == Outcome::Kind::applied);
  int n = 0;
  const auto add = [&](std::size_t description) {
    ++n;
    REQUIRE(svc.execute({"e-1", d::cmd::AddPoint{"P" + std::to_string(n), std::string(description, 'd')},
                         "org-1", "op-" + std::to_string(n)})
                .kind == Outcome::Kind::applied);
  };
  for (int i = 0; i < 10; ++i) add(1900);  // a state of about 20 KB
  const auto first = svc.store().latest_snapshot("e-1");
  REQUIRE(first.has_value());
  CHECK(first->seq == 10);  // 10 events after none
  // 20 more small events: past snapshot_every, but far less than half the snapshot's bytes.
  for (int i = 0; i < 20; ++i) add(10);
  CHECK(svc.store().latest_snapshot("e-1")->seq == 10);
  // Large ones: once their bytes reach half the snapshot's, the next snapshot is written.
  for (int i = 0; i < 12; ++i) add(1900);
  const auto next = svc.store().latest_snapshot("e-1");
  CHECK(next->seq > 31);  // not after the small ones
  CHECK(next->seq < 43);
  // And a reopened service rebuilds the same state from snapshot + tail.
  const d::Encuentro live = *svc.snapshot("e-1");
  svc.close();
  EncuentroService reopened(options(dir.path() / "e.db", 10));
  CHECK(*reopened.snapshot("e-1") == live);
}

TEST_CASE("app: an unreadable event log stops start-up with the encuentro named, whichever loader met it") {
  TempDir dir;
  const fs::path db = dir.path() / "e.db";
  {
    EncuentroService svc(options(db));
    for (int i = 0; i < 6; ++i)
      REQUIRE(svc.execute(create("e-" + std::to_string(i))).kind == Outcome::Kind::applied);
    REQUIRE(svc.execute({"e-4", d::cmd::AddPoint{"Punto", ""}, "org-1", "op-1"}).kind ==
            Outcome::Kind::applied);
    svc.close();
  }
  {  // Another program spoils one stored event.
    SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
    raw.exec("UPDATE events SET payload = '{' WHERE encuentro_id = 'e-4' AND seq = 2");
  }
  std::string what;
  try {
    EncuentroService reopened(options(db));
  } catch (const std::runtime_error& e) {
    what = e.what();
  }
  CHECK(what.find("e-4") != std::string::npos);
  CHECK(what.find("seq 2") != std::string::npos);
}
