// Promise 5 of the architecture, "one slow device never slows the room", against the real server
// process (shared/protocol/README.md, "Closing"): a client that subscribes and then stops reading
// while the room keeps producing large events
//   1. is dropped by the server once its outbound queue (websocket.queue_messages / queue_bytes,
//      made small here) is full, without a close frame;
//   2. costs the server bounded memory meanwhile (RSS growth below the byte cap + a margin);
//   3. does not delay a normal subscriber, who receives every event in order, no gap, with a p99
//      latency (command sent → event received) close to that of the same load without it;
//   4. reconnects with hello + since and receives exactly the events it missed, or a snapshot when
//      they are more than catchup_max_events or half of its outbound queue (here: a snapshot, as
//      a client dropped for a full queue is always that far behind), ending at the same seq as
//      the normal subscriber.
//
// The load: an organizer sends `details.update` commands one after another (each waits for its
// ack), with ~38 KB of text in each, so every event is ~38 KB. These large messages go through a
// small client of this file that does not record them in the protocol recording (the schema check
// of the integration run would otherwise validate tens of megabytes of the same message); the
// shapes are recorded by the other live tests.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "live_fixture.hpp"

namespace encuentro::testing {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kQueueMessages = 256;      // websocket.queue_messages of this test's server
constexpr std::size_t kQueueBytes = 1024 * 1024;  // websocket.queue_bytes (its minimum)
// RSS growth allowed beyond the byte cap: the in-flight message, the allocator's slack, SQLite's
// page cache and the request being parsed. Measured growth is far below (see the MESSAGE).
constexpr std::size_t kRssMargin = 8 * 1024 * 1024;
constexpr int kCatchupMaxEvents = 1000;          // websocket.catchup_max_events (the default)
constexpr int kLongText = 19000;                 // characters of report_summary and methodology
constexpr int kEventsPerRun = 500;               // ~19 MB of events: over twice cap + margin

// A WebSocket client that reads messages as text and records nothing. `receive_buffer` > 0 sets
// SO_RCVBUF before connecting (so the TCP window is small from the start). Every wait is bounded.
class RawClient {
 public:
  explicit RawClient(unsigned short port, int receive_buffer = 0) : ws_(ioc_) {
    auto& socket = beast::get_lowest_layer(ws_).socket();
    socket.open(net::ip::tcp::v4());
    if (receive_buffer > 0)
      socket.set_option(net::socket_base::receive_buffer_size(receive_buffer));
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    socket.set_option(net::ip::tcp::no_delay(true));  // as browsers do for WebSockets
    ws_.handshake("127.0.0.1:" + std::to_string(port), "/live");
    ws_.read_message_max(64 * 1024 * 1024);
    ws_.text(true);
  }

  void send(const std::string& text) { ws_.write(net::buffer(text)); }

  // The next message, or nullopt on timeout or when the connection ended (closed() says so, and
  // error() why). A timed-out read stays pending for the next call, as in WsClient.
  std::optional<std::string> next(milliseconds timeout) {
    if (closed_) return std::nullopt;
    if (!reading_) {
      reading_ = true;
      done_ = false;
      ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
        reading_ = false;
        done_ = true;
        error_ = ec;
      });
    }
    // Acknowledge what arrives at once (Linux resets this after a while, so it is set before
    // every wait): the server does not disable Nagle's algorithm, so its ack after a command's
    // event would otherwise wait for this client's delayed ACK (40 ms), which would pace the
    // load, not measure it.
    const int on = 1;
    setsockopt(beast::get_lowest_layer(ws_).socket().native_handle(), IPPROTO_TCP, TCP_QUICKACK,
               &on, sizeof on);
    ioc_.restart();
    ioc_.run_for(timeout);
    if (!done_) return std::nullopt;
    done_ = false;
    if (error_) {
      closed_ = true;
      return std::nullopt;
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    return text;
  }

  bool closed() const { return closed_; }
  const beast::error_code& error() const { return error_; }

 private:
  net::io_context ioc_;
  beast::websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  beast::error_code error_;
  bool reading_ = false;
  bool done_ = false;
  bool closed_ = false;
};

// Members of a server message read from its text without parsing all of it (the events are large
// and the reader's time is part of the latency measured). `"seq":` cannot occur inside a JSON
// string (its quotes would be escaped) and the events here hold no member of that name.
bool is_type(std::string_view text, std::string_view type) {
  return text.find("\"type\":\"" + std::string(type) + "\"") != std::string_view::npos;
}

std::optional<std::int64_t> int_member(std::string_view text, std::string_view name) {
  const std::string key = "\"" + std::string(name) + "\":";
  const auto at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::int64_t value = 0;
  const char* begin = text.data() + at + key.size();
  if (std::from_chars(begin, text.data() + text.size(), value).ec != std::errc{})
    return std::nullopt;
  return value;
}

// Reads until `synced` (bounded); returns the catch-up (the messages after `welcome`), synced
// last.
std::vector<std::string> until_synced(RawClient& c) {
  std::vector<std::string> got;
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    auto text = c.next(milliseconds(200));
    if (!text) {
      REQUIRE_MESSAGE(!c.closed(), "connection closed before synced: " << c.error().message());
      continue;
    }
    if (is_type(*text, "welcome")) continue;
    got.push_back(std::move(*text));
    if (is_type(got.back(), "synced")) return got;
  }
  FAIL("no synced within 10 s");
  return got;
}

std::size_t rss_bytes(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) return std::stoull(line.substr(6)) * 1024;  // "... kB"
  }
  return 0;
}

double ms_of(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The value at `q` (0..1) of sorted `values`, nearest rank.
double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size()) + 0.999999);
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

std::string mib(std::size_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

// One run of the load, watched by a normal subscriber that connects first.
struct Run {
  std::vector<double> latency_ms;  // per command: sent → its event received by the subscriber
  std::int64_t first_seq = 0;      // the subscriber's synced seq before the run
  std::int64_t last_seq = 0;       // the last event the subscriber received
  std::size_t events = 0;          // events the subscriber received
  bool in_order = true;            // each event's seq was the previous + 1 (the organizer sees all)
  std::string reader_error;
  std::size_t bytes = 0;           // of the events the subscriber received
  double seconds = 0;
  std::map<std::int64_t, std::string> texts;  // seq → event text, when kept
};

class Load {
 public:
  Load(LiveServer& server, std::string hello) : server_(server), hello_(std::move(hello)) {
    producer_ = std::make_unique<RawClient>(server.port());
    producer_->send(hello_);
    until_synced(*producer_);
  }

  std::atomic<int> produced{0};  // commands acknowledged in the current run

  // `count` details.update commands, one after another, each sent when the previous one's ack
  // came; a fresh subscriber reads every event meanwhile on its own thread.
  Run run(const std::string& name, int count, bool keep_texts) {
    Run r;
    RawClient reader(server_.port());
    reader.send(hello_);
    r.first_seq = int_member(until_synced(reader).back(), "seq").value();

    std::map<std::int64_t, Clock::time_point> received;
    std::atomic<std::int64_t> target{0};  // the last seq to wait for, once known
    std::thread watcher([&] {
      std::int64_t last = r.first_seq;
      const auto deadline = Clock::now() + std::chrono::seconds(30);  // only reached on failure
      while (Clock::now() < deadline) {
        const std::int64_t want = target.load();
        if (want > 0 && last >= want) break;
        auto text = reader.next(milliseconds(100));
        if (!text) {
          if (reader.closed()) {
            r.reader_error = "subscriber's connection ended: " + reader.error().message();
            break;
          }
          continue;
        }
        const auto now = Clock::now();
        if (!is_type(*text, "event")) continue;
        const std::int64_t seq = int_member(*text, "seq").value_or(-1);
        if (seq != last + 1) r.in_order = false;
        last = seq;
        received[seq] = now;
        ++r.events;
        r.bytes += text->size();
        if (keep_texts) r.texts[seq] = std::move(*text);
      }
      r.last_seq = last;
    });

    std::vector<Clock::time_point> sent(static_cast<std::size_t>(count));
    std::vector<std::int64_t> seq_of(static_cast<std::size_t>(count), 0);
    std::string failure;
    produced = 0;
    const auto start = Clock::now();
    for (int i = 0; i < count && failure.empty(); ++i) {
      const std::string op = name + "-" + std::to_string(i);
      json d = details("Carga " + op);
      const std::string filler = op + " " + std::string(kLongText - op.size() - 1, 'x');
      d["report_summary"] = filler;
      d["methodology"] = filler;
      const std::string command =
          json{{"type", "command"}, {"op", op}, {"name", "details.update"}, {"args", {{"details", d}}}}
              .dump();
      const std::string op_member = "\"op\":\"" + op + "\"";
      sent[static_cast<std::size_t>(i)] = Clock::now();
      producer_->send(command);
      const auto deadline = Clock::now() + std::chrono::seconds(10);
      for (;;) {  // the producer's own events come first, then the ack
        auto text = producer_->next(milliseconds(200));
        if (!text) {
          if (producer_->closed() || Clock::now() >= deadline) {
            failure = "no ack for " + op + (producer_->closed() ? " (connection ended)" : "");
            break;
          }
          continue;
        }
        if (text->find(op_member) == std::string::npos) continue;
        if (!is_type(*text, "ack")) {
          failure = "refused: " + text->substr(0, 300);
          break;
        }
        seq_of[static_cast<std::size_t>(i)] = int_member(*text, "seq").value_or(0);
        ++produced;
        break;
      }
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    target = failure.empty() ? seq_of.back() : r.first_seq + 1'000'000;  // failed: do not wait
    watcher.join();
    REQUIRE_MESSAGE(failure.empty(), failure);

    for (int i = 0; i < count; ++i) {
      const auto at = received.find(seq_of[static_cast<std::size_t>(i)]);
      if (at != received.end())
        r.latency_ms.push_back(ms_of(at->second - sent[static_cast<std::size_t>(i)]));
    }
    return r;
  }

 private:
  LiveServer& server_;
  std::string hello_;
  std::unique_ptr<RawClient> producer_;
};

std::string server_config(const TempDir& dir) {
  return dir.write("slow-consumer.json", json{{"websocket",
                                               {{"queue_messages", kQueueMessages},
                                                {"queue_bytes", kQueueBytes},
                                                {"catchup_max_events", kCatchupMaxEvents},
                                                // the load is one organizer sending fast
                                                {"messages_per_second", 100'000},
                                                {"burst", 100'000}}}}
                                             .dump(2));
}

TEST_CASE("slow consumer: dropped at its queue cap, bounded memory, nobody delayed, resumes by seq") {
  TempDir dir;
  // Info level: the server logs each drop ("websocket dropped", with its reason).
  LiveServer server({"--config", server_config(dir), "--log-level", "info"});
  const pid_t pid = server.process().pid();

  std::string token;
  std::string id;
  {
    json welcome;
    auto org = server.join({{"code", server.organizer_secret()}}, &welcome);
    token = welcome["token"];
    const json created = org->command("create", "encuentro.create", {{"details", details()}});
    require_ack(created);
    id = created["encuentro"];
  }
  const json hello = {{"type", "hello"}, {"protocol", 1}, {"token", token}, {"encuentro", id}};
  Load load(server, hello.dump());

  // Warm-up (allocator, SQLite cache), then the baseline: the same load, no slow client.
  load.run("warm", 40, false);
  const Run baseline = load.run("base", kEventsPerRun, false);
  REQUIRE(baseline.reader_error.empty());
  CHECK(baseline.in_order);
  CHECK(baseline.events == static_cast<std::size_t>(kEventsPerRun));

  // The slow client: subscribes, reads its catch-up, then never reads again.
  const std::size_t rss_before = rss_bytes(pid);
  RawClient slow(server.port(), /*receive_buffer=*/4096);
  slow.send(hello.dump());
  const std::int64_t slow_synced = int_member(until_synced(slow).back(), "seq").value();

  // While the load runs: the server's RSS every 5 ms, and the moment the drop is logged.
  std::atomic<bool> sampling{true};
  std::size_t rss_peak = rss_before;
  int produced_at_drop = -1;
  double ms_to_drop = -1;
  std::thread sampler([&] {
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::seconds(30);  // only reached on failure
    int tick = 0;
    while (sampling && Clock::now() < deadline) {
      rss_peak = std::max(rss_peak, rss_bytes(pid));
      if (produced_at_drop < 0 && ++tick % 10 == 0 &&
          server.process().log_text().find("websocket dropped") != std::string::npos) {
        produced_at_drop = load.produced.load();
        ms_to_drop = ms_of(Clock::now() - start);
      }
      std::this_thread::sleep_for(milliseconds(5));
    }
  });
  Run loaded;
  try {
    loaded = load.run("slow", kEventsPerRun, /*keep_texts=*/true);
  } catch (...) {
    sampling = false;
    sampler.join();
    throw;
  }
  sampling = false;
  sampler.join();
  const std::size_t rss_after = rss_bytes(pid);

  // 1. Dropped, once (the normal subscribers and the producer never were), for its full queue.
  std::string log;
  for (const auto deadline = Clock::now() + std::chrono::seconds(5); Clock::now() < deadline;) {
    log = server.process().log_text();
    if (log.find("websocket dropped") != std::string::npos) break;
    std::this_thread::sleep_for(milliseconds(50));
  }
  std::size_t drops = 0;
  for (auto at = log.find("websocket dropped"); at != std::string::npos;
       at = log.find("websocket dropped", at + 1))
    ++drops;
  CHECK(drops == 1);
  CHECK(log.find("slow consumer: outbound queue full") != std::string::npos);

  // 2. Bounded memory: meaningful because the events produced while it was stuck are well over
  // the bound (a server without the cap would have kept them all).
  MESSAGE("caps: queue_messages " << kQueueMessages << ", queue_bytes " << mib(kQueueBytes)
                                  << "; events ~" << loaded.bytes / std::max<std::size_t>(1, loaded.events)
                                  << " bytes each");
  MESSAGE("dropped after " << produced_at_drop << " events (" << ms_to_drop << " ms) of "
                           << kEventsPerRun << "; " << mib(loaded.bytes)
                           << " produced while it was stuck");
  MESSAGE("server RSS: before " << mib(rss_before) << ", peak " << mib(rss_peak) << " (+"
                                << mib(rss_peak - std::min(rss_peak, rss_before)) << "), after "
                                << mib(rss_after) << "; bound +" << mib(kQueueBytes + kRssMargin));
  CHECK(loaded.bytes > 2 * (kQueueBytes + kRssMargin));
  CHECK(rss_peak - std::min(rss_peak, rss_before) < kQueueBytes + kRssMargin);

  // 3. The normal subscriber got every event, in order, not later than without the slow client.
  REQUIRE(loaded.reader_error.empty());
  CHECK(loaded.in_order);
  CHECK(loaded.events == static_cast<std::size_t>(kEventsPerRun));
  const double base_p50 = quantile(baseline.latency_ms, 0.5);
  const double base_p99 = quantile(baseline.latency_ms, 0.99);
  const double slow_p50 = quantile(loaded.latency_ms, 0.5);
  const double slow_p99 = quantile(loaded.latency_ms, 0.99);
  MESSAGE("latency, command sent -> event at the normal subscriber, " << kEventsPerRun
          << " events: without the slow client p50 " << base_p50 << " ms, p99 " << base_p99
          << " ms (" << baseline.seconds << " s); with it p50 " << slow_p50 << " ms, p99 "
          << slow_p99 << " ms (" << loaded.seconds << " s)");
  CHECK(loaded.latency_ms.size() == static_cast<std::size_t>(kEventsPerRun));
  CHECK(slow_p99 <= 2 * base_p99 + 50);

  // It finally reads: what the kernel still held, in order, then the end (EOF or reset: no
  // close frame).
  std::int64_t slow_last = slow_synced;
  bool slow_in_order = true;
  std::size_t read_late = 0;
  for (const auto deadline = Clock::now() + std::chrono::seconds(10);
       !slow.closed() && Clock::now() < deadline;) {
    auto text = slow.next(milliseconds(200));
    if (!text || !is_type(*text, "event")) continue;
    const std::int64_t seq = int_member(*text, "seq").value_or(-1);
    if (seq != slow_last + 1) slow_in_order = false;
    slow_last = seq;
    ++read_late;
  }
  MESSAGE("the slow client, reading at last: " << read_late << " events (to seq " << slow_last
                                               << "), then: " << slow.error().message());
  REQUIRE(slow.closed());
  CHECK(slow.error() != beast::websocket::error::closed);  // no close frame came
  CHECK(slow_in_order);

  // 4. It resumes with since = the last seq it processed and ends where the subscriber is: with
  // exactly the events it missed, or a snapshot when they are more than catchup_max_events or
  // more than half of its outbound queue (messages or bytes; queued at once, they would get it
  // dropped again on every resume).
  std::size_t missed_bytes = 0;
  for (const auto& [seq, text] : loaded.texts)
    if (seq > slow_last) missed_bytes += text.size();
  const std::int64_t behind = loaded.last_seq - slow_last;
  const bool expect_snapshot = behind > kCatchupMaxEvents ||
                               static_cast<std::size_t>(behind) > kQueueMessages / 2 ||
                               missed_bytes > kQueueBytes / 2;
  RawClient back(server.port());
  json resume = hello;
  resume["since"] = slow_last;
  back.send(resume.dump());
  const std::vector<std::string> caught = until_synced(back);
  MESSAGE("resume with since " << slow_last << ": " << behind << " events (" << mib(missed_bytes)
                               << ") behind; catch-up: " << caught.size() - 1 << " messages, "
                               << std::string(is_type(caught.front(), "snapshot") ? "a snapshot" : "events"));
  CHECK(int_member(caught.back(), "seq") == loaded.last_seq);
  if (expect_snapshot) {
    REQUIRE(caught.size() == 2);
    REQUIRE(is_type(caught.front(), "snapshot"));
    const json snapshot = json::parse(caught.front());
    CHECK(snapshot["seq"] == loaded.last_seq);
    const json last_event = json::parse(loaded.texts.at(loaded.last_seq));
    CHECK(snapshot["state"]["details"] == last_event["data"]["details"]);  // the latest update
  } else {
    REQUIRE(caught.size() == static_cast<std::size_t>(behind) + 1);
    for (std::size_t i = 0; i + 1 < caught.size(); ++i) {
      const std::int64_t seq = slow_last + 1 + static_cast<std::int64_t>(i);
      INFO("seq " << seq);
      REQUIRE(loaded.texts.count(seq) == 1);
      CHECK(caught[i] == loaded.texts.at(seq));  // the very event the subscriber got
    }
  }

  // Live again: the next event reaches it too.
  load.run("after", 1, false);
  auto next = back.next(milliseconds(5000));
  REQUIRE(next.has_value());
  CHECK(is_type(*next, "event"));
  CHECK(int_member(*next, "seq") == loaded.last_seq + 1);
}

}  // namespace
}  // namespace encuentro::testing
