// INTERNAL to the protocol layer (include it from protocol/*.cpp and tests only).
//
// How a type looks on the wire: Shape<T>::fields lists its members with their wire names, in one
// place (shapes.hpp, event_shapes.hpp, command_shapes.hpp), and two walks over that list write
// JSON and read it back. Reading is strict: every object is closed (an unknown key is an error),
// every required field must be there, and every value must have exactly the right JSON type and
// range. Errors are thrown as DecodeFailure with the path of the field
// ("workshops[1].timer.status"); the codec functions catch them and return a DecodeError.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "domain/calendar.hpp"
#include "protocol/json_types.hpp"

namespace encuentro::protocol::detail {

using nlohmann::json;

// One member of C on the wire.
template <class C, class M>
struct Field {
  std::string_view name;
  M C::*member;
  bool omittable;  // a client may leave it out (or send null): it keeps its default value
};

// Required (std::optional members may still be absent or null: that is their empty value).
template <class C, class M>
constexpr Field<C, M> field(std::string_view name, M C::*member) {
  return {name, member, false};
}
// May be left out by a client; only for commands (stored events and snapshots always carry it).
template <class C, class M>
constexpr Field<C, M> omittable(std::string_view name, M C::*member) {
  return {name, member, true};
}

template <class T>
struct Shape;  // specialised for every type on the wire; `fields` is a tuple of Field

// Specialises Shape<Type>; inside, `S` is Type, so fields read field("name", &S::name).
#define ENCUENTRO_SHAPE(Type, ...)                          \
  template <>                                               \
  struct Shape<Type> {                                      \
    using S = Type;                                         \
    static constexpr auto fields = std::tuple{__VA_ARGS__}; \
  }

template <class T>
concept HasShape = requires {
  Shape<T>::fields;
};

// ---- Checks that a shape is complete: every member of the aggregate, each name once. ----------

// Converts to any member type, so T{AnyMember{}...} compiles for as many initialisers as T has
// members and no more (no brace elision: the conversion always applies).
struct AnyMember {
  template <class U>
  operator U&() const;  // never defined: unevaluated use only
};
template <std::size_t>
using AnyMemberAt = AnyMember;

template <class T, std::size_t... I>
constexpr bool brace_initialisable_with(std::index_sequence<I...>) {
  return requires {
    T{AnyMemberAt<I>{}...};
  };
}

template <class T, std::size_t N = 0>
constexpr std::size_t member_count() {
  if constexpr (brace_initialisable_with<T>(std::make_index_sequence<N + 1>{})) {
    return member_count<T, N + 1>();
  } else {
    return N;
  }
}

template <class T>
constexpr std::size_t field_count() {
  return std::tuple_size_v<std::remove_const_t<decltype(Shape<T>::fields)>>;
}

template <class T>
constexpr bool field_names_unique() {
  return std::apply(
      [](const auto&... f) {
        const std::array<std::string_view, sizeof...(f)> names{f.name...};
        for (std::size_t i = 0; i < names.size(); ++i)
          for (std::size_t k = i + 1; k < names.size(); ++k)
            if (names[i] == names[k]) return false;
        return true;
      },
      Shape<T>::fields);
}

template <class T>
constexpr void check_shape() {
  static_assert(member_count<T>() == field_count<T>(),
                "Shape<T> must list every member of T (a member left out would silently vanish "
                "from the wire, the log and the snapshot)");
  static_assert(field_names_unique<T>(), "Shape<T> names a wire field twice");
}

// ---- Paths of fields, for error messages ------------------------------------------------------

// A node of the path from the message root to the value being read; lives on the stack.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  // an object member, or
  std::size_t index = 0;
  bool is_index = false;  // an array element
};

std::string path_string(const Path& path);

[[noreturn]] void fail(const Path& path, std::string code, std::string message);
[[noreturn]] void fail_type(const Path& path, std::string_view expected, const json& got);

// ---- Writing ----------------------------------------------------------------------------------

template <class T>
struct is_optional : std::false_type {};
template <class U>
struct is_optional<std::optional<U>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class U, class A>
struct is_vector<std::vector<U, A>> : std::true_type {};
template <class>
inline constexpr bool always_false = false;

template <class T>
void write_value(json& j, const T& value);

template <class T>
void write_object(json& j, const T& value) {
  check_shape<T>();
  j = json::object();
  std::apply([&](const auto&... f) { (write_value(j[f.name], value.*(f.member)), ...); },
             Shape<T>::fields);
}

template <class T>
void write_value(json& j, const T& value) {
  if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, bool> ||
                std::is_integral_v<T> || std::is_enum_v<T>) {
    j = value;  // enums: NLOHMANN_JSON_SERIALIZE_ENUM in json_types.hpp
  } else if constexpr (std::is_same_v<T, domain::Date>) {
    j = value.iso();
  } else if constexpr (std::is_same_v<T, domain::TimeOfDay>) {
    j = value.str();
  } else if constexpr (is_optional<T>::value) {
    if (value) {
      write_value(j, *value);
    } else {
      j = nullptr;
    }
  } else if constexpr (is_vector<T>::value) {
    j = json::array();
    for (const auto& element : value) write_value(j.emplace_back(), element);
  } else if constexpr (HasShape<T>) {
    write_object(j, value);
  } else {
    static_assert(always_false<T>, "no wire shape for this type");
  }
}

// ---- Reading ----------------------------------------------------------------------------------

template <class T>
void read_value(const json& j, T& out, const Path& path, UnknownEnum unknown_enum);

template <class T, class M>
void read_member(const json& object, T& out, const Field<T, M>& f, const Path& parent,
                 UnknownEnum unknown_enum) {
  const Path here{&parent, f.name};
  const auto it = object.find(f.name);
  if constexpr (is_optional<M>::value) {
    if (it == object.end() || it->is_null()) {
      (out.*(f.member)).reset();
      return;
    }
  }
  if (it == object.end()) {
    if (f.omittable) return;
    fail(here, "missing_field", "required field is missing");
  }
  if (f.omittable && it->is_null()) return;
  read_value(*it, out.*(f.member), here, unknown_enum);
}

template <class T>
void read_object(const json& j, T& out, const Path& path, UnknownEnum unknown_enum) {
  check_shape<T>();
  if (!j.is_object()) fail_type(path, "an object", j);
  for (auto it = j.begin(); it != j.end(); ++it) {
    // Not a structured binding: clang before 16 cannot capture one in the lambda below.
    const std::string& key = it.key();
    const bool known =
        std::apply([&](const auto&... f) { return ((f.name == key) || ...); }, Shape<T>::fields);
    if (!known) fail(Path{&path, key}, "unknown_field", "no such field");
  }
  std::apply([&](const auto&... f) { (read_member(j, out, f, path, unknown_enum), ...); },
             Shape<T>::fields);
}

template <class I>
void read_integer(const json& j, I& out, const Path& path) {
  if (j.is_number_unsigned()) {
    const auto v = j.get<std::uint64_t>();
    if (!std::in_range<I>(v)) fail(path, "invalid_field", "integer out of range");
    out = static_cast<I>(v);
  } else if (j.is_number_integer()) {
    const auto v = j.get<std::int64_t>();
    if (!std::in_range<I>(v)) fail(path, "invalid_field", "integer out of range");
    out = static_cast<I>(v);
  } else if (j.is_number_float()) {
    // Also what nlohmann makes of an integer beyond 64 bits (2^70).
    fail(path, "invalid_field", "expected an integer, got a fraction or an out-of-range number");
  } else {
    fail_type(path, "an integer", j);
  }
}

template <class T>
void read_value(const json& j, T& out, const Path& path, UnknownEnum unknown_enum) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) fail_type(path, "a string", j);
    out = j.get_ref<const std::string&>();
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_boolean()) fail_type(path, "true or false", j);
    out = j.get<bool>();
  } else if constexpr (std::is_enum_v<T>) {
    auto decoded = decode_enum<T>(j, unknown_enum);
    if (!decoded) fail(path, decoded.error().code, decoded.error().message);
    out = *decoded;
  } else if constexpr (std::is_integral_v<T>) {
    read_integer(j, out, path);
  } else if constexpr (std::is_same_v<T, domain::Date>) {
    if (!j.is_string()) fail_type(path, "a date \"YYYY-MM-DD\"", j);
    const auto date = domain::Date::parse(j.get_ref<const std::string&>());
    if (!date) {
      fail(path, "invalid_field",
           excerpt(j.get_ref<const std::string&>()) + " is not a calendar date \"YYYY-MM-DD\"");
    }
    out = *date;
  } else if constexpr (std::is_same_v<T, domain::TimeOfDay>) {
    if (!j.is_string()) fail_type(path, "a time \"HH:MM\"", j);
    const auto time = domain::TimeOfDay::parse(j.get_ref<const std::string&>());
    if (!time) {
      fail(path, "invalid_field",
           excerpt(j.get_ref<const std::string&>()) + " is not a time of day \"HH:MM\"");
    }
    out = *time;
  } else if constexpr (is_optional<T>::value) {
    if (j.is_null()) {
      out.reset();
    } else {
      typename T::value_type value{};
      read_value(j, value, path, unknown_enum);
      out = std::move(value);
    }
  } else if constexpr (is_vector<T>::value) {
    if (!j.is_array()) fail_type(path, "an array", j);
    out.clear();
    out.reserve(j.size());
    std::size_t index = 0;
    for (const auto& element : j) {
      read_value(element, out.emplace_back(), Path{&path, {}, index++, true}, unknown_enum);
    }
  } else if constexpr (HasShape<T>) {
    read_object(j, out, path, unknown_enum);
  } else {
    static_assert(always_false<T>, "no wire shape for this type");
  }
}

// The whole of a T from `j` (the message root), or DecodeFailure.
template <class T>
T read_root(const json& j, UnknownEnum unknown_enum) {
  T value{};
  read_value(j, value, Path{}, unknown_enum);
  return value;
}

template <class T>
json write_root(const T& value) {
  json j;
  write_value(j, value);
  return j;
}

}  // namespace encuentro::protocol::detail

namespace encuentro::protocol::detail {

// Reads alternative `index` of Variant from `j`. REQUIRES: index < variant_size.
template <class Variant>
Variant read_alternative(std::size_t index, const json& j, UnknownEnum unknown_enum) {
  using Reader = Variant (*)(const json&, UnknownEnum);
  static constexpr auto readers = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<Reader, sizeof...(I)>{+[](const json& value, UnknownEnum unknown) {
      return Variant{std::in_place_index<I>,
                     read_root<std::variant_alternative_t<I, Variant>>(value, unknown)};
    }...};
  }
  (std::make_index_sequence<std::variant_size_v<Variant>>{});
  return readers[index](j, unknown_enum);
}

template <class Variant>
json write_alternative(const Variant& value) {
  return std::visit([](const auto& alternative) { return write_root(alternative); }, value);
}

// Runs a decoding step and turns what it throws into a DecodeError: nothing from nlohmann (or
// from the readers above) leaves the protocol functions.
template <class F>
auto decode_guarded(F&& decode) -> Result<decltype(decode())> {
  try {
    return decode();
  } catch (const DecodeFailure& failure) {
    return failure.error();
  } catch (const nlohmann::json::exception& e) {
    return DecodeError{"invalid_field", "", e.what()};
  }
}

// Compact text; a string that is not valid UTF-8 (only possible when built in C++, never when
// decoded) is written with U+FFFD rather than throwing.
inline std::string dump_compact(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace encuentro::protocol::detail
