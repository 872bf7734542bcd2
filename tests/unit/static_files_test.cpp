// Unit tests of transport/static_files: what resolves, what is refused (traversal in all its
// spellings, symlinks out of the root), content types, cache headers, validators.

#include "transport/static_files.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace encuentro::transport {
namespace {

namespace fs = std::filesystem;

// A temporary directory tree, removed at the end of the test:
//   <base>/secret.txt               outside the root
//   <base>/www2/evil.txt            a sibling whose name starts like the root's
//   <base>/www/...                  the root
struct SiteTree {
  fs::path base;
  fs::path root;

  SiteTree() {
    std::string pattern = (fs::temp_directory_path() / "encuentro-static-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    base = pattern;
    root = base / "www";
    write("secret.txt", "TOP SECRET", base);
    write("www2/evil.txt", "EVIL", base);
    for (const char* name : {"index.html",
                             "app.js",
                             "mod.mjs",
                             "style.css",
                             "data.json",
                             "logo.svg",
                             "a.png",
                             "b.jpg",
                             "c.webp",
                             "favicon.ico",
                             "font.woff2",
                             "notes.txt",
                             "app.js.map",
                             "manifest.webmanifest",
                             "x.wasm",
                             "sw.js",
                             "assets/index-3f2a9c.js",
                             "assets/index-77aa.css",
                             "sub/index.html",
                             "sub/page.txt",
                             ".env",
                             ".git/config",
                             "file with space.txt",
                             "ñandú.txt",
                             "%2e%2e/x.txt"}) {
      write(name, std::string("content of ") + name, root);
    }
    fs::create_directories(root / "empty-dir");
    fs::create_symlink("../secret.txt", root / "escape.txt");
    fs::create_symlink("..", root / "up");
    fs::create_symlink("../www2/evil.txt", root / "prefix.txt");
    fs::create_symlink(base / "secret.txt", root / "absolute.txt");
    fs::create_symlink("app.js", root / "inside-link.js");
    fs::create_symlink("sub", root / "sub-link");
    fs::create_symlink("missing-target.js", root / "dangling.js");
  }
  ~SiteTree() {
    std::error_code ec;
    fs::remove_all(base, ec);
  }
  SiteTree(const SiteTree&) = delete;
  SiteTree& operator=(const SiteTree&) = delete;

  static void write(const fs::path& relative, const std::string& text, const fs::path& under) {
    const fs::path path = under / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
};

}  // namespace

TEST_CASE("static files: ordinary targets resolve under the root") {
  const SiteTree tree;
  const StaticFiles files(tree.root);
  const fs::path root = fs::canonical(tree.root);

  struct Case {
    const char* target;
    fs::path expected;  // relative to the root
    std::string_view cache_control;
  };
  const std::vector<Case> cases{
      {"/", "index.html", "no-cache"},
      {"/index.html", "index.html", "no-cache"},
      {"/app.js", "app.js", "public, max-age=3600"},
      {"/app.js?v=3&x=%2e%2e", "app.js", "public, max-age=3600"},
      {"/assets/index-3f2a9c.js", "assets/index-3f2a9c.js", "public, max-age=31536000, immutable"},
      {"/assets/index-77aa.css", "assets/index-77aa.css", "public, max-age=31536000, immutable"},
      {"/sw.js", "sw.js", "no-cache"},
      {"/sub/", "sub/index.html", "no-cache"},
      {"/sub", "sub/index.html", "no-cache"},
      {"/sub/page.txt", "sub/page.txt", "public, max-age=3600"},
      {"/file%20with%20space.txt", "file with space.txt", "public, max-age=3600"},
      {"/%C3%B1and%C3%BA.txt", "ñandú.txt", "public, max-age=3600"},
      {"/%252e%252e/x.txt", "%2e%2e/x.txt", "public, max-age=3600"},  // decoded once only
      {"/inside-link.js", "app.js", "public, max-age=3600"},          // symlink inside the root
      {"/sub-link/page.txt", "sub/page.txt", "public, max-age=3600"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.target);
    const StaticResolution r = files.resolve(c.target);
    REQUIRE(r.file.has_value());
    CHECK(r.file->path == root / c.expected);
    CHECK(r.file->cache_control == c.cache_control);
    CHECK_FALSE(r.file->spa_fallback);
    CHECK(r.file->size == fs::file_size(root / c.expected));
    CHECK(r.file->mtime == fs::last_write_time(root / c.expected));
  }
}

TEST_CASE("static files: traversal and malformed targets are refused") {
  const SiteTree tree;
  const StaticFiles files(tree.root);

  struct Case {
    const char* target;
    StaticRefusal refusal;
  };
  using enum StaticRefusal;
  const std::vector<Case> cases{
      {"/../secret.txt", bad_target},
      {"/..", bad_target},
      {"/sub/../../secret.txt", bad_target},
      {"/sub/../index.html", bad_target},  // even when it would stay inside
      {"/./index.html", bad_target},
      {"/%2e%2e/secret.txt", bad_target},
      {"/%2E%2E/secret.txt", bad_target},
      {"/.%2e/secret.txt", bad_target},
      {"/sub/%2e%2e/%2e%2e/secret.txt", bad_target},
      {"/..%2fsecret.txt", bad_target},
      {"/..%2Fsecret.txt", bad_target},
      {"/%2e%2e%2fsecret.txt", bad_target},
      {"/sub%2f..%2f..%2fsecret.txt", bad_target},
      {"/%2Fetc%2Fpasswd", bad_target},
      {"/..\\secret.txt", bad_target},
      {"/..%5csecret.txt", bad_target},
      {"/%5C..%5Csecret.txt", bad_target},
      {"/app.js%00.png", bad_target},
      {"/%00", bad_target},
      {"//etc/passwd", bad_target},
      {"/sub//page.txt", bad_target},
      {"etc/passwd", bad_target},
      {"", bad_target},
      {"*", bad_target},
      {"http://example.org/index.html", bad_target},
      {"/%", bad_target},
      {"/%zz", bad_target},
      {"/%2", bad_target},
      {"/index.html#top", bad_target},
      {"/a\tb", bad_target},
      {"/a b", bad_target},
      {"/%0a", bad_target},
      {"/\x7f", bad_target},
      {"/\xc3\xb1", bad_target},  // raw non-ASCII must be percent-encoded
      {"/.env", not_found},       // hidden files are never served
      {"/.git/config", not_found},
      {"/%2eenv", not_found},
      {"/escape.txt", outside_root},
      {"/up/secret.txt", outside_root},
      {"/up/www2/evil.txt", outside_root},
      {"/prefix.txt", outside_root},
      {"/absolute.txt", outside_root},
      {"/dangling.js", not_found},
      {"/missing.js", not_found},
      {"/app.js/", not_found},
      {"/api/unknown", not_found},
      {"/api/v1/encuentros", not_found},
      {"/assets/missing", not_found},
      {"/assets/missing.js", not_found},
  };
  for (const Case& c : cases) {
    CAPTURE(c.target);
    const StaticResolution r = files.resolve(c.target);
    CHECK_FALSE(r.file.has_value());
    CHECK(r.refusal == c.refusal);
  }
}

TEST_CASE("static files: a resolved path is always under the canonical root") {
  const SiteTree tree;
  const StaticFiles files(tree.root);
  const std::string root = fs::canonical(tree.root).string() + "/";
  for (const char* target : {"/", "/app.js", "/sub/", "/inside-link.js", "/taller/2", "/up",
                             "/escape.txt", "/sub-link/page.txt"}) {
    CAPTURE(target);
    const StaticResolution r = files.resolve(target);
    if (r.file) CHECK(r.file->path.string().starts_with(root));
  }
}

TEST_CASE("static files: client-side routes fall back to index.html") {
  const SiteTree tree;
  const StaticFiles files(tree.root);
  for (const char* target : {"/taller/2", "/encuentro/e-7f3a/proyector", "/publico?x=1",
                             "/empty-dir", "/sub/unknown", "/up"}) {
    CAPTURE(target);
    const StaticResolution r = files.resolve(target);
    REQUIRE(r.file.has_value());
    CHECK(r.file->path == fs::canonical(tree.root / "index.html"));
    CHECK(r.file->content_type == "text/html; charset=utf-8");
    CHECK(r.file->cache_control == "no-cache");
    // "/up" is a directory symlink out of the root: its index is never used, only the fallback.
    CHECK(r.file->spa_fallback);
  }
}

TEST_CASE("static files: a root that does not exist serves nothing") {
  const StaticFiles files("/nonexistent/encuentro/root");
  CHECK(files.resolve("/").refusal == StaticRefusal::not_found);
  CHECK(files.resolve("/app.js").refusal == StaticRefusal::not_found);
  CHECK(files.resolve("/../etc/passwd").refusal == StaticRefusal::bad_target);
}

TEST_CASE("static files: content types by extension") {
  struct Case {
    const char* name;
    const char* type;
  };
  const std::vector<Case> cases{
      {"index.html", "text/html; charset=utf-8"},
      {"INDEX.HTML", "text/html; charset=utf-8"},
      {"app.js", "text/javascript; charset=utf-8"},
      {"mod.mjs", "text/javascript; charset=utf-8"},
      {"style.css", "text/css; charset=utf-8"},
      {"data.json", "application/json"},
      {"app.js.map", "application/json"},
      {"manifest.webmanifest", "application/manifest+json"},
      {"logo.svg", "image/svg+xml"},
      {"a.png", "image/png"},
      {"b.jpg", "image/jpeg"},
      {"b.JPEG", "image/jpeg"},
      {"c.webp", "image/webp"},
      {"favicon.ico", "image/x-icon"},
      {"font.woff2", "font/woff2"},
      {"notes.txt", "text/plain; charset=utf-8"},
      {"x.wasm", "application/wasm"},
      {"export.csv", "text/csv; charset=utf-8"},
      {"x.bin", "application/octet-stream"},
      {"README", "application/octet-stream"},
      {".htaccess", "application/octet-stream"},
      {"trailing.", "application/octet-stream"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(content_type_for(c.name) == c.type);
  }
}

TEST_CASE("static files: cache headers") {
  CHECK(cache_control_for("index.html") == "no-cache");
  CHECK(cache_control_for("sub/index.html") == "no-cache");
  CHECK(cache_control_for("sw.js") == "no-cache");
  CHECK(cache_control_for("service-worker.js") == "no-cache");
  CHECK(cache_control_for("assets/index-3f2a9c.js") == "public, max-age=31536000, immutable");
  CHECK(cache_control_for("assets/fonts/x.woff2") == "public, max-age=31536000, immutable");
  CHECK(cache_control_for("assets/page.html") == "no-cache");  // HTML is never immutable
  CHECK(cache_control_for("app.js") == "public, max-age=3600");
  CHECK(cache_control_for("favicon.ico") == "public, max-age=3600");
  CHECK(cache_control_for("sub/assets/x.js") == "public, max-age=3600");  // only top-level assets/
}

TEST_CASE("static files: ETag is strong, quoted and changes with size or time") {
  const auto t = fs::file_time_type(std::chrono::seconds(1'700'000'000));
  const std::string tag = make_etag(1234, t);
  CHECK(tag.front() == '"');
  CHECK(tag.back() == '"');
  CHECK_FALSE(tag.starts_with("W/"));
  CHECK(tag == make_etag(1234, t));
  CHECK(tag != make_etag(1235, t));
  CHECK(tag != make_etag(1234, t + std::chrono::nanoseconds(1)));
}

TEST_CASE("static files: If-None-Match") {
  const std::string tag = "\"4d2-abc\"";
  CHECK(etag_matches("\"4d2-abc\"", tag));
  CHECK(etag_matches("W/\"4d2-abc\"", tag));  // weak comparison for If-None-Match
  CHECK(etag_matches("\"zzz\", \"4d2-abc\"", tag));
  CHECK(etag_matches("\"zzz\",\t\"4d2-abc\" ", tag));
  CHECK(etag_matches("*", tag));
  CHECK_FALSE(etag_matches("\"4d2-abd\"", tag));
  CHECK_FALSE(etag_matches("4d2-abc", tag));  // unquoted is not the same tag
  CHECK_FALSE(etag_matches("", tag));
  CHECK_FALSE(etag_matches(",", tag));
}

TEST_CASE("static files: HTTP dates") {
  using std::chrono::system_clock;
  CHECK(http_date(system_clock::time_point{}) == "Thu, 01 Jan 1970 00:00:00 GMT");
  CHECK(http_date(system_clock::from_time_t(1795341600)) == "Sun, 22 Nov 2026 10:00:00 GMT");
  CHECK(http_date(system_clock::from_time_t(951782400)) == "Tue, 29 Feb 2000 00:00:00 GMT");
  const auto file_time = std::chrono::file_clock::from_sys(system_clock::from_time_t(1795341600));
  CHECK(http_date(file_time) == "Sun, 22 Nov 2026 10:00:00 GMT");
}

}  // namespace encuentro::transport
