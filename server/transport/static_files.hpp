#pragma once

// StaticFiles: maps a request target to a file under the web client's root, or refuses.
//
// What must hold: a resolved path is a regular file whose canonical path lies under the canonical
// root. Targets are refused before touching the file system when they are not a plain origin-form
// path: bad percent-encoding, empty or dot segments ("..", "."), NUL or control characters,
// backslashes or encoded slashes inside a segment. A symlink that leads out of the root is refused
// after canonicalisation. Hidden files (a segment starting with '.') are never served.
//
// Single-page app: a missing path whose last segment has no extension, outside /api and /assets,
// resolves to index.html so the client's router can handle it.
//
// Pure apart from reading file metadata; safe to call from any thread (no mutable state).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace encuentro::transport {

enum class StaticRefusal {
  bad_target,    // malformed or hostile target: answer 400
  not_found,     // no such file and no single-page-app fallback: answer 404
  outside_root,  // exists, but (through a symlink) outside the root: answer 404, never serve
};

struct StaticFile {
  std::filesystem::path path;  // canonical, under the canonical root
  std::uintmax_t size = 0;
  std::filesystem::file_time_type mtime;
  std::string_view content_type;
  std::string_view cache_control;
  bool spa_fallback = false;  // index.html standing in for a client-side route
};

struct StaticResolution {
  std::optional<StaticFile> file;
  StaticRefusal refusal = StaticRefusal::not_found;  // meaningful only when !file
};

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // target: the raw request target, e.g. "/assets/index-3f2a.js?v=1" (the query is ignored).
  StaticResolution resolve(std::string_view target) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;  // constant after construction
};

// Content-Type for a file name, by its extension (case-insensitive); application/octet-stream
// when unknown.
std::string_view content_type_for(std::string_view filename);

// Cache-Control for a path relative to the root ("index.html", "assets/index-3f2a.js"):
// HTML and the service worker must be revalidated (no-cache) so a new release is picked up;
// Vite's hashed output under assets/ never changes (immutable); anything else for an hour.
std::string_view cache_control_for(std::string_view relative_path);

// Strong validator from size and modification time: "\"<size hex>-<mtime hex>\"".
std::string make_etag(std::uintmax_t size, std::filesystem::file_time_type mtime);

// If-None-Match semantics (RFC 9110 13.1.2): "*" or any listed tag equal to `etag` under weak
// comparison.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// IMF-fixdate, e.g. "Sun, 22 Nov 2026 10:00:00 GMT".
std::string http_date(std::chrono::system_clock::time_point time);
std::string http_date(std::filesystem::file_time_type time);

}  // namespace encuentro::transport
