// The live protocol's envelopes (shared/protocol/README.md): what a client sends over the
// WebSocket, decoded strictly into typed messages, and what the server sends back, encoded once as
// compact JSON text. The commands and events inside are the codec's (codec.hpp).
//
// Thread-safe: every function here is pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/commands.hpp"
#include "domain/encuentro.hpp"
#include "domain/events.hpp"
#include "protocol/result.hpp"

namespace encuentro::protocol::live {

inline constexpr int kProtocolVersion = 1;
// A message larger than this is answered `too_large` (the transport closes beyond its own frame
// limit, which is larger). The longest text a command carries is 20,000 characters
// (domain::kMaxLongText): up to 120 KB once escaped.
inline constexpr std::size_t kMaxClientMessageBytes = 256 * 1024;
inline constexpr std::size_t kMaxRefLength = 128;

// ---- Client → server ------------------------------------------------------------------------

struct Hello {
  int protocol = 0;
  std::optional<std::string> token;
  std::optional<std::string> code;
  std::optional<std::string> encuentro;
  std::optional<std::int64_t> since;
};
struct Subscribe {
  std::string encuentro;
  std::optional<std::int64_t> since;
};
struct CommandMessage {
  std::string op;
  domain::Command command;
};
struct Ping {
  std::optional<std::string> ref;
};
struct AccessMint {
  std::optional<std::string> ref;
  std::string role;  // a role name (app/principal.hpp); the app parses and checks it
  std::optional<std::string> workshop;
  std::optional<std::string> participant;
  std::string label;
};
struct AccessList {
  std::optional<std::string> ref;
};
struct AccessRevoke {
  std::optional<std::string> ref;
  std::string code_id;
};
struct AccessPublicCode {
  std::optional<std::string> ref;
  bool rotate = false;
};
struct ParticipantLink {
  std::optional<std::string> ref;
  std::string registration_code;
};
struct Logout {
  std::optional<std::string> ref;
};
struct EncuentrosList {  // the organizer's list of the encuentros it may act on
  std::optional<std::string> ref;
};

using ClientMessage = std::variant<Hello, Subscribe, CommandMessage, Ping, AccessMint, AccessList,
                                   AccessRevoke, AccessPublicCode, ParticipantLink, Logout,
                                   EncuentrosList>;

// A decoded message, or why it is not one. `op` and `ref` are what could be read of them even
// from a message that failed, so that the error reply can name the request it answers.
struct Decoded {
  std::variant<ClientMessage, DecodeError> message;
  std::optional<std::string> op;
  std::optional<std::string> ref;
};

// Strict: not JSON / over kMaxClientMessageBytes / too deep → bad_json (too_large for size); no "type"
// → missing_field; unknown type → unknown_type; a member the type does not have → unknown_field;
// a wrong JSON type → invalid_field; an op that is not 1–128 visible ASCII characters →
// invalid_op; a command name or args that do not decode → decode_command's codes, with the field
// path under "args.".
Decoded decode_client_message(std::string_view text);

// ---- Server → client ------------------------------------------------------------------------

enum class ErrorCategory { protocol, access, authorization, rule, limit, storage, internal };
std::string_view error_category_name(ErrorCategory category) noexcept;

struct ErrorReply {
  ErrorCategory category = ErrorCategory::internal;
  std::string code;
  std::string message;
  std::string field;  // omitted when empty
  std::optional<std::string> op;
  std::optional<std::string> ref;
  std::map<std::string, std::string> details;  // omitted when empty
  std::int64_t retry_after_ms = 0;             // omitted when 0
};

struct WelcomeReply {
  std::string server_version;
  std::string role;
  std::optional<std::string> encuentro;
  std::optional<std::string> workshop;
  std::optional<std::string> participant;
  std::optional<std::string> token;  // with expires_at_ms, when a code was redeemed
  std::int64_t expires_at_ms = 0;
  std::int64_t time_ms = 0;
  std::size_t max_message_bytes = kMaxClientMessageBytes;
  int messages_per_second = 0;
  int burst = 0;
};

struct AckReply {
  std::string op;
  std::string encuentro;
  std::int64_t first_seq = 0;
  std::int64_t seq = 0;
  bool duplicate = false;
};

struct CodeReply {  // access.minted, and one entry of access.codes
  std::string code_id;
  std::string code;       // access.minted only
  std::string join_path;  // access.minted only
  std::string role;
  std::optional<std::string> workshop;
  std::optional<std::string> participant;
  std::string label;
  std::int64_t created_at_ms = 0;
  std::optional<std::int64_t> revoked_at_ms;
};

std::string encode_error(const ErrorReply& error);
std::string encode_welcome(const WelcomeReply& welcome);
// The state as the session may see it (already redacted by the caller).
std::string encode_snapshot_message(const domain::Encuentro& state);
// `reveal`: on proposal.accepted, the contribution that becomes visible with it.
std::string encode_event_message(std::string_view encuentro_id, const domain::Recorded& recorded,
                                 const domain::Contribution* reveal = nullptr);
std::string encode_synced(std::string_view encuentro_id, std::int64_t seq);
std::string encode_ack(const AckReply& ack);
std::string encode_pong(const std::optional<std::string>& ref, std::int64_t time_ms);
std::string encode_minted(const std::optional<std::string>& ref, const CodeReply& code);
std::string encode_codes(const std::optional<std::string>& ref, const std::vector<CodeReply>& codes);
std::string encode_public_code(const std::optional<std::string>& ref, std::string_view code,
                               std::string_view join_path);
std::string encode_linked(const std::optional<std::string>& ref, std::string_view participant,
                          const std::optional<std::string>& workshop);
std::string encode_done(const std::optional<std::string>& ref);

struct EncuentroSummary {  // one entry of `encuentros`
  std::string id;
  std::string title;
  domain::Date date;
  domain::Phase phase = domain::Phase::unknown;
  std::int64_t seq = 0;
};
std::string encode_encuentros(const std::optional<std::string>& ref,
                              const std::vector<EncuentroSummary>& encuentros);

}  // namespace encuentro::protocol::live
