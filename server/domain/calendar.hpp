// Dates and instants as the domain sees them. No clock lives here: "now" and "today" are always
// passed in by the caller (see Context in decide.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace encuentro::domain {

// Milliseconds since the Unix epoch (UTC).
using Timestamp = std::int64_t;

// A civil calendar date (no time zone): the event date, a due date, a monitoring cut.
struct Date {
  std::int32_t days_since_epoch = 0;  // 1970-01-01 is 0

  static Date from_ymd(int year, unsigned month, unsigned day);
  // Parses "YYYY-MM-DD" strictly (a real calendar date); nullopt otherwise.
  static std::optional<Date> parse(std::string_view iso);

  std::string iso() const;  // "YYYY-MM-DD"
  int year() const;
  unsigned month() const;
  unsigned day() const;
  Date plus_days(int days) const { return Date{days_since_epoch + days}; }

  friend auto operator<=>(const Date&, const Date&) = default;
};

int days_between(Date from, Date to);  // to - from, in days

// Minutes since midnight, 0..1439.
struct TimeOfDay {
  int minutes = 0;
  static std::optional<TimeOfDay> parse(std::string_view hh_mm);  // "HH:MM"
  std::string str() const;
  friend auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;
};

// The monitoring cuts of the follow-up (31 Mar, 30 Jun, 30 Sep, 31 Dec) from `from` to `to`, both
// inclusive, ascending.
std::vector<Date> monitoring_cuts(Date from, Date to);

constexpr Timestamp kMillisPerMinute = 60'000;

}  // namespace encuentro::domain
