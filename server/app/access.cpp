#include "app/access.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "app/crypto.hpp"

namespace encuentro::app {

// ---- roles ----------------------------------------------------------------------------------

std::string_view role_name(Role role) noexcept {
  switch (role) {
    case Role::organizer:
      return "organizer";
    case Role::facilitator:
      return "facilitator";
    case Role::relator:
      return "relator";
    case Role::servant:
      return "servant";
    case Role::citizen:
      return "citizen";
    case Role::projector:
      return "projector";
    case Role::office:
      return "office";
    case Role::anyone:
      return "public";
    case Role::unknown:
      break;
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view name) noexcept {
  for (const Role role : kAllRoles) {
    if (role_name(role) == name) return role;
  }
  return std::nullopt;
}

std::string_view access_error_name(AccessErrorCode code) noexcept {
  switch (code) {
    case AccessErrorCode::forbidden:
      return "forbidden";
    case AccessErrorCode::invalid_argument:
      return "invalid_argument";
    case AccessErrorCode::not_found:
      return "not_found";
    case AccessErrorCode::malformed_code:
      return "malformed_code";
    case AccessErrorCode::invalid_code:
      return "invalid_code";
    case AccessErrorCode::locked_out:
      return "locked_out";
    case AccessErrorCode::unknown_token:
      return "unknown_token";
    case AccessErrorCode::expired:
      return "expired";
    case AccessErrorCode::revoked:
      return "revoked";
    case AccessErrorCode::unknown:
      break;
  }
  return "unknown";
}

// ---- codes ----------------------------------------------------------------------------------
namespace access_code {
namespace {

// GF(32) with the primitive polynomial x^5 + x^2 + 1; alpha = x = 2.
constexpr unsigned gf_mul(unsigned a, unsigned b) {
  unsigned product = 0;
  for (int i = 0; i < 5; ++i) {
    if (b & 1u) product ^= a;
    b >>= 1;
    a <<= 1;
    if (a & 0x20u) a ^= 0x25u;
  }
  return product & 0x1Fu;
}

// The check symbol of `values` (the data symbols): sum of alpha^(i+1) * v_i. Weights are distinct
// non-zero elements (alpha has order 31), and the check symbol itself has weight alpha^0 = 1, so
// one wrong symbol, or two different adjacent symbols swapped, always changes the sum.
unsigned check_value(std::string_view data) {
  unsigned sum = 0;
  unsigned weight = 1;
  for (const char c : data) {
    weight = gf_mul(weight, 2);
    sum ^= gf_mul(weight, static_cast<unsigned>(kAlphabet.find(c)));
  }
  return sum;
}

}  // namespace

std::string make(std::size_t length) {
  if (length < 2 || length > 31) throw std::invalid_argument("access_code::make: 2..31 symbols");
  std::vector<unsigned char> random = crypto::random_bytes(length - 1);
  std::string code;
  code.reserve(length);
  for (const unsigned char byte : random) code.push_back(kAlphabet[byte & 0x1Fu]);  // 256 % 32 == 0
  code.push_back(kAlphabet[check_value(code)]);
  return code;
}

std::optional<std::string> normalize(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  for (char c : input) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out.push_back(c);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

bool check_ok(std::string_view canonical) {
  if (canonical.size() < 2 || canonical.size() > 31) return false;
  for (const char c : canonical) {
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  }
  const auto check = static_cast<unsigned>(kAlphabet.find(canonical.back()));
  return check_value(canonical.substr(0, canonical.size() - 1)) == check;
}

std::string group(std::string_view canonical) {
  std::string out;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (i != 0 && i % 4 == 0) out.push_back('-');
    out.push_back(canonical[i]);
  }
  return out;
}

std::string join_path(std::string_view canonical) {
  return "/unirse?codigo=" + group(canonical);
}

}  // namespace access_code

// ---- the key file ---------------------------------------------------------------------------
namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::string_view kKeyName = "code_pepper";
constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kTokenChars = 43;  // base64url of 32 bytes, unpadded
constexpr domain::Timestamp kPurgeGraceMs = 24 * 3600'000LL;

std::string errno_text() {
  return std::strerror(errno);
}

// Reads the key file, or creates it (O_EXCL, 0600) with fresh random bytes. Another process
// creating it at the same moment wins and its key is read.
std::pair<std::vector<unsigned char>, bool> load_or_create_key(const std::string& path) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      std::vector<unsigned char> key(kKeyBytes + 1);
      std::size_t got = 0;
      for (;;) {
        const ssize_t n = ::read(fd, key.data() + got, key.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          const std::string why = errno_text();
          ::close(fd);
          throw std::runtime_error("cannot read the server key file '" + path + "': " + why);
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
        if (got == key.size()) break;
      }
      ::close(fd);
      if (got != kKeyBytes) {
        throw std::runtime_error("the server key file '" + path + "' is not " +
                                 std::to_string(kKeyBytes) +
                                 " bytes long; restore it, or delete it to make a new key "
                                 "(which revokes every access code and session)");
      }
      key.resize(kKeyBytes);
      return {std::move(key), false};
    }
    if (errno != ENOENT) {
      throw std::runtime_error("cannot open the server key file '" + path + "': " + errno_text());
    }
    const int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
      if (errno == EEXIST) continue;  // someone else made it: read theirs
      throw std::runtime_error("cannot create the server key file '" + path + "': " + errno_text());
    }
    std::vector<unsigned char> key = crypto::random_bytes(kKeyBytes);
    std::size_t written = 0;
    while (written < key.size()) {
      const ssize_t n = ::write(out, key.data() + written, key.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const std::string why = errno_text();
        ::close(out);
        ::unlink(path.c_str());
        throw std::runtime_error("cannot write the server key file '" + path + "': " + why);
      }
      written += static_cast<std::size_t>(n);
    }
    if (::fsync(out) != 0 || ::close(out) != 0) {
      ::unlink(path.c_str());
      throw std::runtime_error("cannot sync the server key file '" + path + "': " + errno_text());
    }
    // The directory entry must be durable too, or a power cut could lose the key of codes
    // already handed out.
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    const std::string dir = parent.empty() ? "." : parent.string();
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
    return {std::move(key), true};
  }
  throw std::runtime_error("cannot create or read the server key file '" + path + "'");
}

AccessError error(AccessErrorCode code, std::string message, domain::Timestamp retry = 0) {
  return AccessError{code, std::move(message), retry};
}

// Ids as the domain makes them: 1-64 characters of a-z, 0-9 and '-'.
bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool valid_label(std::string_view label) {
  if (label.size() > 200) return false;
  for (const char c : label) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return false;
  }
  return true;
}

bool valid_token_shape(std::string_view token) {
  if (token.size() != kTokenChars) return false;
  for (const char c : token) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_'))
      return false;
  }
  return true;
}

std::optional<AccessError> check_manager(const Principal& by, std::string_view encuentro_id) {
  if (!valid_id(encuentro_id)) {
    return error(AccessErrorCode::invalid_argument, "encuentro id: 1-64 characters of a-z, 0-9, -");
  }
  if (by.role != Role::organizer) {
    return error(AccessErrorCode::forbidden, "only an organizer manages access codes");
  }
  if (!by.covers(encuentro_id)) {
    return error(AccessErrorCode::forbidden, "this organizer does not organize that encuentro");
  }
  return std::nullopt;
}

}  // namespace

// ---- service --------------------------------------------------------------------------------

AccessService::AccessService(Options options)
    : options_(std::move(options)), store_(options_.store) {
  if (options_.key_path.empty()) options_.key_path = options_.store.path + ".key";
  auto [key, created] = load_or_create_key(options_.key_path);
  key_ = std::move(key);
  key_created_ = created;
  const std::string check = hash("key-check", "encuentro server key v1");
  const std::optional<std::string> stored = store_.key_check(kKeyName);
  if (!stored) {
    store_.set_key_check(kKeyName, check, options_.clock());
  } else if (*stored != check) {
    store_.replace_key(kKeyName, check, options_.clock());
    key_replaced_ = true;
  }
}

AccessService::~AccessService() = default;

std::string AccessService::hash(std::string_view kind, std::string_view value) const {
  std::string message;
  message.reserve(kind.size() + 1 + value.size());
  message.append(kind).push_back('\0');  // domain separation: a code never hashes like a token
  message.append(value);
  return crypto::hmac_sha256_hex(key_, message);
}

domain::Timestamp AccessService::ttl(Role role) const {
  switch (role) {
    case Role::organizer:
      return options_.policy.organizer_session_ttl_ms;
    case Role::office:
      return options_.policy.office_session_ttl_ms;
    default:
      return options_.policy.session_ttl_ms;
  }
}

std::optional<std::string> AccessService::ensure_organizer_secret() {
  if (store_.organizer_secret_ever_used()) return std::nullopt;
  const std::string secret = access_code::make(access_code::kSecretLength);
  const domain::Timestamp now = options_.clock();
  store_.replace_unused_organizer_secrets(hash("secret", secret), now,
                                          now + options_.policy.organizer_secret_ttl_ms);
  return access_code::group(secret);
}

std::string AccessService::mint_organizer_secret() {
  const std::string secret = access_code::make(access_code::kSecretLength);
  const domain::Timestamp now = options_.clock();
  store_.insert_organizer_secret(hash("secret", secret), now,
                                 now + options_.policy.organizer_secret_ttl_ms);
  return access_code::group(secret);
}

AccessResult<MintedCode> AccessService::mint_code(const Principal& by,
                                                  std::string_view encuentro_id, Role role,
                                                  const std::optional<std::string>& workshop_id,
                                                  std::string_view label,
                                                  const std::optional<std::string>& participant_id) {
  if (auto refused = check_manager(by, encuentro_id)) return *refused;
  switch (role) {
    case Role::organizer:
    case Role::projector:
    case Role::office:
      if (workshop_id) {
        return error(AccessErrorCode::invalid_argument,
                     std::string(role_name(role)) + " codes have no workshop");
      }
      break;
    case Role::facilitator:
    case Role::relator:
    case Role::servant:
      if (!workshop_id || !valid_id(*workshop_id)) {
        return error(AccessErrorCode::invalid_argument,
                     std::string(role_name(role)) + " codes need a workshop id (a-z, 0-9, -)");
      }
      break;
    case Role::citizen:
      if (workshop_id || !participant_id || !valid_id(*participant_id)) {
        return error(AccessErrorCode::invalid_argument,
                     "a citizen code names one participant and no workshop; citizens without "
                     "one join with the encuentro's public code");
      }
      break;
    case Role::anyone:
    case Role::unknown:
      return error(AccessErrorCode::invalid_argument, "no code for that role");
  }
  if (!valid_label(label)) {
    return error(AccessErrorCode::invalid_argument, "label: at most 200 bytes, one line");
  }
  storage::AccessCodeRow row;
  row.encuentro_id = std::string(encuentro_id);
  row.role = std::string(role_name(role));
  row.workshop_id = workshop_id;
  if (role == Role::citizen) row.participant_id = participant_id;
  else if (participant_id) {
    return error(AccessErrorCode::invalid_argument,
                 std::string(role_name(role)) + " codes name no participant");
  }
  row.label = std::string(label);
  row.created_at_ms = options_.clock();
  row.created_by = by.actor;
  for (int attempt = 0; attempt < 8; ++attempt) {  // a collision is a 2^-45 event; retry anyway
    const std::string code = access_code::make(access_code::kCodeLength);
    row.code_hash = hash("code", code);
    row.code_id = crypto::to_hex(crypto::random_bytes(8));
    if (store_.insert_code(row)) {
      return MintedCode{row.code_id, access_code::group(code), access_code::join_path(code),
                        role,        row.encuentro_id,         row.workshop_id,
                        row.label,   row.participant_id};
    }
  }
  throw std::runtime_error("could not mint a unique access code");
}

AccessResult<std::vector<CodeInfo>> AccessService::list_codes(const Principal& by,
                                                              std::string_view encuentro_id) const {
  if (auto refused = check_manager(by, encuentro_id)) return *refused;
  std::vector<CodeInfo> codes;
  for (storage::AccessCodeRow& row : store_.list_codes(encuentro_id)) {
    codes.push_back(CodeInfo{std::move(row.code_id), parse_role(row.role).value_or(Role::unknown),
                             std::move(row.encuentro_id), std::move(row.workshop_id),
                             std::move(row.label), row.created_at_ms, row.revoked_at_ms,
                             std::move(row.created_by), std::move(row.participant_id)});
  }
  return codes;
}

std::optional<AccessError> AccessService::revoke_code(const Principal& by,
                                                      std::string_view encuentro_id,
                                                      std::string_view code_id) {
  if (auto refused = check_manager(by, encuentro_id)) return refused;
  if (!store_.revoke_code(encuentro_id, code_id, options_.clock())) {
    return error(AccessErrorCode::not_found, "no such active code in this encuentro");
  }
  return std::nullopt;
}

AccessResult<PublicCode> AccessService::public_code(const Principal& by,
                                                    std::string_view encuentro_id) {
  return make_public_code(by, encuentro_id, false);
}

AccessResult<PublicCode> AccessService::rotate_public_code(const Principal& by,
                                                           std::string_view encuentro_id) {
  return make_public_code(by, encuentro_id, true);
}

AccessResult<PublicCode> AccessService::make_public_code(const Principal& by,
                                                         std::string_view encuentro_id,
                                                         bool rotate) {
  if (auto refused = check_manager(by, encuentro_id)) return *refused;
  for (int attempt = 0; attempt < 8; ++attempt) {
    if (!rotate) {
      if (auto existing = store_.public_code(encuentro_id)) {
        return PublicCode{access_code::group(existing->code),
                          access_code::join_path(existing->code)};
      }
    }
    const std::string code = access_code::make(access_code::kCodeLength);
    storage::AccessCodeRow row;
    row.code_hash = hash("code", code);
    row.code_id = crypto::to_hex(crypto::random_bytes(8));
    row.encuentro_id = std::string(encuentro_id);
    row.role = std::string(role_name(Role::citizen));
    row.label = "public code";
    row.created_at_ms = options_.clock();
    row.created_by = by.actor;
    if (store_.put_public_code(row, code, rotate, row.created_at_ms)) {
      return PublicCode{access_code::group(code), access_code::join_path(code)};
    }
  }
  throw std::runtime_error("could not make a public code");
}

Session AccessService::start_session(const storage::AccessCodeRow& code, domain::Timestamp now) {
  const Role role = parse_role(code.role).value_or(Role::unknown);
  const std::string token = crypto::base64url(crypto::random_bytes(kTokenBytes));
  storage::SessionRow row;
  row.token_hash = hash("token", token);
  row.encuentro_id = code.encuentro_id;
  row.role = code.role;
  row.workshop_id = code.workshop_id;
  row.participant_id = code.participant_id;
  row.code_hash = code.code_hash;
  row.created_at_ms = now;
  row.expires_at_ms = now + ttl(role);
  store_.insert_session(row);
  Principal principal{role, code.encuentro_id, code.workshop_id, code.participant_id,
                      role != Role::citizen ? code.role + ":k-" + code.code_id
                      : code.participant_id ? "citizen:p-" + *code.participant_id
                                            : std::string("citizen:s-") + row.token_hash.substr(0, 16),
                      row.expires_at_ms};
  return Session{token, std::move(principal), row.expires_at_ms};
}

AccessResult<Session> AccessService::redeem(std::string_view input, std::string_view address_key) {
  const domain::Timestamp now = options_.clock();
  const std::string address = hash("address", address_key);
  if (auto attempts = store_.attempts(address); attempts && attempts->locked_until_ms > now) {
    return error(AccessErrorCode::locked_out, "too many wrong codes from this address",
                 attempts->locked_until_ms - now);
  }
  const std::optional<std::string> code = access_code::normalize(input);
  if (!code ||
      (code->size() != access_code::kCodeLength && code->size() != access_code::kSecretLength) ||
      !access_code::check_ok(*code)) {
    // Not counted: a typo is not a guess (the check symbol catches it), and no well-formed
    // code was tried.
    return error(AccessErrorCode::malformed_code,
                 "not a code: check the characters (10 of 0-9 and A-Z)");
  }
  if (code->size() == access_code::kCodeLength) {
    const std::optional<storage::AccessCodeRow> row = store_.find_code(hash("code", *code));
    if (row && !row->revoked_at_ms && parse_role(row->role)) return start_session(*row, now);
  } else {
    const std::string token = crypto::base64url(crypto::random_bytes(kTokenBytes));
    storage::SessionRow session;
    session.token_hash = hash("token", token);
    session.role = std::string(role_name(Role::organizer));  // encuentro_id nullopt: every one
    session.created_at_ms = now;
    session.expires_at_ms = now + options_.policy.organizer_session_ttl_ms;
    if (store_.redeem_organizer_secret(hash("secret", *code), session, now)) {
      Principal principal{Role::organizer, std::nullopt, std::nullopt, std::nullopt,
                          "organizer:s-" + session.token_hash.substr(0, 16)};
      return Session{token, std::move(principal), session.expires_at_ms};
    }
  }
  const storage::AttemptRow after = store_.record_failure(address, now, options_.policy.lockout);
  if (after.locked_until_ms > now) {
    return error(AccessErrorCode::locked_out, "too many wrong codes from this address",
                 after.locked_until_ms - now);
  }
  return error(AccessErrorCode::invalid_code, "unknown, revoked or used code",
               options_.policy.failure_delay_ms);
}

std::optional<AccessError> AccessService::locked_out(std::string_view address_key) const {
  const domain::Timestamp now = options_.clock();
  if (auto attempts = store_.attempts(hash("address", address_key));
      attempts && attempts->locked_until_ms > now) {
    return error(AccessErrorCode::locked_out, "too many wrong codes from this address",
                 attempts->locked_until_ms - now);
  }
  return std::nullopt;
}

AccessError AccessService::wrong_guess(std::string_view address_key) {
  const domain::Timestamp now = options_.clock();
  const storage::AttemptRow after =
      store_.record_failure(hash("address", address_key), now, options_.policy.lockout);
  if (after.locked_until_ms > now) {
    return error(AccessErrorCode::locked_out, "too many wrong codes from this address",
                 after.locked_until_ms - now);
  }
  return error(AccessErrorCode::invalid_code, "unknown code", options_.policy.failure_delay_ms);
}

AccessResult<Principal> AccessService::authenticate(std::string_view token) const {
  if (!valid_token_shape(token)) return error(AccessErrorCode::unknown_token, "unknown session");
  const std::optional<storage::SessionRow> row = store_.find_session(hash("token", token));
  if (!row) return error(AccessErrorCode::unknown_token, "unknown session");
  const std::optional<Role> role = parse_role(row->role);
  if (!role) return error(AccessErrorCode::unknown_token, "unknown session");
  if (row->revoked_at_ms || row->code_revoked_at_ms) {
    return error(AccessErrorCode::revoked, "this session was ended");
  }
  if (options_.clock() >= row->expires_at_ms) {
    return error(AccessErrorCode::expired, "this session has expired");
  }
  Principal principal{*role, row->encuentro_id, row->workshop_id, row->participant_id, {},
                      row->expires_at_ms};
  const std::string session_id = "s-" + row->token_hash.substr(0, 16);
  if (*role == Role::citizen) {
    principal.actor = "citizen:" + (row->participant_id ? "p-" + *row->participant_id : session_id);
  } else {
    principal.actor = row->role + ":" + (row->code_id ? "k-" + *row->code_id : session_id);
  }
  return principal;
}

std::optional<AccessError> AccessService::link_participant(std::string_view token,
                                                           std::string_view participant_id) {
  AccessResult<Principal> who = authenticate(token);
  if (auto* refused = std::get_if<AccessError>(&who)) return *refused;
  const Principal& principal = std::get<Principal>(who);
  if (principal.role != Role::citizen) {
    return error(AccessErrorCode::forbidden, "only a citizen session is linked to a participant");
  }
  if (principal.participant_id) {
    return error(AccessErrorCode::invalid_argument, "this session already has a participant");
  }
  if (!valid_id(participant_id)) {
    return error(AccessErrorCode::invalid_argument, "participant id: a-z, 0-9, -");
  }
  if (!store_.set_session_participant(hash("token", token), participant_id, options_.clock())) {
    return error(AccessErrorCode::invalid_argument, "this session already has a participant");
  }
  return std::nullopt;
}

bool AccessService::logout(std::string_view token) {
  if (!valid_token_shape(token)) return false;
  return store_.revoke_session(hash("token", token), options_.clock());
}

int AccessService::purge_expired() {
  return store_.purge(options_.clock() - kPurgeGraceMs);
}

}  // namespace encuentro::app
