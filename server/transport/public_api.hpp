#pragma once

// The public read API: published results for anyone, without a login (encuentro.md, "Publication
// and follow-up"; shared/README.md, "Public HTTP API").
//
//   GET /api/public/encuentros                              published encuentros, with counts
//   GET /api/public/encuentros/{id}                         the published results of one
//   GET /api/public/encuentros.{csv,json}                   open data: one row per encuentro
//   GET /api/public/encuentros/{id}/{dataset}.{csv,json}    open data (attachment): proposals,
//                                                           answers, commitments, progress,
//                                                           observations (protocol/open_data.hpp)
//   GET /api/public/data-dictionary.json                    every dataset's columns, explained
//   GET /api/public/encuentros/{id}/feed.atom               Atom: answers, commitments, progress
//   GET /api/public/encuentros/{id}/commitments/{cid}/feed.atom   one commitment's updates
//
// Only encuentros in phase published, follow_up or closed exist here: an unknown id and an
// unpublished one get the same 404, so unpublished ids do not leak. The JSON and CSV shapes live in
// protocol/public_view.hpp, which lets no personal data through.
//
// Caching: `Cache-Control: public, max-age=5` and a strong ETag made of the view's format version,
// the encuentro id, its seq and today's date (overdue flags change with the calendar, R11); a
// matching If-None-Match gets 304. Handlers hold an encuentro's lock only while they shape its
// view.
//
// Response cache: the ETag names the content, so each encoded response (validators attached) is
// kept by resource (list; encuentros dataset; or encuentro id + resource + dataset + format +
// commitment id) with its tag. A GET computes the tag (the encuentro's seq under its lock, or for
// the list and the encuentros dataset a hash of every public encuentro's id and seq) and, when the
// cached tag is the same, answers with the cached bytes, shared, not rebuilt nor copied. A new
// event or a new day makes a new tag, so a change is served at once; the stale entry is replaced
// by the next GET of that resource. Bounded by PublicCacheLimits: past either bound the oldest
// entries (by first insertion) are dropped; a response larger than max_bytes is not kept.
// Thread-safe: one mutex, held only to look up, insert or count, never while building a view.

#include <cstddef>
#include <cstdint>
#include <functional>

#include "app/encuentro_service.hpp"
#include "domain/calendar.hpp"
#include "transport/router.hpp"

namespace encuentro::transport {

// Today's civil date, for overdue flags and monitoring cuts.
using TodayFn = std::function<domain::Date()>;

struct PublicCacheLimits {
  std::size_t max_entries = 4096;
  std::size_t max_bytes = std::size_t{64} << 20;  // bodies; 64 MiB
};

// What the response cache holds and has done, for tests and diagnosis.
struct PublicCacheStats {
  std::size_t entries = 0;
  std::size_t bytes = 0;
  std::uint64_t hits = 0;       // 200s answered from the cache
  std::uint64_t misses = 0;     // 200s built (and kept, unless too large)
  std::uint64_t evictions = 0;  // entries dropped to stay within the limits
};
using PublicCacheProbe = std::function<PublicCacheStats()>;

// REQUIRES: the router is not serving yet; `service` outlives it. An empty `today` means the
// system clock in the service's zone (app::civil_date(app::system_now(), utc_offset_minutes)).
// Returns a probe of the routes' response cache (callable from any thread).
PublicCacheProbe register_public_routes(Router& router, const app::EncuentroService& service,
                                        TodayFn today = {}, PublicCacheLimits limits = {});

}  // namespace encuentro::transport
