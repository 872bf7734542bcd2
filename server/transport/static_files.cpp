#include "transport/static_files.hpp"

#include <algorithm>
#include <array>
#include <boost/url/pct_string_view.hpp>
#include <cstdio>
#include <ctime>
#include <system_error>
#include <vector>

namespace encuentro::transport {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kIndex = "index.html";

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view extension_of(std::string_view filename) {
  const auto dot = filename.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return filename.substr(dot + 1);
}

std::string_view last_segment(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// True when `path` is `root` or lies below it, comparing whole components ("/srv/www2" is not
// under "/srv/www").
bool is_under(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty() && std::next(r) == root.end()) break;  // trailing separator of the root
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

// Decodes one raw segment; nullopt when it must be refused as a bad target.
std::optional<std::string> decode_segment(std::string_view raw) {
  for (const char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return std::nullopt;  // raw bytes must be visible ASCII
  }
  const auto encoded = boost::urls::make_pct_string_view(raw);
  if (!encoded) return std::nullopt;  // malformed %-escape
  std::string decoded = encoded->decode();
  if (decoded.empty() || decoded == "." || decoded == "..") return std::nullopt;
  for (const char c : decoded) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '/' || c == '\\') return std::nullopt;
  }
  return decoded;
}

// Metadata of a regular file whose canonical path is under `canonical_root`.
StaticResolution inspect(const fs::path& candidate, const fs::path& canonical_root,
                         std::string_view relative_path) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(candidate, ec);
  if (ec) return {std::nullopt, StaticRefusal::not_found};
  if (!is_under(canonical, canonical_root)) return {std::nullopt, StaticRefusal::outside_root};
  const fs::file_status status = fs::status(canonical, ec);
  if (ec || !fs::is_regular_file(status)) return {std::nullopt, StaticRefusal::not_found};
  StaticFile file;
  file.size = fs::file_size(canonical, ec);
  if (ec) return {std::nullopt, StaticRefusal::not_found};
  file.mtime = fs::last_write_time(canonical, ec);
  if (ec) return {std::nullopt, StaticRefusal::not_found};
  file.path = canonical;
  file.content_type = content_type_for(last_segment(relative_path));
  file.cache_control = cache_control_for(relative_path);
  return {std::move(file), StaticRefusal::not_found};
}

}  // namespace

StaticResolution StaticFiles::resolve(std::string_view target) const {
  const StaticResolution bad{std::nullopt, StaticRefusal::bad_target};
  const StaticResolution missing{std::nullopt, StaticRefusal::not_found};

  // Origin-form only: "/path[?query]". No fragment, no absolute-form, no "*".
  const std::string_view raw_path = target.substr(0, target.find('?'));
  if (!raw_path.starts_with('/') || raw_path.find('#') != std::string_view::npos) return bad;

  std::vector<std::string> segments;
  bool trailing_slash = false;
  std::string_view rest = raw_path.substr(1);
  for (;;) {
    const auto slash = rest.find('/');
    const std::string_view raw = rest.substr(0, slash);
    if (raw.empty()) {
      if (slash != std::string_view::npos) return bad;  // "//" anywhere: empty segment
      trailing_slash = true;                            // "/" or "/dir/"
      break;
    }
    auto decoded = decode_segment(raw);
    if (!decoded) return bad;
    segments.push_back(std::move(*decoded));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }

  std::string relative;
  for (const std::string& segment : segments) {
    if (segment.starts_with('.')) return missing;  // hidden files (.env, .git) are never served
    if (!relative.empty()) relative += '/';
    relative += segment;
  }

  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root_, ec);
  if (ec) return missing;

  fs::path candidate = root_ / fs::path(relative);
  const fs::file_status status = fs::status(candidate, ec);
  if (!ec && fs::is_directory(status)) {
    candidate /= kIndex;
    relative += relative.empty() ? "" : "/";
    relative += kIndex;
  } else if (trailing_slash) {
    candidate.clear();  // "/app.js/": a file is not a directory
  }

  if (!candidate.empty() && fs::exists(candidate, ec)) {
    return inspect(candidate, canonical_root, relative);
  }
  if (!candidate.empty() && fs::is_symlink(fs::symlink_status(candidate, ec))) {
    return missing;  // dangling symlink
  }

  // Single-page-app fallback for client-side routes such as /taller/2.
  const bool spa_route =
      segments.empty() || (segments.front() != "api" && segments.front() != "assets" &&
                           extension_of(segments.back()).empty());
  if (!spa_route) return missing;
  StaticResolution index = inspect(root_ / kIndex, canonical_root, kIndex);
  if (index.file) index.file->spa_fallback = true;
  return index;
}

std::string_view content_type_for(std::string_view filename) {
  struct Entry {
    std::string_view extension;
    std::string_view type;
  };
  static constexpr std::array<Entry, 26> kTypes{{
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"webmanifest", "application/manifest+json"},
      {"txt", "text/plain; charset=utf-8"},
      {"csv", "text/csv; charset=utf-8"},
      {"xml", "application/xml"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"avif", "image/avif"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"ttf", "font/ttf"},
      {"otf", "font/otf"},
      {"wasm", "application/wasm"},
      {"pdf", "application/pdf"},
      {"mp4", "video/mp4"},
  }};
  const std::string_view extension = extension_of(filename);
  for (const Entry& entry : kTypes) {
    if (iequals(entry.extension, extension)) return entry.type;
  }
  return "application/octet-stream";
}

std::string_view cache_control_for(std::string_view relative_path) {
  const std::string_view name = last_segment(relative_path);
  const std::string_view extension = extension_of(name);
  if (iequals(extension, "html") || iequals(extension, "htm") || name == "sw.js" ||
      name == "service-worker.js")
    return "no-cache";
  if (relative_path.starts_with("assets/")) return "public, max-age=31536000, immutable";
  return "public, max-age=3600";
}

std::string make_etag(std::uintmax_t size, fs::file_time_type mtime) {
  const auto ticks = static_cast<std::uint64_t>(mtime.time_since_epoch().count());
  char buf[48];
  const int n =
      std::snprintf(buf, sizeof buf, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                    static_cast<unsigned long long>(ticks));
  return std::string(buf, static_cast<std::size_t>(n > 0 ? n : 0));
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  auto strip_weak = [](std::string_view tag) {
    return tag.starts_with("W/") ? tag.substr(2) : tag;
  };
  const std::string_view ours = strip_weak(etag);
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view item = if_none_match.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == "*" || (!item.empty() && strip_weak(item) == ours)) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

std::string http_date(std::chrono::system_clock::time_point time) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[40];
  const int n = std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                              kDays.at(static_cast<std::size_t>(tm.tm_wday)), tm.tm_mday,
                              kMonths.at(static_cast<std::size_t>(tm.tm_mon)), tm.tm_year + 1900,
                              tm.tm_hour, tm.tm_min, tm.tm_sec);
  return std::string(buf, static_cast<std::size_t>(n > 0 ? n : 0));
}

std::string http_date(fs::file_time_type time) {
  return http_date(std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      std::chrono::file_clock::to_sys(time)));
}

}  // namespace encuentro::transport
