#include "transport/observation_api.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "domain/commands.hpp"
#include "domain/decide.hpp"
#include "protocol/codec.hpp"
#include "protocol/public_view.hpp"
#include "protocol/untrusted_json.hpp"

namespace encuentro::transport {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// The actor every public observation is recorded under: nothing about the writer (not even the
// address) goes into the log. Op ids are scoped by actor, so they share one namespace; they are
// random per draft, so they do not collide.
constexpr std::string_view kPublicActor = "public";

RouteResponse error(unsigned status, std::string_view code, std::string_view message,
                    std::string_view field = {}) {
  json body = {{"code", code}, {"message", message}};
  if (!field.empty()) body["field"] = field;
  return json_response(status, {{"error", std::move(body)}});
}

bool valid_op(std::string_view op) {
  if (op.size() < 8 || op.size() > 64) return false;
  return std::all_of(op.begin(), op.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
  });
}

bool is_json(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view media = content_type.substr(0, semicolon);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (media.size() != 16) return false;
  std::string lower(media);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "application/json";
}

// Token buckets: one per client address and one for the whole server.
class Limiter {
 public:
  Limiter(ObservationLimits limits, SteadyNow now) : limits_(limits), now_(std::move(now)) {}

  // 0 when admitted (a token was taken); otherwise the seconds to wait.
  int admit(std::string_view address) {
    const Clock::time_point now = now_();
    std::lock_guard lock(mutex_);
    if (addresses_.size() > kMaxTracked) prune(now);
    Bucket& mine = addresses_[std::string(address)];
    refill(mine, now, limits_.per_address_burst, per_address_rate());
    refill(total_, now, limits_.total_burst, total_rate());
    if (mine.tokens < 1) return wait_s(mine, per_address_rate());
    if (total_.tokens < 1) return wait_s(total_, total_rate());
    mine.tokens -= 1;
    total_.tokens -= 1;
    return 0;
  }

 private:
  struct Bucket {
    double tokens = -1;  // < 0: new, starts full
    Clock::time_point at{};
  };
  static constexpr std::size_t kMaxTracked = 100'000;

  double per_address_rate() const {  // tokens per second
    return 1.0 / static_cast<double>(std::max<long long>(1, limits_.per_address_refill.count()));
  }
  double total_rate() const { return std::max(1, limits_.total_per_minute) / 60.0; }

  static void refill(Bucket& b, Clock::time_point now, int burst, double rate) {
    if (b.tokens < 0) {
      b.tokens = burst;
    } else {
      const double elapsed = std::chrono::duration<double>(now - b.at).count();
      b.tokens = std::min<double>(burst, b.tokens + std::max(0.0, elapsed) * rate);
    }
    b.at = now;
  }
  static int wait_s(const Bucket& b, double rate) {
    return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / rate)));
  }
  // Forgets addresses whose bucket is full again (they would start full anyway).
  void prune(Clock::time_point now) {
    for (auto it = addresses_.begin(); it != addresses_.end();) {
      refill(it->second, now, limits_.per_address_burst, per_address_rate());
      it = it->second.tokens >= limits_.per_address_burst ? addresses_.erase(it) : std::next(it);
    }
  }

  const ObservationLimits limits_;
  const SteadyNow now_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> addresses_;  // guarded by mutex_
  Bucket total_;                                       // guarded by mutex_
};

unsigned status_of(domain::RejectionCode code) {
  switch (code) {
    case domain::RejectionCode::invalid_argument:
      return 400;
    case domain::RejectionCode::not_found:
      return 404;
    default:
      return 409;
  }
}

class ObservationApi {
 public:
  ObservationApi(app::EncuentroService& service, ObservationLimits limits, SteadyNow now)
      : service_(service), limits_(limits), limiter_(limits, std::move(now)) {}

  RouteResponse submit(const RouteRequest& request) {
    if (request.params.size() != 2) return not_found();
    const std::string encuentro_id(request.params[0]);
    bool published = false;
    service_.read(encuentro_id,
                  [&](const domain::Encuentro& e) { published = protocol::is_public(e); });
    if (!published) return not_found();

    if (!is_json(request.content_type))
      return error(415, "unsupported_media_type", "send the observation as application/json");
    if (request.body.size() > limits_.max_body_bytes)
      return error(413, "too_large", "the observation is larger than the server accepts");
    auto parsed = protocol::parse_untrusted(request.body, 4, limits_.max_body_bytes);
    if (!parsed) return error(400, "bad_json", parsed.error().message);
    json body = std::move(*parsed);
    if (!body.is_object()) return error(400, "invalid_field", "the body must be a JSON object");
    if (body.contains("commitment_id"))
      return error(400, "unknown_field", "the commitment is named by the path", "commitment_id");
    const auto op = body.find("op");
    if (op == body.end()) return error(400, "missing_field", "op is required", "op");
    if (!op->is_string() || !valid_op(op->get_ref<const std::string&>()))
      return error(400, "invalid_field", "op: 8 to 64 letters, digits, '-' or '_'", "op");
    const std::string op_id = op->get<std::string>();
    body.erase("op");
    body["commitment_id"] = std::string(request.params[1]);
    auto command = protocol::decode_command("observation.submit", body);
    if (!command) {
      const auto& e = command.error();
      return error(400, e.code, e.message, e.field);
    }

    if (const int wait = limiter_.admit(request.remote_address); wait > 0) {
      RouteResponse response = json_response(
          429, {{"error",
                 {{"code", "rate_limited"},
                  {"message", "too many observations from here; try again later"},
                  {"retry_after_s", wait}}}});
      response.headers.emplace_back("Retry-After", std::to_string(wait));
      return response;
    }
    app::Request command_request;
    command_request.encuentro_id = encuentro_id;
    command_request.command = std::move(*command);
    command_request.actor = std::string(kPublicActor);
    command_request.op_id = op_id;
    const app::Outcome outcome = service_.execute(command_request);
    switch (outcome.kind) {
      case app::Outcome::Kind::applied:
      case app::Outcome::Kind::duplicate:
        return accepted(encuentro_id, outcome.first_seq);
      case app::Outcome::Kind::rejected: {
        const auto& r = outcome.rejection;
        if (r.code == domain::RejectionCode::not_found)
          return error(404, "not_found", "no such commitment in this published encuentro");
        const auto field = r.details.find("field");
        return error(status_of(r.code), domain::rejection_code_name(r.code), r.message,
                     field == r.details.end() ? std::string_view() : field->second);
      }
      case app::Outcome::Kind::unavailable:
        return error(503, "storage_unavailable", "the observation could not be saved; try again");
      case app::Outcome::Kind::refused:
        break;
    }
    return error(500, "internal", "internal server error");
  }

 private:
  static RouteResponse not_found() {
    return error(404, "not_found", "no published encuentro with this id");
  }

  // 202 with the observation's id, read back from the event the op produced (the first time or
  // now), so that a retried post learns the same id.
  RouteResponse accepted(const std::string& encuentro_id, std::int64_t seq) const {
    json body = {{"status", "pending"}};
    if (auto recorded = service_.event_at(encuentro_id, seq)) {
      if (const auto* e = std::get_if<domain::ev::ObservationSubmitted>(&recorded->event)) {
        body["id"] = e->observation.id;
      }
    }
    return json_response(202, body);
  }

  app::EncuentroService& service_;
  const ObservationLimits limits_;
  Limiter limiter_;
};

}  // namespace

void register_observation_routes(Router& router, app::EncuentroService& service,
                                 ObservationLimits limits, SteadyNow now) {
  if (!now) now = [] { return Clock::now(); };
  const auto api = std::make_shared<ObservationApi>(service, limits, std::move(now));
  router.add("POST", "/api/public/encuentros/{id}/commitments/{cid}/observations",
             [api](const RouteRequest& request) { return api->submit(request); });
}

}  // namespace encuentro::transport
