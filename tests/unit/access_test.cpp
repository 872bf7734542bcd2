// Access and authorisation (app/access.hpp, app/authorization.hpp, storage/access_store.hpp):
// code format and check symbol, nothing secret stored in plain text, sessions, revocation, expiry,
// lock-out across restarts, the one-time organizer secret, and the authorisation matrix of every
// command x every role x every scope against an independent table of expectations.
#include "app/access.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "app/authorization.hpp"
#include "app/crypto.hpp"
#include "domain_fixture.hpp"
#include "protocol/wire_names.hpp"
#include "storage/schema.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
namespace d = encuentro::domain;
namespace cmd = encuentro::domain::cmd;
namespace ev = encuentro::domain::ev;
namespace code = encuentro::app::access_code;
using encuentro::app::AccessError;
using encuentro::app::AccessErrorCode;
using encuentro::app::AccessService;
using encuentro::app::DenyCode;
using encuentro::app::Principal;
using encuentro::app::Role;
using encuentro::app::Session;

namespace {

template <class T>
using Tag = std::type_identity<T>;

using encuentro::testing::TempDir;

// A service on `db` whose clock is `now` (by reference: tests move time).
AccessService::Options options(const std::string& db, const d::Timestamp& now) {
  AccessService::Options o;
  o.store.path = db;
  o.clock = [&now] { return now; };
  return o;
}

Principal organizer_of(const std::string& encuentro) {
  return Principal{Role::organizer, encuentro, std::nullopt, std::nullopt, "organizer:test"};
}

template <class T>
const T& ok(const std::variant<T, AccessError>& result) {
  if (const auto* e = std::get_if<AccessError>(&result)) {
    FAIL("unexpected access error " << encuentro::app::access_error_name(e->code) << ": "
                                    << e->message);
  }
  return std::get<T>(result);
}

template <class T>
AccessError failed(const std::variant<T, AccessError>& result) {
  const auto* e = std::get_if<AccessError>(&result);
  REQUIRE_MESSAGE(e != nullptr, "expected an access error");
  return *e;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

// Every text value of every table of the database, one per element.
std::vector<std::string> all_text_values(const std::string& db) {
  SQLite::Database raw(db, SQLite::OPEN_READONLY);
  std::vector<std::string> tables;
  SQLite::Statement list(raw, "SELECT name FROM sqlite_schema WHERE type = 'table'");
  while (list.executeStep()) tables.push_back(list.getColumn(0).getString());
  std::vector<std::string> values;
  for (const std::string& table : tables) {
    SQLite::Statement rows(raw, "SELECT * FROM \"" + table + "\"");
    while (rows.executeStep()) {
      for (int i = 0; i < rows.getColumnCount(); ++i) {
        if (rows.getColumn(i).isText()) values.push_back(rows.getColumn(i).getString());
      }
    }
  }
  return values;
}

}  // namespace

// ---- code format --------------------------------------------------------------------------------

TEST_SUITE("access.codes") {
  TEST_CASE("codes are 10 Crockford symbols with 45 random bits, grouped ABCD-EFGH-JK") {
    static_assert((code::kCodeLength - 1) * 5 >= 40, "access codes carry at least 40 bits");
    static_assert((code::kSecretLength - 1) * 5 >= 128, "organizer secrets carry 128 bits");
    CHECK(code::kAlphabet.size() == 32);
    for (const char ambiguous : {'I', 'L', 'O', 'U'}) {
      CHECK(code::kAlphabet.find(ambiguous) == std::string_view::npos);
    }
    const std::string c = code::make(code::kCodeLength);
    CHECK(c.size() == 10);
    CHECK(code::check_ok(c));
    const std::string grouped = code::group(c);
    CHECK(grouped.size() == 12);
    CHECK(grouped[4] == '-');
    CHECK(grouped[9] == '-');
    CHECK(code::normalize(grouped) == c);
    CHECK(code::join_path(c) == "/unirse?codigo=" + grouped);
    const std::string secret = code::make(code::kSecretLength);
    CHECK(secret.size() == 27);
    CHECK(code::check_ok(secret));
  }

  TEST_CASE("input is case-insensitive; I and L read as 1, O as 0; U and others are refused") {
    CHECK(code::normalize("abcd-efgh-jk") == "ABCDEFGHJK");
    CHECK(code::normalize(" ab cd-ef ") == "ABCDEF");
    CHECK(code::normalize("iLoO") == "1100");
    CHECK(code::normalize("il-10") == "1110");
    CHECK_FALSE(code::normalize("ABCU"));
    CHECK_FALSE(code::normalize("AB*C"));
    CHECK_FALSE(code::normalize("ÁBC"));
    CHECK_FALSE(code::normalize(""));
    CHECK_FALSE(code::normalize("--"));
  }

  TEST_CASE("random codes are distinct and use every symbol in every random position") {
    constexpr int kCount = 4000;
    std::set<std::string> seen;
    std::vector<std::set<char>> per_position(code::kCodeLength - 1);
    for (int i = 0; i < kCount; ++i) {
      const std::string c = code::make(code::kCodeLength);
      seen.insert(c);
      for (std::size_t p = 0; p + 1 < c.size(); ++p) per_position[p].insert(c[p]);
    }
    CHECK(seen.size() == kCount);
    for (const auto& symbols : per_position) CHECK(symbols.size() == 32);
  }

  TEST_CASE("the check symbol catches every single wrong symbol and every adjacent swap") {
    int variants = 0;
    for (int n = 0; n < 40; ++n) {
      const std::string c = code::make(code::kCodeLength);
      for (std::size_t p = 0; p < c.size(); ++p) {
        for (const char s : code::kAlphabet) {
          if (s == c[p]) continue;
          std::string typo = c;
          typo[p] = s;
          CHECK_FALSE(code::check_ok(typo));
          ++variants;
        }
        if (p + 1 < c.size() && c[p] != c[p + 1]) {
          std::string swapped = c;
          std::swap(swapped[p], swapped[p + 1]);
          CHECK_FALSE(code::check_ok(swapped));
          ++variants;
        }
      }
    }
    MESSAGE("mistyped variants refused: " << variants);
    CHECK(variants > 40 * 10 * 31);
  }

  TEST_CASE("role names round-trip; unknown names are refused") {
    for (const Role role : encuentro::app::kAllRoles) {
      CHECK(encuentro::app::parse_role(encuentro::app::role_name(role)) == role);
    }
    CHECK(encuentro::app::role_name(Role::anyone) == "public");
    CHECK_FALSE(encuentro::app::parse_role("unknown"));
    CHECK_FALSE(encuentro::app::parse_role("admin"));
  }

  TEST_CASE("base64url and hex") {
    const unsigned char bytes[] = {0xfb, 0xff, 0x00, 0x10};
    CHECK(encuentro::app::crypto::base64url(bytes) == "-_8AEA");
    CHECK(encuentro::app::crypto::to_hex(bytes) == "fbff0010");
  }
}

// ---- service and store --------------------------------------------------------------------------

TEST_SUITE("access.service") {
  TEST_CASE("migration 2 creates the access tables; the key file is 32 bytes, mode 0600") {
    TempDir dir;
    d::Timestamp now = encuentro::testing::kTestNow;
    const std::string db = dir.file("e.db");
    {
      AccessService access(options(db, now));
      CHECK(access.key_created());
      CHECK_FALSE(access.key_replaced());
    }
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() ==
          encuentro::storage::latest_schema_version());
    CHECK(encuentro::storage::latest_schema_version() >= 2);
    for (const char* table :
         {"access_codes", "sessions", "organizer_secrets", "failed_attempts", "server_keys"}) {
      CHECK_MESSAGE(raw.tableExists(table), table);
    }
    struct stat st {};
    REQUIRE(::stat((db + ".key").c_str(), &st) == 0);
    CHECK(st.st_size == 32);
    CHECK((st.st_mode & 0777) == 0600);
    AccessService again(options(db, now));
    CHECK_FALSE(again.key_created());
    CHECK_FALSE(again.key_replaced());
  }

  TEST_CASE("redeem a minted code -> session -> authenticate gives the code's role and scope") {
    TempDir dir;
    d::Timestamp now = encuentro::testing::kTestNow;
    AccessService access(options(dir.file("e.db"), now));
    const auto minted = ok(access.mint_code(organizer_of("e-test"), "e-test", Role::relator,
                                            std::string("w2"), "Relatoría taller 2"));
    CHECK(minted.code.size() == 12);
    CHECK(minted.join_path == "/unirse?codigo=" + minted.code);
    CHECK(minted.role == Role::relator);

    std::string typed = minted.code;  // typed in lower case without hyphens
    typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
    for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const Session session = ok(access.redeem(typed, "198.51.100.7"));
    CHECK(session.token.size() == 43);  // 256 bits, base64url
    CHECK(session.principal.role == Role::relator);
    CHECK(session.principal.encuentro_id == "e-test");
    CHECK(session.principal.workshop_id == "w2");
    CHECK_FALSE(session.principal.participant_id);
    CHECK(session.expires_at_ms == now + 24 * 3600'000LL);

    const Principal who = ok(access.authenticate(session.token));
    CHECK(who.role == Role::relator);
    CHECK(who.encuentro_id == "e-test");
    CHECK(who.workshop_id == "w2");
    CHECK(who.actor == "relator:k-" + minted.code_id);
    CHECK(who.actor.find(minted.code) == std::string::npos);

    // Two redemptions give two different sessions.
    const Session second = ok(access.redeem(minted.code, "198.51.100.7"));
    CHECK(second.token != session.token);

    CHECK(failed(access.authenticate("nonsense")).code == AccessErrorCode::unknown_token);
    std::string forged = session.token;
    forged[0] = forged[0] == 'A' ? 'B' : 'A';
    CHECK(failed(access.authenticate(forged)).code == AccessErrorCode::unknown_token);

    CHECK(access.logout(session.token));
    CHECK(failed(access.authenticate(session.token)).code == AccessErrorCode::revoked);
    CHECK(std::holds_alternative<Principal>(access.authenticate(second.token)));
  }

  TEST_CASE("revoking a code revokes every session it created, and the code itself") {
    TempDir dir;
    d::Timestamp now = encuentro::testing::kTestNow;
    AccessService access(options(dir.file("e.db"), now));
    const Principal org = organizer_of("e-test");
    const auto a = ok(access.mint_code(org, "e-test", Role::facilitator, std::string("w1"), "A"));
    now += 1;  // listed in minting order
    const auto b = ok(access.mint_code(org, "e-test", Role::facilitator, std::string("w1"), "B"));
    const Session a1 = ok(access.redeem(a.code, "ip-1"));
    const Session a2 = ok(access.redeem(a.code, "ip-2"));
    const Session b1 = ok(access.redeem(b.code, "ip-1"));

    CHECK_FALSE(access.revoke_code(org, "e-test", a.code_id));
    CHECK(failed(access.authenticate(a1.token)).code == AccessErrorCode::revoked);
    CHECK(failed(access.authenticate(a2.token)).code == AccessErrorCode::revoked);
    CHECK(std::holds_alternative<Principal>(access.authenticate(b1.token)));
    CHECK(failed(access.redeem(a.code, "ip-3")).code == AccessErrorCode::invalid_code);
    CHECK(access.revoke_code(org, "e-test", a.code_id)->code == AccessErrorCode::not_found);

    const auto listed = ok(access.list_codes(org, "e-test"));
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].code_id == a.code_id);
    CHECK(listed[0].revoked_at_ms == now);
    CHECK(listed[0].created_at_ms == now - 1);
    CHECK(listed[0].label == "A");
    CHECK_FALSE(listed[1].revoked_at_ms);
    CHECK(listed[1].role == Role::facilitator);
    CHECK(listed[1].workshop_id == "w1");
  }

  TEST_CASE("an expired session is refused") {
    TempDir dir;
    d::Timestamp now = encuentro::testing::kTestNow;
    AccessService access(options(dir.file("e.db"), now));
    const auto minted =
        ok(access.mint_code(organizer_of("e-test"), "e-test", Role::projector, std::nullopt, "P"));
    const Session s = ok(access.redeem(minted.code, "ip"));
    now = s.expires_at_ms - 1;
    CHECK(std::holds_alternative<Principal>(access.authenticate(s.token)));
    now = s.expires_at_ms;
    CHECK(failed(access.authenticate(s.token)).code == AccessErrorCode::expired);
    const auto office =
        ok(access.mint_code(organizer_of("e-test"), "e-test", Role::office, std::nullopt, "O"));
    CHECK(ok(access.redeem(office.code, "ip")).expires_at_ms == now + 30 * 24 * 3600'000LL);
  }

  TEST_CASE("lock-out: 5 wrong codes in 10 minutes lock the address 15 minutes, across restarts") {
    TempDir dir;
    const std::string db = dir.file("e.db");
    d::Timestamp now = encuentro::testing::kTestNow;
    std::string good;
    // Well-formed, with a valid check symbol, never minted.
    auto wrong = [] { return code::make(code::kCodeLength); };
    {
      AccessService access(options(db, now));
      good = ok(access.mint_code(organizer_of("e-test"), "e-test", Role::servant, std::string("w1"),
                                 "S"))
                 .code;
      // Malformed input (a typo caught by the check symbol) never counts.
      std::string typo = *code::normalize(good);
      typo[3] = typo[3] == '7' ? '8' : '7';
      for (int i = 0; i < 10; ++i) {
        CHECK(failed(access.redeem(typo, "203.0.113.9")).code == AccessErrorCode::malformed_code);
      }
      for (int i = 1; i <= 4; ++i) {
        const AccessError e = failed(access.redeem(wrong(), "203.0.113.9"));
        CHECK(e.code == AccessErrorCode::invalid_code);
        CHECK(e.retry_after_ms == 1000);
        now += 60'000;
        // A correct code in between does not reset the count.
        if (i == 2) CHECK(std::holds_alternative<Session>(access.redeem(good, "203.0.113.9")));
      }
      const AccessError fifth = failed(access.redeem(wrong(), "203.0.113.9"));
      CHECK(fifth.code == AccessErrorCode::locked_out);
      CHECK(fifth.retry_after_ms == 15 * 60'000);
      // While locked, even the right code is refused; another address is not affected.
      now += 60'000;
      const AccessError locked = failed(access.redeem(good, "203.0.113.9"));
      CHECK(locked.code == AccessErrorCode::locked_out);
      CHECK(locked.retry_after_ms == 14 * 60'000);
      CHECK(std::holds_alternative<Session>(access.redeem(good, "203.0.113.10")));
    }
    {
      AccessService reopened(options(db, now));  // a restart keeps the lock
      CHECK(failed(reopened.redeem(good, "203.0.113.9")).code == AccessErrorCode::locked_out);
      now += 14 * 60'000 - 1;
      CHECK(failed(reopened.redeem(good, "203.0.113.9")).code == AccessErrorCode::locked_out);
      now += 1;
      CHECK(std::holds_alternative<Session>(reopened.redeem(good, "203.0.113.9")));
      // The window starts afresh after the lock: four more wrong codes do not lock.
      for (int i = 0; i < 4; ++i) {
        CHECK(failed(reopened.redeem(wrong(), "203.0.113.9")).code ==
              AccessErrorCode::invalid_code);
      }
      CHECK(std::holds_alternative<Session>(reopened.redeem(good, "203.0.113.9")));
    }
  }

  TEST_CASE("failures spread beyond the 10-minute window do not lock") {
    TempDir dir;
    d::Timestamp now = encuentro::testing::kTestNow;
    AccessService access(options(dir.file("e.db"), now));
    for (int i = 0; i < 12; ++i) {
      CHECK(failed(access.redeem(code::make(code::kCodeLength), "ip")).code ==
            AccessErrorCode::invalid_code);
      now += 3 * 60'000;  // 4 failures per 10 minutes at most
    }
  }

  TEST_CASE(
      "the organizer's one-time secret: printed at first start, works once, every encuentro") {
    TempDir dir;
    const std::string db = dir.file("e.db");
    d::Timestamp now = encuentro::testing::kTestNow;
    std::string secret;
    {
      AccessService access(options(db, now));
      const auto first = access.ensure_organizer_secret();
      REQUIRE(first);
      CHECK(first->size() == 27 + 6);  // 7 groups of four (the last of three)
      // A restart before anyone came in replaces the unused secret (it may have been missed).
      const auto replaced = access.ensure_organizer_secret();
      REQUIRE(replaced);
      CHECK(*replaced != *first);
      CHECK(failed(access.redeem(*first, "ip")).code == AccessErrorCode::invalid_code);
      secret = *replaced;
    }
    AccessService access(options(db, now));
    const Session s = ok(access.redeem(secret, "ip"));
    CHECK(s.principal.role == Role::organizer);
    CHECK_FALSE(s.principal.encuentro_id);
    CHECK(s.principal.covers("e-anything"));
    CHECK(s.expires_at_ms == now + 7 * 24 * 3600'000LL);
    const Principal who = ok(access.authenticate(s.token));
    CHECK(who.role == Role::organizer);
    CHECK_FALSE(who.encuentro_id);
    // Once: the same secret again is a wrong code, and no new secret is printed at start.
    CHECK(failed(access.redeem(secret, "ip2")).code == AccessErrorCode::invalid_code);
    CHECK_FALSE(access.ensure_organizer_secret());
    // The command line mints another one, which also works once.
    const std::string minted = access.mint_organizer_secret();
    CHECK(std::holds_alternative<Session>(access.redeem(minted, "ip")));
    CHECK(failed(access.redeem(minted, "ip")).code == AccessErrorCode::invalid_code);
    // A secret expires unused after a day.
    const std::string late = access.mint_organizer_secret();
    now += 24 * 3600'000LL;
    CHECK(failed(access.redeem(late, "ip3")).code == AccessErrorCode::invalid_code);
    // The organizer mints codes for any encuentro.
    CHECK(std::holds_alternative<encuentro::app::MintedCode>(
        access.mint_code(who, "e-other", Role::projector, std::nullopt, "Pantalla")));
  }

  TEST_CASE("only an organizer of the encuentro manages its codes; roles and workshops must fit") {
    TempDir dir;
    d::Timestamp now = encuentro::testing::kTestNow;
    AccessService access(options(dir.file("e.db"), now));
    const Principal org = organizer_of("e-test");
    const Principal relator{Role::relator, "e-test", "w1", std::nullopt, "relator:x"};
    auto mint = [&](const Principal& by, Role role, std::optional<std::string> w,
                    std::string_view e = "e-test") {
      return access.mint_code(by, e, role, w, "label");
    };
    CHECK(failed(mint(relator, Role::relator, "w1")).code == AccessErrorCode::forbidden);
    CHECK(failed(mint(org, Role::relator, "w1", "e-other")).code == AccessErrorCode::forbidden);
    CHECK(failed(mint(org, Role::relator, std::nullopt)).code == AccessErrorCode::invalid_argument);
    CHECK(failed(mint(org, Role::relator, "W 1")).code == AccessErrorCode::invalid_argument);
    CHECK(failed(mint(org, Role::projector, "w1")).code == AccessErrorCode::invalid_argument);
    CHECK(failed(mint(org, Role::citizen, std::nullopt)).code == AccessErrorCode::invalid_argument);
    CHECK(failed(mint(org, Role::anyone, std::nullopt)).code == AccessErrorCode::invalid_argument);
    CHECK(failed(mint(org, Role::unknown, std::nullopt)).code == AccessErrorCode::invalid_argument);
    CHECK(failed(mint(org, Role::office, std::nullopt, "E-TEST")).code ==
          AccessErrorCode::invalid_argument);
    CHECK(failed(access.mint_code(org, "e-test", Role::office, std::nullopt, "two\nlines")).code ==
          AccessErrorCode::invalid_argument);
    CHECK(std::holds_alternative<encuentro::app::MintedCode>(
        mint(org, Role::organizer, std::nullopt)));
    CHECK(failed(access.list_codes(relator, "e-test")).code == AccessErrorCode::forbidden);
    CHECK(failed(access.public_code(relator, "e-test")).code == AccessErrorCode::forbidden);
  }

  TEST_CASE("the public code: one per encuentro, citizen sessions, rotation ends the old ones") {
    TempDir dir;
    d::Timestamp now = encuentro::testing::kTestNow;
    AccessService access(options(dir.file("e.db"), now));
    const Principal org = organizer_of("e-test");
    const auto pc = ok(access.public_code(org, "e-test"));
    CHECK(ok(access.public_code(org, "e-test")).code == pc.code);
    CHECK(ok(access.public_code(organizer_of("e-other"), "e-other")).code != pc.code);
    CHECK(pc.join_path == "/unirse?codigo=" + pc.code);
    CHECK(ok(access.list_codes(org, "e-test")).empty());  // not among the minted codes

    const Session citizen = ok(access.redeem(pc.code, "ip"));
    CHECK(citizen.principal.role == Role::citizen);
    CHECK(citizen.principal.encuentro_id == "e-test");
    CHECK_FALSE(citizen.principal.workshop_id);
    CHECK_FALSE(citizen.principal.participant_id);

    // Linking to a participant (the caller verified who they are).
    CHECK_FALSE(access.link_participant(citizen.token, "a7"));
    const Principal linked = ok(access.authenticate(citizen.token));
    CHECK(linked.participant_id == "a7");
    CHECK(linked.actor == "citizen:p-a7");
    CHECK(access.link_participant(citizen.token, "a8")->code == AccessErrorCode::invalid_argument);
    const auto staff = ok(access.mint_code(org, "e-test", Role::relator, std::string("w1"), "R"));
    const Session relator = ok(access.redeem(staff.code, "ip"));
    CHECK(access.link_participant(relator.token, "a7")->code == AccessErrorCode::forbidden);

    const auto rotated = ok(access.rotate_public_code(org, "e-test"));
    CHECK(rotated.code != pc.code);
    CHECK(failed(access.authenticate(citizen.token)).code == AccessErrorCode::revoked);
    CHECK(failed(access.redeem(pc.code, "ip")).code == AccessErrorCode::invalid_code);
    CHECK(ok(access.redeem(rotated.code, "ip")).principal.role == Role::citizen);
    CHECK(ok(access.public_code(org, "e-test")).code == rotated.code);
  }

  TEST_CASE("no plain code, token, secret or address is stored: only keyed hashes") {
    TempDir dir;
    const std::string db = dir.file("e.db");
    d::Timestamp now = encuentro::testing::kTestNow;
    std::vector<std::string> secrets;  // plain values that must appear nowhere in the database
    std::string public_code;
    {
      AccessService access(options(db, now));
      const std::string bootstrap = *access.ensure_organizer_secret();
      secrets.push_back(bootstrap);
      const Session organizer = ok(access.redeem(bootstrap, "192.0.2.55"));
      secrets.push_back(organizer.token);
      for (const Role role : {Role::facilitator, Role::relator, Role::servant}) {
        const auto m = ok(access.mint_code(organizer.principal, "e-test", role, std::string("w1"),
                                           "Relatoría taller 1"));
        secrets.push_back(m.code);
        secrets.push_back(m.join_path);
        secrets.push_back(ok(access.redeem(m.code, "192.0.2.55")).token);
      }
      const auto pc = ok(access.public_code(organizer.principal, "e-test"));
      public_code = *code::normalize(pc.code);
      secrets.push_back(ok(access.redeem(pc.code, "192.0.2.55")).token);
      CHECK(failed(access.redeem(code::make(code::kCodeLength), "192.0.2.55")).code ==
            AccessErrorCode::invalid_code);  // a failed_attempts row for this address
      secrets.push_back(access.mint_organizer_secret());
    }
    const std::vector<std::string> values = all_text_values(db);
    const std::string bytes = read_bytes(db) + read_bytes(db + "-wal");
    const std::string key = read_bytes(db + ".key");
    REQUIRE(key.size() == 32);
    const std::string key_hex =
        encuentro::app::crypto::to_hex(std::vector<unsigned char>(key.begin(), key.end()));
    // The scan finds what is there (so a plain value would be found too).
    CHECK(bytes.find("Relatoría taller 1") != std::string::npos);
    CHECK(std::find(values.begin(), values.end(), public_code) != values.end());  // by design
    std::vector<std::string> needles = {"192.0.2.55", key_hex, key};
    for (const std::string& s : secrets) {
      needles.push_back(s);
      if (auto canonical = code::normalize(s)) needles.push_back(*canonical);
    }
    int checked = 0;
    for (const std::string& needle : needles) {
      CHECK_MESSAGE(bytes.find(needle) == std::string::npos, "found in the file: " << needle);
      for (const std::string& v : values) {
        CHECK_MESSAGE(v.find(needle) == std::string::npos, "found in a row: " << needle);
      }
      ++checked;
    }
    MESSAGE("plain values looked for and not found: " << checked << " in " << values.size()
                                                      << " stored text values");
    // What is stored is 64 hex characters per hash.
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    SQLite::Statement hashes(raw,
                             "SELECT code_hash FROM access_codes UNION ALL SELECT token_hash FROM"
                             " sessions UNION ALL SELECT secret_hash FROM organizer_secrets"
                             " UNION ALL SELECT key FROM failed_attempts");
    int rows = 0;
    while (hashes.executeStep()) {
      const std::string h = hashes.getColumn(0).getString();
      CHECK(h.size() == 64);
      CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
      ++rows;
    }
    CHECK(rows == 4 + 5 + 2 + 1);  // codes (3 + public), sessions, secrets, address
  }

  TEST_CASE("a lost key file: a new key, all access revoked, a new organizer secret") {
    TempDir dir;
    const std::string db = dir.file("e.db");
    d::Timestamp now = encuentro::testing::kTestNow;
    std::string token;
    std::string staff_code;
    {
      AccessService access(options(db, now));
      const Session org = ok(access.redeem(*access.ensure_organizer_secret(), "ip"));
      staff_code =
          ok(access.mint_code(org.principal, "e-test", Role::relator, std::string("w1"), "R")).code;
      token = ok(access.redeem(staff_code, "ip")).token;
      CHECK_FALSE(access.ensure_organizer_secret());
    }
    fs::remove(db + ".key");
    AccessService access(options(db, now));
    CHECK(access.key_created());
    CHECK(access.key_replaced());
    CHECK(std::holds_alternative<AccessError>(access.authenticate(token)));
    CHECK(failed(access.redeem(staff_code, "ip")).code == AccessErrorCode::invalid_code);
    CHECK(access.ensure_organizer_secret());  // the way back in
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT count(*) FROM sessions WHERE revoked_at_ms IS NULL").getInt() ==
          0);
    CHECK(
        raw.execAndGet("SELECT count(*) FROM access_codes WHERE revoked_at_ms IS NULL").getInt() ==
        0);
  }

  TEST_CASE("a key file of the wrong size is refused, not silently replaced") {
    TempDir dir;
    const std::string db = dir.file("e.db");
    d::Timestamp now = encuentro::testing::kTestNow;
    { AccessService access(options(db, now)); }
    std::ofstream(db + ".key", std::ios::binary | std::ios::trunc) << "short";
    CHECK_THROWS_AS(AccessService(options(db, now)), std::runtime_error);
  }

  TEST_CASE("purge deletes sessions ended more than a day ago") {
    TempDir dir;
    d::Timestamp now = encuentro::testing::kTestNow;
    AccessService access(options(dir.file("e.db"), now));
    const auto m =
        ok(access.mint_code(organizer_of("e-test"), "e-test", Role::projector, std::nullopt, "P"));
    const Session s = ok(access.redeem(m.code, "ip"));
    CHECK(access.purge_expired() == 0);
    now = s.expires_at_ms + 24 * 3600'000LL;
    CHECK(access.purge_expired() == 1);
    CHECK(failed(access.authenticate(s.token)).code == AccessErrorCode::unknown_token);
  }
}

// ---- authorisation ------------------------------------------------------------------------------
namespace {

// The state every authorisation test runs on: e-test in the workshops phase, two workshops of 20,
// contributions in both, a citizen's pending proposal and a question in w1.
struct World {
  encuentro::testing::Scenario s;
  std::string p1, p2;      // participants in w1 and w2
  std::string ca, cb, cq;  // w1: two proposals and a question
  std::string cpending;    // w1: p1's pending proposal
  std::string cx;          // w2: a proposal

  World() {
    s.in_workshops(40);
    REQUIRE(s.state.workshops.size() == 2);
    p1 = s.state.workshop("w1")->members.at(0);
    p2 = s.state.workshop("w2")->members.at(0);
    ca = s.capture("w1", "Más rutas nocturnas");
    cb = s.capture("w1", "Ciclovías seguras");
    cq = s.capture("w1", "¿Cuándo arreglan la vía?", d::ContributionKind::pregunta);
    s.ok(cmd::SubmitProposal{"w1", p1, "p1", "q1", "Un parque para la comuna"});
    cpending = s.state.contributions.back().id;
    cx = s.capture("w2", "Semáforos inteligentes");
  }
};

// One sample per command, aimed at workshop w1, participant p1 and w1's contributions.
struct Samples {
  const World& w;
  cmd::CreateEncuentro operator()(Tag<cmd::CreateEncuentro>) const {
    return {"e-test", encuentro::testing::Scenario::details(d::Date::from_ymd(2027, 1, 30))};
  }
  cmd::UpdateDetails operator()(Tag<cmd::UpdateDetails>) const { return {w.s.state.details}; }
  cmd::AddPoint operator()(Tag<cmd::AddPoint>) const { return {"Ambiente", ""}; }
  cmd::UpdatePoint operator()(Tag<cmd::UpdatePoint>) const { return {"p1", "Movilidad", ""}; }
  cmd::RemovePoint operator()(Tag<cmd::RemovePoint>) const { return {"p2"}; }
  cmd::AddQuestion operator()(Tag<cmd::AddQuestion>) const { return {"p1", "¿Qué más?"}; }
  cmd::UpdateQuestion operator()(Tag<cmd::UpdateQuestion>) const { return {"q1", "¿Qué?"}; }
  cmd::RemoveQuestion operator()(Tag<cmd::RemoveQuestion>) const { return {"q2"}; }
  cmd::PublishConvocation operator()(Tag<cmd::PublishConvocation>) const { return {}; }
  cmd::Register operator()(Tag<cmd::Register>) const { return w.s.registration(99); }
  cmd::CheckIn operator()(Tag<cmd::CheckIn>) const { return {"r1"}; }
  cmd::CheckInWalkIn operator()(Tag<cmd::CheckInWalkIn>) const {
    return {"Pedro", "Comuna 1", d::ValueGroup::campesino, {}, true};
  }
  cmd::RecordInterpreter operator()(Tag<cmd::RecordInterpreter>) const {
    return {"Ana", d::InterpreterKind::lsc};
  }
  cmd::FormWorkshops operator()(Tag<cmd::FormWorkshops>) const { return {}; }
  cmd::MoveParticipant operator()(Tag<cmd::MoveParticipant>) const { return {w.p1, "w1"}; }
  cmd::AssignStaff operator()(Tag<cmd::AssignStaff>) const {
    return {"w1", d::StaffRole::servant, "Marta"};
  }
  cmd::AdvancePhase operator()(Tag<cmd::AdvancePhase>) const { return {d::Phase::plenary}; }
  cmd::StartTimer operator()(Tag<cmd::StartTimer>) const { return {"w1", 75}; }
  cmd::PauseTimer operator()(Tag<cmd::PauseTimer>) const { return {"w1"}; }
  cmd::ResumeTimer operator()(Tag<cmd::ResumeTimer>) const { return {"w1"}; }
  cmd::ExtendTimer operator()(Tag<cmd::ExtendTimer>) const { return {"w1", 10}; }
  cmd::SetCurrentQuestion operator()(Tag<cmd::SetCurrentQuestion>) const { return {"w1", "q1"}; }
  cmd::RaiseHand operator()(Tag<cmd::RaiseHand>) const { return {"w1", w.p1}; }
  cmd::LowerHand operator()(Tag<cmd::LowerHand>) const { return {"w1", w.p1}; }
  cmd::GiveFloor operator()(Tag<cmd::GiveFloor>) const { return {"w1", w.p1}; }
  cmd::CaptureContribution operator()(Tag<cmd::CaptureContribution>) const {
    return {"w1", d::ContributionKind::propuesta, "p1", "q1", "Texto", ""};
  }
  cmd::EditContribution operator()(Tag<cmd::EditContribution>) const {
    return {w.ca, "p1", "q1", "Texto corregido", ""};
  }
  cmd::ChangeKind operator()(Tag<cmd::ChangeKind>) const {
    return {w.cb, d::ContributionKind::sugerencia};
  }
  cmd::MergeContributions operator()(Tag<cmd::MergeContributions>) const { return {w.ca, {w.cb}}; }
  cmd::AnswerQuestion operator()(Tag<cmd::AnswerQuestion>) const { return {w.cq, "En junio"}; }
  cmd::SubmitProposal operator()(Tag<cmd::SubmitProposal>) const {
    return {"w1", w.p1, "p1", "q1", "Otra propuesta"};
  }
  cmd::AcceptProposal operator()(Tag<cmd::AcceptProposal>) const { return {w.cpending}; }
  cmd::DeclineProposal operator()(Tag<cmd::DeclineProposal>) const {
    return {w.cpending, "Repetida"};
  }
  cmd::OpenVoting operator()(Tag<cmd::OpenVoting>) const { return {"w1", 0}; }
  cmd::CastVote operator()(Tag<cmd::CastVote>) const { return {"w1", w.p1, w.ca}; }
  cmd::RetractVote operator()(Tag<cmd::RetractVote>) const { return {"w1", w.p1, w.ca}; }
  cmd::RecordHandCount operator()(Tag<cmd::RecordHandCount>) const { return {"w1", w.ca, 4}; }
  cmd::CloseVoting operator()(Tag<cmd::CloseVoting>) const { return {"w1"}; }
  cmd::SetPrincipalProposals operator()(Tag<cmd::SetPrincipalProposals>) const {
    return {"w1", {w.ca, w.cb}};
  }
  cmd::WriteSynthesis operator()(Tag<cmd::WriteSynthesis>) const { return {"w1", "Síntesis"}; }
  cmd::FinalizeSynthesis operator()(Tag<cmd::FinalizeSynthesis>) const { return {"w1"}; }
  cmd::FocusPlenary operator()(Tag<cmd::FocusPlenary>) const { return {"w1"}; }
  cmd::AnswerProposals operator()(Tag<cmd::AnswerProposals>) const {
    return {{w.ca}, d::AnswerKind::not_adopted, std::nullopt, "Sin presupuesto", ""};
  }
  cmd::ReviseCommitment operator()(Tag<cmd::ReviseCommitment>) const {
    return {"k1", {}, "Ajuste"};
  }
  cmd::ReportProgress operator()(Tag<cmd::ReportProgress>) const {
    return {"k1", 40, d::ProgressStatus::en_ejecucion, "Obra", "", d::Date::from_ymd(2027, 3, 31)};
  }
  cmd::SubmitEvaluation operator()(Tag<cmd::SubmitEvaluation>) const {
    return {w.p1, {5, 4, 4, 3}, ""};
  }
  cmd::SubmitObservation operator()(Tag<cmd::SubmitObservation>) const {
    return {"k1", "La obra no ha empezado", ""};
  }
  cmd::ModerateObservation operator()(Tag<cmd::ModerateObservation>) const {
    return {"o1", d::ObservationStatus::approved, ""};
  }
  cmd::ReplyToObservation operator()(Tag<cmd::ReplyToObservation>) const {
    return {"o1", "Empieza en abril"};
  }
  cmd::ErasePersonalData operator()(Tag<cmd::ErasePersonalData>) const { return {}; }
};

// The expected rules, written out independently of the implementation (authorization.hpp's table).
enum Who : unsigned {
  ORG = 1u << 0,  // an organizer of the encuentro
  FAC = 1u << 1,  // the workshop's facilitator
  REL = 1u << 2,  // the workshop's relator
  SRV = 1u << 3,  // the workshop's servant
  CIT = 1u << 4,  // the participant named in the command
  OFF = 1u << 5,  // the responsible office
  NEW = 1u << 6,  // only the organizer of every encuentro
};

unsigned expected_roles(std::string_view command) {
  static const std::pair<std::string_view, unsigned> kTable[] = {
      {"encuentro.create", ORG | NEW},
      {"details.update", ORG},
      {"point.add", ORG},
      {"point.update", ORG},
      {"point.remove", ORG},
      {"question.add", ORG},
      {"question.update", ORG},
      {"question.remove", ORG},
      {"convocation.publish", ORG},
      {"registration.create", ORG},
      {"checkin.registered", ORG},
      {"checkin.walk_in", ORG},
      {"interpreter.record", ORG},
      {"workshops.form", ORG},
      {"participant.move", ORG},
      {"staff.assign", ORG},
      {"phase.advance", ORG},
      {"timer.start", FAC},
      {"timer.pause", FAC},
      {"timer.resume", FAC},
      {"timer.extend", FAC},
      {"workshop.set_question", FAC},
      {"hand.raise", FAC | CIT},
      {"hand.lower", FAC | CIT},
      {"floor.give", FAC},
      {"contribution.capture", REL},
      {"contribution.edit", REL},
      {"contribution.change_kind", REL},
      {"contribution.merge", REL},
      {"question.answer", REL | SRV},
      {"proposal.submit", CIT},
      {"proposal.accept", REL},
      {"proposal.decline", REL},
      {"voting.open", FAC},
      {"vote.cast", CIT},
      {"vote.retract", CIT},
      {"hand_count.record", FAC},
      {"voting.close", FAC},
      {"principals.set", FAC},
      {"synthesis.write", REL},
      {"synthesis.finalize", REL},
      {"plenary.focus", ORG},
      {"proposals.answer", ORG},
      {"commitment.revise", ORG},
      {"progress.report", ORG | OFF},
      {"evaluation.submit", CIT},
      {"observation.submit", 0},  // only over public HTTP, never a live session
      {"observation.moderate", ORG},
      {"observation.reply", ORG | OFF},
      {"personal_data.erase", ORG},
  };
  for (const auto& [name, who] : kTable) {
    if (name == command) return who;
  }
  FAIL("no expectation written for " << command);
  return 0;
}

// Commands whose scope is a workshop (for staff) or a workshop the citizen must be in.
bool workshop_bound(std::string_view command) {
  const unsigned who = expected_roles(command);
  return (who & (FAC | REL | SRV)) != 0 || ((who & CIT) != 0 && command != "evaluation.submit");
}

// The last two scopes are the credential's: a code revoked (or a session ended by logout or a
// rotated public code) and a session past its expiry. They must stop every command before it is
// authorised: authenticate refuses them, so no principal exists to act with.
enum class Scope { own, other_workshop, other_encuentro, revoked_code, expired_token };
constexpr Scope kScopes[] = {Scope::own, Scope::other_workshop, Scope::other_encuentro,
                             Scope::revoked_code, Scope::expired_token};
const char* scope_name(Scope s) {
  switch (s) {
    case Scope::own:
      return "own";
    case Scope::other_workshop:
      return "other workshop";
    case Scope::other_encuentro:
      return "other encuentro";
    case Scope::revoked_code:
      return "revoked code";
    case Scope::expired_token:
      return "expired token";
  }
  return "?";
}

struct Subject {
  std::string name;
  Role role = Role::unknown;
  bool global = false;  // the organizer of every encuentro
  bool linked = true;   // a citizen linked to a participant
};

Principal principal_for(const Subject& who, Scope scope, const World& w) {
  Principal p;
  p.role = who.role;
  p.actor = who.name;
  if (!who.global && who.role != Role::anyone) p.encuentro_id = "e-test";
  if (scope == Scope::other_encuentro && !who.global) p.encuentro_id = "e-other";
  if (encuentro::app::is_workshop_staff(who.role)) {
    p.workshop_id = scope == Scope::other_workshop ? "w2" : "w1";
  }
  if (who.role == Role::citizen && who.linked) {
    p.participant_id = scope == Scope::other_workshop ? w.p2 : w.p1;
  }
  return p;
}

// The expected decision: allowed, or the deny code.
DenyCode expected(const Subject& who, Scope scope, std::string_view command) {
  if (scope == Scope::other_encuentro && !who.global) return DenyCode::wrong_encuentro;
  const unsigned roles = expected_roles(command);
  unsigned mine = 0;
  switch (who.role) {
    case Role::organizer:
      mine = ORG;
      break;
    case Role::facilitator:
      mine = FAC;
      break;
    case Role::relator:
      mine = REL;
      break;
    case Role::servant:
      mine = SRV;
      break;
    case Role::citizen:
      mine = CIT;
      break;
    case Role::office:
      mine = OFF;
      break;
    default:
      mine = 0;  // projector, public: nothing
  }
  if ((roles & mine) == 0) return DenyCode::forbidden;
  if ((roles & NEW) != 0 && !who.global) return DenyCode::forbidden;
  if (encuentro::app::is_workshop_staff(who.role) && scope == Scope::other_workshop) {
    return DenyCode::wrong_workshop;
  }
  if (who.role == Role::citizen) {
    if (!who.linked) return DenyCode::forbidden;
    // The samples name p1: a citizen who is p2 acts for someone else.
    if (scope == Scope::other_workshop) return DenyCode::forbidden;
  }
  return DenyCode::none;
}

template <class Variant, class F>
void for_each_alternative(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(Tag<std::variant_alternative_t<I, Variant>>{}), ...);
  }
  (std::make_index_sequence<std::variant_size_v<Variant>>{});
}

}  // namespace

TEST_SUITE("access.authorization") {
  TEST_CASE("the matrix: every command x every role x own workshop, another workshop, another "
            "encuentro, revoked code, expired token") {
    const World w;
    const Subject subjects[] = {
        {"organizer (this encuentro)", Role::organizer},
        {"organizer (every encuentro)", Role::organizer, true},
        {"facilitator", Role::facilitator},
        {"relator", Role::relator},
        {"servant", Role::servant},
        {"citizen", Role::citizen},
        {"citizen (not linked)", Role::citizen, false, false},
        {"projector", Role::projector},
        {"office", Role::office},
        {"public", Role::anyone},
        {"unknown role", Role::unknown},
    };
    // Each subject's credential, revoked, and another one left to expire. The public and an
    // unknown role have none.
    TempDir dir;
    d::Timestamp now = encuentro::testing::kTestNow;
    AccessService access(options(dir.file("access.db"), now));
    const Principal org = organizer_of("e-test");
    std::map<std::string, std::pair<std::string, std::string>> tokens;  // revoked, expiring
    const auto session_of = [&](Role role, std::optional<std::string> workshop,
                                std::optional<std::string> participant, bool revoke) {
      const auto minted = ok(access.mint_code(org, "e-test", role, workshop, "m", participant));
      const std::string token = ok(access.redeem(minted.code, "ip")).token;
      if (revoke) REQUIRE_FALSE(access.revoke_code(org, "e-test", minted.code_id));
      return token;
    };
    for (const Subject& who : subjects) {
      if (who.role == Role::anyone || who.role == Role::unknown) continue;
      std::pair<std::string, std::string>& t = tokens[who.name];
      if (who.global) {  // the server's secret: ended by logout
        for (std::string* token : {&t.first, &t.second})
          *token = ok(access.redeem(access.mint_organizer_secret(), "ip")).token;
        REQUIRE(access.logout(t.first));
      } else if (who.role == Role::citizen && !who.linked) {  // the public code: rotated
        t.first = ok(access.redeem(ok(access.public_code(org, "e-test")).code, "ip")).token;
        REQUIRE(std::holds_alternative<encuentro::app::PublicCode>(
            access.rotate_public_code(org, "e-test")));
        t.second = ok(access.redeem(ok(access.public_code(org, "e-test")).code, "ip")).token;
      } else {
        const auto workshop = encuentro::app::is_workshop_staff(who.role)
                                  ? std::optional<std::string>("w1")
                                  : std::nullopt;
        const auto participant =
            who.role == Role::citizen ? std::optional<std::string>(w.p1) : std::nullopt;
        t.first = session_of(who.role, workshop, participant, true);
        t.second = session_of(who.role, workshop, participant, false);
      }
    }
    now += 366LL * 24 * 3600 * 1000;  // past every session's lifetime (the longest is 30 days)

    int cells = 0;
    int allowed = 0;
    int commands = 0;
    std::set<std::string_view> bound_seen;
    for_each_alternative<d::Command>([&](auto tag) {
      const d::Command command = Samples{w}(tag);
      const std::string_view name = encuentro::protocol::kCommandNames[command.index()];
      ++commands;
      if (workshop_bound(name)) bound_seen.insert(name);
      for (const Subject& who : subjects) {
        for (const Scope scope : kScopes) {
          if (scope == Scope::revoked_code || scope == Scope::expired_token) {
            const auto held = tokens.find(who.name);
            if (held == tokens.end()) continue;  // no credential to revoke or outlive
            const bool revoked = scope == Scope::revoked_code;
            const auto who_is = access.authenticate(revoked ? held->second.first
                                                            : held->second.second);
            const auto* refused = std::get_if<AccessError>(&who_is);
            CHECK_MESSAGE((refused && refused->code == (revoked ? AccessErrorCode::revoked
                                                                : AccessErrorCode::expired)),
                          name << " by " << who.name << " with a " << scope_name(scope)
                               << ": authenticated");
            ++cells;
            continue;
          }
          const Principal p = principal_for(who, scope, w);
          const encuentro::app::Decision got =
              encuentro::app::authorize(p, "e-test", command, w.s.state);
          const DenyCode want = expected(who, scope, name);
          CHECK_MESSAGE(got.code == want, name << " by " << who.name << " in " << scope_name(scope)
                                               << ": got '" << deny_code_name(got.code) << "' ("
                                               << got.message << "), expected '"
                                               << deny_code_name(want) << "'");
          CHECK(got.allowed() == (got.message.empty()));
          ++cells;
          if (got.allowed()) ++allowed;
        }
      }
    });
    CHECK(commands == static_cast<int>(std::variant_size_v<d::Command>));
    CHECK(commands == 50);
    CHECK(bound_seen.size() == 24);  // the commands a workshop's staff or citizens send
    // 3 scopes for every subject, 2 more for the 9 that hold a credential.
    CHECK(cells == commands * static_cast<int>(std::size(subjects) * 3 + tokens.size() * 2));
    MESSAGE("authorisation matrix: " << cells << " cells checked (" << commands << " commands x "
                                     << std::size(subjects) << " principals x 3 scopes, and x "
                                     << tokens.size() << " credentials x revoked/expired), "
                                     << allowed << " allowed");
  }

  TEST_CASE("workshop scope follows the contributions a command names, not only its workshop id") {
    const World w;
    const Principal relator{Role::relator, "e-test", "w1", std::nullopt, "r"};
    auto decide = [&](const d::Command& c) {
      return encuentro::app::authorize(relator, "e-test", c, w.s.state).code;
    };
    CHECK(decide(cmd::EditContribution{w.ca, "p1", "q1", "x", ""}) == DenyCode::none);
    CHECK(decide(cmd::EditContribution{w.cx, "p1", "q1", "x", ""}) == DenyCode::wrong_workshop);
    CHECK(decide(cmd::EditContribution{"c999", "p1", "q1", "x", ""}) == DenyCode::wrong_workshop);
    CHECK(decide(cmd::MergeContributions{w.ca, {w.cb, w.cx}}) == DenyCode::wrong_workshop);
    CHECK(decide(cmd::MergeContributions{w.cx, {w.ca}}) == DenyCode::wrong_workshop);
    CHECK(
        decide(cmd::CaptureContribution{"w2", d::ContributionKind::propuesta, "p1", {}, "x", ""}) ==
        DenyCode::wrong_workshop);

    const Principal facilitator{Role::facilitator, "e-test", "w1", std::nullopt, "f"};
    auto as_facilitator = [&](const d::Command& c) {
      return encuentro::app::authorize(facilitator, "e-test", c, w.s.state).code;
    };
    CHECK(as_facilitator(cmd::RecordHandCount{"w1", w.cx, 3}) == DenyCode::wrong_workshop);
    CHECK(as_facilitator(cmd::SetPrincipalProposals{"w1", {w.ca, w.cx}}) ==
          DenyCode::wrong_workshop);
    CHECK(as_facilitator(cmd::RaiseHand{"w1", w.p2}) == DenyCode::none);  // adds a hand by hand

    const Principal servant{Role::servant, "e-test", "w2", std::nullopt, "s"};
    CHECK(encuentro::app::authorize(servant, "e-test", cmd::AnswerQuestion{w.cq, "x"}, w.s.state)
              .code == DenyCode::wrong_workshop);
  }

  TEST_CASE("a citizen acts only as themself, only in the workshop they are in") {
    const World w;
    const Principal citizen{Role::citizen, "e-test", std::nullopt, w.p1, "c"};
    auto decide = [&](const d::Command& c) {
      return encuentro::app::authorize(citizen, "e-test", c, w.s.state).code;
    };
    CHECK(decide(cmd::RaiseHand{"w1", w.p1}) == DenyCode::none);
    CHECK(decide(cmd::RaiseHand{"w1", w.s.state.workshop("w1")->members.at(1)}) ==
          DenyCode::forbidden);
    CHECK(decide(cmd::RaiseHand{"w2", w.p1}) == DenyCode::wrong_workshop);
    CHECK(decide(cmd::CastVote{"w1", w.p1, w.cx}) == DenyCode::wrong_workshop);
    CHECK(decide(cmd::CastVote{"w2", w.p1, w.cx}) == DenyCode::wrong_workshop);
    CHECK(decide(cmd::RetractVote{"w1", w.p1, "c999"}) == DenyCode::wrong_workshop);
    CHECK(decide(cmd::SubmitProposal{"w2", w.p1, "p1", {}, "x"}) == DenyCode::wrong_workshop);
    CHECK(decide(cmd::SubmitEvaluation{w.p2, {5, 5, 5, 5}, ""}) == DenyCode::forbidden);
    const Principal stranger{Role::citizen, "e-test", std::nullopt, "a-unknown", "c"};
    CHECK(
        encuentro::app::authorize(stranger, "e-test", cmd::RaiseHand{"w1", "a-unknown"}, w.s.state)
            .code == DenyCode::wrong_workshop);
  }

  TEST_CASE("encuentro scope: the command's and the state's encuentro must be the principal's") {
    const World w;
    const Principal org{Role::organizer, "e-test", std::nullopt, std::nullopt, "o"};
    const Principal global{Role::organizer, std::nullopt, std::nullopt, std::nullopt, "o"};
    const d::Command create = cmd::CreateEncuentro{
        "e-new", encuentro::testing::Scenario::details(d::Date::from_ymd(2027, 1, 30))};
    CHECK(encuentro::app::authorize(global, "e-new", create, d::Encuentro{}).allowed());
    CHECK(encuentro::app::authorize(global, "e-other", create, d::Encuentro{}).code ==
          DenyCode::wrong_encuentro);
    CHECK(encuentro::app::authorize(org, "e-new", create, d::Encuentro{}).code ==
          DenyCode::wrong_encuentro);
    // A state that is not the encuentro's is refused (fail closed on a caller's mix-up).
    CHECK(encuentro::app::authorize(global, "e-other", cmd::FormWorkshops{}, w.s.state).code ==
          DenyCode::wrong_encuentro);
    const Principal office_nowhere{Role::office, std::nullopt, std::nullopt, std::nullopt, "x"};
    CHECK(encuentro::app::authorize(office_nowhere, "e-test", cmd::ReportProgress{}, w.s.state)
              .code == DenyCode::wrong_encuentro);
  }
}

// ---- visibility ---------------------------------------------------------------------------------

TEST_SUITE("access.visibility") {
  TEST_CASE("over a whole encuentro's log: who receives which events") {
    World w;
    // Carry the encuentro on to published results, with votes, an evaluation and progress.
    auto& s = w.s;
    s.ok(cmd::AcceptProposal{w.cpending});
    s.ok(cmd::OpenVoting{"w1", 0});
    s.ok(cmd::CastVote{"w1", w.p1, w.ca});
    const std::string p1b = s.state.workshop("w1")->members.at(1);
    s.ok(cmd::CastVote{"w1", p1b, w.ca});
    s.ok(cmd::CloseVoting{"w1"});
    s.ok(cmd::OpenVoting{"w2", 0});
    s.ok(cmd::CastVote{"w2", w.p2, w.cx});
    s.ok(cmd::CloseVoting{"w2"});
    s.ok(cmd::SubmitProposal{"w2", w.p2, "p1", "q1", "Propuesta aún pendiente"});
    s.ok(cmd::RaiseHand{"w1", p1b});

    const Principal organizer{Role::organizer, "e-test", std::nullopt, std::nullopt, "o"};
    const Principal stranger_org{Role::organizer, "e-other", std::nullopt, std::nullopt, "o"};
    const Principal citizen{Role::citizen, "e-test", std::nullopt, w.p1, "c"};
    const Principal relator2{Role::relator, "e-test", "w2", std::nullopt, "r"};
    const Principal projector{Role::projector, "e-test", std::nullopt, std::nullopt, "p"};
    const Principal office{Role::office, "e-test", std::nullopt, std::nullopt, "k"};
    const Principal anyone = Principal::anyone();

    int checked = 0;
    for (const d::Recorded& r : s.log) {
      const d::Event& e = r.event;
      const std::string_view name = encuentro::protocol::kEventNames[e.index()];
      CHECK_MESSAGE(encuentro::app::may_see(organizer, e, s.state), name);
      CHECK_MESSAGE(!encuentro::app::may_see(stranger_org, e, s.state), name);
      const bool personal = std::holds_alternative<ev::Registered>(e) ||
                            std::holds_alternative<ev::CheckedIn>(e) ||
                            std::holds_alternative<ev::InterpreterRecorded>(e);
      if (personal) {
        for (const Principal* p : {&citizen, &relator2, &projector, &office, &anyone}) {
          CHECK_MESSAGE(!encuentro::app::may_see(*p, e, s.state), name << " to " << p->actor);
        }
      }
      if (const auto* vote = std::get_if<ev::VoteCast>(&e)) {
        // Who voted: the voter and the desk. The tally: the room, the projector.
        CHECK(encuentro::app::may_see(citizen, e, s.state) == (vote->participant_id == w.p1));
        CHECK_FALSE(encuentro::app::may_see(projector, e, s.state));
        CHECK(encuentro::app::may_see(relator2, e, s.state) == (vote->workshop_id == "w2"));
        CHECK(encuentro::app::may_see_anonymously(projector, e, s.state));
        CHECK(encuentro::app::may_see_anonymously(citizen, e, s.state) ==
              (vote->workshop_id == "w1"));
        CHECK_FALSE(encuentro::app::may_see_anonymously(office, e, s.state));
        CHECK_FALSE(encuentro::app::may_see_anonymously(anyone, e, s.state));
        CHECK_FALSE(encuentro::app::may_see_anonymously(stranger_org, e, s.state));
        const auto blank = std::get<ev::VoteCast>(encuentro::app::anonymous(e));
        CHECK(blank.participant_id.empty());
        CHECK(blank.contribution_id == vote->contribution_id);
      }
      if (const auto* hand = std::get_if<ev::HandRaised>(&e)) {
        // The queue is the room's (by id): each phone knows its place. Not the projector's.
        CHECK(encuentro::app::may_see(citizen, e, s.state) == (hand->workshop_id == "w1"));
        CHECK_FALSE(encuentro::app::may_see(projector, e, s.state));
      }
      CHECK_FALSE(encuentro::app::may_see_anonymously(citizen, ev::PhaseAdvanced{}, s.state));
      if (const auto* submitted = std::get_if<ev::ProposalSubmitted>(&e)) {
        const bool pending_of_other = submitted->contribution.workshop_id == "w2";
        // p1's own proposal was accepted: visible in w1; p2's is pending: only w2's desk.
        CHECK(encuentro::app::may_see(citizen, e, s.state) == !pending_of_other);
        CHECK(encuentro::app::may_see(relator2, e, s.state) == pending_of_other);
        CHECK(encuentro::app::may_see(projector, e, s.state) == !pending_of_other);
      }
      if (const auto* captured = std::get_if<ev::ContributionCaptured>(&e)) {
        // Before the plenary, each workshop sees its own work only.
        CHECK(encuentro::app::may_see(citizen, e, s.state) ==
              (captured->contribution.workshop_id == "w1"));
        CHECK_FALSE(encuentro::app::may_see(office, e, s.state));
        CHECK_FALSE(encuentro::app::may_see(anyone, e, s.state));
      }
      if (std::holds_alternative<ev::PointAdded>(e) ||
          std::holds_alternative<ev::PhaseAdvanced>(e)) {
        CHECK(encuentro::app::may_see(anyone, e, s.state));  // the convocation is published
        CHECK(encuentro::app::may_see(office, e, s.state));
      }
      ++checked;
    }
    // Evaluations (their phase comes later): the evaluator and the organizer only.
    const d::Event theirs = ev::EvaluationSubmitted{{p1b, {5, 4, 4, 3}, "", 0}};
    const d::Event own = ev::EvaluationSubmitted{{w.p1, {5, 4, 4, 3}, "", 0}};
    CHECK_FALSE(encuentro::app::may_see(citizen, theirs, s.state));
    CHECK(encuentro::app::may_see(citizen, own, s.state));
    CHECK(encuentro::app::may_see(organizer, theirs, s.state));
    CHECK_FALSE(encuentro::app::may_see(projector, theirs, s.state));
    CHECK_FALSE(encuentro::app::may_see(office, theirs, s.state));
    MESSAGE("events checked for visibility: " << checked);
    CHECK(checked > 100);
  }

  TEST_CASE("the public sees planning after the convocation and results after publication") {
    encuentro::testing::Scenario s;
    s.draft();
    const Principal anyone = Principal::anyone();
    const d::Event point = ev::PointAdded{"p1", "Movilidad", ""};
    const d::Event answered = ev::ProposalsAnswered{};
    CHECK_FALSE(encuentro::app::may_see(anyone, point, s.state));
    s.ok(cmd::PublishConvocation{});
    CHECK(encuentro::app::may_see(anyone, point, s.state));
    CHECK_FALSE(encuentro::app::may_see(anyone, answered, s.state));
    s.state.phase = d::Phase::published;  // (the phases between are not this test's subject)
    CHECK(encuentro::app::may_see(anyone, answered, s.state));
    CHECK_FALSE(encuentro::app::may_see(anyone, d::Event{ev::VoteCast{"w1", "a1", "c1"}}, s.state));
    const Principal nobody{Role::unknown, "e-test", std::nullopt, std::nullopt, "?"};
    CHECK_FALSE(encuentro::app::may_see(nobody, point, s.state));
  }

  TEST_CASE("redacted snapshots carry no one else's personal data") {
    World w;
    auto& s = w.s;
    s.ok(cmd::OpenVoting{"w1", 0});
    const std::string p1b = s.state.workshop("w1")->members.at(1);
    s.ok(cmd::CastVote{"w1", w.p1, w.ca});
    s.ok(cmd::CastVote{"w1", p1b, w.ca});

    const Principal citizen{Role::citizen, "e-test", std::nullopt, w.p1, "c"};
    const d::Encuentro mine = encuentro::app::redact(citizen, s.state);
    CHECK(mine.registrants.empty());
    CHECK_FALSE(s.state.registrants.empty());
    for (const d::Participant& p : mine.participants) {
      if (p.id == w.p1) {
        CHECK_FALSE(p.name.empty());
      } else {
        CHECK(p.name.empty());
        CHECK(p.territory.empty());
        CHECK_FALSE(p.registrant_id);
      }
    }
    CHECK(d::vote_total(mine, w.ca) == d::vote_total(s.state, w.ca));
    for (const d::Vote& v : mine.votes)
      CHECK((v.participant_id == w.p1 || v.participant_id.empty()));
    for (const d::Contribution& c : mine.contributions)
      CHECK(c.workshop_id == "w1");  // before plenary

    const Principal relator2{Role::relator, "e-test", "w2", std::nullopt, "r"};
    const d::Encuentro desk = encuentro::app::redact(relator2, s.state);
    for (const d::Participant& p : desk.participants) {
      CHECK(p.name.empty() == (p.workshop_id != "w2"));
    }

    const d::Encuentro office =
        encuentro::app::redact({Role::office, "e-test", std::nullopt, std::nullopt, "k"}, s.state);
    CHECK(office.participants.empty());
    CHECK(office.votes.empty());

    const d::Encuentro pub = encuentro::app::redact(Principal::anyone(), s.state);
    CHECK(pub.participants.empty());
    CHECK(pub.contributions.empty());  // not published yet
    CHECK_FALSE(pub.points.empty());   // the convocation is public

    const d::Encuentro org = encuentro::app::redact(
        {Role::organizer, "e-test", std::nullopt, std::nullopt, "o"}, s.state);
    CHECK(org == s.state);
    const d::Encuentro other = encuentro::app::redact(
        {Role::organizer, "e-other", std::nullopt, std::nullopt, "o"}, s.state);
    CHECK(other.participants.empty());
    CHECK(other.id == "e-test");
  }
}
