#include "app/encuentro_service.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <chrono>
#include <future>
#include <map>
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
  // Loading is mostly JSON decoding, done outside the store's lock (load()): one loader per core,
  // each taking the next encuentro. The first failure is thrown once all loaders stopped.
  const std::vector<std::string> ids = store_->encuentro_ids();
  std::vector<std::unique_ptr<Room>> loaded(ids.size());
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto loader = [&] {
    for (std::size_t i = next++; i < ids.size(); i = next++) {
      try {
        auto r = std::make_unique<Room>();
        load(ids[i], *r);
        loaded[i] = std::move(r);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = ids.size();
      }
    }
  };
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  std::vector<std::thread> helpers;
  for (std::size_t k = 1; k < std::min(cores, ids.size()); ++k) helpers.emplace_back(loader);
  loader();
  for (auto& t : helpers) t.join();
  if (failure) std::rethrow_exception(failure);
  for (std::size_t i = 0; i < ids.size(); ++i) rooms_.emplace(ids[i], std::move(loaded[i]));
  writer_ = std::thread([this] { writer_loop(); });
}

EncuentroService::~EncuentroService() { stop_writer(); }

void EncuentroService::load(const std::string& encuentro_id, Room& r) {
  std::int64_t after = 0;
  if (auto snap = store_->latest_snapshot(encuentro_id)) {
    auto decoded = protocol::decode_snapshot(snap->payload);
    if (auto* state = std::get_if<domain::Encuentro>(&decoded); state && state->seq == snap->seq) {
      r.state = std::move(*state);
      r.snapshot_seq = snap->seq;
      r.snapshot_bytes = snap->payload.size();
      after = snap->seq;
    }
    // Otherwise (an older snapshot format, say) the whole log is replayed: slower, same state.
  }
  // In chunks, so that decoding happens outside the store's lock (other loaders read meanwhile)
  // and the whole log is never held in memory.
  constexpr std::size_t kChunk = 1000;
  for (;;) {
    const std::vector<storage::EventRecord> chunk = store_->events_after(encuentro_id, after, kChunk);
    for (const storage::EventRecord& rec : chunk) {
      domain::apply(r.state, decode_record(rec));
      r.bytes_since_snapshot += rec.payload.size();
      after = rec.seq;
    }
    if (chunk.size() < kChunk) return;
  }
}

// Back to what the store holds, after a failed commit left `r` ahead of it. Reloads into a fresh
// room and swaps only when that worked. If even reading fails, the room keeps its state: its next
// commit then conflicts with the store (expected_last_seq), and that conflict reloads it again.
void EncuentroService::reload(const std::string& encuentro_id, Room& r) {
  try {
    Room fresh;
    load(encuentro_id, fresh);
    r.state = std::move(fresh.state);
    r.snapshot_seq = fresh.snapshot_seq;
    r.snapshot_bytes = fresh.snapshot_bytes;
    r.bytes_since_snapshot = fresh.bytes_since_snapshot;
  } catch (const std::exception& e) {
    log::error("reload after a failed commit failed",
               {{"encuentro", encuentro_id}, {"what", e.what()}});
  }
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

// ---- The queue ----

void EncuentroService::submit(Request request, Completion done) {
  enqueue(Job{std::move(request), std::nullopt, std::move(done)});
}

Outcome EncuentroService::execute(const Request& request) {
  if (std::this_thread::get_id() == writer_.get_id())
    throw std::logic_error("EncuentroService::execute called on the writer thread");
  std::promise<Outcome> promise;
  std::future<Outcome> outcome = promise.get_future();
  enqueue(Job{request, std::nullopt, [&promise](Outcome o) { promise.set_value(std::move(o)); }});
  return outcome.get();
}

Outcome EncuentroService::execute_at(const Request& request, domain::Timestamp now) {
  if (std::this_thread::get_id() == writer_.get_id())
    throw std::logic_error("EncuentroService::execute_at called on the writer thread");
  std::promise<Outcome> promise;
  std::future<Outcome> outcome = promise.get_future();
  enqueue(Job{request, now, [&promise](Outcome o) { promise.set_value(std::move(o)); }});
  return outcome.get();
}

void EncuentroService::enqueue(Job job) {
  std::string refused;
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_)
      refused = "closed";
    else if (queue_.size() >= options_.max_queue)
      refused = "busy";
    else
      queue_.push_back(std::move(job));
  }
  if (refused.empty()) {
    queue_ready_.notify_one();
    return;
  }
  Outcome out;
  out.kind = Outcome::Kind::unavailable;
  out.detail = std::move(refused);
  job.done(std::move(out));
}

void EncuentroService::writer_loop() {
  std::vector<Job> jobs;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every queued command was completed
      const std::size_t n = std::min(queue_.size(), std::max<std::size_t>(options_.max_batch, 1));
      jobs.assign(std::make_move_iterator(queue_.begin()),
                  std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    run_batch(jobs);
    jobs.clear();
  }
}

void EncuentroService::stop_writer() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_ready_.notify_one();
  if (writer_.joinable()) writer_.join();
}

EncuentroService::WriterStats EncuentroService::writer_stats() const {
  std::lock_guard lock(queue_mutex_);
  return stats_;
}

// ---- One batch ----

// Op ids are made by clients: 1 to 128 visible ASCII characters (a UUID fits).
bool valid_op_id(const std::string& op) {
  return !op.empty() && op.size() <= 128 &&
         std::all_of(op.begin(), op.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

// A create is checked before any room exists for it (ids come from clients, and a room per
// refused id would grow without bound): its id, the decision on an empty state when the room does
// not exist yet, and the guard. Returns the answer when refused.
std::optional<Outcome> refuse_create(const Request& request, domain::Timestamp now, bool room_exists,
                                     const EncuentroService::Options& options) {
  Outcome out;
  const auto& create = std::get<domain::cmd::CreateEncuentro>(request.command);
  if (create.encuentro_id != request.encuentro_id) {
    out.rejection = {domain::RejectionCode::invalid_argument,
                     "encuentro_id: differs from the request's encuentro",
                     {{"field", "encuentro_id"}}};
    return out;
  }
  if (!room_exists) {
    const domain::Context probe{now, civil_date(now, options.utc_offset_minutes), request.actor,
                                options.policy};
    auto decision = domain::decide(domain::Encuentro{}, request.command, probe);
    if (auto* rejection = std::get_if<domain::Rejection>(&decision)) {
      out.rejection = std::move(*rejection);
      return out;
    }
  }
  if (request.guard) {
    if (auto refusal = request.guard(domain::Encuentro{})) {
      out.kind = Outcome::Kind::refused;
      out.refusal = std::move(*refusal);
      return out;
    }
  }
  return std::nullopt;
}

struct EncuentroService::Batch {
  struct Entry {
    Outcome outcome;
    Room* room = nullptr;  // set when the command was decided against a room's state
    std::optional<std::size_t> commit;  // its index in `commits`
    Delivery delivery;
    bool erases = false;
  };
  std::vector<Entry> entries;
  std::vector<storage::Commit> commits;
  std::vector<std::pair<Room*, std::string>> locked;  // each room once, with its id
  std::vector<std::unique_lock<std::mutex>> locks;
  // (encuentro id, op id) -> the entry that carries it, for a repeat within the batch.
  std::map<std::pair<std::string, std::string>, std::size_t> ops;

  void lock(Room& r, const std::string& encuentro_id) {
    for (const auto& [room, id] : locked)
      if (room == &r) return;
    locks.emplace_back(r.mutex);
    locked.emplace_back(&r, encuentro_id);
  }
  bool wrote_to(const Room* r) const {
    for (const Entry& e : entries)
      if (e.room == r && e.commit) return true;
    return false;
  }
};

void EncuentroService::run_batch(std::vector<Job>& jobs) {
  Batch batch;
  batch.entries.resize(jobs.size());
  // Every room the batch touches is locked up front, in address order. Only this thread ever
  // holds more than one room's lock, and a fixed order keeps even that free of lock-order
  // inversions. A create that passes its checks gets its room now, so that it is in the order.
  std::vector<std::pair<Room*, const std::string*>> rooms;
  for (const Job& job : jobs) {
    const Request& request = job.request;
    Room* r = room(request.encuentro_id);
    if (!r && std::holds_alternative<domain::cmd::CreateEncuentro>(request.command)) {
      try {
        const domain::Timestamp now = job.at ? *job.at : options_.clock();
        if (!refuse_create(request, now, false, options_)) r = &room_or_create(request.encuentro_id);
      } catch (const std::exception&) {  // decide() meets it again and answers it
      }
    }
    if (r) rooms.emplace_back(r, &request.encuentro_id);
  }
  std::sort(rooms.begin(), rooms.end(), [](const auto& a, const auto& b) {
    return std::less<const Room*>{}(a.first, b.first);
  });
  for (const auto& [r, id] : rooms) batch.lock(*r, *id);

  for (std::size_t i = 0; i < jobs.size(); ++i) {
    try {
      decide(batch, i, jobs[i]);
    } catch (const storage::StorageError& e) {  // find_op: nothing of this command was applied
      Outcome& out = batch.entries[i].outcome;
      out = Outcome{};
      out.kind = Outcome::Kind::unavailable;
      out.detail = std::string(storage::to_string(e.kind()));
    } catch (const std::exception& e) {  // a bug before anything was applied: nothing changed
      log::error("command failed", {{"encuentro", jobs[i].request.encuentro_id},
                                    {"what", e.what()}});
      Outcome& out = batch.entries[i].outcome;
      out = Outcome{};
      out.kind = Outcome::Kind::unavailable;
      out.detail = "internal error";
    }
  }

  bool erased = false;
  if (!batch.commits.empty()) {
    try {
      const std::vector<storage::CommitOutcome> committed = store_->commit_all(batch.commits);
      for (Batch::Entry& entry : batch.entries) {
        if (!entry.commit) continue;
        const storage::CommitOutcome& c = committed[*entry.commit];
        if (c.duplicate) {
          // Another process recorded this op meanwhile (find_op did not see it): the state here
          // applied events the log does not hold. Answer as the log says, and reload.
          entry.outcome.kind = Outcome::Kind::duplicate;
          entry.outcome.first_seq = c.op.first_seq;
          entry.outcome.last_seq = c.op.last_seq;
          entry.outcome.events.clear();
          entry.delivery = nullptr;
          for (const auto& [room, id] : batch.locked)
            if (room == entry.room) reload(id, *room);
          continue;
        }
        erased = erased || entry.erases;
      }
    } catch (const storage::StorageError& e) {
      // Nothing of the batch was written. Every encuentro it wrote to goes back to the store's
      // state, and every command decided against such a state is answered `unavailable`: even a
      // rejection may have followed from an earlier command that is now undone.
      if (e.kind() == storage::StorageErrorKind::conflict)
        log::warn("the log moved under the server (another process?)", {{"what", e.what()}});
      std::vector<const Room*> undone;
      for (const auto& [room, id] : batch.locked) {
        if (!batch.wrote_to(room)) continue;
        reload(id, *room);
        undone.push_back(room);
      }
      for (Batch::Entry& entry : batch.entries) {
        if (std::find(undone.begin(), undone.end(), entry.room) == undone.end()) continue;
        entry.outcome = Outcome{};
        entry.outcome.kind = Outcome::Kind::unavailable;
        entry.outcome.detail = std::string(storage::to_string(e.kind()));
        entry.delivery = nullptr;
      }
    }
  }
  // The WAL still holds the pages as they were before an erasure: fold it into the file and
  // truncate it now rather than at the next automatic checkpoint.
  if (erased) store_->checkpoint();

  // Durable: broadcast in seq order, still under the locks, so that a subscription (set up under
  // the encuentro's lock) sees each event exactly once, either in its catch-up or live.
  for (Batch::Entry& entry : batch.entries) {
    if (!entry.delivery) continue;
    try {
      entry.delivery();
    } catch (const std::exception& e) {
      // The commit stands; subscribers that missed it catch up by seq when they next resume.
      log::error("commit broadcast failed", {{"what", e.what()}});
    }
  }
  batch.locks.clear();
  {
    std::lock_guard lock(queue_mutex_);
    stats_.transactions += batch.commits.empty() ? 0 : 1;
    stats_.commands += batch.commits.size();
  }
  // Completions last, in order: a command's ack follows its own events on that connection.
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    try {
      jobs[i].done(std::move(batch.entries[i].outcome));
    } catch (const std::exception& e) {
      log::error("command completion failed", {{"what", e.what()}});
    }
  }
}

// Decides one command against its encuentro's state as the batch has left it so far. When it
// yields events: applies them to the state, prepares their broadcast and adds their commit.
void EncuentroService::decide(Batch& batch, std::size_t index, const Job& job) {
  const Request& request = job.request;
  Batch::Entry& entry = batch.entries[index];
  Outcome& out = entry.outcome;
  const domain::Timestamp now = job.at ? *job.at : options_.clock();
  if (request.op_id && !valid_op_id(*request.op_id)) {
    out.rejection = {domain::RejectionCode::invalid_argument,
                     "op: 1-128 visible ASCII characters",
                     {{"field", "op"}}};
    return;
  }
  const bool creates = std::holds_alternative<domain::cmd::CreateEncuentro>(request.command);
  if (creates) {
    if (auto refused = refuse_create(request, now, room(request.encuentro_id) != nullptr, options_)) {
      out = std::move(*refused);
      return;
    }
  }
  Room* r = creates ? &room_or_create(request.encuentro_id) : room(request.encuentro_id);
  if (!r) {
    out.rejection = {domain::RejectionCode::not_found, "no such encuentro", {}};
    return;
  }
  batch.lock(*r, request.encuentro_id);  // already locked, unless created by an earlier job
  entry.room = r;
  domain::Encuentro& state = r->state;

  // A repeat is answered from the record of the first time, before any domain work: the first
  // time may be earlier in this very batch.
  if (request.op_id) {
    const auto key = std::make_pair(request.encuentro_id, *request.op_id);
    if (const auto first = batch.ops.find(key); first != batch.ops.end()) {
      const Outcome& original = batch.entries[first->second].outcome;
      out.kind = Outcome::Kind::duplicate;
      out.first_seq = original.first_seq;
      out.last_seq = original.last_seq;
      return;
    }
    if (auto op = store_->find_op(request.encuentro_id, *request.op_id)) {
      out.kind = Outcome::Kind::duplicate;
      out.first_seq = op->first_seq;
      out.last_seq = op->last_seq;
      return;
    }
  }

  if (request.guard && !creates) {
    if (auto refusal = request.guard(state)) {
      out.kind = Outcome::Kind::refused;
      out.refusal = std::move(*refusal);
      return;
    }
  }

  const domain::Context ctx{now, civil_date(now, options_.utc_offset_minutes), request.actor,
                            options_.policy};
  auto decision = domain::decide(state, request.command, ctx);
  if (auto* rejection = std::get_if<domain::Rejection>(&decision)) {
    out.rejection = std::move(*rejection);
    return;
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
  entry.erases = std::any_of(out.events.begin(), out.events.end(), [](const domain::Recorded& rec) {
    return std::holds_alternative<domain::ev::PersonalDataErased>(rec.event);
  });
  if (entry.erases) {
    commit.rewrite = [](const storage::EventRecord& rec) -> std::optional<std::string> {
      domain::Event event = decode_record(rec).event;
      if (!domain::erase_personal_data(event)) return std::nullopt;
      return protocol::encode_event_payload(event);
    };
  }

  // From here on nothing may throw before the commit is queued: the state moves ahead of the
  // log, and the batch's commit (or its failure, which reloads) brings them back together.
  for (const auto& rec : out.events) domain::apply(state, rec);
  out.kind = Outcome::Kind::applied;
  if (observer_) {
    try {
      entry.delivery = observer_(request.encuentro_id, state, out.events);
    } catch (const std::exception& e) {
      log::error("commit observer failed",
                 {{"encuentro", request.encuentro_id}, {"what", e.what()}});
    }
  }
  // The state after this command is written in the same transaction once enough followed the
  // last snapshot (Options::snapshot_every), so start-up replays a bounded tail per encuentro.
  for (const auto& e : commit.events) r->bytes_since_snapshot += e.payload.size();
  if (entry.erases || (out.last_seq - r->snapshot_seq >= options_.snapshot_every &&
                       r->bytes_since_snapshot >= r->snapshot_bytes / 2)) {
    try {
      commit.snapshot = storage::Snapshot{state.seq, protocol::encode_snapshot(state)};
      // A failed commit reloads the room, and these with it.
      r->snapshot_seq = state.seq;
      r->snapshot_bytes = commit.snapshot->payload.size();
      r->bytes_since_snapshot = 0;
    } catch (const std::exception& e) {
      log::error("snapshot failed", {{"encuentro", request.encuentro_id}, {"what", e.what()}});
    }
  }
  if (request.op_id) batch.ops.emplace(std::make_pair(request.encuentro_id, *request.op_id), index);
  entry.commit = batch.commits.size();
  batch.commits.push_back(std::move(commit));
}

std::optional<domain::Encuentro> EncuentroService::snapshot(const std::string& encuentro_id) const {
  Room* r = room(encuentro_id);
  if (!r) return std::nullopt;
  std::lock_guard lock(r->mutex);
  if (r->state.phase == domain::Phase::unknown) return std::nullopt;
  return r->state;
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
  // The map's lock is released before any room's is taken: the writer holds rooms' locks while
  // it may create a room (which takes the map's).
  std::vector<std::pair<std::string, Room*>> all;
  {
    std::shared_lock lock(rooms_mutex_);
    all.reserve(rooms_.size());
    for (const auto& [id, r] : rooms_) all.emplace_back(id, r.get());
  }
  std::vector<std::string> ids;
  for (auto& [id, r] : all) {
    std::lock_guard room_lock(r->mutex);
    if (r->state.phase != domain::Phase::unknown) ids.push_back(std::move(id));
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
  stop_writer();
  store_->checkpoint();
}

}  // namespace encuentro::app
