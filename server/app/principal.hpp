#pragma once

// Who is asking: a role and its scope. Made by AccessService::authenticate (access.hpp) from a
// session token, or by the transport for a viewer without a session (Role::anyone).
// Read by authorize() / may_see() / redact() (authorization.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace encuentro::app {

// The roles of ../shared/design/encuentro.md ("Who uses it"), plus the office that reports the
// progress of commitments. `unknown` first, as every enum of the project: a bad value from outside
// never becomes a valid role. Wire names: role_name().
enum class Role {
  unknown,
  organizer,    // organizador/a: plans, accredits, drives phases, answers, publishes
  facilitator,  // facilitador/a: runs one workshop
  relator,      // relator/a: captures one workshop's contributions, writes its synthesis
  servant,      // servidor/a público/a: answers questions in one workshop
  citizen,      // ciudadano/a: own hand, own proposals, own votes, own evaluation
  projector,    // pantalla: shows, never writes
  office,       // the responsible office (dependencia): reports progress of commitments
  anyone,       // público: no session; published data only. Wire name "public".
};

inline constexpr Role kAllRoles[] = {Role::organizer, Role::facilitator, Role::relator,
                                     Role::servant,   Role::citizen,     Role::projector,
                                     Role::office,    Role::anyone};

// "organizer", "facilitator", "relator", "servant", "citizen", "projector", "office", "public";
// "unknown" for Role::unknown.
std::string_view role_name(Role role) noexcept;
// The inverse of role_name (never Role::unknown).
std::optional<Role> parse_role(std::string_view name) noexcept;

// Facilitator, relator and servant act in exactly one workshop.
constexpr bool is_workshop_staff(Role role) noexcept {
  return role == Role::facilitator || role == Role::relator || role == Role::servant;
}

struct Principal {
  Role role = Role::unknown;
  // The encuentro this principal may act on. nullopt means every encuentro, and is honoured only
  // for an organizer (who came in with the server's one-time secret) and for Role::anyone (whose
  // view is the same everywhere: published data). For every other role nullopt covers nothing.
  std::optional<std::string> encuentro_id;
  std::optional<std::string> workshop_id;     // facilitator, relator, servant
  std::optional<std::string> participant_id;  // citizen, once linked to a checked-in participant
  std::string actor;  // opaque audit id for Request::actor ("relator:3f9a…"); never a name
  // When the session behind it ends (ms since the epoch); nullopt: never (no session). A live
  // connection outlasting it executes nothing more (app/live.cpp).
  std::optional<std::int64_t> expires_at_ms{};

  bool covers(std::string_view encuentro) const {
    if (!encuentro_id) return role == Role::organizer || role == Role::anyone;
    return *encuentro_id == encuentro;
  }

  // A viewer without a session.
  static Principal anyone() {
    return Principal{Role::anyone, std::nullopt, std::nullopt, std::nullopt, "public"};
  }
};

}  // namespace encuentro::app
