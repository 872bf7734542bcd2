// The live protocol's logic (shared/protocol/README.md), independent of any socket: who a
// connection is, what it follows, what it may do, and what reaches it.
//
//   LiveSession  one connection's state machine. The transport hands it every text message, in
//                order, on the connection's strand; it answers through the connection's Outlet.
//   LiveHub      the subscribers of every encuentro. The EncuentroService tells it about each
//                command under the encuentro's lock (on_commit); it serialises each event once,
//                picks every subscriber allowed to see it (authorization.hpp), and queues them
//                the messages once the commit is durable (the returned Delivery).
//
// Ordering. A subscription (catch-up, then live events) is set up under the encuentro's lock, the
// same lock commits and their broadcasts hold: a subscriber receives every event it may see exactly
// once, in seq order, with no gap between catch-up and live. On the connection that sent a
// command, the command's events are queued (by the broadcast) before its ack.
//
// Thread-safety: LiveHub's members may be called from any thread. A LiveSession is used by one
// strand at a time (its connection's); its destructor leaves the hub.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/access.hpp"
#include "app/encuentro_service.hpp"
#include "app/principal.hpp"
#include "protocol/live.hpp"

namespace encuentro::app {

struct LiveLimits {
  int messages_per_second = 20;  // per connection, sustained
  int burst = 60;                // per connection, at once
  int refused_before_close = 100;  // rate-limited messages in a row before the connection closes
  int catchup_max_events = 1000;   // further behind than this: a snapshot instead of events
  // A catch-up of more messages or bytes than these (half of the connection's outbound queue,
  // websocket.queue_messages / queue_bytes) is also a snapshot: queued at once, it would overflow
  // the queue, and the client would be dropped again on every resume.
  std::size_t catchup_max_messages = 2048;
  std::size_t catchup_max_bytes = 8 * 1024 * 1024;
};

// WebSocket close codes the app asks for.
inline constexpr std::uint16_t kCloseNormal = 1000;
inline constexpr std::uint16_t kClosePolicy = 1008;

// One connection as the app sees it; implemented by the transport.
class Outlet {
 public:
  virtual ~Outlet() = default;
  // Queues one text message. Any thread; never blocks. The transport enforces its queue bounds
  // (a connection that falls behind is closed; the client resumes by seq).
  virtual void send(std::shared_ptr<const std::string> text) = 0;
  // Closes once the queued messages are written. Any thread.
  virtual void close(std::uint16_t code, std::string reason) = 0;
};

class LiveSession;

class LiveHub {
 public:
  LiveHub(EncuentroService& service, AccessService& access, LiveLimits limits = {},
          Clock clock = system_now);
  LiveHub(const LiveHub&) = delete;
  LiveHub& operator=(const LiveHub&) = delete;

  // The EncuentroService's CommitObserver (set_observer): serialises the command's events and
  // decides who may see them; the returned Delivery sends them once they are committed.
  Delivery on_commit(const std::string& encuentro_id, const domain::Encuentro& state,
                     const std::vector<domain::Recorded>& events);

  // Closes every subscribed session whose token no longer authenticates (after a revocation).
  void close_revoked();

  std::size_t subscriber_count() const;
  const LiveLimits& limits() const { return limits_; }

 private:
  friend class LiveSession;
  struct Subscriber {
    std::weak_ptr<Outlet> outlet;
    Principal principal;
    std::string token;  // empty for a public viewer
  };

  // REQUIRE: the caller holds the encuentro's lock (EncuentroService::read), so that no commit
  // of that encuentro is broadcast meanwhile.
  void attach(const LiveSession* session, const std::string& encuentro_id, Subscriber subscriber);
  void set_principal(const LiveSession* session, const Principal& principal);
  void detach(const LiveSession* session);

  EncuentroService& service_;
  AccessService& access_;
  const LiveLimits limits_;
  const Clock clock_;

  mutable std::mutex mutex_;
  // encuentro id → its subscribers; guarded by mutex_
  std::unordered_map<std::string, std::unordered_map<const LiveSession*, Subscriber>> rooms_;
  std::unordered_map<const LiveSession*, std::string> subscribed_to_;  // guarded by mutex_
};

class LiveSession {
 public:
  friend class LiveHub;
  // `address_key`: the client's address as the lock-out counts it (AccessService::redeem).
  LiveSession(LiveHub& hub, std::weak_ptr<Outlet> outlet, std::string address_key);
  ~LiveSession();
  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  void on_text(std::string_view text);
  void on_binary(std::size_t bytes);

 private:
  using Ref = std::optional<std::string>;

  void handle(const protocol::live::Hello& m);
  void handle(const protocol::live::Subscribe& m);
  void handle(const protocol::live::CommandMessage& m);
  void handle(const protocol::live::Ping& m);
  void handle(const protocol::live::AccessMint& m);
  void handle(const protocol::live::AccessList& m);
  void handle(const protocol::live::EncuentrosList& m);
  void handle(const protocol::live::AccessRevoke& m);
  void handle(const protocol::live::AccessPublicCode& m);
  void handle(const protocol::live::ParticipantLink& m);
  void handle(const protocol::live::Logout& m);

  // Sets up the subscription and sends the catch-up; false when refused (an error was sent).
  bool subscribe(const std::string& encuentro_id, std::int64_t since, const Ref& ref);
  bool subscribe_or_throw(const std::string& encuentro_id, std::int64_t since, const Ref& ref);
  // The rate limit: a token from the bucket, or a rate_limited error sent (echoing the op or ref
  // of `text`, the refused message, when it is small enough to parse).
  bool admit(std::string_view text = {});
  static constexpr std::size_t kEchoParseLimit = 64 * 1024;
  bool require_encuentro(const Ref& op, const Ref& ref);  // subscribed, or an error sent
  void send(std::string text);
  void send_error(protocol::live::ErrorReply error);
  void send_access_error(const AccessError& error, const Ref& ref);

  LiveHub& hub_;
  std::weak_ptr<Outlet> outlet_;
  const std::string address_key_;

  std::optional<Principal> principal_;  // set by a successful hello
  std::string token_;
  std::optional<std::string> encuentro_;  // the encuentro followed
  double tokens_ = 0;                     // rate limit bucket
  domain::Timestamp refilled_at_ = 0;
  int refused_in_a_row_ = 0;
  domain::Timestamp next_code_at_ = 0;  // a wrong code delays the next try on this connection
  bool closed_ = false;
  // Set by the hub (any thread) when the session's access was revoked: nothing more is executed.
  mutable std::atomic<bool> revoked_{false};
};

}  // namespace encuentro::app
