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

#include <functional>

#include "app/encuentro_service.hpp"
#include "domain/calendar.hpp"
#include "transport/router.hpp"

namespace encuentro::transport {

// Today's civil date, for overdue flags and monitoring cuts.
using TodayFn = std::function<domain::Date()>;

// REQUIRES: the router is not serving yet; `service` outlives it. An empty `today` means the
// system clock in the service's zone (app::civil_date(app::system_now(), utc_offset_minutes)).
void register_public_routes(Router& router, const app::EncuentroService& service,
                            TodayFn today = {});

}  // namespace encuentro::transport
