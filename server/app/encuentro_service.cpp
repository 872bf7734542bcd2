#include "app/encuentro_service.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "app/log.hpp"
#include "domain/apply.hpp"
#include "protocol/codec.hpp"
#include "storage/storage_error.hpp"

namespace encuentro::app {
namespace {

constexpr domain::Timestamp kMillisPerDay = 24LL * 60 * 60 * 1000;

// The result stored with an op id, returned as is on a repeat.
std::string op_result(std::int64_t first_seq, std::int64_t last_seq) {
  return "{\"first_seq\":" + std::to_string(first_seq) +
         ",\"last_seq\":" + std::to_string(last_seq) + "}";
}

domain::Recorded decode_record(const storage::EventRecord& r) {
  auto decoded = protocol::decode_event(r.type, r.payload);
  if (auto* err = std::get_if<protocol::DecodeError>(&decoded)) {
    // Code and field only: the message may quote the payload, which can hold personal data.
    throw std::runtime_error("event log of " + r.encuentro_id + " unreadable at seq " +
                             std::to_string(r.seq) + " (" + r.type + "): " + err->code + " " +
                             err->field);
  }
  return domain::Recorded{r.seq, r.at_ms, r.actor, std::move(std::get<domain::Event>(decoded))};
}

}  // namespace

domain::Timestamp system_now() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

domain::Date civil_date(domain::Timestamp now, int utc_offset_minutes) {
  const domain::Timestamp local = now + static_cast<domain::Timestamp>(utc_offset_minutes) * 60'000;
  const domain::Timestamp days =
      local >= 0 ? local / kMillisPerDay : (local - kMillisPerDay + 1) / kMillisPerDay;
  return domain::Date{static_cast<std::int32_t>(days)};
}

EncuentroService::EncuentroService(Options options)
    : options_(std::move(options)), store_(std::make_unique<storage::EventStore>(options_.store)) {
  for (const auto& id : store_->encuentro_ids()) {
    auto r = std::make_unique<Room>();
    load(id, *r);
    rooms_.emplace(id, std::move(r));
  }
}

EncuentroService::~EncuentroService() = default;

void EncuentroService::load(const std::string& encuentro_id, Room& r) {
  std::int64_t after = 0;
  if (auto snap = store_->latest_snapshot(encuentro_id)) {
    auto decoded = protocol::decode_snapshot(snap->payload);
    if (auto* state = std::get_if<domain::Encuentro>(&decoded); state && state->seq == snap->seq) {
      r.state = std::move(*state);
      r.snapshot_seq = snap->seq;
      after = snap->seq;
    }
    // Otherwise (an older snapshot format, say) the whole log is replayed: slower, same state.
  }
  store_->for_each_event(encuentro_id, after, [&](const storage::EventRecord& rec) {
    domain::apply(r.state, decode_record(rec));
  });
}

EncuentroService::Room* EncuentroService::room(const std::string& encuentro_id) const {
  std::shared_lock lock(rooms_mutex_);
  auto it = rooms_.find(encuentro_id);
  return it == rooms_.end() ? nullptr : it->second.get();
}

EncuentroService::Room& EncuentroService::room_or_create(const std::string& encuentro_id) {
  if (Room* r = room(encuentro_id)) return *r;
  std::unique_lock lock(rooms_mutex_);
  auto& slot = rooms_[encuentro_id];
  if (!slot) slot = std::make_unique<Room>();
  return *slot;
}

Outcome EncuentroService::execute(const Request& request) {
  return execute_at(request, options_.clock());
}

// Op ids are made by clients: 1 to 128 visible ASCII characters (a UUID fits).
bool valid_op_id(const std::string& op) {
  return !op.empty() && op.size() <= 128 &&
         std::all_of(op.begin(), op.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

Outcome EncuentroService::execute_at(const Request& request, domain::Timestamp now) {
  Outcome out;
  if (request.op_id && !valid_op_id(*request.op_id)) {
    out.rejection = {domain::RejectionCode::invalid_argument,
                     "op: 1-128 visible ASCII characters",
                     {{"field", "op"}}};
    return out;
  }
  const bool creates = std::holds_alternative<domain::cmd::CreateEncuentro>(request.command);
  if (creates) {
    // Refuse a bad create before a room exists for it: ids come from clients, and a room per
    // refused id would grow without bound.
    const auto& create = std::get<domain::cmd::CreateEncuentro>(request.command);
    if (create.encuentro_id != request.encuentro_id) {
      out.rejection = {domain::RejectionCode::invalid_argument,
                       "encuentro_id: differs from the request's encuentro",
                       {{"field", "encuentro_id"}}};
      return out;
    }
    if (!room(request.encuentro_id)) {
      const domain::Context probe{now, civil_date(now, options_.utc_offset_minutes), request.actor,
                                  options_.policy};
      auto decision = domain::decide(domain::Encuentro{}, request.command, probe);
      if (auto* rejection = std::get_if<domain::Rejection>(&decision)) {
        out.rejection = std::move(*rejection);
        return out;
      }
    }
  }
  if (creates && request.guard) {  // before a room exists, for the same reason
    if (auto refusal = request.guard(domain::Encuentro{})) {
      out.kind = Outcome::Kind::refused;
      out.refusal = std::move(*refusal);
      return out;
    }
  }
  Room* r = creates ? &room_or_create(request.encuentro_id) : room(request.encuentro_id);
  if (!r) {
    out.rejection = {domain::RejectionCode::not_found, "no such encuentro", {}};
    return out;
  }
  std::lock_guard lock(r->mutex);
  domain::Encuentro& state = r->state;

  try {
    // A repeat is answered from the record of the first time, before any domain work.
    if (request.op_id) {
      if (auto op = store_->find_op(request.encuentro_id, *request.op_id)) {
        out.kind = Outcome::Kind::duplicate;
        out.first_seq = op->first_seq;
        out.last_seq = op->last_seq;
        return out;
      }
    }

    if (request.guard && !creates) {
      if (auto refusal = request.guard(state)) {
        out.kind = Outcome::Kind::refused;
        out.refusal = std::move(*refusal);
        return out;
      }
    }

    const domain::Context ctx{now, civil_date(now, options_.utc_offset_minutes), request.actor,
                              options_.policy};

    auto decision = domain::decide(state, request.command, ctx);
    if (auto* rejection = std::get_if<domain::Rejection>(&decision)) {
      out.rejection = std::move(*rejection);
      return out;
    }
    auto& events = std::get<std::vector<domain::Event>>(decision);

    storage::Commit commit;
    commit.encuentro_id = request.encuentro_id;
    commit.op_id = request.op_id;
    commit.expected_last_seq = state.seq;
    out.events.reserve(events.size());
    for (auto& e : events) {
      const std::int64_t seq = state.seq + static_cast<std::int64_t>(out.events.size()) + 1;
      commit.events.push_back({std::string(protocol::event_name(e)),
                               protocol::encode_event_payload(e), now, request.actor});
      out.events.push_back({seq, now, request.actor, std::move(e)});
    }
    out.first_seq = out.events.front().seq;
    out.last_seq = out.events.back().seq;
    commit.result = op_result(out.first_seq, out.last_seq);

    // Erasure (Ley 1581 de 2012) rewrites the log's earlier events without the personal data, in
    // the same transaction, and replaces the snapshot (which holds the data too) with one taken
    // after the erasure.
    const bool erases = std::any_of(events.begin(), events.end(), [](const domain::Event& e) {
      return std::holds_alternative<domain::ev::PersonalDataErased>(e);
    });
    if (erases) {
      commit.rewrite = [](const storage::EventRecord& rec) -> std::optional<std::string> {
        domain::Event event = decode_record(rec).event;
        if (!domain::erase_personal_data(event)) return std::nullopt;
        return protocol::encode_event_payload(event);
      };
    }

    // Every `snapshot_every` events the state after this command is written in the same
    // transaction, so start-up replays at most that many events per encuentro.
    std::optional<domain::Encuentro> next;
    if (erases || out.last_seq - r->snapshot_seq >= options_.snapshot_every) {
      next = state;
      for (const auto& rec : out.events) domain::apply(*next, rec);
      commit.snapshot = storage::Snapshot{next->seq, protocol::encode_snapshot(*next)};
    }
    const auto committed = store_->commit(commit);
    if (committed.duplicate) {  // raced with another connection carrying the same op id
      out.kind = Outcome::Kind::duplicate;
      out.first_seq = committed.op.first_seq;
      out.last_seq = committed.op.last_seq;
      out.events.clear();
      return out;
    }
    // Committed: only now does the state change (apply cannot fail).
    if (next) {
      state = std::move(*next);
      r->snapshot_seq = state.seq;
    } else {
      for (const auto& rec : out.events) domain::apply(state, rec);
    }
    out.kind = Outcome::Kind::applied;
    // The WAL still holds the pages as they were before the erasure: fold it into the file and
    // truncate it now rather than at the next automatic checkpoint.
    if (erases) store_->checkpoint();
    notify(request.encuentro_id, state, out.events);
    return out;
  } catch (const storage::StorageError& e) {
    // Nothing was written (the transaction rolled back) and the state was not touched.
    if (e.kind() == storage::StorageErrorKind::conflict) {
      // The log moved under us (another process?): reload the truth before anything else.
      // Reload into a fresh room and swap only when that worked: a failing reload keeps the
      // state this process had rather than an empty one.
      try {
        Room fresh;
        load(request.encuentro_id, fresh);
        r->state = std::move(fresh.state);
        r->snapshot_seq = fresh.snapshot_seq;
      } catch (const std::exception&) {
      }
    }
    out = Outcome{};
    out.kind = Outcome::Kind::unavailable;
    out.detail = std::string(storage::to_string(e.kind()));
    return out;
  }
}

std::optional<domain::Encuentro> EncuentroService::snapshot(const std::string& encuentro_id) const {
  Room* r = room(encuentro_id);
  if (!r) return std::nullopt;
  std::lock_guard lock(r->mutex);
  if (r->state.phase == domain::Phase::unknown) return std::nullopt;
  return r->state;
}

void EncuentroService::notify(const std::string& encuentro_id, const domain::Encuentro& state,
                              const std::vector<domain::Recorded>& events) const {
  if (!observer_) return;
  try {
    observer_(encuentro_id, state, events);
  } catch (const std::exception& e) {
    // The commit stands; subscribers that missed it catch up by seq when they next resume.
    log::error("commit observer failed", {{"encuentro", encuentro_id}, {"what", e.what()}});
  }
}

bool EncuentroService::read(const std::string& encuentro_id,
                            const std::function<void(const domain::Encuentro&)>& reader) const {
  Room* r = room(encuentro_id);
  if (!r) return false;
  std::lock_guard lock(r->mutex);
  if (r->state.phase == domain::Phase::unknown) return false;
  reader(r->state);
  return true;
}

std::vector<std::string> EncuentroService::encuentro_ids() const {
  std::vector<std::string> ids;
  std::shared_lock lock(rooms_mutex_);
  for (const auto& [id, r] : rooms_) {
    std::lock_guard room_lock(r->mutex);
    if (r->state.phase != domain::Phase::unknown) ids.push_back(id);
  }
  return ids;
}

std::optional<domain::Recorded> EncuentroService::event_at(const std::string& encuentro_id,
                                                          std::int64_t seq) const {
  if (seq < 1) return std::nullopt;
  auto records = store_->events_after(encuentro_id, seq - 1, 1);
  if (records.empty() || records.front().seq != seq) return std::nullopt;
  return decode_record(records.front());
}

std::size_t EncuentroService::encuentro_count() const {
  return encuentro_ids().size();
}

void EncuentroService::close() {
  store_->checkpoint();
}

}  // namespace encuentro::app
