#include "transport/public_api.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/open_data.hpp"
#include "protocol/public_feed.hpp"
#include "protocol/public_view.hpp"
#include "transport/static_files.hpp"

namespace encuentro::transport {
namespace {

using nlohmann::json;

constexpr std::string_view kCacheControl = "public, max-age=5";
// Bump when the shape of the public view changes, so caches do not keep the old one.
constexpr std::string_view kViewVersion = "v1";

enum class Resource { detail, dataset, feed, commitment_feed };

// An open-data download: CSV or JSON rows, with a file name a person recognises.
RouteResponse download(const protocol::DatasetInfo& info, const nlohmann::json& rows,
                       std::string_view id, bool csv) {
  RouteResponse response;
  if (csv) {
    response.content_type = "text/csv; charset=utf-8";
    response.body = protocol::to_csv(info, rows);
  } else {
    response = json_response(200, rows);
  }
  std::string file(info.file);
  if (!id.empty()) file += "-" + std::string(id);
  file += csv ? ".csv" : ".json";
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
  return response;
}

// "\"v1-e-cascajal-2026.812-2026-11-22\"": `key` names the content (encuentro ids are a-z, 0-9
// and '-', the domain's rule), today's date is there because overdue flags change with it.
std::string make_tag(std::string_view key, domain::Date today) {
  std::string tag = "\"";
  tag += kViewVersion;
  tag += '-';
  tag += key;
  tag += '-';
  tag += today.iso();
  tag += '"';
  return tag;
}

RouteResponse not_found() {
  // One answer for unknown and unpublished ids: it must not echo the id nor say which it was.
  return json_error(404, "not_found", "no published encuentro with this id");
}

RouteResponse with_validators(RouteResponse response, const std::string& tag) {
  response.cache_control = std::string(kCacheControl);
  response.headers.emplace_back("ETag", tag);
  return response;
}

RouteResponse not_modified(const std::string& tag) {
  RouteResponse response;
  response.status = 304;
  return with_validators(std::move(response), tag);
}

bool fresh(const RouteRequest& request, const std::string& tag) {
  return !request.if_none_match.empty() && etag_matches(request.if_none_match, tag);
}

// 64-bit FNV-1a, for the list's validator.
void mix(std::uint64_t& hash, std::string_view bytes) {
  for (const char ch : bytes) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 0x100000001b3ULL;
  }
  hash ^= 0xff;  // field separator
  hash *= 0x100000001b3ULL;
}

class PublicApi {
 public:
  PublicApi(const app::EncuentroService& service, TodayFn today)
      : service_(service), today_(std::move(today)) {
    if (!today_) {
      today_ = [&service] {
        return app::civil_date(app::system_now(), service.utc_offset_minutes());
      };
    }
  }

  RouteResponse list(const RouteRequest& request) const {
    const domain::Date today = today_();
    struct Item {
      std::string date;
      std::string id;
      json summary;
    };
    std::vector<Item> items;
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const std::string& id : service_.encuentro_ids()) {
      service_.read(id, [&](const domain::Encuentro& e) {
        if (!protocol::is_public(e)) return;
        mix(hash, e.id);
        mix(hash, std::to_string(e.seq));
        items.push_back({e.details.date.iso(), e.id, protocol::public_summary(e, today)});
      });
    }
    char hex[24];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    const std::string tag = make_tag(std::string("list.") + hex, today);
    if (fresh(request, tag)) return not_modified(tag);
    // Newest first.
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.date != b.date ? a.date > b.date : a.id < b.id;
    });
    json list = json::array();
    for (auto& item : items) list.push_back(std::move(item.summary));
    return with_validators(
        json_response(200, {{"as_of", today.iso()}, {"encuentros", std::move(list)}}), tag);
  }

  // GET /api/public/encuentros.{csv,json}: one row per published encuentro.
  RouteResponse encuentros_dataset(const RouteRequest& request, bool csv) const {
    const domain::Date today = today_();
    json rows = json::array();
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    std::vector<std::pair<std::string, json>> dated;
    for (const std::string& id : service_.encuentro_ids()) {
      service_.read(id, [&](const domain::Encuentro& e) {
        if (!protocol::is_public(e)) return;
        mix(hash, e.id);
        mix(hash, std::to_string(e.seq));
        dated.emplace_back(e.details.date.iso() + "/" + e.id, protocol::encuentro_row(e, today));
      });
    }
    char hex[24];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    const std::string tag =
        make_tag(std::string(csv ? "encuentros-csv." : "encuentros-json.") + hex, today);
    if (fresh(request, tag)) return not_modified(tag);
    std::sort(dated.begin(), dated.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });  // newest first
    for (auto& [key, row] : dated) rows.push_back(std::move(row));
    return with_validators(download(*protocol::find_dataset("encuentros"), rows, "", csv), tag);
  }

  RouteResponse dictionary(const RouteRequest& request) const {
    const std::string tag = "\"" + std::string(kViewVersion) + "-dictionary\"";
    if (fresh(request, tag)) return not_modified(tag);
    RouteResponse response = json_response(200, protocol::data_dictionary());
    response.cache_control = "public, max-age=3600";
    response.headers.emplace_back("ETag", tag);
    return response;
  }

  // `dataset` and `csv` say which download, for Resource::dataset.
  RouteResponse encuentro(const RouteRequest& request, Resource resource,
                          const protocol::DatasetInfo* dataset = nullptr, bool csv = false) const {
    if (request.params.empty()) return not_found();
    const std::string id(request.params.front());
    const domain::Date today = today_();
    const int utc_offset = service_.utc_offset_minutes();
    bool found = false;
    std::string tag;
    bool is_fresh = false;
    json body;
    std::string text;  // CSV or Atom
    bool known_commitment = true;
    // Under the encuentro's lock: check, then shape the view; serialise after the lock is released.
    service_.read(id, [&](const domain::Encuentro& e) {
      if (!protocol::is_public(e)) return;
      found = true;
      std::string key = e.id + "." + std::to_string(e.seq);
      if (resource == Resource::commitment_feed) {
        known_commitment = request.params.size() > 1 && e.commitment(request.params[1]) != nullptr;
        if (!known_commitment) return;
        key += "." + std::string(request.params[1]);
      }
      if (dataset) key += "." + std::string(dataset->slug) + (csv ? ".csv" : ".json");
      tag = make_tag(key, today);
      is_fresh = fresh(request, tag);
      if (is_fresh) return;
      switch (resource) {
        case Resource::detail:
          body = protocol::public_encuentro(e, today, utc_offset);
          break;
        case Resource::dataset:
          body = protocol::dataset_rows(dataset->id, e, today, utc_offset);
          break;
        case Resource::feed:
          text = protocol::encuentro_feed(e);
          break;
        case Resource::commitment_feed:
          text = protocol::commitment_feed(e, request.params[1]).value_or(std::string());
          break;
      }
    });
    if (!found) return not_found();
    if (!known_commitment)
      return json_error(404, "not_found", "no such commitment in this published encuentro");
    if (is_fresh) return not_modified(tag);
    RouteResponse response;
    switch (resource) {
      case Resource::detail:
        response = json_response(200, body);
        break;
      case Resource::dataset:
        response = download(*dataset, body, id, csv);
        break;
      case Resource::feed:
      case Resource::commitment_feed:
        response.content_type = "application/atom+xml; charset=utf-8";
        response.body = std::move(text);
        break;
    }
    return with_validators(std::move(response), tag);
  }

 private:
  const app::EncuentroService& service_;
  TodayFn today_;
};

}  // namespace

void register_public_routes(Router& router, const app::EncuentroService& service, TodayFn today) {
  const auto api = std::make_shared<const PublicApi>(service, std::move(today));
  router.add("GET", "/api/public/encuentros",
             [api](const RouteRequest& request) { return api->list(request); });
  router.add("GET", "/api/public/encuentros/{id}", [api](const RouteRequest& request) {
    return api->encuentro(request, Resource::detail);
  });
  router.add("GET", "/api/public/encuentros.csv",
             [api](const RouteRequest& request) { return api->encuentros_dataset(request, true); });
  router.add("GET", "/api/public/encuentros.json", [api](const RouteRequest& request) {
    return api->encuentros_dataset(request, false);
  });
  router.add("GET", "/api/public/data-dictionary.json",
             [api](const RouteRequest& request) { return api->dictionary(request); });
  for (const protocol::DatasetInfo& info : protocol::datasets()) {
    if (info.id == protocol::Dataset::encuentros) continue;
    for (const bool csv : {true, false}) {
      const std::string path = "/api/public/encuentros/{id}/" + std::string(info.slug) +
                               (csv ? ".csv" : ".json");
      router.add("GET", path, [api, &info, csv](const RouteRequest& request) {
        return api->encuentro(request, Resource::dataset, &info, csv);
      });
    }
  }
  router.add("GET", "/api/public/encuentros/{id}/feed.atom",
             [api](const RouteRequest& request) { return api->encuentro(request, Resource::feed); });
  router.add("GET", "/api/public/encuentros/{id}/commitments/{cid}/feed.atom",
             [api](const RouteRequest& request) {
               return api->encuentro(request, Resource::commitment_feed);
             });
}

}  // namespace encuentro::transport
