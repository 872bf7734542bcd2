// Atom 1.0 feeds (RFC 4287) of a published encuentro's follow-up, so that anyone can follow the
// commitments in a feed reader: one feed per encuentro and one per commitment. An entry for the
// publication, one per commitment version (the promise, then each revision, R10) and one per
// progress report, newest first. Built from the same allow-list as public_view.hpp: nothing
// personal (no names but the responsible entity and office, which are public terms).
//
// Ids are URNs (urn:encuentro:e-…:report:g5), stable across servers; links are relative to the
// feed's own URL (/publico/…), which RFC 4287 resolves against the document's address.
// Thread-safe: every function here is pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/encuentro.hpp"

namespace encuentro::protocol {

// GET /api/public/encuentros/{id}/feed.atom. REQUIRES: is_public(e).
std::string encuentro_feed(const domain::Encuentro& e);

// GET /api/public/encuentros/{id}/commitments/{cid}/feed.atom; nullopt when `e` has no such
// commitment. REQUIRES: is_public(e).
std::optional<std::string> commitment_feed(const domain::Encuentro& e,
                                           std::string_view commitment_id);

// Text for XML character data and attribute values: & < > " ' escaped, and the characters XML
// 1.0 forbids (C0 controls but tab, LF, CR) dropped.
std::string xml_text(std::string_view text);

// An instant as RFC 3339 in UTC: "2026-09-10T15:04:05Z".
std::string rfc3339(domain::Timestamp at);

}  // namespace encuentro::protocol
