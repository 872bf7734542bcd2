#include "transport/public_api.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

std::string_view resource_name(Resource resource) {
  switch (resource) {
    case Resource::detail:
      return "detail";
    case Resource::dataset:
      return "dataset";
    case Resource::feed:
      return "feed";
    case Resource::commitment_feed:
      return "commitment-feed";
  }
  return "";
}

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

// The response, its body moved to shared storage: what the cache keeps and hands out.
std::shared_ptr<const RouteResponse> share(RouteResponse response) {
  response.shared_body = std::make_shared<const std::string>(std::move(response.body));
  response.body.clear();
  return std::make_shared<const RouteResponse>(std::move(response));
}

// Encoded responses by resource key, each with the tag it was built for (public_api.hpp,
// "Response cache"). Bounded by entries and body bytes; past a bound the entries first inserted
// are dropped first. Thread-safe; the mutex is held for a look-up or an insertion only.
class ResponseCache {
 public:
  explicit ResponseCache(PublicCacheLimits limits) : limits_(limits) {}

  // What is kept for `key` if it was built for `tag`; null otherwise (counted as a miss).
  std::shared_ptr<const RouteResponse> find(const std::string& key, const std::string& tag) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end() || it->second.tag != tag) {
      ++misses_;
      return nullptr;
    }
    ++hits_;
    return it->second.response;
  }

  // Keeps `response` for `key`, replacing what was kept for it. Two threads that missed the same
  // key at different tags may store out of order: the later look-up then misses and rebuilds,
  // never serves the wrong tag.
  void store(const std::string& key, std::string tag, std::shared_ptr<const RouteResponse> response) {
    const std::size_t size = response->body_text().size();
    if (limits_.max_entries == 0 || size > limits_.max_bytes) return;
    const std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      entries_.emplace(key, Entry{std::move(tag), std::move(response), size});
      order_.push_back(key);
    } else {
      bytes_ -= it->second.bytes;
      it->second = Entry{std::move(tag), std::move(response), size};
    }
    bytes_ += size;
    while (entries_.size() > limits_.max_entries || bytes_ > limits_.max_bytes) {
      const auto oldest = entries_.find(order_.front());
      bytes_ -= oldest->second.bytes;
      entries_.erase(oldest);
      order_.pop_front();
      ++evictions_;
    }
  }

  PublicCacheStats stats() const {
    const std::lock_guard lock(mutex_);
    return {entries_.size(), bytes_, hits_, misses_, evictions_};
  }

 private:
  struct Entry {
    std::string tag;
    std::shared_ptr<const RouteResponse> response;
    std::size_t bytes = 0;
  };
  const PublicCacheLimits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::string> order_;  // every key of entries_ once, oldest insertion first
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
  std::uint64_t evictions_ = 0;
};

class PublicApi {
 public:
  PublicApi(const app::EncuentroService& service, TodayFn today, PublicCacheLimits limits)
      : service_(service), today_(std::move(today)), cache_(limits) {
    if (!today_) {
      today_ = [&service] {
        return app::civil_date(app::system_now(), service.utc_offset_minutes());
      };
    }
  }

  PublicCacheStats cache_stats() const { return cache_.stats(); }

  RouteResponse list(const RouteRequest& request) const {
    const domain::Date today = today_();
    // The tag first (ids and seqs only), for If-None-Match and the cache; then, on a miss, the
    // list, with the tag of what was actually read.
    std::string tag = public_set_tag("list.", today, nullptr);
    if (fresh(request, tag)) return not_modified(tag);
    const std::string key = "list";
    if (auto hit = cache_.find(key, tag)) return *hit;
    struct Item {
      std::string date;
      std::string id;
      json summary;
    };
    std::vector<Item> items;
    tag = public_set_tag("list.", today, [&](const domain::Encuentro& e) {
      items.push_back({e.details.date.iso(), e.id, protocol::public_summary(e, today)});
    });
    // Newest first.
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.date != b.date ? a.date > b.date : a.id < b.id;
    });
    json list = json::array();
    for (auto& item : items) list.push_back(std::move(item.summary));
    return keep(key, tag,
                json_response(200, {{"as_of", today.iso()}, {"encuentros", std::move(list)}}));
  }

  // GET /api/public/encuentros.{csv,json}: one row per published encuentro.
  RouteResponse encuentros_dataset(const RouteRequest& request, bool csv) const {
    const domain::Date today = today_();
    const std::string_view prefix = csv ? "encuentros-csv." : "encuentros-json.";
    std::string tag = public_set_tag(prefix, today, nullptr);
    if (fresh(request, tag)) return not_modified(tag);
    const std::string key = csv ? "encuentros.csv" : "encuentros.json";
    if (auto hit = cache_.find(key, tag)) return *hit;
    std::vector<std::pair<std::string, json>> dated;
    tag = public_set_tag(prefix, today, [&](const domain::Encuentro& e) {
      dated.emplace_back(e.details.date.iso() + "/" + e.id, protocol::encuentro_row(e, today));
    });
    std::sort(dated.begin(), dated.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });  // newest first
    json rows = json::array();
    for (auto& [date_id, row] : dated) rows.push_back(std::move(row));
    return keep(key, tag, download(*protocol::find_dataset("encuentros"), rows, "", csv));
  }

  RouteResponse dictionary(const RouteRequest& request) const {
    const std::string tag = "\"" + std::string(kViewVersion) + "-dictionary\"";
    if (fresh(request, tag)) return not_modified(tag);
    const std::string key = "dictionary";
    if (auto hit = cache_.find(key, tag)) return *hit;
    RouteResponse response = json_response(200, protocol::data_dictionary());
    response.cache_control = "public, max-age=3600";
    response.headers.emplace_back("ETag", tag);
    const auto shared = share(std::move(response));
    cache_.store(key, tag, shared);
    return *shared;
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
    std::string key;  // the cache's: the resource, without seq and date
    bool is_fresh = false;
    std::shared_ptr<const RouteResponse> hit;
    json body;
    std::string text;  // CSV or Atom
    bool known_commitment = true;
    // Under the encuentro's lock: check, look up the cache, or shape the view; serialise after
    // the lock is released.
    service_.read(id, [&](const domain::Encuentro& e) {
      if (!protocol::is_public(e)) return;
      found = true;
      std::string content = e.id + "." + std::to_string(e.seq);
      key = std::string(resource_name(resource)) + "/" + e.id;
      if (resource == Resource::commitment_feed) {
        known_commitment = request.params.size() > 1 && e.commitment(request.params[1]) != nullptr;
        if (!known_commitment) return;
        content += "." + std::string(request.params[1]);
        key += "/" + std::string(request.params[1]);
      }
      if (dataset) {
        const std::string file = "." + std::string(dataset->slug) + (csv ? ".csv" : ".json");
        content += file;
        key += "/" + file.substr(1);
      }
      tag = make_tag(content, today);
      is_fresh = fresh(request, tag);
      if (is_fresh) return;
      hit = cache_.find(key, tag);
      if (hit) return;
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
    if (hit) return *hit;
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
    return keep(key, tag, std::move(response));
  }

 private:
  // The tag of the set of public encuentros (their ids and seqs, hashed), each read under its
  // lock; `visit`, when given, is called for each under that same lock.
  std::string public_set_tag(std::string_view prefix, domain::Date today,
                             const std::function<void(const domain::Encuentro&)>& visit) const {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const std::string& id : service_.encuentro_ids()) {
      service_.read(id, [&](const domain::Encuentro& e) {
        if (!protocol::is_public(e)) return;
        mix(hash, e.id);
        mix(hash, std::to_string(e.seq));
        if (visit) visit(e);
      });
    }
    char hex[24];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return make_tag(std::string(prefix) + hex, today);
  }

  // The response with its validators, kept in the cache under `key` for `tag`.
  RouteResponse keep(const std::string& key, const std::string& tag, RouteResponse response) const {
    const auto shared = share(with_validators(std::move(response), tag));
    cache_.store(key, tag, shared);
    return *shared;
  }

  const app::EncuentroService& service_;
  TodayFn today_;
  mutable ResponseCache cache_;
};

}  // namespace

PublicCacheProbe register_public_routes(Router& router, const app::EncuentroService& service,
                                        TodayFn today, PublicCacheLimits limits) {
  const auto api = std::make_shared<const PublicApi>(service, std::move(today), limits);
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
  return [api] { return api->cache_stats(); };
}

}  // namespace encuentro::transport
