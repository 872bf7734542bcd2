// The protocol codec: every event, command and a rich state survive a round trip through JSON;
// wire names are unique and stable; decoding of bad input fails with the right code and field,
// never with an exception or a crash.
#include "protocol/codec.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "protocol/untrusted_json.hpp"
#include "protocol/wire_names.hpp"
#include "protocol_samples.hpp"

namespace {

using namespace encuentro::testing;  // sample(), rich_state(), kAt; the aliases d, ev, cmd
namespace protocol = encuentro::protocol;
using nlohmann::json;

// Every member of `defaults` (the encoding of a default-constructed value) must have another
// value in `sample`, recursively through objects.
void check_every_field_set(const json& sample, const json& defaults, const std::string& path) {
  for (const auto& [key, value] : defaults.items()) {
    const std::string here = path.empty() ? key : path + "." + key;
    CAPTURE(here);
    REQUIRE(sample.contains(key));
    if (value.is_object() && sample[key].is_object() && !value.empty()) {
      check_every_field_set(sample[key], value, here);
    } else {
      CHECK_MESSAGE(sample[key] != value, "sample leaves a field at its default: " << here);
    }
  }
}

protocol::DecodeError command_error(std::string_view name, const json& fields) {
  const auto decoded = protocol::decode_command(name, fields);
  REQUIRE_FALSE(decoded.ok());
  return decoded.error();
}

json capture_fields() {
  return {{"workshop_id", "w2"}, {"kind", "propuesta"}, {"point_id", "p2"}, {"text", "Más buses"}};
}

}  // namespace

// ---- Round trips --------------------------------------------------------------------------------

TEST_CASE("every event alternative round-trips through its wire name and payload") {
  std::size_t checked = 0;
  for_each_alternative<d::Event>([&](auto tag) {
    using T = typename decltype(tag)::type;
    const d::Event event = sample(tag);
    const std::string_view name = protocol::event_name(event);
    CAPTURE(name);
    check_every_field_set(protocol::encode_event_json(event), protocol::encode_event_json(T{}), "");

    const std::string payload = protocol::encode_event_payload(event);
    const auto decoded = protocol::decode_event(name, payload);
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
    CHECK(decoded->index() == event.index());
    CHECK(*decoded == event);
    CHECK(protocol::encode_event_payload(*decoded) == payload);  // stable bytes
    ++checked;
  });
  CHECK(checked == std::variant_size_v<d::Event>);
}

TEST_CASE("every command alternative round-trips, also through text") {
  std::size_t checked = 0;
  for_each_alternative<d::Command>([&](auto tag) {
    using T = typename decltype(tag)::type;
    const d::Command command = sample(tag);
    const std::string_view name = protocol::command_wire_name(command);
    CAPTURE(name);
    const json fields = protocol::encode_command(command);
    check_every_field_set(fields, protocol::encode_command(T{}), "");

    const auto decoded = protocol::decode_command(name, fields);
    REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
    CHECK(*decoded == command);

    // As a client sends it: text, parsed with the guard.
    const auto parsed = protocol::parse_untrusted(fields.dump());
    REQUIRE(parsed.ok());
    const auto from_text = protocol::decode_command(name, *parsed);
    REQUIRE(from_text.ok());
    CHECK(*from_text == command);
    ++checked;
  });
  CHECK(checked == std::variant_size_v<d::Command>);
}

TEST_CASE("a rich snapshot round-trips to an equal state") {
  const d::Encuentro state = rich_state();
  const std::string text = protocol::encode_snapshot(state);
  const auto decoded = protocol::decode_snapshot(text);
  REQUIRE_MESSAGE(decoded.ok(), decoded.error().field << ": " << decoded.error().message);
  CHECK(*decoded == state);
  CHECK(protocol::encode_snapshot(*decoded) == text);

  const json j = json::parse(text);
  CHECK(j.at("version") == protocol::kSnapshotVersion);
  CHECK(j.at("encuentro").at("workshops").size() == 2);
  CHECK(j.at("encuentro").at("contributions").size() == 7);
  CHECK(j.at("encuentro").at("commitments")[0].at("versions").size() == 2);

  SUBCASE("every top-level field of the state is set in the sample") {
    check_every_field_set(j.at("encuentro"),
                          json::parse(protocol::encode_snapshot({})).at("encuentro"), "encuentro");
  }
  SUBCASE("each part of the state matters to equality") {
    d::Encuentro changed = state;
    changed.commitments[0].versions[1].reason = "otra";
    CHECK(*protocol::decode_snapshot(protocol::encode_snapshot(changed)) != state);
  }
}

TEST_CASE("the empty state round-trips (its phase is the literal unknown)") {
  const auto decoded = protocol::decode_snapshot(protocol::encode_snapshot(d::Encuentro{}));
  REQUIRE(decoded.ok());
  CHECK(*decoded == d::Encuentro{});
}

TEST_CASE("value types round-trip through to_json/from_json (ADL)") {
  const json j = sample_registrant();
  CHECK(j.at("value_group") == "persona_mayor");
  CHECK(j.get<d::Registrant>() == sample_registrant());
  CHECK(json(sample_commitment()).get<d::Commitment>() == sample_commitment());
  CHECK(json(rich_state()).get<d::Encuentro>() == rich_state());

  d::Participant no_workshop = sample_participant();
  no_workshop.workshop_id.reset();
  const json p = no_workshop;
  CHECK(p.at("workshop_id").is_null());
  json absent = p;
  absent.erase("workshop_id");
  CHECK(absent.get<d::Participant>() == no_workshop);  // absent means empty, too
}

// ---- Wire conventions ---------------------------------------------------------------------------

TEST_CASE("wire spellings of enums, dates, times and timestamps") {
  CHECK(json(d::ProgressStatus::en_ejecucion) == "en_ejecucion");
  CHECK(json(d::ValueGroup::persona_mayor) == "persona_mayor");
  CHECK(json(d::Phase::follow_up) == "follow_up");
  CHECK(json(d::AnswerKind::not_adopted) == "not_adopted");
  CHECK(json(d::FlagCode::interpreter_obligation) == "interpreter_obligation");
  CHECK(json(d::Date::from_ymd(2026, 3, 4)) == "2026-03-04");
  CHECK(json(d::TimeOfDay{9 * 60 + 5}) == "09:05");
  const json timer = protocol::encode_event_json(ev::TimerStarted{"w1", 60, kAt});
  CHECK(timer.at("deadline").is_number_integer());
  CHECK(timer.at("deadline") == kAt);
}

TEST_CASE("wire names are unique, well formed and map both ways") {
  const auto& events = protocol::kEventNames;
  const auto& commands = protocol::kCommandNames;
  CHECK(events.size() == std::variant_size_v<d::Event>);
  CHECK(commands.size() == std::variant_size_v<d::Command>);
  CHECK(std::set<std::string_view>(events.begin(), events.end()).size() == events.size());
  CHECK(std::set<std::string_view>(commands.begin(), commands.end()).size() == commands.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    CAPTURE(events[i]);
    CHECK(protocol::wire_index<d::Event>(events[i]) == i);
  }
  for (std::size_t i = 0; i < commands.size(); ++i) {
    CAPTURE(commands[i]);
    CHECK(protocol::wire_index<d::Command>(commands[i]) == i);
  }
  // The names a sample gets are the names of its alternative.
  for_each_alternative<d::Event>([](auto tag) {
    const d::Event e = sample(tag);
    CHECK(protocol::event_name(e) == protocol::kEventNames[e.index()]);
  });
  // Spot checks against the published list (shared/README.md).
  CHECK(protocol::event_name(ev::CurrentQuestionSet{}) == "workshop.question_set");
  CHECK(protocol::event_name(ev::Registered{}) == "registrant.registered");
  CHECK(protocol::event_name(ev::ContributionsMerged{}) == "contribution.merged");
  CHECK(protocol::event_name(ev::EvaluationSubmitted{}) == "evaluation.submitted");
  CHECK(protocol::command_wire_name(cmd::CheckInWalkIn{}) == "checkin.walk_in");
  CHECK(protocol::command_wire_name(cmd::Register{}) == "registration.create");
  CHECK(protocol::command_wire_name(cmd::SetCurrentQuestion{}) == "workshop.set_question");
  CHECK(protocol::command_wire_name(cmd::SubmitEvaluation{}) == "evaluation.submit");
}

// ---- Commands from clients: strict -------------------------------------------------------------

TEST_CASE("omittable command fields may be absent or null") {
  const auto minimal = protocol::decode_command("contribution.capture", capture_fields());
  REQUIRE(minimal.ok());
  const auto& c = std::get<cmd::CaptureContribution>(*minimal);
  CHECK(c.author.empty());
  CHECK_FALSE(c.question_id.has_value());
  CHECK(c.kind == d::ContributionKind::propuesta);

  json with_nulls = capture_fields();
  with_nulls["author"] = nullptr;
  with_nulls["question_id"] = nullptr;
  const auto nulls = protocol::decode_command("contribution.capture", with_nulls);
  REQUIRE(nulls.ok());
  CHECK(*nulls == *minimal);

  const auto empty = protocol::decode_command("convocation.publish", json::object());
  REQUIRE(empty.ok());
  CHECK(std::holds_alternative<cmd::PublishConvocation>(*empty));

  const auto voting = protocol::decode_command("voting.open", {{"workshop_id", "w1"}});
  REQUIRE(voting.ok());
  CHECK(std::get<cmd::OpenVoting>(*voting).dots_per_person == 0);

  const auto walk_in = protocol::decode_command("checkin.walk_in", {{"name", "Pedro"},
                                                                    {"territory", "Comuna 1"},
                                                                    {"value_group", "campesino"},
                                                                    {"data_consent", true}});
  REQUIRE(walk_in.ok());
  CHECK(std::get<cmd::CheckInWalkIn>(*walk_in).needs == d::Accessibility{});
}

TEST_CASE("a missing required field is named") {
  json fields = capture_fields();
  fields.erase("text");
  const auto error = command_error("contribution.capture", fields);
  CHECK(error.code == "missing_field");
  CHECK(error.field == "text");

  const auto consent =
      command_error("checkin.walk_in",
                    {{"name", "Pedro"}, {"territory", "Comuna 1"}, {"value_group", "campesino"}});
  CHECK(consent.code == "missing_field");
  CHECK(consent.field == "data_consent");
}

TEST_CASE("a wrong JSON type is an invalid field") {
  const auto error = command_error("timer.start", {{"workshop_id", "w1"}, {"minutes", "60"}});
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "minutes");

  CHECK(command_error("timer.start", {{"workshop_id", "w1"}, {"minutes", 60.5}}).field ==
        "minutes");
  CHECK(command_error("timer.start", {{"workshop_id", 7}, {"minutes", 60}}).field == "workshop_id");
  CHECK(command_error("timer.start", {{"workshop_id", nullptr}, {"minutes", 60}}).code ==
        "invalid_field");
  CHECK(command_error(
            "checkin.walk_in",
            {{"name", "P"}, {"territory", "T"}, {"value_group", "mujeres"}, {"data_consent", 1}})
            .field == "data_consent");

  const auto element =
      command_error("contribution.merge", {{"into_id", "c1"}, {"from_ids", {"c2", 5}}});
  CHECK(element.code == "invalid_field");
  CHECK(element.field == "from_ids[1]");

  const auto not_object = command_error("timer.pause", json::array({"w1"}));
  CHECK(not_object.code == "invalid_field");
  CHECK(not_object.field.empty());
}

TEST_CASE("unknown enum values are refused from clients, by field") {
  json fields = capture_fields();
  fields["kind"] = "foo";
  auto error = command_error("contribution.capture", fields);
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "kind");
  CHECK(error.message.find("propuesta") != std::string::npos);  // says what is accepted

  fields["kind"] = "unknown";  // a real table entry, but never valid input
  CHECK(command_error("contribution.capture", fields).field == "kind");
  fields["kind"] = 1;
  CHECK(command_error("contribution.capture", fields).field == "kind");
  fields["kind"] = "Propuesta";  // case matters
  CHECK(command_error("contribution.capture", fields).field == "kind");

  CHECK(command_error("phase.advance", {{"to", "finished"}}).field == "to");
}

TEST_CASE("decode_enum tells unrecognised strings from unknown") {
  CHECK(*protocol::decode_enum<d::ProgressStatus>("cumplido") == d::ProgressStatus::cumplido);
  CHECK_FALSE(protocol::decode_enum<d::ProgressStatus>("done").ok());
  CHECK_FALSE(protocol::decode_enum<d::ProgressStatus>("unknown").ok());
  CHECK(*protocol::decode_enum<d::ProgressStatus>("unknown", protocol::UnknownEnum::accept) ==
        d::ProgressStatus::unknown);
  CHECK_FALSE(protocol::decode_enum<d::ProgressStatus>("done", protocol::UnknownEnum::accept).ok());
  CHECK_FALSE(protocol::decode_enum<d::ProgressStatus>(json(3)).ok());
}

TEST_CASE("an unknown command name is an unknown type") {
  const auto error = command_error("contribution.destroy", capture_fields());
  CHECK(error.code == "unknown_type");
  CHECK(command_error("", json::object()).code == "unknown_type");
  CHECK(command_error("contribution.captured", capture_fields()).code == "unknown_type");
}

TEST_CASE("an extra field is an unknown field, also nested") {
  json fields = capture_fields();
  fields["colour"] = "red";
  const auto error = command_error("contribution.capture", fields);
  CHECK(error.code == "unknown_field");
  CHECK(error.field == "colour");

  json create = protocol::encode_command(sample(Tag<cmd::CreateEncuentro>{}));
  create["details"]["budget"] = 1000;
  const auto nested = command_error("encuentro.create", create);
  CHECK(nested.code == "unknown_field");
  CHECK(nested.field == "details.budget");

  json long_key = capture_fields();
  long_key[std::string(300, 'k') + "\u00f1"] = 1;
  const auto long_error = command_error("contribution.capture", long_key);
  CHECK(long_error.code == "unknown_field");
  CHECK(long_error.field.size() < 80);  // a client's key is not echoed whole

  // Values quoted in messages are cut on a code point: the error can always be sent as JSON.
  json cut = capture_fields();
  cut["kind"] = std::string(39, 'x') + "\u00f1\u00f1\u00f1";
  const auto cut_error = command_error("contribution.capture", cut);
  CHECK_NOTHROW((void)json(cut_error.message).dump());

  json envelope = capture_fields();
  envelope["op"] = "c0f1";  // envelope keys are the transport's, not the command's
  CHECK(command_error("contribution.capture", envelope).code == "unknown_field");
}

TEST_CASE("dates and times must be real") {
  json create = protocol::encode_command(sample(Tag<cmd::CreateEncuentro>{}));
  create["details"]["date"] = "2026-02-30";
  auto error = command_error("encuentro.create", create);
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "details.date");

  for (const char* bad : {"2026-2-3", "2026/02/03", "20260203", "", "2026-13-01"}) {
    CAPTURE(bad);
    create["details"]["date"] = bad;
    CHECK(command_error("encuentro.create", create).field == "details.date");
  }
  create["details"]["date"] = "2028-02-29";  // a leap day is real
  CHECK(protocol::decode_command("encuentro.create", create).ok());

  create["details"]["start_time"] = "25:00";
  error = command_error("encuentro.create", create);
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "details.start_time");
  for (const char* bad : {"12:60", "9:00", "0900", "noon"}) {
    CAPTURE(bad);
    create["details"]["start_time"] = bad;
    CHECK(command_error("encuentro.create", create).field == "details.start_time");
  }

  json report = protocol::encode_command(sample(Tag<cmd::ReportProgress>{}));
  report["as_of"] = 20270331;
  CHECK(command_error("progress.report", report).field == "as_of");
}

TEST_CASE("numbers out of range are errors, not undefined behaviour") {
  // 2^70 does not fit 64 bits; nlohmann reads it as a double.
  auto parsed =
      protocol::parse_untrusted(R"({"workshop_id":"w1","minutes":1180591620717411303424})");
  REQUIRE(parsed.ok());
  auto error = command_error("timer.start", *parsed);
  CHECK(error.code == "invalid_field");
  CHECK(error.field == "minutes");

  // Fits 64 bits, not an int.
  CHECK(command_error("timer.start", {{"workshop_id", "w1"}, {"minutes", 4294967296LL}}).field ==
        "minutes");
  CHECK(command_error("timer.start", {{"workshop_id", "w1"}, {"minutes", -2147483649LL}}).field ==
        "minutes");
  CHECK(protocol::decode_command("timer.start", {{"workshop_id", "w1"}, {"minutes", -5}}).ok());

  // 2^63 does not fit a Timestamp (int64).
  const auto event = protocol::decode_event(
      "timer.started", R"({"workshop_id":"w1","minutes":60,"deadline":9223372036854775808})");
  REQUIRE_FALSE(event.ok());
  CHECK(event.error().field == "deadline");

  // Beyond a double: the parser itself refuses.
  const auto huge = protocol::parse_untrusted(R"({"workshop_id":"w1","minutes":1e400})");
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().code == "bad_json");
}

// ---- Untrusted text -----------------------------------------------------------------------------

TEST_CASE("text that is not JSON is bad_json") {
  for (const char* bad : {"", "{", "{not json}", "[1,2", "{\"a\":1} trailing", "nul"}) {
    CAPTURE(bad);
    const auto parsed = protocol::parse_untrusted(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "bad_json");
  }
  const std::string invalid_utf8 = "{\"text\":\"\xC3\x28\"}";
  CHECK(protocol::parse_untrusted(invalid_utf8).error().code == "bad_json");

  const auto event = protocol::decode_event("point.added", "{\"point_id\": ");
  REQUIRE_FALSE(event.ok());
  CHECK(event.error().code == "bad_json");

  const auto snapshot = protocol::decode_snapshot("definitely not a snapshot");
  REQUIRE_FALSE(snapshot.ok());
  CHECK(snapshot.error().code == "bad_json");
}

TEST_CASE("deep nesting is refused before the recursive parser sees it") {
  const std::string deep(10'000, '[');
  auto parsed = protocol::parse_untrusted(deep);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == "bad_json");

  const std::string balanced = std::string(100'000, '[') + std::string(100'000, ']');
  CHECK(protocol::parse_untrusted(balanced, protocol::kMaxJsonDepth, protocol::kNoByteLimit)
            .error()
            .code == "bad_json");
  CHECK(protocol::decode_event("point.added", balanced).error().code == "bad_json");
  CHECK(protocol::decode_snapshot(balanced).error().code == "bad_json");

  // Exactly at the limit is fine; one more is not.
  const auto nested = [](std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  CHECK(protocol::parse_untrusted(nested(64)).ok());
  CHECK_FALSE(protocol::parse_untrusted(nested(65)).ok());
  CHECK(protocol::parse_untrusted(nested(3), 3).ok());
  CHECK_FALSE(protocol::parse_untrusted(nested(4), 3).ok());

  // Brackets inside strings do not count, escaped quotes do not end a string.
  const std::string in_string = "[\"" + std::string(1000, '[') + "\\\"[[[\"]";
  const auto text = protocol::parse_untrusted(in_string, 2);
  REQUIRE(text.ok());
  CHECK(text->at(0).get<std::string>().size() == 1004);
  CHECK(protocol::json_nesting_depth(R"({"a":"\\","b":[[]]})", 64) == 3);
}

TEST_CASE("a message over the byte limit is refused") {
  const std::string text = R"({"text":")" + std::string(200, 'x') + "\"}";
  CHECK(protocol::parse_untrusted(text, 64, 100).error().code == "bad_json");
  CHECK(protocol::parse_untrusted(text, 64, text.size()).ok());
  CHECK(protocol::parse_untrusted(std::string(protocol::kMaxMessageBytes + 1, ' ')).error().code ==
        "bad_json");
}

// ---- Stored events and snapshots ----------------------------------------------------------------

TEST_CASE("stored events are decoded strictly but replay unknown enum values") {
  json payload = protocol::encode_event_json(sample(Tag<ev::StaffAssigned>{}));
  payload["role"] = "unknown";
  const auto replayed = protocol::decode_event("staff.assigned", payload.dump());
  REQUIRE(replayed.ok());
  CHECK(std::get<ev::StaffAssigned>(*replayed).role == d::StaffRole::unknown);

  payload["role"] = "janitor";
  CHECK(protocol::decode_event("staff.assigned", payload.dump()).error().field == "role");

  json missing = protocol::encode_event_json(sample(Tag<ev::CheckedIn>{}));
  missing["participant"].erase("checked_in_at");
  const auto error = protocol::decode_event("participant.checked_in", missing.dump());
  REQUIRE_FALSE(error.ok());
  CHECK(error.error().code == "missing_field");
  CHECK(error.error().field == "participant.checked_in_at");

  json extra = protocol::encode_event_json(sample(Tag<ev::PointRemoved>{}));
  extra["by"] = "x";
  CHECK(protocol::decode_event("point.removed", extra.dump()).error().code == "unknown_field");

  CHECK(protocol::decode_event("point.exploded", "{}").error().code == "unknown_type");
  CHECK(protocol::decode_event("point.removed", "[]").error().code == "invalid_field");
}

TEST_CASE("a snapshot of another version is refused, and named") {
  json j = json::parse(protocol::encode_snapshot(rich_state()));
  j["version"] = protocol::kSnapshotVersion + 1;
  auto error = protocol::decode_snapshot(j.dump());
  REQUIRE_FALSE(error.ok());
  CHECK(error.error().code == "unsupported_version");
  CHECK(error.error().field == "version");

  j.erase("version");
  CHECK(protocol::decode_snapshot(j.dump()).error().code == "missing_field");

  json damaged = json::parse(protocol::encode_snapshot(rich_state()));
  damaged["encuentro"]["workshops"][1]["timer"]["status"] = "ticking";
  error = protocol::decode_snapshot(damaged.dump());
  REQUIRE_FALSE(error.ok());
  CHECK(error.error().code == "invalid_field");
  CHECK(error.error().field == "encuentro.workshops[1].timer.status");

  json extra = json::parse(protocol::encode_snapshot(rich_state()));
  extra["checksum"] = "abc";
  CHECK(protocol::decode_snapshot(extra.dump()).error().code == "unknown_field");
}

TEST_CASE("from_json failures are json::exceptions that carry the field") {
  json j = sample_registrant();
  j["needs"]["lsc_interpreter"] = "yes";
  CHECK_THROWS_AS(j.get<d::Registrant>(), nlohmann::json::exception);
  try {
    (void)j.get<d::Registrant>();
    FAIL("expected DecodeFailure");
  } catch (const protocol::DecodeFailure& failure) {
    CHECK(failure.error().field == "needs.lsc_interpreter");
    CHECK(std::string(failure.what()).find("needs.lsc_interpreter") != std::string::npos);
  }
}

// ---- Rejections ---------------------------------------------------------------------------------

TEST_CASE("a rejection becomes code, message and details") {
  const d::Rejection rejection{
      d::RejectionCode::convocation_too_late, "too late", {{"earliest_date", "2026-12-07"}}};
  const json j = protocol::rejection_to_json(rejection);
  CHECK(j.at("code") == "convocation_too_late");
  CHECK(j.at("message") == "too late");
  CHECK(j.at("details") == json{{"earliest_date", "2026-12-07"}});
  CHECK(protocol::rejection_to_json(d::Rejection{}).at("details") == json::object());
}

TEST_CASE("a Result is also the std::variant<T, DecodeError> it holds") {
  auto good = protocol::decode_event("point.removed", R"({"point_id":"p1"})");
  REQUIRE(good.ok());
  const d::Event* event = std::get_if<d::Event>(&good);
  REQUIRE(event != nullptr);
  CHECK(std::get<ev::PointRemoved>(*event).point_id == "p1");
  CHECK(std::get<d::Event>(std::move(good)) == d::Event{ev::PointRemoved{"p1"}});

  const auto bad = protocol::decode_event("point.removed", "{}");
  CHECK(std::holds_alternative<protocol::DecodeError>(bad));
  CHECK(std::get_if<protocol::DecodeError>(&bad)->field == "point_id");
  CHECK_FALSE(static_cast<bool>(bad));
}
