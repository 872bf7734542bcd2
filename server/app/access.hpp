#pragma once

// Access: how a person gets a session, and what a session token says about them.
//
//   organizer's first access   a one-time secret printed on stdout at first start
//                              (ensure_organizer_secret) or by `encuentro-server
//                              --mint-organizer-secret`; redeeming it gives an organizer session
//                              over every encuentro.
//   staff, projector, office   access codes the organizer mints per encuentro, role and workshop
//                              (mint_code), shown once, also as a join URL for a QR; revocable
//                              (revoking a code also ends every session redeemed with it).
//   citizens                   the encuentro's public code (public_code): a citizen session, linked
//                              to a checked-in participant later (link_participant).
//   anyone                     no session (Principal::anyone()): published data only.
//
// Codes. 10 symbols of Crockford base32 (0-9, A-Z without I L O U), shown grouped "ABCD-EFGH-JK":
// 9 random symbols (45 bits) and 1 check symbol. Input is case-insensitive, hyphens and spaces are
// ignored, I and L read as 1 and O as 0 (Crockford), U is refused. The check symbol is a weighted
// sum in GF(32) that detects every single wrong symbol and every swap of two adjacent ones: a
// mistyped code is answered "malformed" and is NOT counted as a wrong guess, so a venue of citizens
// behind one Wi-Fi address is not locked out by typos (which it would be with 50 random bits and no
// check). 45 bits against online guessing at 5 tries per 15 minutes per address is out of reach
// (about 10^8 years for one address). The organizer secret is 27 symbols: 130 random bits + check.
//
// Stored hashed, with a key outside the database. Codes, tokens (256 random bits, base64url),
// secrets and client address keys are stored only as HMAC-SHA-256 under a 32-byte server key.
// Plain SHA-256 would do for tokens, but not for codes: 45 bits hash in about an hour on one GPU,
// so anyone holding a copy of the database could recover every live code offline. A key ("pepper")
// stops that only if it does NOT travel with the database, so it lives in a key file beside it
// (`<db>.key`, mode 0600, created at first start) and not in a table: a copied or backed-up .db
// alone reveals no code. The database keeps only a check value of the key (table server_keys) so
// that a missing or foreign key file is noticed: the server then makes a new key, revokes every
// code and session (none could match again) and prints a new one-time organizer secret. Losing
// the key file therefore costs re-issuing access, never event data. Back up the .db; keep the .key
// out of the backup.
//
// Lock-out. Wrong codes count per client address key (chosen by the transport; stored hashed):
// 5 wrong codes within 10 minutes lock the address for 15 minutes, persistently (it survives a
// restart). Every wrong code answers retry_after_ms (1 s by default) for the transport to wait or
// refuse; nothing here sleeps. A correct code does NOT reset the counter: otherwise anyone could
// interleave the (well-known) public code between guesses and never be locked. While locked, even a
// correct code is refused, so guessing during the lock learns nothing.
//
// Thread-safety: any thread may call any method (the store serialises its own calls).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app/encuentro_service.hpp"  // Clock, system_now
#include "app/principal.hpp"
#include "domain/calendar.hpp"
#include "storage/access_store.hpp"

namespace encuentro::app {

// ---- codes ----------------------------------------------------------------------------------
namespace access_code {

inline constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t kCodeLength = 10;    // 9 random symbols (45 bits) + check
inline constexpr std::size_t kSecretLength = 27;  // 26 random symbols (130 bits) + check

// A random code of `length` symbols (the last one the check symbol), canonical: no hyphens.
// REQUIRES: 2 <= length <= 31.
std::string make(std::size_t length);

// Upper-case, separators ('-', ' ') removed, I/L -> 1, O -> 0. nullopt when the input holds any
// other character outside the alphabet (U included), or nothing. Length and check not checked.
std::optional<std::string> normalize(std::string_view input);

// Whether a canonical code's last symbol is the check of the others.
bool check_ok(std::string_view canonical);

// "ABCD-EFGH-JK": groups of four.
std::string group(std::string_view canonical);

// The relative join URL of a code: "/unirse?codigo=ABCD-EFGH-JK".
std::string join_path(std::string_view canonical);

}  // namespace access_code

// ---- service --------------------------------------------------------------------------------

struct AccessPolicy {
  storage::LockoutRule lockout;  // 5 wrong codes in 10 minutes lock an address for 15 minutes
  domain::Timestamp failure_delay_ms = 1000;           // retry_after_ms of a wrong code
  domain::Timestamp session_ttl_ms = 24 * 3600'000LL;  // the event day's roles
  domain::Timestamp organizer_session_ttl_ms = 7 * 24 * 3600'000LL;
  domain::Timestamp office_session_ttl_ms = 30 * 24 * 3600'000LL;  // follow-up lasts months
  domain::Timestamp organizer_secret_ttl_ms = 24 * 3600'000LL;
};

enum class AccessErrorCode {
  unknown,
  forbidden,         // the principal may not manage access of that encuentro
  invalid_argument,  // a role, workshop, label or id that cannot be
  not_found,         // no such code
  malformed_code,    // not a code (characters, length or check symbol): not counted
  invalid_code,      // a well-formed code that is unknown, revoked or used: counted
  locked_out,        // too many wrong codes from this address: retry_after_ms says how long
  unknown_token,
  expired,
  revoked,
};
std::string_view access_error_name(AccessErrorCode code) noexcept;

struct AccessError {
  AccessErrorCode code = AccessErrorCode::unknown;
  std::string message;  // English, for logs and developers; never contains the code or token
  domain::Timestamp retry_after_ms = 0;
};

template <class T>
using AccessResult = std::variant<T, AccessError>;

struct MintedCode {
  std::string code_id;    // handle for list/revoke
  std::string code;       // grouped "ABCD-EFGH-JK": shown once, never stored
  std::string join_path;  // "/unirse?codigo=ABCD-EFGH-JK" (relative; the transport adds the host)
  Role role = Role::unknown;
  std::string encuentro_id;
  std::optional<std::string> workshop_id;
  std::string label;
  std::optional<std::string> participant_id;
};

struct CodeInfo {  // what list_codes shows: never the code itself
  std::string code_id;
  Role role = Role::unknown;
  std::string encuentro_id;
  std::optional<std::string> workshop_id;
  std::string label;
  domain::Timestamp created_at_ms = 0;
  std::optional<domain::Timestamp> revoked_at_ms;
  std::string created_by;
  std::optional<std::string> participant_id;  // personal citizen codes
};

struct PublicCode {
  std::string code;  // grouped
  std::string join_path;
};

struct Session {
  std::string token;  // 43 characters of base64url (256 bits): returned once, stored hashed
  Principal principal;
  domain::Timestamp expires_at_ms = 0;
};

class AccessService {
 public:
  struct Options {
    storage::AccessStore::Options store;  // the same database file as the EncuentroService's
    std::string key_path;                 // empty: store.path + ".key"
    AccessPolicy policy;
    Clock clock = system_now;
  };

  // Opens the store and loads the server key, creating it (0600) when missing; a key that does not
  // match the database's check value replaces it and revokes all access (see above).
  // Throws storage::StorageError, or std::runtime_error when the key file cannot be read/written.
  explicit AccessService(Options options);
  ~AccessService();
  AccessService(const AccessService&) = delete;
  AccessService& operator=(const AccessService&) = delete;

  bool key_created() const { return key_created_; }    // this start made the key file
  bool key_replaced() const { return key_replaced_; }  // ... and revoked access made with another

  // ---- organizer bootstrap ----
  // At a start where no organizer secret was ever redeemed: forgets unredeemed ones, mints a new
  // one and returns it grouped, for main to print ONCE on stdout (never to the log). nullopt
  // once an organizer has come in; from then on use mint_organizer_secret (the command line).
  std::optional<std::string> ensure_organizer_secret();
  std::string mint_organizer_secret();

  // ---- codes (an organizer covering `encuentro_id` only) ----
  // Roles: organizer, projector and office without workshop; facilitator, relator and servant
  // with one. Citizens join with the public code, or with a personal code (below).
  // A citizen code is personal: it names a checked-in participant (`participant_id`), so that a
  // walk-in without a registration code can link a phone at the door (the caller checks that the
  // participant exists).
  AccessResult<MintedCode> mint_code(const Principal& by, std::string_view encuentro_id, Role role,
                                     const std::optional<std::string>& workshop_id,
                                     std::string_view label,
                                     const std::optional<std::string>& participant_id = {});
  AccessResult<std::vector<CodeInfo>> list_codes(const Principal& by,
                                                 std::string_view encuentro_id) const;
  // Revokes the code and every session redeemed with it.
  std::optional<AccessError> revoke_code(const Principal& by, std::string_view encuentro_id,
                                         std::string_view code_id);
  // The encuentro's public citizen code, made on first request; rotate_public_code replaces it
  // (and ends the sessions of the old one).
  AccessResult<PublicCode> public_code(const Principal& by, std::string_view encuentro_id);
  AccessResult<PublicCode> rotate_public_code(const Principal& by, std::string_view encuentro_id);

  // ---- sessions ----
  // A code (minted, public) or an organizer secret, typed or from a join URL, from a client whose
  // address key (IP address, or a prefix of it) is `address_key`.
  AccessResult<Session> redeem(std::string_view code, std::string_view address_key);
  AccessResult<Principal> authenticate(std::string_view token) const;
  // Other secrets a client may try to guess through the app (a registrant's registration code,
  // when a citizen links their session) count against the same lock-out as access codes:
  // locked_out() before checking one, wrong_guess() after a wrong one (which answers
  // invalid_code with retry_after_ms, or locked_out once the limit is reached).
  std::optional<AccessError> locked_out(std::string_view address_key) const;
  AccessError wrong_guess(std::string_view address_key);
  // Links a citizen session without participant to `participant_id`.
  // REQUIRES: the caller has established that the holder IS that participant (their
  // registration code matched state.registrant_by_code, or staff at the door confirmed it).
  std::optional<AccessError> link_participant(std::string_view token,
                                              std::string_view participant_id);
  bool logout(std::string_view token);
  // Deletes sessions that ended more than a day ago and stale lock-out counters.
  int purge_expired();

 private:
  std::string hash(std::string_view kind, std::string_view value) const;
  AccessResult<PublicCode> make_public_code(const Principal& by, std::string_view encuentro_id,
                                            bool rotate);
  Session start_session(const storage::AccessCodeRow& code, domain::Timestamp now);
  domain::Timestamp ttl(Role role) const;

  Options options_;
  storage::AccessStore store_;
  std::vector<unsigned char> key_;  // 32 bytes; never logged, never stored in the database
  bool key_created_ = false;
  bool key_replaced_ = false;
};

}  // namespace encuentro::app
