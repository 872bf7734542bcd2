// Unit tests of app/log: logfmt formatting and escaping, levels, one write per line.

#include "app/log.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace encuentro {
namespace {

constexpr long long kExampleMs = 1795341600123;  // 2026-11-22T10:00:00.123Z

// Restores the level and the sink whatever a test does.
struct LogStateGuard {
  log::Level saved = log::min_level();
  ~LogStateGuard() {
    log::set_min_level(saved);
    log::set_sink(nullptr);
  }
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));  // unterminated: a torn line
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("log: a record is one logfmt line with time, level, quoted msg and fields") {
  const std::string line = log::format_record(kExampleMs, log::Level::info, "listening",
                                              {{"port", "8080"}, {"bind", "127.0.0.1"}});
  CHECK(line ==
        "time=2026-11-22T10:00:00.123Z level=info msg=\"listening\" port=8080 bind=127.0.0.1\n");
}

TEST_CASE("log: integers and booleans are formatted as plain values") {
  const std::string line = log::format_record(
      0, log::Level::warn, "x",
      {{"n", 42}, {"neg", -7}, {"big", 18446744073709551615ULL}, {"yes", true}, {"no", false}});
  CHECK(line ==
        "time=1970-01-01T00:00:00.000Z level=warn msg=\"x\" n=42 neg=-7 big=18446744073709551615 "
        "yes=true no=false\n");
}

TEST_CASE("log: values are quoted and escaped when needed") {
  struct Case {
    std::string value;
    std::string expected;
  };
  const std::vector<Case> cases{
      {"plain", "plain"},
      {"", "\"\""},
      {"two words", "\"two words\""},
      {"a=b", "\"a=b\""},
      {"say \"hi\"", "\"say \\\"hi\\\"\""},
      {"back\\slash", "\"back\\\\slash\""},
      {"line\nbreak", "\"line\\nbreak\""},
      {"cr\rtab\t", "\"cr\\rtab\\t\""},
      {std::string("nul\0x", 5), "\"nul\\u0000x\""},
      {"bell\x07", "\"bell\\u0007\""},
      {"del\x7f", "\"del\\u007f\""},
      {"esc\x1b[31m", "\"esc\\u001b[31m\""},
      {"Diálogo", "Diálogo"},  // UTF-8 passes through
      {"/path/to/data.db", "/path/to/data.db"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.value);
    CHECK(log::format_value(c.value) == c.expected);
  }
}

TEST_CASE("log: msg is always quoted and escaped; keys are sanitised") {
  const std::string line = log::format_record(kExampleMs, log::Level::error, "bad\nthing \"x\"",
                                              {{"we ird=key", "v"}, {"", "empty"}});
  CHECK(line ==
        "time=2026-11-22T10:00:00.123Z level=error msg=\"bad\\nthing \\\"x\\\"\" we_ird_key=v "
        "_=empty\n");
  // Exactly one newline: a hostile value can never forge a second record.
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
}

TEST_CASE("log: level names parse and print") {
  CHECK(log::parse_level("debug") == log::Level::debug);
  CHECK(log::parse_level("info") == log::Level::info);
  CHECK(log::parse_level("warn") == log::Level::warn);
  CHECK(log::parse_level("error") == log::Level::error);
  CHECK_FALSE(log::parse_level("warning").has_value());
  CHECK_FALSE(log::parse_level("INFO").has_value());
  CHECK_FALSE(log::parse_level("").has_value());
  CHECK(log::to_string(log::Level::warn) == "warn");
}

TEST_CASE("log: records below the minimum level are dropped") {
  LogStateGuard guard;
  std::vector<std::string> lines;
  log::set_sink([&lines](std::string_view line) { lines.emplace_back(line); });

  log::set_min_level(log::Level::warn);
  log::debug("d");
  log::info("i");
  log::warn("w");
  log::error("e");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("level=warn msg=\"w\"") != std::string::npos);
  CHECK(lines[1].find("level=error msg=\"e\"") != std::string::npos);
  CHECK_FALSE(log::enabled(log::Level::info));

  log::set_min_level(log::Level::debug);
  log::debug("d2", {{"k", 1}});
  REQUIRE(lines.size() == 3);
  CHECK(lines[2].find("level=debug msg=\"d2\" k=1\n") != std::string::npos);
}

TEST_CASE("log: concurrent writers to stderr never interleave inside a line") {
  LogStateGuard guard;
  log::set_min_level(log::Level::info);

  // Point fd 2 at a temporary file for the duration of the test.
  std::FILE* capture = std::tmpfile();
  REQUIRE(capture != nullptr);
  std::fflush(stderr);
  const int saved_stderr = dup(STDERR_FILENO);
  REQUIRE(saved_stderr >= 0);
  REQUIRE(dup2(fileno(capture), STDERR_FILENO) >= 0);

  constexpr int kThreads = 8;
  constexpr int kRecords = 300;
  const std::string payload(200, 'x');  // long enough to tear if written in pieces
  {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([t, &payload] {
        for (int i = 0; i < kRecords; ++i)
          log::info("concurrent", {{"thread", t}, {"i", i}, {"payload", payload}});
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  std::fflush(stderr);
  dup2(saved_stderr, STDERR_FILENO);
  close(saved_stderr);

  std::string text;
  std::rewind(capture);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, capture)) > 0;)
    text.append(buffer, n);
  std::fclose(capture);

  const std::vector<std::string> lines = split_lines(text);
  CHECK(lines.size() == static_cast<std::size_t>(kThreads * kRecords));
  int malformed = 0;
  for (const std::string& line : lines) {
    const bool ok = line.starts_with("time=") &&
                    line.find(" level=info msg=\"concurrent\" thread=") != std::string::npos &&
                    line.ends_with(" payload=" + payload);
    if (!ok) ++malformed;
  }
  CHECK(malformed == 0);
}

}  // namespace encuentro
