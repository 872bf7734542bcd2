#include "app/live.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <type_traits>
#include <variant>

#include "app/authorization.hpp"
#include "app/config.hpp"
#include "app/crypto.hpp"
#include "app/log.hpp"
#include "protocol/codec.hpp"
#include "storage/storage_error.hpp"

namespace encuentro::app {

namespace d = domain;
namespace live = protocol::live;
using live::ErrorCategory;
using live::ErrorReply;

namespace {

std::shared_ptr<const std::string> shared_text(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

// Events after which a session's view changes as a whole, so that it gets a fresh snapshot in
// their place: the plenary shows every workshop's results to everyone; a moved participant now
// belongs to another room.
// (The plenary shows every workshop's results to the room; the commitments phase to the office;
// publication to the public. A moved participant's staff learn the newcomer's name and needs.)
bool needs_refresh(const Principal& p, const d::Event& event) {
  if (p.role == Role::organizer) return false;  // sees everything all along
  if (const auto* advanced = std::get_if<d::ev::PhaseAdvanced>(&event)) {
    return advanced->to == d::Phase::plenary || advanced->to == d::Phase::commitments ||
           advanced->to == d::Phase::published;
  }
  if (const auto* moved = std::get_if<d::ev::ParticipantMoved>(&event)) {
    if (p.participant_id && *p.participant_id == moved->participant_id) return true;
    return is_workshop_staff(p.role) && p.workshop_id && *p.workshop_id == moved->to_workshop;
  }
  return false;
}

bool needs_refresh(const Principal& p, const std::vector<d::Recorded>& events) {
  return std::any_of(events.begin(), events.end(),
                     [&](const d::Recorded& r) { return needs_refresh(p, r.event); });
}

// Catching up, an event is judged on the state now, which is wrong for a proposal accepted since:
// its submission and the edits made while it was pending would show text that was never shown
// (accepted proposals reach the room with their accepted text only). Such a range is answered
// with a snapshot, as is one that changes the session's view as a whole.
bool catch_up_by_snapshot(const Principal& p, const std::vector<d::Recorded>& events) {
  if (needs_refresh(p, events)) return true;
  if (p.role == Role::organizer) return false;
  return std::any_of(events.begin(), events.end(), [](const d::Recorded& r) {
    return std::holds_alternative<d::ev::ProposalAccepted>(r.event);
  });
}

// A stable digest of (actor, op) for `purpose`: the same sender resending the same op always
// gets the same value, and no two senders share one.
std::string sender_digest(std::string_view purpose, std::string_view actor, std::string_view op) {
  const std::span<const unsigned char> key(reinterpret_cast<const unsigned char*>(purpose.data()),
                                           purpose.size());
  std::string message(actor);
  message += '\n';
  message += op;
  return crypto::hmac_sha256_hex(key, message);
}

// Ops are scoped by who sends them: one client's op id can never answer, or block, another's.
// The stored key is a digest (the op table holds at most 128 characters).
std::string scoped_op(std::string_view actor, std::string_view op) {
  return sender_digest("op", actor, op);
}

// A proposal accepted by the relator becomes visible to people who could not see it while it was
// pending: its event carries it.
const d::Contribution* revealed(const d::Encuentro& state, const d::Event& event) {
  if (const auto* accepted = std::get_if<d::ev::ProposalAccepted>(&event))
    return state.contribution(accepted->contribution_id);
  return nullptr;
}

std::string event_text(const d::Encuentro& state, const d::Recorded& recorded) {
  return live::encode_event_message(state.id, recorded, revealed(state, recorded.event));
}

d::Recorded anonymous_record(const d::Recorded& recorded) {
  return d::Recorded{recorded.seq, recorded.at, recorded.actor, anonymous(recorded.event)};
}

ErrorReply access_error_reply(const AccessError& error) {
  ErrorReply reply;
  reply.category =
      error.code == AccessErrorCode::forbidden ? ErrorCategory::authorization : ErrorCategory::access;
  reply.code = std::string(access_error_name(error.code));
  reply.message = error.message;
  reply.retry_after_ms = error.retry_after_ms;
  return reply;
}

// The id of an encuentro a client creates, made by the server (clients never choose ids) from the
// creator and the op id, so that sending the same create again finds the first one.
std::string new_encuentro_id(std::string_view actor, std::string_view op) {
  return "e-" + sender_digest("encuentro", actor, op).substr(0, 12);
}

}  // namespace

// ---- LiveHub ------------------------------------------------------------------------------------

LiveHub::LiveHub(EncuentroService& service, AccessService& access, LiveLimits limits, Clock clock)
    : service_(service), access_(access), limits_(limits), clock_(std::move(clock)) {}

Delivery LiveHub::on_commit(const std::string& encuentro_id, const d::Encuentro& state,
                           const std::vector<d::Recorded>& events) {
  // Each event is serialised once, then shared by every subscriber allowed to see it.
  std::vector<std::shared_ptr<const std::string>> texts;
  texts.reserve(events.size());
  for (const d::Recorded& r : events) texts.push_back(shared_text(event_text(state, r)));
  // ... and, the first time a subscriber may see one only anonymously, once without the person.
  std::vector<std::shared_ptr<const std::string>> anonymous_texts(events.size());
  const auto anonymous_text = [&](std::size_t i) {
    if (!anonymous_texts[i])
      anonymous_texts[i] = shared_text(event_text(state, anonymous_record(events[i])));
    return anonymous_texts[i];
  };

  // Who gets what is decided now, against the state right after these events; it is sent once
  // the events are durable. Holding the outlets keeps them alive until then (see detach()).
  using Message = std::pair<std::shared_ptr<Outlet>, std::shared_ptr<const std::string>>;
  std::vector<Message> messages;
  {
    std::lock_guard lock(mutex_);
    const auto room = rooms_.find(encuentro_id);
    if (room == rooms_.end()) return nullptr;
    messages.reserve(room->second.size() * events.size());
    for (const auto& [session, subscriber] : room->second) {
      std::shared_ptr<Outlet> outlet = subscriber.outlet.lock();
      if (!outlet) continue;
      const Principal& p = subscriber.principal;
      if (needs_refresh(p, events)) {
        messages.emplace_back(outlet, shared_text(live::encode_snapshot_message(redact(p, state))));
      } else {
        for (std::size_t i = 0; i < events.size(); ++i) {
          if (may_see(p, events[i].event, state))
            messages.emplace_back(outlet, texts[i]);
          else if (may_see_anonymously(p, events[i].event, state))
            messages.emplace_back(outlet, anonymous_text(i));
        }
      }
    }
  }
  if (messages.empty()) return nullptr;
  return [messages = std::move(messages)] {
    for (const auto& [outlet, text] : messages) outlet->send(text);
  };
}

void LiveHub::close_revoked() {
  std::vector<std::shared_ptr<Outlet>> revoked;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, room] : rooms_) {
      for (const auto& [session, subscriber] : room) {
        if (subscriber.token.empty()) continue;
        if (std::holds_alternative<Principal>(access_.authenticate(subscriber.token))) continue;
        // The session may still be reading: from now on it executes nothing (the flag is read on
        // its strand; the session outlives its entry here, see detach()).
        session->revoked_.store(true);
        if (auto outlet = subscriber.outlet.lock()) revoked.push_back(std::move(outlet));
      }
    }
  }
  for (const auto& outlet : revoked) outlet->close(kClosePolicy, "revoked");
}

std::size_t LiveHub::subscriber_count() const {
  std::lock_guard lock(mutex_);
  return subscribed_to_.size();
}

void LiveHub::attach(const LiveSession* session, const std::string& encuentro_id,
                     Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  if (auto previous = subscribed_to_.find(session); previous != subscribed_to_.end()) {
    if (auto room = rooms_.find(previous->second); room != rooms_.end()) {
      room->second.erase(session);
      if (room->second.empty()) rooms_.erase(room);
    }
  }
  rooms_[encuentro_id][session] = std::move(subscriber);
  subscribed_to_[session] = encuentro_id;
}

void LiveHub::set_principal(const LiveSession* session, const Principal& principal) {
  std::lock_guard lock(mutex_);
  const auto where = subscribed_to_.find(session);
  if (where == subscribed_to_.end()) return;
  rooms_[where->second][session].principal = principal;
}

// Never called with mutex_ held by this thread: the last reference to an outlet may be dropped
// inside on_commit or its Delivery (which is why it keeps them outside its lock), and the
// session's destructor then comes here.
void LiveHub::detach(const LiveSession* session) {
  std::lock_guard lock(mutex_);
  const auto where = subscribed_to_.find(session);
  if (where == subscribed_to_.end()) return;
  if (auto room = rooms_.find(where->second); room != rooms_.end()) {
    room->second.erase(session);
    if (room->second.empty()) rooms_.erase(room);
  }
  subscribed_to_.erase(where);
}

// ---- LiveSession --------------------------------------------------------------------------------

LiveSession::LiveSession(LiveHub& hub, std::weak_ptr<Outlet> outlet, std::string address_key)
    : hub_(hub),
      outlet_(std::move(outlet)),
      address_key_(std::move(address_key)),
      tokens_(hub.limits_.burst),
      refilled_at_(hub.clock_()) {}

LiveSession::~LiveSession() { hub_.detach(this); }

void LiveSession::send(std::string text) {
  if (auto outlet = outlet_.lock()) outlet->send(shared_text(std::move(text)));
}

void LiveSession::send_error(ErrorReply error) { send(live::encode_error(error)); }

void LiveSession::send_access_error(const AccessError& error, const Ref& ref) {
  ErrorReply reply = access_error_reply(error);
  reply.ref = ref;
  send_error(std::move(reply));
}

bool LiveSession::admit(std::string_view text) {
  const LiveLimits& limits = hub_.limits_;
  const d::Timestamp now = hub_.clock_();
  if (now > refilled_at_) {
    tokens_ = std::min<double>(limits.burst, tokens_ + static_cast<double>(now - refilled_at_) *
                                                          limits.messages_per_second / 1000.0);
    refilled_at_ = now;
  }
  if (tokens_ >= 1) {
    tokens_ -= 1;
    refused_in_a_row_ = 0;
    return true;
  }
  if (++refused_in_a_row_ >= limits.refused_before_close) {
    if (auto outlet = outlet_.lock()) outlet->close(kClosePolicy, "rate limit");
    closed_ = true;
    return false;
  }
  ErrorReply e;
  e.category = ErrorCategory::limit;
  e.code = "rate_limited";
  e.message = "too many messages: at most " + std::to_string(limits.messages_per_second) +
              " per second";
  e.retry_after_ms =
      static_cast<std::int64_t>(std::ceil((1 - tokens_) * 1000.0 / limits.messages_per_second));
  // The refusal names the op or ref it refuses, so that a client pairs it with what it sent and
  // resends after the delay (a small message only: a flood of large ones is not parsed).
  if (!text.empty() && text.size() <= kEchoParseLimit) {
    const live::Decoded decoded = live::decode_client_message(text);
    e.op = decoded.op;
    e.ref = decoded.ref;
  }
  send_error(std::move(e));
  return false;
}

void LiveSession::on_binary(std::size_t bytes) {
  if (closed_ || revoked_.load() || !admit()) return;
  send_error({ErrorCategory::protocol, "binary_frame",
              "binary frame of " + std::to_string(bytes) + " bytes: messages are JSON text frames",
              {}, {}, {}, {}, 0});
}

void LiveSession::on_text(std::string_view text) {
  if (closed_ || revoked_.load() || !admit(text)) return;
  if (principal_ && principal_->expires_at_ms && hub_.clock_() >= *principal_->expires_at_ms) {
    // The session ended while its connection stayed open: as for a revoked one, nothing more is
    // executed. The client is told why (it needs a new code) and the connection is closed.
    AccessError expired;
    expired.code = AccessErrorCode::expired;
    expired.message = "this session has expired";
    send_access_error(expired, std::nullopt);
    if (auto outlet = outlet_.lock()) outlet->close(kClosePolicy, "expired");
    closed_ = true;
    return;
  }
  live::Decoded decoded = live::decode_client_message(text);
  if (const auto* failed = std::get_if<protocol::DecodeError>(&decoded.message)) {
    ErrorReply e;
    e.category = ErrorCategory::protocol;
    e.code = failed->code;
    e.message = failed->message;
    e.field = failed->field;
    e.op = decoded.op;
    e.ref = decoded.ref;
    send_error(std::move(e));
    return;
  }
  const auto& message = std::get<live::ClientMessage>(decoded.message);
  if (!principal_ && !std::holds_alternative<live::Hello>(message)) {
    send_error({ErrorCategory::protocol, "not_greeted", "the first message must be hello", {},
                decoded.op, decoded.ref, {}, 0});
    return;
  }
  try {
    std::visit([this](const auto& m) { handle(m); }, message);
  } catch (const std::exception& e) {
    // A bug or an unexpected storage failure: the client hears a typed error, the log hears what
    // (never the message, which may hold personal data).
    log::error("live message failed", {{"what", e.what()}});
    send_error({ErrorCategory::internal, "internal", "internal server error", {}, decoded.op,
                decoded.ref, {}, 0});
  }
}

void LiveSession::handle(const live::Hello& m) {
  if (principal_) {
    send_error({ErrorCategory::protocol, "already_greeted",
                "hello was already accepted; use subscribe to follow another encuentro", {}, {},
                {}, {}, 0});
    return;
  }
  if (m.protocol != live::kProtocolVersion) {
    send_error({ErrorCategory::protocol,
                "protocol_version",
                "this server speaks protocol " + std::to_string(live::kProtocolVersion),
                "protocol",
                {},
                {},
                {{"supported", std::to_string(live::kProtocolVersion)}},
                0});
    return;
  }
  live::WelcomeReply welcome;
  if (m.code) {
    const d::Timestamp now = hub_.clock_();
    if (now < next_code_at_) {
      send_error({ErrorCategory::limit, "rate_limited", "wait before trying another code", {},
                  {}, {}, {}, next_code_at_ - now});
      return;
    }
    auto redeemed = hub_.access_.redeem(*m.code, address_key_);
    if (const auto* error = std::get_if<AccessError>(&redeemed)) {
      next_code_at_ = now + error->retry_after_ms;
      send_access_error(*error, std::nullopt);
      return;
    }
    Session& session = std::get<Session>(redeemed);
    token_ = session.token;
    principal_ = session.principal;
    welcome.token = session.token;
    welcome.expires_at_ms = session.expires_at_ms;
  } else if (m.token) {
    auto authenticated = hub_.access_.authenticate(*m.token);
    if (const auto* error = std::get_if<AccessError>(&authenticated)) {
      send_access_error(*error, std::nullopt);
      return;
    }
    token_ = *m.token;
    principal_ = std::get<Principal>(authenticated);
  } else {
    principal_ = Principal::anyone();
  }
  const Principal& p = *principal_;
  const std::optional<std::string> encuentro = m.encuentro ? m.encuentro : p.encuentro_id;
  welcome.server_version = std::string(kServerVersion);
  welcome.role = std::string(role_name(p.role));
  welcome.encuentro = encuentro;
  welcome.workshop = p.workshop_id;
  welcome.participant = p.participant_id;
  welcome.time_ms = hub_.clock_();
  welcome.messages_per_second = hub_.limits_.messages_per_second;
  welcome.burst = hub_.limits_.burst;
  send(live::encode_welcome(welcome));
  if (encuentro) subscribe(*encuentro, m.since.value_or(0), std::nullopt);
}

void LiveSession::handle(const live::Subscribe& m) {
  subscribe(m.encuentro, m.since.value_or(0), std::nullopt);
}

bool LiveSession::subscribe(const std::string& encuentro_id, std::int64_t since, const Ref& ref) {
  try {
    return subscribe_or_throw(encuentro_id, since, ref);
  } catch (const storage::StorageError& e) {
    send_error({ErrorCategory::storage, "storage_unavailable",
                "the database could not be read now (" + std::string(storage::to_string(e.kind())) +
                    "); subscribe again",
                {}, {}, ref, {}, 1000});
    return false;
  }
}

bool LiveSession::subscribe_or_throw(const std::string& encuentro_id, std::int64_t since,
                                     const Ref& ref) {
  const Principal p = *principal_;
  if (!p.covers(encuentro_id)) {
    send_error({ErrorCategory::authorization, "wrong_encuentro",
                "this session belongs to another encuentro", "encuentro", {}, ref, {}, 0});
    return false;
  }
  bool hidden = false;
  const bool found = hub_.service_.read(encuentro_id, [&](const d::Encuentro& state) {
    if (p.role == Role::anyone && !state.convocation_published_on) {
      hidden = true;  // the public cannot tell a draft from nothing
      return;
    }
    // Everything is prepared before the session joins the room: a storage error leaves it out,
    // rather than in with a gap.
    std::vector<std::string> messages;
    const std::int64_t behind = state.seq - since;
    std::vector<d::Recorded> missed;
    bool snapshot = !(since > 0 && behind >= 0 && behind <= hub_.limits_.catchup_max_events);
    if (!snapshot) {
      for (storage::EventRecord& record : hub_.service_.store().events_after(
               encuentro_id, since, static_cast<std::size_t>(behind))) {
        auto event = protocol::decode_event(record.type, record.payload);
        if (!event) throw std::runtime_error("undecodable event in the log");
        missed.push_back(d::Recorded{record.seq, record.at_ms, std::move(record.actor), *event});
      }
      snapshot = catch_up_by_snapshot(p, missed);
    }
    if (snapshot) {
      messages.push_back(live::encode_snapshot_message(redact(p, state)));
    } else {
      std::size_t bytes = 0;
      for (const d::Recorded& r : missed) {
        if (may_see(p, r.event, state))
          messages.push_back(event_text(state, r));
        else if (may_see_anonymously(p, r.event, state))
          messages.push_back(event_text(state, anonymous_record(r)));
        else
          continue;
        bytes += messages.back().size();
      }
      if (messages.size() > hub_.limits_.catchup_max_messages ||
          bytes > hub_.limits_.catchup_max_bytes) {  // would not fit the outbound queue
        messages.clear();
        messages.push_back(live::encode_snapshot_message(redact(p, state)));
      }
    }
    messages.push_back(live::encode_synced(encuentro_id, state.seq));
    hub_.attach(this, encuentro_id, LiveHub::Subscriber{outlet_, p, token_});
    encuentro_ = encuentro_id;
    for (std::string& m : messages) send(std::move(m));
  });
  if (!found || hidden) {
    send_error({ErrorCategory::authorization, "unknown_encuentro", "no such encuentro",
                "encuentro", {}, ref, {}, 0});
    return false;
  }
  return true;
}

bool LiveSession::require_encuentro(const Ref& op, const Ref& ref) {
  if (encuentro_) return true;
  send_error({ErrorCategory::protocol, "not_subscribed",
              "follow an encuentro first (hello with encuentro, or subscribe)", {}, op, ref, {},
              0});
  return false;
}

namespace {
// The ack, or the typed error, that answers a command.
std::string command_reply(const EncuentroService& service, const Outcome& outcome,
                          const std::string& op, const std::string& encuentro_id, bool creates) {
  ErrorReply e;
  e.op = op;
  switch (outcome.kind) {
    case Outcome::Kind::applied:
    case Outcome::Kind::duplicate:
      return live::encode_ack({op, encuentro_id, outcome.first_seq, outcome.last_seq,
                               outcome.kind == Outcome::Kind::duplicate});
    case Outcome::Kind::refused:
      e.category = ErrorCategory::authorization;
      e.code = outcome.refusal.code;
      e.message = outcome.refusal.message;
      break;
    case Outcome::Kind::rejected:
      if (outcome.rejection.code == d::RejectionCode::not_found && !creates &&
          !service.read(encuentro_id, [](const d::Encuentro&) {})) {
        e.category = ErrorCategory::authorization;
        e.code = "unknown_encuentro";
      } else {
        e.category = ErrorCategory::rule;
        e.code = std::string(d::rejection_code_name(outcome.rejection.code));
      }
      e.message = outcome.rejection.message;
      e.details = outcome.rejection.details;
      break;
    case Outcome::Kind::unavailable:
      e.category = ErrorCategory::storage;
      e.code = "storage_unavailable";
      e.message = "the database could not store this now (" + outcome.detail +
                  "); nothing was written: send it again later with the same op";
      e.retry_after_ms = 1000;
      break;
  }
  return live::encode_error(e);
}
}  // namespace

void LiveSession::handle(const live::CommandMessage& m) {
  const Principal p = *principal_;
  Request request;
  request.command = m.command;
  request.actor = p.actor;
  request.op_id = scoped_op(p.actor, m.op);
  if (auto* create = std::get_if<d::cmd::CreateEncuentro>(&request.command)) {
    create->encuentro_id = new_encuentro_id(p.actor, m.op);  // the same on a resend
    request.encuentro_id = create->encuentro_id;
  } else {
    if (!require_encuentro(m.op, std::nullopt)) return;
    request.encuentro_id = *encuentro_;
  }
  if (auto* reg = std::get_if<d::cmd::Register>(&request.command)) {
    reg->code = access_code::group(access_code::make(access_code::kCodeLength));
  }
  // The guard and the completion run on the service's writer thread, maybe after this session
  // is gone: they own what they use.
  request.guard = [p, encuentro_id = request.encuentro_id,
                   command = request.command](const d::Encuentro& state) -> std::optional<Refusal> {
    const Decision decision = authorize(p, encuentro_id, command, state);
    if (decision.allowed()) return std::nullopt;
    return Refusal{std::string(deny_code_name(decision.code)), decision.message};
  };
  const bool creates = std::holds_alternative<d::cmd::CreateEncuentro>(request.command);
  std::string encuentro_id = request.encuentro_id;
  hub_.service_.submit(
      std::move(request),
      [outlet = outlet_, op = m.op, encuentro_id = std::move(encuentro_id), creates,
       &service = hub_.service_](Outcome outcome) {
        const std::shared_ptr<Outlet> to = outlet.lock();
        if (!to) return;
        to->send(shared_text(command_reply(service, outcome, op, encuentro_id, creates)));
      });
}

void LiveSession::handle(const live::Ping& m) { send(live::encode_pong(m.ref, hub_.clock_())); }

namespace {
live::CodeReply code_reply(const MintedCode& c) {
  return {c.code_id,      c.code,           c.join_path, std::string(role_name(c.role)),
          c.workshop_id,  c.participant_id, c.label,     0,
          std::nullopt};
}
live::CodeReply code_reply(const CodeInfo& c) {
  return {c.code_id,     {},        {}, std::string(role_name(c.role)), c.workshop_id,
          c.participant_id, c.label, c.created_at_ms, c.revoked_at_ms};
}
}  // namespace

void LiveSession::handle(const live::AccessMint& m) {
  if (!require_encuentro(std::nullopt, m.ref)) return;
  const std::optional<Role> role = parse_role(m.role);
  if (!role) {
    send_error({ErrorCategory::access, "invalid_argument", "no such role", "role", {}, m.ref, {},
                0});
    return;
  }
  if (principal_->role != Role::organizer) {  // before anything is looked up for the caller
    send_error({ErrorCategory::authorization, "forbidden", "only an organizer mints codes", {},
                {}, m.ref, {}, 0});
    return;
  }
  if (m.participant) {  // a personal code names a participant who is here
    bool present = false;
    hub_.service_.read(*encuentro_, [&](const d::Encuentro& state) {
      present = state.participant(*m.participant) != nullptr;
    });
    if (!present) {
      send_error({ErrorCategory::access, "invalid_argument", "no such checked-in participant",
                  "participant", {}, m.ref, {}, 0});
      return;
    }
  }
  auto minted = hub_.access_.mint_code(*principal_, *encuentro_, *role, m.workshop, m.label,
                                       m.participant);
  if (const auto* error = std::get_if<AccessError>(&minted)) {
    send_access_error(*error, m.ref);
    return;
  }
  send(live::encode_minted(m.ref, code_reply(std::get<MintedCode>(minted))));
}

void LiveSession::handle(const live::AccessList& m) {
  if (!require_encuentro(std::nullopt, m.ref)) return;
  auto listed = hub_.access_.list_codes(*principal_, *encuentro_);
  if (const auto* error = std::get_if<AccessError>(&listed)) {
    send_access_error(*error, m.ref);
    return;
  }
  std::vector<live::CodeReply> codes;
  for (const CodeInfo& info : std::get<std::vector<CodeInfo>>(listed))
    codes.push_back(code_reply(info));
  send(live::encode_codes(m.ref, codes));
}

void LiveSession::handle(const live::EncuentrosList& m) {
  const Principal& p = *principal_;
  if (p.role != Role::organizer) {
    send_error({ErrorCategory::authorization, "forbidden", "only an organizer lists encuentros", {},
                {}, m.ref, {}, 0});
    return;
  }
  std::vector<live::EncuentroSummary> list;
  const std::vector<std::string> ids =
      p.encuentro_id ? std::vector<std::string>{*p.encuentro_id} : hub_.service_.encuentro_ids();
  for (const std::string& id : ids) {
    hub_.service_.read(id, [&](const d::Encuentro& e) {
      list.push_back({e.id, e.details.title, e.details.date, e.phase, e.seq});
    });
  }
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    return b.date < a.date;  // the next or latest encuentro first
  });
  send(live::encode_encuentros(m.ref, list));
}

void LiveSession::handle(const live::AccessRevoke& m) {
  if (!require_encuentro(std::nullopt, m.ref)) return;
  if (auto error = hub_.access_.revoke_code(*principal_, *encuentro_, m.code_id)) {
    send_access_error(*error, m.ref);
    return;
  }
  hub_.close_revoked();  // before the reply: whoever hears "done" finds them closed
  send(live::encode_done(m.ref));
}

void LiveSession::handle(const live::AccessPublicCode& m) {
  if (!require_encuentro(std::nullopt, m.ref)) return;
  auto code = m.rotate ? hub_.access_.rotate_public_code(*principal_, *encuentro_)
                       : hub_.access_.public_code(*principal_, *encuentro_);
  if (const auto* error = std::get_if<AccessError>(&code)) {
    send_access_error(*error, m.ref);
    return;
  }
  const PublicCode& pc = std::get<PublicCode>(code);
  if (m.rotate) hub_.close_revoked();
  send(live::encode_public_code(m.ref, pc.code, pc.join_path));
}

void LiveSession::handle(const live::ParticipantLink& m) {
  if (!require_encuentro(std::nullopt, m.ref)) return;
  const Principal& p = *principal_;
  if (p.role != Role::citizen) {
    send_error({ErrorCategory::authorization, "forbidden", "only a citizen session is linked", {},
                {}, m.ref, {}, 0});
    return;
  }
  if (p.participant_id) {
    send_error({ErrorCategory::access, "invalid_argument",
                "this session is already linked to its participant", {}, {}, m.ref, {}, 0});
    return;
  }
  if (auto locked = hub_.access_.locked_out(address_key_)) {
    send_access_error(*locked, m.ref);
    return;
  }
  // The code as printed ("ABCD-EFGH-JK"), typed loosely, or as stored (older or demo codes).
  const auto canonical = access_code::normalize(m.registration_code);
  const std::string grouped = canonical ? access_code::group(*canonical) : std::string{};
  std::optional<std::string> participant;
  bool registered = false;
  hub_.service_.read(*encuentro_, [&](const d::Encuentro& state) {
    const d::Registrant* r = state.registrant_by_code(m.registration_code);
    if (!r && !grouped.empty()) r = state.registrant_by_code(grouped);
    if (!r) return;
    registered = true;
    participant = r->participant_id;
  });
  if (!registered) {
    send_access_error(hub_.access_.wrong_guess(address_key_), m.ref);
    return;
  }
  if (!participant) {
    send_error({ErrorCategory::rule, "not_checked_in",
                "this registration has not checked in yet: check in at the door first", {}, {},
                m.ref, {}, 0});
    return;
  }
  if (auto error = hub_.access_.link_participant(token_, *participant)) {
    send_access_error(*error, m.ref);
    return;
  }
  auto authenticated = hub_.access_.authenticate(token_);
  if (const auto* error = std::get_if<AccessError>(&authenticated)) {
    send_access_error(*error, m.ref);
    return;
  }
  principal_ = std::get<Principal>(authenticated);
  // Under the encuentro's lock: the new view replaces the old one with no event in between.
  hub_.service_.read(*encuentro_, [&](const d::Encuentro& state) {
    hub_.set_principal(this, *principal_);
    const d::Participant* linked = state.participant(*participant);
    send(live::encode_linked(m.ref, *participant,
                             linked ? linked->workshop_id : std::optional<std::string>{}));
    send(live::encode_snapshot_message(redact(*principal_, state)));
  });
}

void LiveSession::handle(const live::Logout& m) {
  send(live::encode_done(m.ref));
  closed_ = true;
  if (auto outlet = outlet_.lock()) outlet->close(kCloseNormal, "logout");
  if (!token_.empty() && hub_.access_.logout(token_)) hub_.close_revoked();  // its other tablets
}

}  // namespace encuentro::app
