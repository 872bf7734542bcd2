// libFuzzer target: client messages executed by a real EncuentroService on a real SQLite file,
// the way a live session executes them (app/live.cpp: LiveSession::handle), and the service's
// promises checked after every command (scripts/fuzz.sh).
//
// Every input starts from the same database (tests/fuzz/fuzz_venue.hpp: the two demo encuentros and
// one in its workshops), so a crash reproduces from its input alone. An input is lines:
//   as <role> [<workshop> [<participant>]]   who speaks next (default: organizer); a participant
//                                            "#k" is the workshop's k-th member
//   in <encuentro-id>                         which encuentro the next commands go to
//   wait <minutes>                            the clock moves on (timers, deadlines)
//   <anything else>                           one client message (decode_client_message); a
//                                             command is authorised and executed, a subscribe
//                                             switches encuentro, the rest is decoded only
// Promises checked (abort on a broken one):
//  - applied: seqs first..last follow the log's previous head without a gap, the log's head and the
//    state's seq are `last`, and the events returned are those seqs in order;
//  - rejected, refused, duplicate: the log's head and the state are exactly as before;
//  - after the input, the state of each encuentro it changed equals a replay of its own log, and
//    equals what a new service loads from the file (snapshot + tail).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app/authorization.hpp"
#include "domain/apply.hpp"
#include "fuzz_venue.hpp"
#include "protocol/codec.hpp"
#include "protocol/live.hpp"

namespace {

namespace d = encuentro::domain;
namespace app = encuentro::app;
namespace live = encuentro::protocol::live;
namespace fuzz = encuentro::fuzz;

[[noreturn]] void broken(const std::string& promise) {
  std::fprintf(stderr, "command_fuzz: broken promise: %s\n", promise.c_str());
  std::abort();
}

// The state a replay of the encuentro's log gives, decoded as the service decodes it.
d::Encuentro replay(app::EncuentroService& service, const std::string& id) {
  d::Encuentro state;
  std::int64_t expected = 1;
  service.store().for_each_event(id, 0, [&](const encuentro::storage::EventRecord& r) {
    if (r.seq != expected++) broken("the log of " + id + " has a gap at " + std::to_string(r.seq));
    auto event = encuentro::protocol::decode_event(r.type, r.payload);
    if (!event) broken("the log of " + id + " holds an event that does not decode: " + r.type);
    d::apply(state, d::Recorded{r.seq, r.at_ms, r.actor, event.value()});
  });
  return state;
}

// How the commands ended, printed at exit (with -print_final_stats=1 the run's log shows whether
// the inputs reach the domain's decisions or stop at authorisation).
struct Tally {
  std::array<long, 5>
      by_kind{};  // Outcome::Kind: applied, duplicate, rejected, unavailable, refused
  Tally() {
    std::atexit([] {
      const auto& k = instance().by_kind;
      std::fprintf(stderr,
                   "command_fuzz: commands applied %ld, duplicate %ld, rejected %ld, refused %ld\n",
                   k[0], k[1], k[2], k[4]);
    });
  }
  static Tally& instance() {
    static Tally tally;
    return tally;
  }
};

struct Speaker {
  app::Principal principal = {app::Role::organizer, std::nullopt, std::nullopt, std::nullopt,
                              "fuzz:organizer"};
  std::string encuentro = fuzz::kWorkshopsEncuentro;
};

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  while (!line.empty()) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    line.remove_prefix(start);
    const auto end = std::min(line.find(' '), line.size());
    out.push_back(line.substr(0, end));
    line.remove_prefix(end);
  }
  return out;
}

// "as <role> [<workshop> [<participant>]]".
void speak_as(fuzz::Venue& venue, Speaker& speaker, const std::vector<std::string_view>& w) {
  const auto role = w.size() > 1 ? app::parse_role(w[1]) : std::nullopt;
  if (!role) return;
  app::Principal p;
  p.role = *role;
  p.encuentro_id = speaker.encuentro;
  p.actor = "fuzz:" + std::string(app::role_name(*role));
  if (w.size() > 2) p.workshop_id = std::string(w[2]);
  if (w.size() > 3) {
    std::string participant(w[3]);
    if (participant.size() > 1 && participant[0] == '#' && p.workshop_id) {
      const auto state = venue.service().snapshot(speaker.encuentro);
      const d::Workshop* workshop = state ? state->workshop(*p.workshop_id) : nullptr;
      const auto k = static_cast<std::size_t>(participant[1] - '0');
      if (workshop != nullptr && k < workshop->members.size()) participant = workshop->members[k];
    }
    p.participant_id = participant;
  }
  speaker.principal = p;
}

// As LiveSession::handle(CommandMessage): server-made values, the authorisation guard, execute;
// then the promises.
void execute(fuzz::Venue& venue, const Speaker& speaker, const live::CommandMessage& m,
             std::set<std::string>& changed) {
  app::EncuentroService& service = venue.service();
  const app::Principal& p = speaker.principal;
  app::Request request;
  request.command = m.command;
  request.actor = p.actor;
  request.op_id = p.actor + ":" + m.op;
  request.encuentro_id = speaker.encuentro;
  if (auto* create = std::get_if<d::cmd::CreateEncuentro>(&request.command)) {
    create->encuentro_id = "e-fuzz-" + m.op.substr(0, 16);
    request.encuentro_id = create->encuentro_id;
  }
  if (auto* reg = std::get_if<d::cmd::Register>(&request.command)) {
    reg->code = "FUZZ-" + std::to_string(venue.next_number());
  }
  request.guard = [&p, &request](const d::Encuentro& state) -> std::optional<app::Refusal> {
    const app::Decision decision = app::authorize(p, request.encuentro_id, request.command, state);
    if (decision.allowed()) return std::nullopt;
    return app::Refusal{std::string(app::deny_code_name(decision.code)), decision.message};
  };

  const std::string& id = request.encuentro_id;
  const std::int64_t head_before = service.store().last_seq(id);
  const std::optional<d::Encuentro> before = service.snapshot(id);
  const app::Outcome out = service.execute(request);
  ++Tally::instance().by_kind.at(static_cast<std::size_t>(out.kind));
  const std::int64_t head_after = service.store().last_seq(id);
  const std::optional<d::Encuentro> after = service.snapshot(id);

  if (out.kind == app::Outcome::Kind::applied) {
    changed.insert(id);
    if (out.first_seq != head_before + 1) broken("applied: first seq follows the head");
    if (out.events.empty() || out.last_seq != out.first_seq + std::int64_t(out.events.size()) - 1)
      broken("applied: first..last are the events returned");
    for (std::size_t i = 0; i < out.events.size(); ++i) {
      if (out.events[i].seq != out.first_seq + std::int64_t(i)) broken("applied: seqs in order");
    }
    if (head_after != out.last_seq) broken("applied: the log's head is the last seq");
    if (!after || after->seq != out.last_seq) broken("applied: the state's seq is the last seq");
    return;
  }
  if (head_after != head_before) broken("not applied: the log did not move");
  if (before != after) broken("not applied: the state did not change");
  if (out.kind == app::Outcome::Kind::unavailable) broken("storage unavailable: " + out.detail);
}

void check_changed(fuzz::Venue& venue, const std::set<std::string>& changed) {
  for (const std::string& id : changed) {
    const auto state = venue.service().snapshot(id);
    if (!state || *state != replay(venue.service(), id)) broken(id + ": state == replay(log)");
  }
  const auto reopened = venue.reopen();  // what a restart loads: snapshot + the events after it
  for (const std::string& id : changed) {
    if (reopened->snapshot(id) != venue.service().snapshot(id)) broken(id + ": state == reload");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::Venue& venue = fuzz::Venue::instance();
  venue.begin_input();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Speaker speaker;
  std::set<std::string> changed;
  try {
    while (!text.empty()) {
      const auto end = std::min(text.find('\n'), text.size());
      const std::string_view line = text.substr(0, end);
      text.remove_prefix(std::min(end + 1, text.size()));
      const auto w = words(line);
      if (w.empty()) continue;
      if (w[0] == "as") {
        speak_as(venue, speaker, w);
      } else if (w[0] == "in" && w.size() > 1) {
        speaker.encuentro = std::string(w[1]);
        speaker.principal.encuentro_id = speaker.encuentro;
      } else if (w[0] == "wait" && w.size() > 1) {
        venue.wait_minutes(std::atoi(std::string(w[1]).c_str()));
      } else {
        const live::Decoded decoded = live::decode_client_message(line);
        const auto* message = std::get_if<live::ClientMessage>(&decoded.message);
        if (message == nullptr) continue;
        if (const auto* command = std::get_if<live::CommandMessage>(message)) {
          execute(venue, speaker, *command, changed);
        } else if (const auto* subscribe = std::get_if<live::Subscribe>(message)) {
          speaker.encuentro = subscribe->encuentro;
          speaker.principal.encuentro_id = speaker.encuentro;
        }
      }
    }
    if (!changed.empty()) {
      check_changed(venue, changed);
      venue.mark_dirty();
    }
  } catch (const std::exception& e) {
    broken(std::string("threw: ") + e.what());
  }
  return 0;
}
