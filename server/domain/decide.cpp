#include "domain/decide.hpp"

#include <algorithm>
#include <initializer_list>
#include <set>

#include "domain/splitting.hpp"

namespace encuentro::domain {
namespace {

using Events = std::vector<Event>;

Rejection reject(RejectionCode code, std::string message,
                 std::map<std::string, std::string> details = {}) {
  return Rejection{code, std::move(message), std::move(details)};
}

Rejection invalid(const std::string& field, const std::string& why) {
  return reject(RejectionCode::invalid_argument, field + ": " + why, {{"field", field}});
}

// Text fields: within limits, and free of control characters other than newline and tab
// (single-line fields refuse those too).
enum class Lines { single, multi };

// Well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (s.size() - i <= n) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

std::optional<Rejection> check_text(const std::string& field, const std::string& value, int max,
                                    bool required, Lines lines = Lines::multi) {
  if (!valid_utf8(value)) return invalid(field, "is not valid UTF-8");
  bool blank = true;
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) {
      const bool allowed = lines == Lines::multi && (c == '\n' || c == '\t' || c == '\r');
      if (!allowed) return invalid(field, "contains control characters");
    }
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') blank = false;
  }
  if (required && blank) return invalid(field, "must not be empty");
  if (text_length(value) > max)
    return invalid(field, "longer than " + std::to_string(max) + " characters");
  return std::nullopt;
}

bool one_of(Phase p, std::initializer_list<Phase> allowed) {
  return std::find(allowed.begin(), allowed.end(), p) != allowed.end();
}

bool results_published(Phase p) {
  return p == Phase::published || p == Phase::follow_up || p == Phase::closed;
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::draft:
      return "draft";
    case Phase::convened:
      return "convened";
    case Phase::opening:
      return "opening";
    case Phase::workshops:
      return "workshops";
    case Phase::plenary:
      return "plenary";
    case Phase::commitments:
      return "commitments";
    case Phase::published:
      return "published";
    case Phase::follow_up:
      return "follow_up";
    case Phase::closed:
      return "closed";
    case Phase::unknown:
      break;
  }
  return "unknown";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

struct Decider {
  const Encuentro& s;
  const Context& ctx;

  int cap() const { return std::clamp(ctx.policy.workshop_cap, 1, kMaxWorkshopCap); }

  std::optional<Rejection> phase_in(std::initializer_list<Phase> allowed,
                                    bool touches_results = false) const {
    if (one_of(s.phase, allowed)) return std::nullopt;
    if (touches_results && results_published(s.phase)) {
      return reject(RejectionCode::results_published,
                    "published results are permanent; changes are new versions (R10)");
    }
    return reject(RejectionCode::wrong_phase,
                  std::string("not allowed in phase ") + phase_name(s.phase),
                  {{"phase", phase_name(s.phase)}});
  }

  // ---- look-ups that reject ------------------------------------------------------------------
  template <typename T>
  static Rejection missing(const char* what, const std::string& id) {
    return reject(RejectionCode::not_found, std::string(what) + " " + id + " does not exist",
                  {{"id", id}});
  }

  std::optional<Rejection> check_point_question(
      const std::string& point_id, const std::optional<std::string>& question_id) const {
    if (!s.point(point_id)) return missing<CentralPoint>("central point", point_id);
    if (question_id) {
      const CentralPoint* owner = nullptr;
      if (!s.question(*question_id, &owner))
        return missing<GuideQuestion>("guide question", *question_id);
      if (owner->id != point_id) return invalid("question_id", "belongs to another central point");
    }
    return std::nullopt;
  }

  std::optional<Rejection> check_details(const EncuentroDetails& d) const {
    if (auto r = check_text("title", d.title, kMaxTitle, true, Lines::single)) return r;
    if (d.entities.empty() || d.entities.size() > 10)
      return invalid("entities", "one to ten entities");
    for (const auto& e : d.entities) {
      if (auto r = check_text("entities", e, kMaxTitle, true, Lines::single)) return r;
    }
    if (auto r = check_text("objective", d.objective, kMaxText, true)) return r;
    if (auto r = check_text("report_summary", d.report_summary, kMaxLongText, false)) return r;
    if (auto r = check_text("methodology", d.methodology, kMaxLongText, false)) return r;
    if (auto r = check_text("venue", d.venue, kMaxShortText, true, Lines::single)) return r;
    if (d.start_time.minutes < 0 || d.end_time.minutes > 24 * 60 || d.end_time <= d.start_time)
      return invalid("end_time", "must be after start_time");
    // R2: outside 40..1000 is allowed but flagged (see flags()); beyond any venue is an error.
    if (d.expected_attendance < 1 || d.expected_attendance > 100000)
      return invalid("expected_attendance", "between 1 and 100000");
    return std::nullopt;
  }

  std::optional<Rejection> check_terms(const CommitmentTerms& t) const {
    if (auto r = check_text("what", t.what, kMaxText, true)) return r;
    if (auto r = check_text("entity", t.entity, kMaxTitle, true, Lines::single)) return r;
    if (auto r = check_text("office", t.office, kMaxTitle, false, Lines::single)) return r;
    if (auto r = check_text("indicator", t.indicator, kMaxShortText, true)) return r;
    if (auto r = check_text("goal", t.goal, kMaxShortText, true)) return r;
    if (auto r = check_text("territory", t.territory, kMaxTitle, false, Lines::single)) return r;
    if (t.parts.size() > static_cast<std::size_t>(kMaxCommitmentParts))
      return invalid("parts", "at most " + std::to_string(kMaxCommitmentParts) + " parts");
    if (t.parts.size() == 1) return invalid("parts", "a commitment with parts has at least two");
    for (const auto& part : t.parts) {
      if (auto r = check_text("parts", part, kMaxShortText, true, Lines::single)) return r;
    }
    if (t.due_date < s.details.date) return invalid("due_date", "before the encuentro");
    return std::nullopt;
  }

  std::optional<Rejection> check_needs(const Accessibility& n) const {
    return check_text("needs.other", n.other, kMaxShortText, false, Lines::single);
  }

  // A workshop that exists, in a phase where workshops run.
  std::variant<const Workshop*, Rejection> running_workshop(const std::string& id) const {
    if (auto r = phase_in({Phase::workshops}, true)) return *r;
    const Workshop* w = s.workshop(id);
    if (!w) return missing<Workshop>("workshop", id);
    // R6 holds for a workshop added for late arrivals during the workshops phase, too.
    if (!w->facilitator || !w->relator)
      return reject(RejectionCode::staff_missing,
                    "the workshop needs a facilitator and a relator (R6)", {{"workshops", w->id}});
    return w;
  }

  bool is_member(const Workshop& w, const std::string& participant_id) const {
    return std::find(w.members.begin(), w.members.end(), participant_id) != w.members.end();
  }

  // A proposal that can be voted or prioritised in workshop w (R8: never a complaint).
  std::optional<Rejection> check_votable(const Workshop& w,
                                         const std::string& contribution_id) const {
    const Contribution* c = s.contribution(contribution_id);
    if (!c || c->workshop_id != w.id) return missing<Contribution>("contribution", contribution_id);
    if (c->kind == ContributionKind::queja)
      return reject(RejectionCode::complaint_not_received,
                    "complaints are referred to the entity's PQRSD channel, not prioritised (R8)");
    if (c->kind != ContributionKind::propuesta || c->status != ContributionStatus::active)
      return reject(RejectionCode::not_a_proposal, "only active proposals can be prioritised");
    return std::nullopt;
  }

  // Where a late arrival goes: with the interpreter when they need one and there is room (R3),
  // else the smallest workshop below the cap (lowest number on ties); a new workshop when all
  // are full.
  Events place_late_arrival(Participant p) const {
    Events out;
    if (s.workshops.empty()) {
      out.push_back(ev::CheckedIn{std::move(p)});
      return out;
    }
    const Workshop* target = nullptr;
    if (p.needs.needs_interpreter()) {
      // R3: with the others who asked for an interpreter (where the interpreter is, or will be).
      int best = 0;
      for (const auto& w : s.workshops) {
        if (static_cast<int>(w.members.size()) >= cap()) continue;
        const int needers = interpreter_users(w) + (w.interpreter_id ? 1000 : 0);
        if (needers > best) {
          best = needers;
          target = &w;
        }
      }
    }
    if (!target) {
      for (const auto& w : s.workshops) {
        if (static_cast<int>(w.members.size()) < cap() &&
            (!target || w.members.size() < target->members.size()))
          target = &w;
      }
    }
    if (target) {
      p.workshop_id = target->id;
    } else {
      const int number = static_cast<int>(s.workshops.size()) + 1;
      const std::string id = "w" + std::to_string(number);
      out.push_back(ev::WorkshopAdded{id, number});
      p.workshop_id = id;
    }
    out.push_back(ev::CheckedIn{std::move(p)});
    return out;
  }

  int interpreter_users(const Workshop& w) const {
    int n = 0;
    for (const auto& m : w.members) n += s.participant(m)->needs.needs_interpreter() ? 1 : 0;
    return n;
  }

  std::string next_participant_id() const {
    return "a" + std::to_string(s.participants.size() + 1);
  }
  std::string next_contribution_id() const {
    return "c" + std::to_string(s.contributions.size() + 1);
  }

  // ---- planning and convocation ------------------------------------------------------------
  Decision operator()(const cmd::CreateEncuentro& c) const {
    if (s.phase != Phase::unknown) return reject(RejectionCode::already_exists, "encuentro exists");
    if (c.encuentro_id.empty() || c.encuentro_id.size() > 64 ||
        !std::all_of(c.encuentro_id.begin(), c.encuentro_id.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
        }))
      return invalid("encuentro_id", "1-64 characters of a-z, 0-9 and -");
    if (auto r = check_details(c.details)) return *r;
    return Events{ev::EncuentroCreated{c.encuentro_id, c.details}};
  }

  Decision operator()(const cmd::UpdateDetails& c) const {
    if (auto r = phase_in({Phase::draft, Phase::convened})) return *r;
    if (auto r = check_details(c.details)) return *r;
    if (s.convocation_published_on) {
      // R1 keeps holding after publication: the date cannot move closer than the minimum.
      const Date earliest = s.convocation_published_on->plus_days(ctx.policy.convocation_min_days);
      if (c.details.date < earliest)
        return reject(
            RejectionCode::convocation_too_late,
            "the convocation was published less than the minimum days before that date (R1)",
            {{"earliest_date", earliest.iso()}});
    }
    return Events{ev::DetailsUpdated{c.details}};
  }

  Decision operator()(const cmd::AddPoint& c) const {
    if (auto r = phase_in({Phase::draft, Phase::convened})) return *r;
    if (auto r = check_text("title", c.title, kMaxTitle, true, Lines::single)) return *r;
    if (auto r = check_text("description", c.description, kMaxText, false)) return *r;
    return Events{
        ev::PointAdded{"p" + std::to_string(s.point_counter + 1), c.title, c.description}};
  }

  Decision operator()(const cmd::UpdatePoint& c) const {
    if (auto r = phase_in({Phase::draft, Phase::convened})) return *r;
    if (!s.point(c.point_id)) return missing<CentralPoint>("central point", c.point_id);
    if (auto r = check_text("title", c.title, kMaxTitle, true, Lines::single)) return *r;
    if (auto r = check_text("description", c.description, kMaxText, false)) return *r;
    return Events{ev::PointUpdated{c.point_id, c.title, c.description}};
  }

  Decision operator()(const cmd::RemovePoint& c) const {
    if (auto r = phase_in({Phase::draft})) return *r;  // after convocation the report is fixed
    if (!s.point(c.point_id)) return missing<CentralPoint>("central point", c.point_id);
    return Events{ev::PointRemoved{c.point_id}};
  }

  Decision operator()(const cmd::AddQuestion& c) const {
    if (auto r = phase_in({Phase::draft, Phase::convened})) return *r;
    if (!s.point(c.point_id)) return missing<CentralPoint>("central point", c.point_id);
    if (auto r = check_text("text", c.text, kMaxShortText, true)) return *r;
    return Events{
        ev::QuestionAdded{c.point_id, "q" + std::to_string(s.question_counter + 1), c.text}};
  }

  Decision operator()(const cmd::UpdateQuestion& c) const {
    if (auto r = phase_in({Phase::draft, Phase::convened})) return *r;
    if (!s.question(c.question_id)) return missing<GuideQuestion>("guide question", c.question_id);
    if (auto r = check_text("text", c.text, kMaxShortText, true)) return *r;
    return Events{ev::QuestionUpdated{c.question_id, c.text}};
  }

  Decision operator()(const cmd::RemoveQuestion& c) const {
    if (auto r = phase_in({Phase::draft})) return *r;
    if (!s.question(c.question_id)) return missing<GuideQuestion>("guide question", c.question_id);
    return Events{ev::QuestionRemoved{c.question_id}};
  }

  Decision operator()(const cmd::PublishConvocation&) const {
    if (auto r = phase_in({Phase::draft})) return *r;
    if (s.points.empty())
      return reject(RejectionCode::plan_incomplete, "add the report's central points");
    for (const auto& p : s.points) {
      if (p.questions.empty())
        return reject(RejectionCode::plan_incomplete, "every central point needs a guide question",
                      {{"point_id", p.id}});
    }
    // R1: at least `convocation_min_days` between publication and the event.
    const Date earliest = ctx.today.plus_days(ctx.policy.convocation_min_days);
    if (s.details.date < earliest)
      return reject(RejectionCode::convocation_too_late,
                    "the convocation must be published at least " +
                        std::to_string(ctx.policy.convocation_min_days) +
                        " days before the event (R1)",
                    {{"earliest_date", earliest.iso()}});
    return Events{ev::ConvocationPublished{ctx.today}};
  }

  Decision operator()(const cmd::Register& c) const {
    if (auto r = phase_in({Phase::convened, Phase::opening, Phase::workshops})) return *r;
    if (!c.data_consent)
      return reject(RejectionCode::consent_required,
                    "personal data needs explicit consent (Ley 1581 de 2012)");
    if (auto r = check_text("code", c.code, 64, true, Lines::single)) return *r;
    if (s.registrant_by_code(c.code)) return reject(RejectionCode::already_exists, "code in use");
    if (auto r = check_text("name", c.name, kMaxName, true, Lines::single)) return *r;
    if (auto r = check_text("contact", c.contact, kMaxTitle, false, Lines::single)) return *r;
    if (auto r = check_text("territory", c.territory, kMaxName, true, Lines::single)) return *r;
    if (c.value_group == ValueGroup::unknown) return invalid("value_group", "required");
    if (auto r = check_text("organisation", c.organisation, kMaxTitle, false, Lines::single))
      return *r;
    if (auto r = check_needs(c.needs)) return *r;
    Registrant reg;
    reg.id = "r" + std::to_string(s.registrants.size() + 1);
    reg.code = c.code;
    reg.name = c.name;
    reg.contact = c.contact;
    reg.territory = c.territory;
    reg.value_group = c.value_group;
    reg.organisation = c.organisation;
    reg.needs = c.needs;
    reg.registered_at = ctx.now;
    return Events{ev::Registered{std::move(reg)}};
  }

  // ---- accreditation and workshops ---------------------------------------------------------
  Decision operator()(const cmd::CheckIn& c) const {
    if (auto r = phase_in({Phase::convened, Phase::opening, Phase::workshops})) return *r;
    const Registrant* reg = s.registrant(c.registrant_id);
    if (!reg) return missing<Registrant>("registrant", c.registrant_id);
    if (reg->participant_id)
      return reject(RejectionCode::already_checked_in, "already checked in",
                    {{"participant_id", *reg->participant_id}});
    Participant p;
    p.id = next_participant_id();
    p.registrant_id = reg->id;
    p.name = reg->name;
    p.territory = reg->territory;
    p.value_group = reg->value_group;
    p.needs = reg->needs;
    p.checked_in_at = ctx.now;
    return place_late_arrival(std::move(p));
  }

  Decision operator()(const cmd::CheckInWalkIn& c) const {
    if (auto r = phase_in({Phase::convened, Phase::opening, Phase::workshops})) return *r;
    if (!c.data_consent)
      return reject(RejectionCode::consent_required,
                    "personal data needs explicit consent (Ley 1581 de 2012)");
    if (auto r = check_text("name", c.name, kMaxName, true, Lines::single)) return *r;
    if (auto r = check_text("territory", c.territory, kMaxName, true, Lines::single)) return *r;
    if (c.value_group == ValueGroup::unknown) return invalid("value_group", "required");
    if (auto r = check_needs(c.needs)) return *r;
    Participant p;
    p.id = next_participant_id();
    p.name = c.name;
    p.territory = c.territory;
    p.value_group = c.value_group;
    p.needs = c.needs;
    p.checked_in_at = ctx.now;
    return place_late_arrival(std::move(p));
  }

  Decision operator()(const cmd::RecordInterpreter& c) const {
    if (auto r = phase_in({Phase::draft, Phase::convened, Phase::opening, Phase::workshops}))
      return *r;
    if (auto r = check_text("name", c.name, kMaxName, true, Lines::single)) return *r;
    if (c.kind == InterpreterKind::unknown) return invalid("kind", "lsc or guide");
    Interpreter i;
    i.id = "i" + std::to_string(s.interpreters.size() + 1);
    i.name = c.name;
    i.kind = c.kind;
    // Once workshops exist, the interpreter joins the one where most of those who asked are.
    int best = 0;
    for (const auto& w : s.workshops) {
      if (w.interpreter_id) continue;
      const int needers = interpreter_users(w);
      if (needers > best) {
        best = needers;
        i.workshop_id = w.id;
      }
    }
    return Events{ev::InterpreterRecorded{std::move(i)}};
  }

  Decision operator()(const cmd::FormWorkshops&) const {
    if (auto r = phase_in({Phase::convened, Phase::opening})) return *r;
    if (s.participants.empty()) return invalid("participants", "nobody has checked in yet");
    std::vector<SplitPerson> people;
    people.reserve(s.participants.size());
    for (const auto& p : s.participants) {
      people.push_back({p.id, p.territory, p.value_group, p.needs.needs_interpreter()});
    }
    const SplitResult split = split_into_workshops(people, cap());
    ev::WorkshopsFormed formed;
    std::size_t next_interpreter = 0;
    for (std::size_t i = 0; i < split.workshops.size(); ++i) {
      const int number = static_cast<int>(i) + 1;
      ev::FormedWorkshop w{"w" + std::to_string(number), number, split.workshops[i], std::nullopt};
      // R3: the block of workshops holding interpreter users starts at interpreter_workshop;
      // each gets the next recorded interpreter.
      const bool in_block =
          split.interpreter_workshop && i >= *split.interpreter_workshop &&
          std::any_of(w.members.begin(), w.members.end(), [&](const std::string& m) {
            return s.participant(m)->needs.needs_interpreter();
          });
      if (in_block && next_interpreter < s.interpreters.size())
        w.interpreter_id = s.interpreters[next_interpreter++].id;
      formed.workshops.push_back(std::move(w));
    }
    return Events{std::move(formed)};
  }

  Decision operator()(const cmd::MoveParticipant& c) const {
    if (auto r = phase_in({Phase::convened, Phase::opening, Phase::workshops})) return *r;
    const Participant* p = s.participant(c.participant_id);
    if (!p) return missing<Participant>("participant", c.participant_id);
    const Workshop* to = s.workshop(c.workshop_id);
    if (!to) return missing<Workshop>("workshop", c.workshop_id);
    if (!p->workshop_id)
      return reject(RejectionCode::workshops_not_formed, "participant has no workshop yet");
    if (*p->workshop_id == to->id) return invalid("workshop_id", "already in that workshop");
    if (s.workshop(*p->workshop_id)->voting.open || to->voting.open)
      return reject(RejectionCode::voting_open, "people do not change workshop during a vote");
    if (static_cast<int>(to->members.size()) >= cap())  // R4
      return reject(
          RejectionCode::workshop_full,
          "a workshop never holds more than " + std::to_string(cap()) + " participants (R4)",
          {{"workshop_id", to->id}, {"cap", std::to_string(cap())}});
    return Events{ev::ParticipantMoved{p->id, *p->workshop_id, to->id}};
  }

  Decision operator()(const cmd::AssignStaff& c) const {
    if (auto r = phase_in({Phase::convened, Phase::opening, Phase::workshops})) return *r;
    if (!s.workshop(c.workshop_id)) return missing<Workshop>("workshop", c.workshop_id);
    if (c.role == StaffRole::unknown) return invalid("role", "facilitator, relator or servant");
    if (auto r = check_text("name", c.name, kMaxName, true, Lines::single)) return *r;
    return Events{ev::StaffAssigned{c.workshop_id, c.role, c.name}};
  }

  Decision operator()(const cmd::AdvancePhase& c) const {
    if (s.phase == Phase::draft)
      return reject(RejectionCode::wrong_phase,
                    "a draft is convened by publishing the convocation (R1)");
    if (c.to != next_phase(s.phase) || c.to == Phase::unknown)
      return reject(RejectionCode::phase_skip, "phases only move forward, one at a time",
                    {{"phase", phase_name(s.phase)}, {"next", phase_name(next_phase(s.phase))}});
    if (c.to == Phase::workshops) {
      if (s.workshops.empty())
        return reject(RejectionCode::workshops_not_formed, "form the workshops first");
      std::vector<std::string> lacking;  // R6
      for (const auto& w : s.workshops) {
        if (!w.facilitator || !w.relator) lacking.push_back(w.id);
      }
      if (!lacking.empty())
        return reject(
            RejectionCode::staff_missing,
            "every workshop needs a facilitator and a relator before workshops start (R6)",
            {{"workshops", join(lacking)}});
    }
    if (c.to == Phase::plenary) {
      // A vote left open could never close afterwards (votes happen in workshops only).
      std::vector<std::string> open;
      for (const auto& w : s.workshops) {
        if (w.voting.open) open.push_back(w.id);
      }
      if (!open.empty())
        return reject(RejectionCode::voting_open, "close every workshop's vote before the plenary",
                      {{"workshops", join(open)}});
    }
    if (c.to == Phase::published) {
      std::vector<std::string> unanswered;  // R9
      for (const auto& id : all_principal_proposals(s)) {
        if (!s.answer_for(id)) unanswered.push_back(id);
      }
      if (!unanswered.empty())
        return reject(RejectionCode::unanswered_proposals,
                      "every principal proposal needs an answer before publication (R9)",
                      {{"proposals", join(unanswered)}});
    }
    return Events{ev::PhaseAdvanced{s.phase, c.to}};
  }

  // ---- workshops: timer (R7) -----------------------------------------------------------------
  Decision operator()(const cmd::StartTimer& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (ws.timer.status != TimerStatus::idle)
      return reject(RejectionCode::timer_state, "timer already started");
    if (c.minutes < ctx.policy.workshop_min_minutes || c.minutes > ctx.policy.workshop_max_minutes)
      return reject(RejectionCode::duration_out_of_range,
                    "workshop time is " + std::to_string(ctx.policy.workshop_min_minutes) + " to " +
                        std::to_string(ctx.policy.workshop_max_minutes) + " minutes (R7)");
    return Events{ev::TimerStarted{ws.id, c.minutes, ctx.now + c.minutes * kMillisPerMinute}};
  }

  Decision operator()(const cmd::PauseTimer& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (ws.timer.status != TimerStatus::running)
      return reject(RejectionCode::timer_state, "timer is not running");
    return Events{ev::TimerPaused{ws.id, std::max<Timestamp>(0, ws.timer.deadline - ctx.now)}};
  }

  Decision operator()(const cmd::ResumeTimer& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (ws.timer.status != TimerStatus::paused)
      return reject(RejectionCode::timer_state, "timer is not paused");
    return Events{ev::TimerResumed{ws.id, ctx.now + ws.timer.remaining_ms}};
  }

  Decision operator()(const cmd::ExtendTimer& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (ws.timer.status == TimerStatus::idle)
      return reject(RejectionCode::timer_state, "timer not started");
    if (c.minutes < 1) return invalid("minutes", "at least 1");
    if (ws.timer.allotted_minutes + c.minutes > ctx.policy.workshop_max_minutes)
      return reject(RejectionCode::duration_out_of_range,
                    "workshop time cannot exceed " +
                        std::to_string(ctx.policy.workshop_max_minutes) + " minutes (R7)",
                    {{"max_extension", std::to_string(ctx.policy.workshop_max_minutes -
                                                      ws.timer.allotted_minutes)}});
    const Timestamp add = c.minutes * kMillisPerMinute;
    if (ws.timer.status == TimerStatus::running)
      return Events{ev::TimerExtended{ws.id, c.minutes, ws.timer.deadline + add, 0}};
    return Events{ev::TimerExtended{ws.id, c.minutes, 0, ws.timer.remaining_ms + add}};
  }

  Decision operator()(const cmd::SetCurrentQuestion& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    if (!s.question(c.question_id)) return missing<GuideQuestion>("guide question", c.question_id);
    return Events{ev::CurrentQuestionSet{c.workshop_id, c.question_id}};
  }

  // ---- workshops: speaking queue -------------------------------------------------------------
  Decision operator()(const cmd::RaiseHand& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (!is_member(ws, c.participant_id))
      return reject(RejectionCode::not_a_member, "not in this workshop");
    if (std::find(ws.speaking_queue.begin(), ws.speaking_queue.end(), c.participant_id) !=
        ws.speaking_queue.end())
      return reject(RejectionCode::already_in_queue, "hand already raised");
    return Events{ev::HandRaised{ws.id, c.participant_id}};
  }

  Decision operator()(const cmd::LowerHand& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (std::find(ws.speaking_queue.begin(), ws.speaking_queue.end(), c.participant_id) ==
        ws.speaking_queue.end())
      return reject(RejectionCode::not_in_queue, "hand not raised");
    return Events{ev::HandLowered{ws.id, c.participant_id}};
  }

  Decision operator()(const cmd::GiveFloor& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (!is_member(ws, c.participant_id))
      return reject(RejectionCode::not_a_member, "not in this workshop");
    return Events{ev::FloorGiven{ws.id, c.participant_id}};
  }

  // ---- workshops: contributions ----------------------------------------------------------------
  Decision operator()(const cmd::CaptureContribution& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    if (c.kind == ContributionKind::unknown) return invalid("kind", "required");
    if (auto r = check_point_question(c.point_id, c.question_id)) return *r;
    if (auto r = check_text("text", c.text, kMaxText, true)) return *r;
    if (auto r = check_text("author", c.author, kMaxName, false, Lines::single)) return *r;
    Contribution k;
    k.id = next_contribution_id();
    k.workshop_id = c.workshop_id;
    k.kind = c.kind;  // a queja is recorded as referred to PQRSD (R8), never as a proposal
    k.point_id = c.point_id;
    k.question_id = c.question_id;
    k.text = c.text;
    k.author = c.author;
    k.source = ContributionSource::relator;
    k.status = ContributionStatus::active;
    k.created_at = ctx.now;
    return Events{ev::ContributionCaptured{std::move(k)}};
  }

  // A contribution of a running or presenting workshop that may still change.
  std::variant<const Contribution*, Rejection> editable(const std::string& id) const {
    if (auto r = phase_in({Phase::workshops, Phase::plenary}, true)) return *r;
    const Contribution* c = s.contribution(id);
    if (!c) return missing<Contribution>("contribution", id);
    if (c->status == ContributionStatus::merged || c->status == ContributionStatus::declined)
      return reject(RejectionCode::not_mergeable, "merged or declined contributions do not change");
    if (s.workshop(c->workshop_id)->synthesis_final)
      return reject(RejectionCode::synthesis_final, "the workshop's synthesis is final");
    return c;
  }

  bool is_principal(const Contribution& c) const {
    const auto& pp = s.workshop(c.workshop_id)->principal_proposals;
    return std::find(pp.begin(), pp.end(), c.id) != pp.end();
  }

  Decision operator()(const cmd::EditContribution& c) const {
    auto e = editable(c.contribution_id);
    if (auto* r = std::get_if<Rejection>(&e)) return *r;
    if (auto r = check_point_question(c.point_id, c.question_id)) return *r;
    if (auto r = check_text("text", c.text, kMaxText, true)) return *r;
    if (auto r = check_text("author", c.author, kMaxName, false, Lines::single)) return *r;
    return Events{
        ev::ContributionEdited{c.contribution_id, c.point_id, c.question_id, c.text, c.author}};
  }

  Decision operator()(const cmd::ChangeKind& c) const {
    auto e = editable(c.contribution_id);
    if (auto* r = std::get_if<Rejection>(&e)) return *r;
    const Contribution& k = *std::get<const Contribution*>(e);
    if (c.kind == ContributionKind::unknown) return invalid("kind", "required");
    if (is_principal(k))
      return reject(RejectionCode::kind_locked, "a principal proposal keeps its kind");
    if (vote_total(s, k.id) > 0)
      return reject(RejectionCode::kind_locked, "a proposal with votes keeps its kind");
    return Events{ev::ContributionKindChanged{c.contribution_id, c.kind}};
  }

  Decision operator()(const cmd::MergeContributions& c) const {
    auto e = editable(c.into_id);
    if (auto* r = std::get_if<Rejection>(&e)) return *r;
    const Contribution& into = *std::get<const Contribution*>(e);
    if (into.status != ContributionStatus::active)
      return reject(RejectionCode::not_mergeable, "merge into an accepted contribution");
    if (s.workshop(into.workshop_id)->voting.open)
      return reject(RejectionCode::voting_open, "merging waits until voting closes");
    if (c.from_ids.empty()) return invalid("from_ids", "at least one");
    std::set<std::string> seen;
    for (const auto& id : c.from_ids) {
      if (id == into.id || !seen.insert(id).second)
        return invalid("from_ids", "distinct and not the target");
      const Contribution* from = s.contribution(id);
      if (!from || from->workshop_id != into.workshop_id)
        return missing<Contribution>("contribution", id);
      if (from->status != ContributionStatus::active && from->status != ContributionStatus::pending)
        return reject(RejectionCode::not_mergeable, "already merged or declined", {{"id", id}});
      if ((from->kind == ContributionKind::queja) != (into.kind == ContributionKind::queja))
        return reject(RejectionCode::complaint_not_received,
                      "a complaint never merges into a proposal (R8)");
      if (is_principal(*from))
        return reject(RejectionCode::not_mergeable, "a principal proposal cannot be merged away");
    }
    return Events{ev::ContributionsMerged{c.into_id, c.from_ids}};
  }

  Decision operator()(const cmd::AnswerQuestion& c) const {
    auto e = editable(c.contribution_id);
    if (auto* r = std::get_if<Rejection>(&e)) return *r;
    if (std::get<const Contribution*>(e)->kind != ContributionKind::pregunta)
      return reject(RejectionCode::not_a_question, "only questions get a servant's answer");
    if (auto r = check_text("answer", c.answer, kMaxText, true)) return *r;
    return Events{ev::QuestionAnswered{c.contribution_id, c.answer}};
  }

  Decision operator()(const cmd::SubmitProposal& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (!is_member(ws, c.participant_id))
      return reject(RejectionCode::not_a_member, "not in this workshop");
    if (auto r = check_point_question(c.point_id, c.question_id)) return *r;
    if (auto r = check_text("text", c.text, kMaxText, true)) return *r;
    Contribution k;
    k.id = next_contribution_id();
    k.workshop_id = ws.id;
    k.kind = ContributionKind::propuesta;
    k.point_id = c.point_id;
    k.question_id = c.question_id;
    k.text = c.text;
    k.source = ContributionSource::citizen;
    k.submitted_by = c.participant_id;
    k.status = ContributionStatus::pending;
    k.created_at = ctx.now;
    return Events{ev::ProposalSubmitted{std::move(k)}};
  }

  Decision operator()(const cmd::AcceptProposal& c) const {
    auto e = editable(c.contribution_id);
    if (auto* r = std::get_if<Rejection>(&e)) return *r;
    if (std::get<const Contribution*>(e)->status != ContributionStatus::pending)
      return reject(RejectionCode::not_pending, "not a pending proposal");
    return Events{ev::ProposalAccepted{c.contribution_id}};
  }

  Decision operator()(const cmd::DeclineProposal& c) const {
    auto e = editable(c.contribution_id);
    if (auto* r = std::get_if<Rejection>(&e)) return *r;
    if (std::get<const Contribution*>(e)->status != ContributionStatus::pending)
      return reject(RejectionCode::not_pending, "not a pending proposal");
    if (auto r = check_text("reason", c.reason, kMaxShortText, true)) return *r;
    return Events{ev::ProposalDeclined{c.contribution_id, c.reason}};
  }

  // ---- workshops: prioritisation ---------------------------------------------------------------
  Decision operator()(const cmd::OpenVoting& c) const {
    auto w = running_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (ws.voting.open) return reject(RejectionCode::voting_open, "voting is already open");
    if (ws.voting.closed) return reject(RejectionCode::voting_closed, "voting has closed");
    const int dots = c.dots_per_person == 0 ? ctx.policy.dots_per_person : c.dots_per_person;
    if (dots < 1 || dots > 10) return invalid("dots_per_person", "between 1 and 10");
    return Events{ev::VotingOpened{ws.id, dots}};
  }

  std::variant<const Workshop*, Rejection> voting_workshop(const std::string& id) const {
    auto w = running_workshop(id);
    if (std::holds_alternative<Rejection>(w)) return w;
    if (!std::get<const Workshop*>(w)->voting.open)
      return reject(RejectionCode::voting_closed, "voting is not open");
    return w;
  }

  Decision operator()(const cmd::CastVote& c) const {
    auto w = voting_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (!is_member(ws, c.participant_id))
      return reject(RejectionCode::not_a_member, "not in this workshop");
    if (auto r = check_votable(ws, c.contribution_id)) return *r;
    if (dots_used(s, c.participant_id, ws.id) >= ws.voting.dots_per_person)
      return reject(RejectionCode::no_dots_left, "all dots used",
                    {{"dots_per_person", std::to_string(ws.voting.dots_per_person)}});
    return Events{ev::VoteCast{ws.id, c.participant_id, c.contribution_id}};
  }

  Decision operator()(const cmd::RetractVote& c) const {
    auto w = voting_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (!is_member(ws, c.participant_id))
      return reject(RejectionCode::not_a_member, "not in this workshop");
    const Contribution* k = s.contribution(c.contribution_id);
    if (!k || k->workshop_id != ws.id)
      return missing<Contribution>("contribution", c.contribution_id);
    if (std::find(s.votes.begin(), s.votes.end(), Vote{c.participant_id, c.contribution_id}) ==
        s.votes.end())
      return reject(RejectionCode::no_vote, "no such vote");
    return Events{ev::VoteRetracted{c.workshop_id, c.participant_id, c.contribution_id}};
  }

  Decision operator()(const cmd::RecordHandCount& c) const {
    auto w = voting_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    if (auto r = check_votable(ws, c.contribution_id)) return *r;
    if (c.count < 0 || c.count > kMaxWorkshopCap * 10) return invalid("count", "between 0 and 300");
    return Events{ev::HandCountRecorded{ws.id, c.contribution_id, c.count}};
  }

  Decision operator()(const cmd::CloseVoting& c) const {
    auto w = voting_workshop(c.workshop_id);
    if (auto* r = std::get_if<Rejection>(&w)) return *r;
    const Workshop& ws = *std::get<const Workshop*>(w);
    // Rank active proposals by votes; ties go to the one captured first. Unvoted ones never lead.
    std::vector<std::pair<int, std::size_t>> ranked;  // (votes, index in contributions)
    for (std::size_t i = 0; i < s.contributions.size(); ++i) {
      const Contribution& k = s.contributions[i];
      if (k.workshop_id != ws.id || k.kind != ContributionKind::propuesta ||
          k.status != ContributionStatus::active)
        continue;
      const int votes = vote_total(s, k.id);
      if (votes > 0) ranked.emplace_back(votes, i);
    }
    if (ranked.empty()) return reject(RejectionCode::no_votes, "no proposal has votes yet");
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> principal;
    for (std::size_t i = 0;
         i < ranked.size() && static_cast<int>(i) < ctx.policy.principal_proposals; ++i)
      principal.push_back(s.contributions[ranked[i].second].id);
    return Events{ev::VotingClosed{ws.id, std::move(principal)}};
  }

  Decision operator()(const cmd::SetPrincipalProposals& c) const {
    if (auto r = phase_in({Phase::workshops, Phase::plenary}, true)) return *r;
    const Workshop* ws = s.workshop(c.workshop_id);
    if (!ws) return missing<Workshop>("workshop", c.workshop_id);
    if (ws->voting.open) return reject(RejectionCode::voting_open, "close the vote first");
    if (!ws->voting.closed) return reject(RejectionCode::no_votes, "prioritise by vote first");
    if (ws->synthesis_final)
      return reject(RejectionCode::synthesis_final, "the workshop's synthesis is final");
    if (c.contribution_ids.empty() || c.contribution_ids.size() > 10)
      return invalid("contribution_ids", "one to ten proposals");
    std::set<std::string> seen;
    for (const auto& id : c.contribution_ids) {
      if (!seen.insert(id).second) return invalid("contribution_ids", "distinct");
      if (auto r = check_votable(*ws, id)) return *r;
    }
    return Events{ev::PrincipalProposalsSet{ws->id, c.contribution_ids}};
  }

  Decision operator()(const cmd::WriteSynthesis& c) const {
    if (auto r = phase_in({Phase::workshops, Phase::plenary}, true)) return *r;
    const Workshop* ws = s.workshop(c.workshop_id);
    if (!ws) return missing<Workshop>("workshop", c.workshop_id);
    if (ws->synthesis_final)
      return reject(RejectionCode::synthesis_final, "the synthesis is final");
    if (auto r = check_text("text", c.text, kMaxLongText, false)) return *r;
    return Events{ev::SynthesisWritten{ws->id, c.text}};
  }

  Decision operator()(const cmd::FinalizeSynthesis& c) const {
    if (auto r = phase_in({Phase::workshops, Phase::plenary}, true)) return *r;
    const Workshop* ws = s.workshop(c.workshop_id);
    if (!ws) return missing<Workshop>("workshop", c.workshop_id);
    if (ws->synthesis_final) return reject(RejectionCode::synthesis_final, "already final");
    if (ws->voting.open) return reject(RejectionCode::voting_open, "close the vote first");
    if (!ws->voting.closed) return reject(RejectionCode::no_votes, "prioritise by vote first");
    if (auto r = check_text("synthesis", ws->synthesis, kMaxLongText, true)) return *r;
    return Events{ev::SynthesisFinalized{ws->id}};
  }

  // ---- plenary, commitments, publication, follow-up ------------------------------------------
  Decision operator()(const cmd::FocusPlenary& c) const {
    if (auto r = phase_in({Phase::plenary})) return *r;
    if (c.target != "all" && !s.workshop(c.target)) return missing<Workshop>("workshop", c.target);
    return Events{ev::PlenaryFocused{c.target}};
  }

  Decision operator()(const cmd::AnswerProposals& c) const {
    if (auto r = phase_in({Phase::commitments}, true)) return *r;
    if (c.proposal_ids.empty()) return invalid("proposal_ids", "at least one");
    const auto principal = all_principal_proposals(s);
    std::set<std::string> seen;
    for (const auto& id : c.proposal_ids) {
      if (!seen.insert(id).second) return invalid("proposal_ids", "distinct");
      if (std::find(principal.begin(), principal.end(), id) == principal.end())
        return reject(RejectionCode::not_principal, "only principal proposals are answered",
                      {{"id", id}});
      if (s.answer_for(id))
        return reject(RejectionCode::already_answered, "already answered", {{"id", id}});
    }
    Answer a;
    a.id = "ans" + std::to_string(s.answers.size() + 1);
    a.proposal_ids = c.proposal_ids;
    a.kind = c.kind;
    a.at = ctx.now;
    std::optional<Commitment> commitment;
    switch (c.kind) {
      case AnswerKind::commitment: {
        if (!c.terms) return invalid("terms", "a commitment needs its terms");
        if (auto r = check_terms(*c.terms)) return *r;
        if (auto r = check_text("reason", c.reason, kMaxText, false)) return *r;
        Commitment k;
        k.id = "k" + std::to_string(s.commitments.size() + 1);
        k.proposal_ids = c.proposal_ids;
        k.versions.push_back({1, *c.terms, ctx.now, ""});
        a.commitment_id = k.id;
        a.reason = c.reason;
        commitment = std::move(k);
        break;
      }
      case AnswerKind::not_adopted:
        if (auto r = check_text("reason", c.reason, kMaxText, true)) return *r;
        a.reason = c.reason;
        break;
      case AnswerKind::referred:
        if (auto r = check_text("referred_to", c.referred_to, kMaxTitle, true, Lines::single))
          return *r;
        if (auto r = check_text("reason", c.reason, kMaxText, false)) return *r;
        a.referred_to = c.referred_to;
        a.reason = c.reason;
        break;
      case AnswerKind::unknown:
        return invalid("kind", "commitment, not_adopted or referred");
    }
    return Events{ev::ProposalsAnswered{std::move(a), std::move(commitment)}};
  }

  Decision operator()(const cmd::ReviseCommitment& c) const {
    if (auto r = phase_in({Phase::commitments, Phase::published, Phase::follow_up})) return *r;
    const Commitment* k = s.commitment(c.commitment_id);
    if (!k) return missing<Commitment>("commitment", c.commitment_id);
    if (auto r = check_terms(c.terms)) return *r;
    // R10: reports on a part stay meaningful: parts are added, never removed; and a commitment
    // reported on as a whole gets no parts afterwards.
    const auto& before = k->terms().parts;
    if (c.terms.parts.size() < before.size())
      return invalid("parts", "a revision may add parts, never remove them");
    if (before.empty() && !c.terms.parts.empty() && latest_report(s, k->id))
      return invalid("parts", "progress was already reported on the whole commitment");
    // R10: after publication a change is a new public version and must say why.
    if (auto r = check_text("reason", c.reason, kMaxText, results_published(s.phase))) return *r;
    const int version = static_cast<int>(k->versions.size()) + 1;
    return Events{ev::CommitmentRevised{k->id, {version, c.terms, ctx.now, c.reason}}};
  }

  Decision operator()(const cmd::ReportProgress& c) const {
    if (auto r = phase_in({Phase::published, Phase::follow_up})) return *r;
    const Commitment* k = s.commitment(c.commitment_id);
    if (!k) return missing<Commitment>("commitment", c.commitment_id);
    if (c.percent < 0 || c.percent > 100) return invalid("percent", "between 0 and 100");
    if (c.status == ProgressStatus::unknown) return invalid("status", "required");
    if (c.status == ProgressStatus::cumplido && c.percent != 100)
      return invalid("percent", "a fulfilled commitment is at 100%");
    if (c.as_of > ctx.today) return invalid("as_of", "cannot be in the future");
    if (c.as_of < s.details.date) return invalid("as_of", "before the encuentro");
    const int parts = static_cast<int>(k->terms().parts.size());
    if (parts > 0 && (c.part < 1 || c.part > parts))
      return invalid("part", "this commitment has parts 1 to " + std::to_string(parts));
    if (parts == 0 && c.part != 0) return invalid("part", "this commitment has no parts");
    if (auto r = check_text("note", c.note, kMaxText, false)) return *r;
    if (!c.evidence_url.empty()) {
      if (auto r = check_text("evidence_url", c.evidence_url, 500, false, Lines::single)) return *r;
      if (c.evidence_url.rfind("https://", 0) != 0 && c.evidence_url.rfind("http://", 0) != 0)
        return invalid("evidence_url", "must be an http(s) link");
    }
    ProgressReport g;
    g.id = "g" + std::to_string(s.progress_reports.size() + 1);
    g.commitment_id = k->id;
    g.percent = c.percent;
    g.status = c.status;
    g.note = c.note;
    g.evidence_url = c.evidence_url;
    g.as_of = c.as_of;
    g.reported_at = ctx.now;
    g.part = c.part;
    return Events{ev::ProgressReported{std::move(g)}};
  }

  Decision operator()(const cmd::SubmitEvaluation& c) const {
    if (auto r = phase_in({Phase::plenary, Phase::commitments, Phase::published})) return *r;
    if (!s.participant(c.participant_id))
      return missing<Participant>("participant", c.participant_id);
    for (const auto& e : s.evaluations) {
      if (e.participant_id == c.participant_id)
        return reject(RejectionCode::already_evaluated, "one evaluation per participant");
    }
    for (int rating : {c.ratings.organisation, c.ratings.methodology, c.ratings.participation,
                       c.ratings.answers}) {
      if (rating < 1 || rating > 5) return invalid("ratings", "each between 1 and 5");
    }
    if (auto r = check_text("comment", c.comment, kMaxText, false)) return *r;
    return Events{ev::EvaluationSubmitted{{c.participant_id, c.ratings, c.comment, ctx.now}}};
  }

  // ---- veeduría (control social) ---------------------------------------------------------------
  Decision operator()(const cmd::SubmitObservation& c) const {
    if (auto r = phase_in({Phase::published, Phase::follow_up})) return *r;
    const Commitment* k = s.commitment(c.commitment_id);
    if (!k) return missing<Commitment>("commitment", c.commitment_id);
    if (auto r = check_text("text", c.text, kMaxObservationText, true)) return *r;
    if (auto r = check_text("alias", c.alias, kMaxObservationAlias, false, Lines::single)) return *r;
    const auto pending = std::count_if(s.observations.begin(), s.observations.end(), [&](auto& o) {
      return o.commitment_id == k->id && o.status == ObservationStatus::pending;
    });
    if (pending >= kMaxPendingObservations) {
      return reject(RejectionCode::too_many_pending,
                    "this commitment has too many observations waiting for moderation",
                    {{"limit", std::to_string(kMaxPendingObservations)}});
    }
    Observation o;
    o.id = "o" + std::to_string(s.observations.size() + 1);
    o.commitment_id = k->id;
    o.text = c.text;
    o.alias = c.alias;
    o.at = ctx.now;
    return Events{ev::ObservationSubmitted{std::move(o)}};
  }

  Decision operator()(const cmd::ModerateObservation& c) const {
    if (auto r = phase_in({Phase::published, Phase::follow_up, Phase::closed})) return *r;
    const Observation* o = s.observation(c.observation_id);
    if (!o) return missing<Observation>("observation", c.observation_id);
    if (c.decision != ObservationStatus::approved && c.decision != ObservationStatus::rejected)
      return invalid("decision", "approved or rejected");
    const bool rejecting = c.decision == ObservationStatus::rejected;
    if (auto r = check_text("reason", c.reason, kMaxModerationReason, rejecting)) return *r;
    if (o->status != ObservationStatus::pending)
      return reject(RejectionCode::not_pending, "observation " + o->id + " was already moderated");
    return Events{ev::ObservationModerated{o->id, c.decision, c.reason}};
  }

  Decision operator()(const cmd::ReplyToObservation& c) const {
    if (auto r = phase_in({Phase::published, Phase::follow_up, Phase::closed})) return *r;
    const Observation* o = s.observation(c.observation_id);
    if (!o) return missing<Observation>("observation", c.observation_id);
    if (auto r = check_text("text", c.text, kMaxText, true)) return *r;
    if (o->status != ObservationStatus::approved)
      return reject(RejectionCode::not_approved, "only an approved observation can be answered");
    if (o->reply) return reject(RejectionCode::already_replied, "observation already answered");
    return Events{ev::ObservationReplied{o->id, c.text}};
  }

  // ---- personal data (Ley 1581 de 2012) --------------------------------------------------------
  Decision operator()(const cmd::ErasePersonalData&) const {
    // After the event: until publication the registrations are still needed (check-in, R3).
    if (auto r = phase_in({Phase::published, Phase::follow_up, Phase::closed})) return *r;
    if (s.personal_data_erased_at)
      return reject(RejectionCode::already_erased, "personal data was already erased");
    return Events{ev::PersonalDataErased{}};
  }
};

}  // namespace

Decision decide(const Encuentro& state, const Command& command, const Context& context) {
  if (state.phase == Phase::unknown && !std::holds_alternative<cmd::CreateEncuentro>(command))
    return reject(RejectionCode::not_found, "no such encuentro");
  return std::visit(Decider{state, context}, command);
}

const char* rejection_code_name(RejectionCode code) {
  switch (code) {
#define ENCUENTRO_CODE(name) \
  case RejectionCode::name:  \
    return #name;
    ENCUENTRO_CODE(invalid_argument)
    ENCUENTRO_CODE(not_found)
    ENCUENTRO_CODE(already_exists)
    ENCUENTRO_CODE(wrong_phase)
    ENCUENTRO_CODE(phase_skip)
    ENCUENTRO_CODE(convocation_too_late)
    ENCUENTRO_CODE(plan_incomplete)
    ENCUENTRO_CODE(consent_required)
    ENCUENTRO_CODE(already_checked_in)
    ENCUENTRO_CODE(workshops_not_formed)
    ENCUENTRO_CODE(workshop_full)
    ENCUENTRO_CODE(staff_missing)
    ENCUENTRO_CODE(duration_out_of_range)
    ENCUENTRO_CODE(timer_state)
    ENCUENTRO_CODE(not_a_member)
    ENCUENTRO_CODE(already_in_queue)
    ENCUENTRO_CODE(not_in_queue)
    ENCUENTRO_CODE(complaint_not_received)
    ENCUENTRO_CODE(not_a_question)
    ENCUENTRO_CODE(not_pending)
    ENCUENTRO_CODE(not_mergeable)
    ENCUENTRO_CODE(voting_closed)
    ENCUENTRO_CODE(voting_open)
    ENCUENTRO_CODE(no_dots_left)
    ENCUENTRO_CODE(no_vote)
    ENCUENTRO_CODE(no_votes)
    ENCUENTRO_CODE(not_a_proposal)
    ENCUENTRO_CODE(synthesis_final)
    ENCUENTRO_CODE(not_principal)
    ENCUENTRO_CODE(already_answered)
    ENCUENTRO_CODE(unanswered_proposals)
    ENCUENTRO_CODE(results_published)
    ENCUENTRO_CODE(already_evaluated)
    ENCUENTRO_CODE(kind_locked)
    ENCUENTRO_CODE(too_many_pending)
    ENCUENTRO_CODE(not_approved)
    ENCUENTRO_CODE(already_replied)
    ENCUENTRO_CODE(already_erased)
#undef ENCUENTRO_CODE
    case RejectionCode::unknown:
      break;
  }
  return "unknown";
}

}  // namespace encuentro::domain
