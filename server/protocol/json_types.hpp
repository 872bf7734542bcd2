// JSON for the domain's value types: what every message, stored event and snapshot is made of.
//
// Wire conventions (shared/README.md):
//   - enums: their C++ names ("en_ejecucion", "persona_mayor", "follow_up");
//   - Date: "YYYY-MM-DD" (a real calendar date); TimeOfDay: "HH:MM"; Timestamp: integer ms;
//   - std::optional: null when empty (absent is accepted too);
//   - every object is closed: a field the type does not have is an error.
//
// The to_json/from_json pairs live in encuentro::domain so nlohmann finds them by ADL
// (j.get<domain::Registrant>()). from_json is strict and throws DecodeFailure (a json::exception)
// naming the field; it accepts the literal "unknown" enum value, so from_json(to_json(x)) == x for
// every x. Input from clients goes through protocol::decode_command instead, which refuses
// "unknown" as well.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "domain/encuentro.hpp"
#include "domain/types.hpp"
#include "protocol/result.hpp"

namespace encuentro::domain {

// NLOHMANN_JSON_SERIALIZE_ENUM maps any unrecognised string to the first entry (`unknown`), so
// never call get<Enum>() on untrusted input: use protocol::decode_enum, which tells them apart.
NLOHMANN_JSON_SERIALIZE_ENUM(Phase, {
                                        {Phase::unknown, "unknown"},
                                        {Phase::draft, "draft"},
                                        {Phase::convened, "convened"},
                                        {Phase::opening, "opening"},
                                        {Phase::workshops, "workshops"},
                                        {Phase::plenary, "plenary"},
                                        {Phase::commitments, "commitments"},
                                        {Phase::published, "published"},
                                        {Phase::follow_up, "follow_up"},
                                        {Phase::closed, "closed"},
                                    })

NLOHMANN_JSON_SERIALIZE_ENUM(ValueGroup, {
                                             {ValueGroup::unknown, "unknown"},
                                             {ValueGroup::juventud, "juventud"},
                                             {ValueGroup::mujeres, "mujeres"},
                                             {ValueGroup::victimas, "victimas"},
                                             {ValueGroup::etnico, "etnico"},
                                             {ValueGroup::discapacidad, "discapacidad"},
                                             {ValueGroup::persona_mayor, "persona_mayor"},
                                             {ValueGroup::lgbtiq, "lgbtiq"},
                                             {ValueGroup::campesino, "campesino"},
                                             {ValueGroup::organizacion, "organizacion"},
                                             {ValueGroup::ciudadania, "ciudadania"},
                                         })

NLOHMANN_JSON_SERIALIZE_ENUM(ContributionKind, {
                                                   {ContributionKind::unknown, "unknown"},
                                                   {ContributionKind::propuesta, "propuesta"},
                                                   {ContributionKind::sugerencia, "sugerencia"},
                                                   {ContributionKind::observacion, "observacion"},
                                                   {ContributionKind::pregunta, "pregunta"},
                                                   {ContributionKind::queja, "queja"},
                                               })

NLOHMANN_JSON_SERIALIZE_ENUM(ContributionStatus, {
                                                     {ContributionStatus::unknown, "unknown"},
                                                     {ContributionStatus::active, "active"},
                                                     {ContributionStatus::pending, "pending"},
                                                     {ContributionStatus::merged, "merged"},
                                                     {ContributionStatus::declined, "declined"},
                                                 })

NLOHMANN_JSON_SERIALIZE_ENUM(ContributionSource, {
                                                     {ContributionSource::unknown, "unknown"},
                                                     {ContributionSource::relator, "relator"},
                                                     {ContributionSource::citizen, "citizen"},
                                                 })

NLOHMANN_JSON_SERIALIZE_ENUM(StaffRole, {
                                            {StaffRole::unknown, "unknown"},
                                            {StaffRole::facilitator, "facilitator"},
                                            {StaffRole::relator, "relator"},
                                            {StaffRole::servant, "servant"},
                                        })

NLOHMANN_JSON_SERIALIZE_ENUM(InterpreterKind, {
                                                  {InterpreterKind::unknown, "unknown"},
                                                  {InterpreterKind::lsc, "lsc"},
                                                  {InterpreterKind::guide, "guide"},
                                              })

NLOHMANN_JSON_SERIALIZE_ENUM(TimerStatus, {
                                              {TimerStatus::unknown, "unknown"},
                                              {TimerStatus::idle, "idle"},
                                              {TimerStatus::running, "running"},
                                              {TimerStatus::paused, "paused"},
                                          })

NLOHMANN_JSON_SERIALIZE_ENUM(AnswerKind, {
                                             {AnswerKind::unknown, "unknown"},
                                             {AnswerKind::commitment, "commitment"},
                                             {AnswerKind::not_adopted, "not_adopted"},
                                             {AnswerKind::referred, "referred"},
                                         })

NLOHMANN_JSON_SERIALIZE_ENUM(ProgressStatus, {
                                                 {ProgressStatus::unknown, "unknown"},
                                                 {ProgressStatus::pendiente, "pendiente"},
                                                 {ProgressStatus::en_ejecucion, "en_ejecucion"},
                                                 {ProgressStatus::cumplido, "cumplido"},
                                                 {ProgressStatus::no_cumplido, "no_cumplido"},
                                             })

NLOHMANN_JSON_SERIALIZE_ENUM(ObservationStatus, {
                                                    {ObservationStatus::unknown, "unknown"},
                                                    {ObservationStatus::pending, "pending"},
                                                    {ObservationStatus::approved, "approved"},
                                                    {ObservationStatus::rejected, "rejected"},
                                                })

NLOHMANN_JSON_SERIALIZE_ENUM(FlagCode,
                             {
                                 {FlagCode::unknown, "unknown"},
                                 {FlagCode::attendance_out_of_range, "attendance_out_of_range"},
                                 {FlagCode::interpreter_obligation, "interpreter_obligation"},
                                 {FlagCode::servant_missing, "servant_missing"},
                                 {FlagCode::staff_missing, "staff_missing"},
                             })

// Values and records. Declared here, defined in json_types.cpp from the shapes in
// protocol/shapes.hpp (one field list per type drives both directions).
// Every domain value type with to_json/from_json; one list for declarations and definitions.
#define ENCUENTRO_DOMAIN_JSON_TYPES(X) \
  X(Date)                              \
  X(TimeOfDay)                         \
  X(Accessibility)                     \
  X(GuideQuestion)                     \
  X(CentralPoint)                      \
  X(EncuentroDetails)                  \
  X(Registrant)                        \
  X(Participant)                       \
  X(Interpreter)                       \
  X(StaffMember)                       \
  X(WorkshopTimer)                     \
  X(Voting)                            \
  X(Workshop)                          \
  X(Contribution)                      \
  X(Vote)                              \
  X(HandCount)                         \
  X(CommitmentTerms)                   \
  X(CommitmentVersion)                 \
  X(Commitment)                        \
  X(Answer)                            \
  X(ProgressReport)                    \
  X(EvaluationRatings)                 \
  X(Evaluation)                        \
  X(ObservationReply)                  \
  X(Observation)                       \
  X(PhaseChange)                       \
  X(Flag)                              \
  X(Encuentro)

#define ENCUENTRO_JSON_CONVERSIONS(Type)              \
  void to_json(nlohmann::json& j, const Type& value); \
  void from_json(const nlohmann::json& j, Type& value);

ENCUENTRO_DOMAIN_JSON_TYPES(ENCUENTRO_JSON_CONVERSIONS)

#undef ENCUENTRO_JSON_CONVERSIONS

}  // namespace encuentro::domain

namespace encuentro::protocol {

// What the from_json functions above throw. A nlohmann::json::exception, so code that already
// catches those catches it too; error() says which field and why.
class DecodeFailure : public nlohmann::json::exception {
 public:
  static constexpr int kId = 601;  // outside nlohmann's own ranges (1xx..5xx)
  explicit DecodeFailure(DecodeError error);
  const DecodeError& error() const { return error_; }

 private:
  DecodeError error_;
};

// Whether the literal value `unknown` may be decoded. Stored events and snapshots round-trip
// whatever the domain wrote; a client may never send it.
enum class UnknownEnum { refuse, accept };

namespace detail {
// A value from outside, quoted for an error message: at most 40 bytes, cut on a UTF-8 boundary so
// the message stays valid UTF-8.
std::string excerpt(std::string_view text);

// The accepted names of an enum, comma-separated, for error messages ("lsc, guide").
template <class E>
std::string enum_names() {
  std::string names;
  const nlohmann::json unknown_name = E::unknown;
  for (int i = 1; i < 256; ++i) {
    const nlohmann::json name = static_cast<E>(i);
    if (name == unknown_name)
      break;  // past the table: NLOHMANN_JSON_SERIALIZE_ENUM gives `unknown`
    if (!names.empty()) names += ", ";
    names += name.get<std::string>();
  }
  return names;
}
}  // namespace detail

// Strict decoding of one enum value: a JSON string that names a value of E. An unrecognised
// string is an error (invalid_field), and so is "unknown" unless `unknown_enum` accepts it.
template <class E>
Result<E> decode_enum(const nlohmann::json& j, UnknownEnum unknown_enum = UnknownEnum::refuse) {
  if (!j.is_string()) {
    return DecodeError{
        "invalid_field", "",
        std::string("expected a string (") + detail::enum_names<E>() + "), got " + j.type_name()};
  }
  const E value = j.get<E>();
  if (nlohmann::json(value) != j || (value == E::unknown && unknown_enum == UnknownEnum::refuse)) {
    return DecodeError{"invalid_field", "",
                       detail::excerpt(j.get_ref<const std::string&>()) +
                           " is not one of: " + detail::enum_names<E>()};
  }
  return value;
}

}  // namespace encuentro::protocol
