#pragma once

// Veeduría: anyone may leave a follow-up observation on a published commitment, without a login
// (encuentro.md, "Publication and follow-up"; issue 5). It waits for the organizer's moderation
// (observation.moderate over the live protocol) and is public only once approved.
//
//   POST /api/public/encuentros/{id}/commitments/{cid}/observations
//   Content-Type: application/json
//   {"op": "<client-made id>", "text": "…", "alias": "…"}        alias optional
//   → 202 {"id": "o3", "status": "pending"}                      a repeated op: the same answer
//
// Errors, as {"error": {"code", "message", "field"?}}: 400 bad_json / invalid_field /
// missing_field / unknown_field, 404 not_found (no published encuentro or commitment; unpublished
// ids do not leak), 409 a rule (wrong_phase, too_many_pending), 413 too_large, 415
// unsupported_media_type, 429 rate_limited (Retry-After and retry_after_s), 503
// storage_unavailable. Nothing is written on an error.
//
// Why JSON only: a cross-site HTML form cannot send application/json without a CORS preflight,
// which this server never grants, so another site cannot post in a visitor's name.
// Rate limits: per client address and in total (ObservationLimits). Every well-formed post counts,
// a repeat included; a malformed one is refused before it costs anything but parsing.

#include <chrono>
#include <cstddef>
#include <functional>

#include "app/encuentro_service.hpp"
#include "transport/router.hpp"

namespace encuentro::transport {

struct ObservationLimits {
  // Per address: a bucket of `per_address_burst` posts, refilled one every `per_address_refill`.
  int per_address_burst = 5;
  std::chrono::seconds per_address_refill{120};
  // The whole server: a bucket of `total_burst`, refilled `total_per_minute` a minute.
  int total_burst = 120;
  int total_per_minute = 120;
  std::size_t max_body_bytes = 16 * 1024;
};

using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;

// REQUIRES: the router is not serving yet; `service` outlives it. `now` defaults to steady_clock.
void register_observation_routes(Router& router, app::EncuentroService& service,
                                 ObservationLimits limits = {}, SteadyNow now = {});

}  // namespace encuentro::transport
