// The outcome of decoding something that came from outside the process (a client's message, a
// stored event, a snapshot): a value, or a DecodeError that names the field and the reason.
// The protocol's decode functions never throw; this is how they fail.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace encuentro::protocol {

// `code` is stable: clients and logs match on it.
//   bad_json             the text is not JSON, is too large, or nests too deeply
//   invalid_field        present but wrong: wrong JSON type, a number out of range, not a real
//                        date or time, an unrecognised enum value (or `unknown` from a client)
//   missing_field        a required field is absent
//   unknown_type         an unknown command or event name
//   unknown_field        a field the message does not have (every decoder is strict about it)
//   unsupported_version  a snapshot written in another format version (replay the log instead)
struct DecodeError {
  std::string code;
  std::string field;    // "details.date", "workshops[2].members[0]"; empty: the whole message
  std::string message;  // English, for developers and logs
  friend bool operator==(const DecodeError&, const DecodeError&) = default;
};

// An expected-like value: exactly one of T or DecodeError. It *is* a std::variant<T, DecodeError>,
// so std::get_if / std::get / std::visit work on it as well as ok() / value() / error().
template <class T>
class [[nodiscard]] Result : public std::variant<T, DecodeError> {
 public:
  using Variant = std::variant<T, DecodeError>;

  Result(T value) : Variant(std::in_place_index<0>, std::move(value)) {}
  Result(DecodeError error) : Variant(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return this->index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok() (std::bad_variant_access otherwise).
  const T& value() const& { return std::get<0>(variant()); }
  T& value() & { return std::get<0>(variant()); }
  T&& value() && { return std::get<0>(std::move(variant())); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // REQUIRES: !ok() (std::bad_variant_access otherwise).
  const DecodeError& error() const { return std::get<1>(variant()); }

 private:
  const Variant& variant() const { return *this; }
  Variant& variant() { return *this; }
};

}  // namespace encuentro::protocol
