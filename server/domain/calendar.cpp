#include "domain/calendar.hpp"

#include <cstdio>

namespace encuentro::domain {
namespace {
namespace chr = std::chrono;

chr::year_month_day ymd(Date d) {
  return chr::year_month_day{chr::sys_days{chr::days{d.days_since_epoch}}};
}

bool parse_digits(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}
}  // namespace

Date Date::from_ymd(int y, unsigned m, unsigned d) {
  const chr::sys_days days{chr::year_month_day{chr::year{y}, chr::month{m}, chr::day{d}}};
  return Date{static_cast<std::int32_t>(days.time_since_epoch().count())};
}

std::optional<Date> Date::parse(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_digits(iso.substr(0, 4), y) || !parse_digits(iso.substr(5, 2), m) ||
      !parse_digits(iso.substr(8, 2), d))
    return std::nullopt;
  const chr::year_month_day date{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                                 chr::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return Date{static_cast<std::int32_t>(chr::sys_days{date}.time_since_epoch().count())};
}

std::string Date::iso() const {
  const auto d = ymd(*this);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

int Date::year() const {
  return static_cast<int>(ymd(*this).year());
}
unsigned Date::month() const {
  return static_cast<unsigned>(ymd(*this).month());
}
unsigned Date::day() const {
  return static_cast<unsigned>(ymd(*this).day());
}

int days_between(Date from, Date to) {
  return to.days_since_epoch - from.days_since_epoch;
}

std::optional<TimeOfDay> TimeOfDay::parse(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  if (!parse_digits(s.substr(0, 2), h) || !parse_digits(s.substr(3, 2), m)) return std::nullopt;
  if (h > 23 || m > 59) return std::nullopt;
  return TimeOfDay{h * 60 + m};
}

std::string TimeOfDay::str() const {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::vector<Date> monitoring_cuts(Date from, Date to) {
  std::vector<Date> cuts;
  for (int y = from.year(); y <= to.year(); ++y) {
    for (auto [m, d] : {std::pair{3u, 31u}, {6u, 30u}, {9u, 30u}, {12u, 31u}}) {
      const Date cut = Date::from_ymd(y, m, d);
      if (cut >= from && cut <= to) cuts.push_back(cut);
    }
  }
  return cuts;
}

}  // namespace encuentro::domain
