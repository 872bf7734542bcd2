// The public view of an encuentro (R10, R11; ../shared/design/encuentro.md, "Publication and
// follow-up"): what anyone may read once the results are published, shaped as JSON and CSV.
//
// Least privilege (architecture.md, promise 7): these functions are the only way domain state
// leaves the server without a login, so they copy fields one by one from an allow-list and never
// serialise a whole domain record. Nothing personal ever appears: no registrant or participant
// (name, contact, code, id, organisation, needs), no contribution author or submitter, no staff or
// interpreter names, no evaluation comments, no actor of a phase change, and no contribution other
// than the principal proposals. Attendance and evaluations appear as aggregates only.
//
// Dates: `today` is the civil date the caller computed from its clock (R11: overdue by the calendar
// alone); instants (phase changes, commitment versions) are shown as civil dates in the zone
// `utc_offset_minutes` from UTC. Field list: shared/README.md, "Public HTTP API".
// Thread-safe: every function here is pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/encuentro.hpp"

namespace encuentro::protocol {

// True once the results are public: phase published, follow_up or closed.
bool is_public(const domain::Encuentro& e);

// The civil date of an instant in a zone `utc_offset_minutes` from UTC.
domain::Date civil_date_of(domain::Timestamp at, int utc_offset_minutes);

// One entry of GET /api/public/encuentros: id, title, entities, date, venue, phase, counts.
// REQUIRES: is_public(e).
nlohmann::json public_summary(const domain::Encuentro& e, domain::Date today);

// GET /api/public/encuentros/{id}: details, central points, workshops with their principal
// proposals and answers, commitments (versions, progress, overdue, monitoring cuts), attendance
// and evaluation aggregates. REQUIRES: is_public(e).
nlohmann::json public_encuentro(const domain::Encuentro& e, domain::Date today,
                                int utc_offset_minutes);

// Open data: one object (JSON) or row (CSV) per commitment with the Spanish column names
// id, compromiso, entidad, dependencia, fecha_limite, indicador, meta, propuestas, estado,
// avance_pct, fecha_avance, vencido. REQUIRES: is_public(e).
nlohmann::json commitments_json(const domain::Encuentro& e, domain::Date today);
// RFC 4180 with a UTF-8 byte order mark (so Excel reads the accents), CRLF line ends, a header
// line, cells quoted when needed and guarded against formula injection (csv_cell).
std::string commitments_csv(const domain::Encuentro& e, domain::Date today);

// One CSV cell: a value starting with = + - @ tab or CR gets a leading apostrophe (a spreadsheet
// would run it as a formula); then a value holding a comma, semicolon, quote, CR or LF is quoted,
// with quotes doubled.
std::string csv_cell(std::string_view value);

}  // namespace encuentro::protocol
