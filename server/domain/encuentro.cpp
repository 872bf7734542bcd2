#include "domain/encuentro.hpp"

#include <algorithm>
#include <utility>

namespace encuentro::domain {
namespace {

template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
  return it == items.end() ? nullptr : &*it;
}

template <typename T>
T* find_by_id(std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
  return it == items.end() ? nullptr : &*it;
}

// Ids made by the domain are a prefix and the 1-based position in an append-only vector
// ("c12" is contributions[11]); this finds them in O(1) and falls back to a scan otherwise.
template <typename T>
const T* find_indexed(const std::vector<T>& items, std::string_view id, std::string_view prefix) {
  if (id.size() > prefix.size() && id.substr(0, prefix.size()) == prefix) {
    std::size_t n = 0;
    bool digits = true;
    for (char c : id.substr(prefix.size())) {
      if (c < '0' || c > '9' || n > items.size()) {
        digits = false;
        break;
      }
      n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (digits && n >= 1 && n <= items.size() && items[n - 1].id == id) return &items[n - 1];
  }
  return find_by_id(items, id);
}

}  // namespace

Phase next_phase(Phase p) {
  switch (p) {
    case Phase::draft:
      return Phase::convened;
    case Phase::convened:
      return Phase::opening;
    case Phase::opening:
      return Phase::workshops;
    case Phase::workshops:
      return Phase::plenary;
    case Phase::plenary:
      return Phase::commitments;
    case Phase::commitments:
      return Phase::published;
    case Phase::published:
      return Phase::follow_up;
    case Phase::follow_up:
      return Phase::closed;
    case Phase::closed:
    case Phase::unknown:
      return Phase::unknown;
  }
  return Phase::unknown;
}

const CentralPoint* Encuentro::point(std::string_view pid) const {
  return find_by_id(points, pid);
}

const GuideQuestion* Encuentro::question(std::string_view qid, const CentralPoint** owner) const {
  for (const auto& p : points) {
    for (const auto& q : p.questions) {
      if (q.id == qid) {
        if (owner) *owner = &p;
        return &q;
      }
    }
  }
  return nullptr;
}

const Registrant* Encuentro::registrant(std::string_view rid) const {
  return find_indexed(registrants, rid, "r");
}

const Registrant* Encuentro::registrant_by_code(std::string_view code) const {
  auto it = std::find_if(registrants.begin(), registrants.end(),
                         [&](const Registrant& r) { return r.code == code; });
  return it == registrants.end() ? nullptr : &*it;
}

const Participant* Encuentro::participant(std::string_view pid) const {
  return find_indexed(participants, pid, "a");
}
const Workshop* Encuentro::workshop(std::string_view wid) const {
  return find_by_id(workshops, wid);
}
const Contribution* Encuentro::contribution(std::string_view cid) const {
  return find_indexed(contributions, cid, "c");
}
const Commitment* Encuentro::commitment(std::string_view kid) const {
  return find_indexed(commitments, kid, "k");
}

const Answer* Encuentro::answer_for(std::string_view proposal_id) const {
  for (const auto& a : answers) {
    if (std::find(a.proposal_ids.begin(), a.proposal_ids.end(), proposal_id) !=
        a.proposal_ids.end())
      return &a;
  }
  return nullptr;
}

Workshop* Encuentro::workshop_mut(std::string_view wid) {
  return find_by_id(workshops, wid);
}
Contribution* Encuentro::contribution_mut(std::string_view cid) {
  return const_cast<Contribution*>(std::as_const(*this).contribution(cid));
}
Participant* Encuentro::participant_mut(std::string_view pid) {
  return const_cast<Participant*>(std::as_const(*this).participant(pid));
}
const Observation* Encuentro::observation(std::string_view oid) const {
  return find_indexed(observations, oid, "o");
}

Observation* Encuentro::observation_mut(std::string_view oid) {
  return const_cast<Observation*>(std::as_const(*this).observation(oid));
}

Commitment* Encuentro::commitment_mut(std::string_view kid) {
  return const_cast<Commitment*>(std::as_const(*this).commitment(kid));
}

int interpreter_requests(const Encuentro& e) {
  // Registrants who asked, plus walk-ins who asked at the door (registered participants are
  // already counted through their registration).
  int n = 0;
  for (const auto& r : e.registrants) n += r.needs.needs_interpreter() ? 1 : 0;
  for (const auto& p : e.participants) {
    n += (!p.registrant_id && p.needs.needs_interpreter()) ? 1 : 0;
  }
  return n;
}

bool interpreter_obligation_open(const Encuentro& e, const Policy& policy) {
  return interpreter_requests(e) >= policy.interpreter_threshold && e.interpreters.empty();
}

std::vector<Flag> flags(const Encuentro& e, const Policy& policy) {
  std::vector<Flag> out;
  const int expected = e.details.expected_attendance;
  if (expected < policy.attendance_min || expected > policy.attendance_max)
    out.push_back({FlagCode::attendance_out_of_range, ""});
  if (interpreter_obligation_open(e, policy)) out.push_back({FlagCode::interpreter_obligation, ""});
  for (const auto& w : e.workshops) {
    if (!w.facilitator || !w.relator) out.push_back({FlagCode::staff_missing, w.id});
    if (w.servants.empty()) out.push_back({FlagCode::servant_missing, w.id});
  }
  return out;
}

int vote_total(const Encuentro& e, std::string_view contribution_id) {
  int n = 0;
  for (const auto& v : e.votes) n += v.contribution_id == contribution_id ? 1 : 0;
  for (const auto& h : e.hand_counts) {
    if (h.contribution_id == contribution_id) n += h.count;
  }
  return n;
}

std::unordered_map<std::string_view, int> vote_totals(const Encuentro& e) {
  std::unordered_map<std::string_view, int> totals;
  for (const auto& v : e.votes) ++totals[v.contribution_id];
  for (const auto& h : e.hand_counts) totals[h.contribution_id] += h.count;
  return totals;
}

int dots_used(const Encuentro& e, std::string_view participant_id, std::string_view workshop_id) {
  return static_cast<int>(std::count_if(e.votes.begin(), e.votes.end(), [&](const Vote& v) {
    if (v.participant_id != participant_id) return false;
    const Contribution* c = e.contribution(v.contribution_id);
    return c && c->workshop_id == workshop_id;
  }));
}

std::vector<std::string> not_yet_heard(const Encuentro&, const Workshop& w) {
  std::vector<std::string> out;
  for (const auto& m : w.members) {
    if (std::find(w.heard.begin(), w.heard.end(), m) == w.heard.end()) out.push_back(m);
  }
  return out;
}

std::vector<std::string> all_principal_proposals(const Encuentro& e) {
  std::vector<std::string> out;
  for (const auto& w : e.workshops) {
    out.insert(out.end(), w.principal_proposals.begin(), w.principal_proposals.end());
  }
  return out;
}

const ProgressReport* latest_report(const Encuentro& e, std::string_view commitment_id,
                                    std::optional<Date> as_of) {
  // Latest by as_of date, ties broken by the order of reporting (later wins).
  const ProgressReport* best = nullptr;
  for (const auto& r : e.progress_reports) {
    if (r.commitment_id != commitment_id) continue;
    if (as_of && r.as_of > *as_of) continue;
    if (!best || r.as_of >= best->as_of) best = &r;
  }
  return best;
}

namespace {

const ProgressReport* latest_of_part(const Encuentro& e, std::string_view commitment_id, int part,
                                     std::optional<Date> as_of) {
  const ProgressReport* best = nullptr;
  for (const auto& r : e.progress_reports) {
    if (r.commitment_id != commitment_id || r.part != part) continue;
    if (as_of && r.as_of > *as_of) continue;
    if (!best || r.as_of >= best->as_of) best = &r;
  }
  return best;
}

}  // namespace

CommitmentProgress progress_of(const Encuentro& e, const Commitment& c, std::optional<Date> as_of,
                               const CommitmentTerms* terms) {
  const CommitmentTerms& t = terms ? *terms : c.terms();
  CommitmentProgress out;
  if (t.parts.empty()) {
    out.latest = latest_of_part(e, c.id, 0, as_of);
    if (out.latest) {
      out.percent = out.latest->percent;
      out.status = out.latest->status;
    }
    return out;
  }
  int sum = 0, fulfilled = 0, closed = 0;
  bool moved = false;
  for (int n = 1; n <= static_cast<int>(t.parts.size()); ++n) {
    PartProgress part;
    part.part = n;
    part.report = latest_of_part(e, c.id, n, as_of);
    if (part.report) {
      part.percent = part.report->percent;
      part.status = part.report->status;
      const bool later = !out.latest || part.report->as_of > out.latest->as_of ||
                         (part.report->as_of == out.latest->as_of &&
                          part.report->reported_at >= out.latest->reported_at);
      if (later) out.latest = part.report;
    }
    sum += part.percent;
    fulfilled += part.status == ProgressStatus::cumplido ? 1 : 0;
    const bool is_closed =
        part.status == ProgressStatus::cumplido || part.status == ProgressStatus::no_cumplido;
    closed += is_closed ? 1 : 0;
    moved = moved || part.percent > 0 || part.status == ProgressStatus::en_ejecucion ||
            part.status == ProgressStatus::cumplido;
    out.parts.push_back(part);
  }
  const int n = static_cast<int>(t.parts.size());
  out.percent = (sum + n / 2) / n;  // the average, rounded half up
  if (fulfilled == n) {
    out.status = ProgressStatus::cumplido;
  } else if (closed == n) {
    out.status = ProgressStatus::no_cumplido;
  } else if (moved) {
    out.status = ProgressStatus::en_ejecucion;
  }
  return out;
}

bool is_overdue(const Encuentro& e, const Commitment& c, Date today) {
  if (today <= c.terms().due_date) return false;
  return progress_of(e, c, today).status != ProgressStatus::cumplido;
}

int text_length(std::string_view utf8) {
  int n = 0;
  for (unsigned char ch : utf8) n += (ch & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace encuentro::domain
