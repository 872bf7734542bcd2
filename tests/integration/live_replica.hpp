#pragma once

// What a client holds of an encuentro, rebuilt with the server's own domain code: the snapshot it
// was sent and every event after it folded in. The storm tests compare it with a fresh snapshot
// to prove that a client which was cut, resumed and caught up ends exactly where the server is.

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/apply.hpp"
#include "protocol/codec.hpp"
#include "ws_client.hpp"

namespace encuentro::testing {

// A snapshot's state (as the live protocol sends it) folded with `events` (as received).
inline domain::Encuentro fold(const json& snapshot_state, const std::vector<json>& events) {
  auto state = protocol::decode_snapshot(
      json{{"version", protocol::kSnapshotVersion}, {"encuentro", snapshot_state}}.dump());
  REQUIRE(state.ok());
  domain::Encuentro s = *state;
  for (const json& e : events) {
    auto event = protocol::decode_event_json(e["name"].get<std::string>(), e["data"]);
    REQUIRE(event.ok());
    // The actor is not sent (an audit id is nobody's business); the window has no phase change,
    // the one place the state keeps it.
    domain::apply(s, domain::Recorded{e["seq"], e["at"], {}, *event});
  }
  return s;
}

inline domain::Encuentro decoded(const json& state) { return fold(state, {}); }

// Where two states differ, as JSON paths with both values (at most `limit` of them), "" if they
// do not: what a failed convergence check prints.
inline std::string differences(const domain::Encuentro& a, const domain::Encuentro& b,
                               std::size_t limit = 5) {
  const json patch = json::diff(json::parse(protocol::encode_snapshot(a)),
                                json::parse(protocol::encode_snapshot(b)));
  std::string out;
  for (std::size_t i = 0; i < patch.size() && i < limit; ++i) out += patch[i].dump() + "\n";
  return out;
}

// Folds the snapshot, events and synced messages a client receives, in order. An event at or
// below the seq it already has is a duplicate: counted, never applied (a client that applied it
// would count a vote twice).
//
// Not thread-safe, and uses no doctest assertion after construction: each storm client's thread
// owns one, and the test checks its counters from the main thread.
class Replica {
 public:
  // True when `m` was a catch-up or live message (snapshot, event, synced).
  bool take(const json& m) {
    const json& type = m["type"];
    if (type == "snapshot") {
      auto state = protocol::decode_snapshot(
          json{{"version", protocol::kSnapshotVersion}, {"encuentro", m["state"]}}.dump());
      if (!state.ok()) {
        ++undecodable_;
        return true;
      }
      state_ = *state;
      seq_ = m["seq"];
      ++snapshots_;
      return true;
    }
    if (type == "event") {
      const std::int64_t seq = m["seq"];
      if (seq <= seq_) {
        ++duplicates_;
        return true;
      }
      auto event = protocol::decode_event_json(m["name"].get<std::string>(), m["data"]);
      if (!state_ || !event.ok()) {
        ++undecodable_;
        return true;
      }
      domain::apply(*state_, domain::Recorded{seq, m["at"], {}, *event});
      seq_ = seq;
      ++events_;
      return true;
    }
    if (type == "synced") {
      seq_ = std::max<std::int64_t>(seq_, m["seq"]);
      return true;
    }
    return false;
  }

  // Whether this copy is `fresh` (a snapshot just sent to the same session). The state's seq
  // is left out: a session that may not see the last events has the seq of the last one it saw.
  bool converged_with(domain::Encuentro fresh) const {
    if (!state_ || fresh.seq < state_->seq) return false;
    fresh.seq = state_->seq;
    return *state_ == fresh;
  }

  const std::optional<domain::Encuentro>& state() const { return state_; }
  std::int64_t seq() const { return seq_; }
  int duplicates() const { return duplicates_; }
  int undecodable() const { return undecodable_; }
  int snapshots() const { return snapshots_; }
  long events() const { return events_; }

 private:
  std::optional<domain::Encuentro> state_;
  std::int64_t seq_ = 0;
  int duplicates_ = 0;
  int undecodable_ = 0;
  int snapshots_ = 0;
  long events_ = 0;
};

}  // namespace encuentro::testing
