// Splitting checked-in citizens into workshops (R3, R4, R5). Deterministic: the same input gives
// the same workshops, whatever the machine.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/types.hpp"

namespace encuentro::domain {

struct SplitPerson {
  std::string id;  // participant id
  std::string territory;
  ValueGroup value_group = ValueGroup::unknown;
  bool needs_interpreter = false;  // R3: LSC or guide-interpreter
};

struct SplitResult {
  std::vector<std::vector<std::string>> workshops;  // participant ids per workshop
  // Index into `workshops` of the workshop that holds everyone who needs an interpreter, when
  // anyone does; that workshop is the one the interpreter is assigned to.
  std::optional<std::size_t> interpreter_workshop;
};

// REQUIRES: 1 <= cap <= kMaxWorkshopCap, ids unique.
// n people -> ceil(n / cap) workshops (none when n == 0), sizes differing by at most one, value
// groups and territories spread across workshops as evenly as the sizes allow, and everyone who
// needs an interpreter in one workshop (if they are more than one workshop can hold, they fill
// as few workshops as possible, and `interpreter_workshop` names the first).
SplitResult split_into_workshops(const std::vector<SplitPerson>& people, int cap);

}  // namespace encuentro::domain
