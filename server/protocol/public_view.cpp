#include "protocol/public_view.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "protocol/json_types.hpp"
#include "protocol/open_data.hpp"

namespace encuentro::protocol {
namespace {

namespace d = domain;
using nlohmann::json;

constexpr d::Timestamp kMillisPerDay = 24 * 60 * d::kMillisPerMinute;

json optional_string(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

json report_json(const d::ProgressReport& r) {
  return {{"id", r.id},
          {"part", r.part},
          {"percent", r.percent},
          {"status", r.status},
          {"note", r.note},
          {"evidence_url", r.evidence_url},
          {"as_of", r.as_of.iso()}};
}

// The commitment as it stood at `cut` (R10: the terms then in force, so a due date moved later
// does not rewrite the past), read at that date (R11).
json cut_json(const d::Encuentro& e, const d::Commitment& c, d::Date cut, int utc_offset) {
  d::Commitment then = c;
  std::size_t in_force = 1;  // the first version is the promise made at the event
  for (std::size_t i = 1; i < c.versions.size(); ++i) {
    if (civil_date_of(c.versions[i].at, utc_offset) <= cut) in_force = i + 1;
  }
  then.versions.resize(std::min(in_force, c.versions.size()));
  const d::CommitmentProgress p = d::progress_of(e, c, cut, &then.terms());
  return {{"date", cut.iso()},
          {"percent", p.percent},
          {"status", p.status},
          {"reported", p.latest != nullptr},
          {"overdue", d::is_overdue(e, then, cut)}};
}

json commitment_json(const d::Encuentro& e, const d::Commitment& c, d::Date today, int utc_offset) {
  json versions = json::array();
  for (const auto& v : c.versions) {
    versions.push_back({{"version", v.version},
                        {"terms", v.terms},
                        {"date", civil_date_of(v.at, utc_offset).iso()},
                        {"reason", v.reason}});
  }
  json reports = json::array();
  for (const auto& r : e.progress_reports) {
    if (r.commitment_id == c.id) reports.push_back(report_json(r));
  }
  json cuts = json::array();
  for (const d::Date cut : d::monitoring_cuts(e.details.date, today)) {
    cuts.push_back(cut_json(e, c, cut, utc_offset));
  }
  json observations = json::array();
  for (const auto& o : e.observations) {
    if (o.commitment_id != c.id || o.status != d::ObservationStatus::approved) continue;
    json reply = nullptr;
    if (o.reply) {
      reply = {{"text", o.reply->text}, {"date", civil_date_of(o.reply->at, utc_offset).iso()}};
    }
    observations.push_back({{"id", o.id},
                            {"text", o.text},
                            {"alias", o.alias},
                            {"date", civil_date_of(o.at, utc_offset).iso()},
                            {"reply", std::move(reply)}});
  }
  const d::CommitmentProgress now = d::progress_of(e, c, today);
  json parts = json::array();
  for (const d::PartProgress& part : now.parts) {
    parts.push_back({{"part", part.part},
                     {"what", c.terms().parts[static_cast<std::size_t>(part.part - 1)]},
                     {"percent", part.percent},
                     {"status", part.status}});
  }
  return {{"id", c.id},
          {"proposal_ids", c.proposal_ids},
          {"version", c.versions.back().version},
          {"terms", c.terms()},
          {"versions", std::move(versions)},
          {"status", now.status},
          {"percent", now.percent},
          {"parts", std::move(parts)},
          {"overdue", d::is_overdue(e, c, today)},
          {"latest_report", now.latest ? report_json(*now.latest) : json(nullptr)},
          {"reports", std::move(reports)},
          {"cuts", std::move(cuts)},
          {"observations", std::move(observations)}};
}

json answer_json(const d::Answer* a) {
  if (!a) return nullptr;
  return {{"kind", a->kind},
          {"reason", a->reason},
          {"referred_to", a->referred_to},
          {"commitment_id", optional_string(a->commitment_id)}};
}

// Votes per contribution (d::vote_totals), counted once per view rather than once per proposal.
using VoteTotals = std::unordered_map<std::string_view, int>;

int votes_of(const VoteTotals& totals, std::string_view contribution_id) {
  const auto it = totals.find(contribution_id);
  return it == totals.end() ? 0 : it->second;
}

json proposal_json(const d::Encuentro& e, const d::Contribution& c, const VoteTotals& totals) {
  return {{"id", c.id},
          {"text", c.text},
          {"kind", c.kind},
          {"point_id", c.point_id},
          {"question_id", optional_string(c.question_id)},
          {"votes", votes_of(totals, c.id)},
          {"answer", answer_json(e.answer_for(c.id))}};
}

json workshop_json(const d::Encuentro& e, const d::Workshop& w, const VoteTotals& totals) {
  json principal = json::array();
  for (const auto& id : w.principal_proposals) {
    if (const d::Contribution* c = e.contribution(id))
      principal.push_back(proposal_json(e, *c, totals));
  }
  return {{"id", w.id},
          {"number", w.number},
          {"participants", w.members.size()},
          {"synthesis", w.synthesis},
          {"principal_proposals", std::move(principal)}};
}

json points_json(const d::Encuentro& e) {
  json points = json::array();
  for (const auto& p : e.points) {
    json questions = json::array();
    for (const auto& q : p.questions) questions.push_back({{"id", q.id}, {"text", q.text}});
    points.push_back({{"id", p.id},
                      {"title", p.title},
                      {"description", p.description},
                      {"questions", std::move(questions)}});
  }
  return points;
}

std::optional<d::Date> published_on(const d::Encuentro& e, int utc_offset) {
  for (const auto& change : e.phase_history) {
    if (change.phase == d::Phase::published) return civil_date_of(change.at, utc_offset);
  }
  return std::nullopt;
}

json details_json(const d::Encuentro& e, int utc_offset) {
  const d::EncuentroDetails& det = e.details;
  const auto published = published_on(e, utc_offset);
  return {{"title", det.title},
          {"entities", det.entities},
          {"objective", det.objective},
          {"report_summary", det.report_summary},
          {"methodology", det.methodology},
          {"venue", det.venue},
          {"date", det.date.iso()},
          {"start_time", det.start_time.str()},
          {"end_time", det.end_time.str()},
          {"phase", e.phase},
          {"published_on", published ? json(published->iso()) : json(nullptr)}};
}

// Counts of [key, count] pairs, largest first, then by key.
template <class Key>
json tally_json(const std::map<Key, int>& tally, const char* key_name) {
  std::vector<std::pair<Key, int>> rows(tally.begin(), tally.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  json out = json::array();
  for (const auto& [key, count] : rows) out.push_back({{key_name, key}, {"count", count}});
  return out;
}

// A territory with fewer attendees than this is published only inside "Otros territorios": a
// vereda with one or two people at the event would otherwise point at them (Ley 1581 de 2012).
constexpr int kMinPublicTerritoryCount = 5;
constexpr const char* kOtherTerritories = "Otros territorios";

// Aggregates only: how many came, by value group and by territory. Never who.
json attendance_json(const d::Encuentro& e) {
  std::map<d::ValueGroup, int> by_group;
  std::map<std::string, int> raw_territory;
  for (const auto& p : e.participants) {
    ++by_group[p.value_group];
    ++raw_territory[p.territory];
  }
  std::map<std::string, int> by_territory;
  for (const auto& [territory, count] : raw_territory) {
    by_territory[count < kMinPublicTerritoryCount ? kOtherTerritories : territory] += count;
  }
  return {{"total", e.participants.size()},
          {"registered", e.registrants.size()},
          {"by_value_group", tally_json(by_group, "value_group")},
          {"by_territory", tally_json(by_territory, "territory")}};
}

// How many answered and the average of each rating (two decimals); no comment, no participant.
json evaluation_json(const d::Encuentro& e) {
  const std::size_t n = e.evaluations.size();
  auto average = [&](int d::EvaluationRatings::*rating) -> json {
    if (n == 0) return nullptr;
    double sum = 0;
    for (const auto& ev : e.evaluations) sum += ev.ratings.*rating;
    return std::round(sum / static_cast<double>(n) * 100.0) / 100.0;
  };
  return {{"count", n},
          {"averages",
           {{"organisation", average(&d::EvaluationRatings::organisation)},
            {"methodology", average(&d::EvaluationRatings::methodology)},
            {"participation", average(&d::EvaluationRatings::participation)},
            {"answers", average(&d::EvaluationRatings::answers)}}}};
}

json counts_json(const d::Encuentro& e, d::Date today) {
  json by_status = {{"pendiente", 0}, {"en_ejecucion", 0}, {"cumplido", 0}, {"no_cumplido", 0}};
  int overdue = 0;
  for (const auto& c : e.commitments) {
    const std::string status = json(d::progress_of(e, c, today).status).get<std::string>();
    by_status[status] = by_status.value(status, 0) + 1;
    overdue += d::is_overdue(e, c, today) ? 1 : 0;
  }
  return {{"workshops", e.workshops.size()},
          {"participants", e.participants.size()},
          {"principal_proposals", d::all_principal_proposals(e).size()},
          {"commitments", e.commitments.size()},
          {"commitments_by_status", std::move(by_status)},
          {"commitments_overdue", overdue}};
}

}  // namespace

bool is_public(const d::Encuentro& e) {
  return e.phase == d::Phase::published || e.phase == d::Phase::follow_up ||
         e.phase == d::Phase::closed;
}

d::Date civil_date_of(d::Timestamp at, int utc_offset_minutes) {
  const d::Timestamp local = at + static_cast<d::Timestamp>(utc_offset_minutes) * 60'000;
  const d::Timestamp days =
      local >= 0 ? local / kMillisPerDay : (local - kMillisPerDay + 1) / kMillisPerDay;
  return d::Date{static_cast<std::int32_t>(days)};
}

json public_summary(const d::Encuentro& e, d::Date today) {
  return {{"id", e.id},
          {"title", e.details.title},
          {"entities", e.details.entities},
          {"date", e.details.date.iso()},
          {"venue", e.details.venue},
          {"phase", e.phase},
          {"counts", counts_json(e, today)}};
}

json public_encuentro(const d::Encuentro& e, d::Date today, int utc_offset_minutes) {
  const VoteTotals totals = d::vote_totals(e);
  json workshops = json::array();
  for (const auto& w : e.workshops) workshops.push_back(workshop_json(e, w, totals));
  json commitments = json::array();
  for (const auto& c : e.commitments) {
    commitments.push_back(commitment_json(e, c, today, utc_offset_minutes));
  }
  return {{"id", e.id},
          {"as_of", today.iso()},
          {"details", details_json(e, utc_offset_minutes)},
          {"counts", counts_json(e, today)},
          {"points", points_json(e)},
          {"workshops", std::move(workshops)},
          {"commitments", std::move(commitments)},
          {"attendance", attendance_json(e)},
          {"evaluation", evaluation_json(e)}};
}

json commitments_json(const d::Encuentro& e, d::Date today) {
  return dataset_rows(Dataset::commitments, e, today, 0);
}

std::string csv_cell(std::string_view value) {
  std::string cell;
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
    cell += '\'';
  cell += value;
  if (cell.find_first_of(",;\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char ch : cell) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  quoted += '"';
  return quoted;
}

std::string commitments_csv(const d::Encuentro& e, d::Date today) {
  return to_csv(*find_dataset("commitments"), commitments_json(e, today));
}

}  // namespace encuentro::protocol
