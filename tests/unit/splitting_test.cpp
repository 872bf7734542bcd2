// split_into_workshops (R3, R4, R5): properties checked on deterministic fixtures and on a
// pseudo-random sweep.
#include "domain/splitting.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/policy.hpp"

namespace {

using encuentro::domain::split_into_workshops;
using encuentro::domain::SplitPerson;
using encuentro::domain::SplitResult;
using encuentro::domain::ValueGroup;

std::uint64_t next_random(std::uint64_t& state) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return state >> 33;
}

enum class Needers { mixed, concentrated };

// n people with a skewed mix of value groups and territories; lgbtiq has exactly 3 people and
// "Vereda El Hato" exactly 2 (when n allows). `needers` people need an interpreter: spread over
// the input with their own groups and territories (mixed), or all discapacidad from Comuna 3.
std::vector<SplitPerson> make_people(int n, int needers = 0, Needers kind = Needers::mixed,
                                     std::uint64_t seed = 7) {
  static const char* const kTerritories[] = {
      "Comuna 1", "Comuna 2",        "Comuna 3",        "Comuna 4",
      "Comuna 5", "Vereda La Palma", "Vereda El Rosal", "Corregimiento Alto"};
  static const int kTerritoryCut[] = {25, 45, 60, 72, 82, 90, 97, 100};
  static const ValueGroup kGroups[] = {ValueGroup::ciudadania,   ValueGroup::mujeres,
                                       ValueGroup::juventud,     ValueGroup::campesino,
                                       ValueGroup::victimas,     ValueGroup::persona_mayor,
                                       ValueGroup::organizacion, ValueGroup::etnico,
                                       ValueGroup::discapacidad, ValueGroup::unknown};
  static const int kGroupCut[] = {28, 46, 60, 70, 79, 86, 91, 95, 98, 100};
  std::uint64_t state = seed;
  std::vector<SplitPerson> people;
  for (int i = 0; i < n; ++i) {
    SplitPerson p;
    p.id = "a" + std::to_string(i);
    const int g = static_cast<int>(next_random(state) % 100);
    for (int c = 0; c < 10; ++c) {
      if (g < kGroupCut[c]) {
        p.value_group = kGroups[c];
        break;
      }
    }
    const int t = static_cast<int>(next_random(state) % 100);
    for (int c = 0; c < 8; ++c) {
      if (t < kTerritoryCut[c]) {
        p.territory = kTerritories[c];
        break;
      }
    }
    people.push_back(p);
  }
  if (n >= 3) {
    for (const int i : {n / 5, n / 2, n - 1})
      people[static_cast<std::size_t>(i)].value_group = ValueGroup::lgbtiq;
  }
  if (n >= 4) {
    for (const int i : {1, n / 3}) people[static_cast<std::size_t>(i)].territory = "Vereda El Hato";
  }
  if (needers > 0) {
    const int stride = n / needers;
    for (int s = 0; s < needers; ++s) {
      auto& p = people[static_cast<std::size_t>(s * stride + stride / 2)];
      p.needs_interpreter = true;
      if (kind == Needers::concentrated) {
        p.value_group = ValueGroup::discapacidad;
        p.territory = "Comuna 3";
      }
    }
  }
  return people;
}

int spread(const std::vector<int>& counts, std::size_t from, std::size_t to) {
  if (from >= to) return 0;
  const auto [lo, hi] = std::minmax_element(counts.begin() + static_cast<std::ptrdiff_t>(from),
                                            counts.begin() + static_cast<std::ptrdiff_t>(to));
  return *hi - *lo;
}

// The block totals of something with `total` people that let each of k workshops hold
// floor(total/k) or ceil(total/k) of it, when the block is j of the k workshops.
std::pair<int, int> fair_window(int total, int k, int j) {
  const int base = total / k;
  const int extra = total % k;
  return {j * base + std::max(0, extra - (k - j)), j * base + std::min(j, extra)};
}

struct Outcome {
  bool slack = false;            // R3 active, block has room for every group's fair minimum
  bool territory_slack = false;  // ... and for every territory's
};

// Whether to assert the global territory balance under R3 (see check_split). It holds on every
// fixture here but is not a theorem (the group counts come first and may leave no way to keep a
// territory in its window): in a sweep of 60,000 random cases, under 0.2% of the cases with room
// had a territory without needers spread by two, so the pseudo-random sweep leaves it out.
enum class TerritoryBound { check, skip };

// Checks every property split_into_workshops promises; see the comments for the exact claims.
Outcome check_split(const std::vector<SplitPerson>& people, int cap, const SplitResult& r,
                    TerritoryBound bound = TerritoryBound::check) {
  Outcome outcome;
  const int n = static_cast<int>(people.size());
  const int k = n == 0 ? 0 : (n + cap - 1) / cap;
  CAPTURE(n);
  CAPTURE(cap);
  REQUIRE(r.workshops.size() == static_cast<std::size_t>(k));
  const auto ku = static_cast<std::size_t>(k);

  // Everyone exactly once, nobody else.
  std::map<std::string, std::size_t> workshop_of;
  for (std::size_t w = 0; w < ku; ++w) {
    for (const auto& id : r.workshops[w]) CHECK(workshop_of.emplace(id, w).second);
  }
  CHECK(workshop_of.size() == people.size());
  for (const auto& p : people) CHECK(workshop_of.count(p.id) == 1);
  if (n == 0) {
    CHECK_FALSE(r.interpreter_workshop.has_value());
    return outcome;
  }

  // R4 and R5 sizes.
  std::vector<int> sizes(ku, 0);
  for (std::size_t w = 0; w < ku; ++w) sizes[w] = static_cast<int>(r.workshops[w].size());
  CHECK(*std::max_element(sizes.begin(), sizes.end()) <= cap);
  CHECK(*std::max_element(sizes.begin(), sizes.end()) <= encuentro::domain::kMaxWorkshopCap);
  CHECK(spread(sizes, 0, ku) <= 1);

  // Counts per workshop.
  std::map<ValueGroup, std::vector<int>> group_count;
  std::map<std::string, std::vector<int>> territory_count;
  std::map<ValueGroup, int> group_total, group_needers;
  std::map<std::string, int> territory_total, territory_needers;
  std::vector<int> needers(ku, 0);
  int m = 0;
  for (const auto& p : people) {
    const std::size_t w = workshop_of.at(p.id);
    group_count.try_emplace(p.value_group, ku, 0).first->second[w]++;
    territory_count.try_emplace(p.territory, ku, 0).first->second[w]++;
    group_total[p.value_group]++;
    territory_total[p.territory]++;
    if (p.needs_interpreter) {
      ++m;
      ++needers[w];
      group_needers[p.value_group]++;
      territory_needers[p.territory]++;
    }
  }

  if (m == 0) {
    // Without R3: every group and every territory has floor(c/k) or ceil(c/k) per workshop.
    CHECK_FALSE(r.interpreter_workshop.has_value());
    for (const auto& [g, counts] : group_count) {
      const int group_id = static_cast<int>(g);  // (clang < 16: no binding in CAPTURE)
      CAPTURE(group_id);
      CHECK(spread(counts, 0, ku) <= 1);
    }
    for (const auto& [t, counts] : territory_count) {
      const auto territory = t;  // (clang < 16: no binding in CAPTURE)
      CAPTURE(territory);
      CHECK(spread(counts, 0, ku) <= 1);
    }
    return outcome;
  }

  // R3: the needers fill consecutive workshops starting at interpreter_workshop, as few as the
  // sizes allow (the fewest largest workshops whose sizes add up to m).
  REQUIRE(r.interpreter_workshop.has_value());
  const std::size_t first = *r.interpreter_workshop;
  REQUIRE(first < ku);
  std::vector<int> sorted = sizes;
  std::sort(sorted.rbegin(), sorted.rend());
  std::size_t fewest = 0;
  for (int held = 0; held < m; held += sorted[fewest++]) {
  }
  CAPTURE(m);
  CAPTURE(fewest);
  const std::size_t last = first + fewest;  // one past the block
  REQUIRE(last <= ku);
  int block_size = 0;
  for (std::size_t w = 0; w < ku; ++w) {
    const bool in_block = w >= first && w < last;
    if (in_block) {
      block_size += sizes[w];
      CHECK(needers[w] > 0);  // every block workshop is needed
    } else {
      CHECK(needers[w] == 0);  // all needers are in the block
    }
  }
  const int j = static_cast<int>(fewest);
  auto block_count = [&](const std::vector<int>& counts) {
    int b = 0;
    for (std::size_t w = first; w < last; ++w) b += counts[w];
    return b;
  };
  auto spread_outside = [&](const std::vector<int>& counts) {
    std::vector<int> outside;
    for (std::size_t w = 0; w < ku; ++w) {
      if (w < first || w >= last) outside.push_back(counts[w]);
    }
    return spread(outside, 0, outside.size());
  };

  // Groups with R3: balanced within the block and within the other workshops; the block never
  // holds more of a group than its fair share except by that group's own needers (B <= max(hi,
  // I)); and when the block can hold every group's fair minimum plus its needers
  // (sum max(lo, I) <= block size), no group falls below its fair share (B >= lo), so every group
  // whose needers fit in its fair share (I <= hi) is balanced over all workshops.
  int minimum = 0;
  for (const auto& [g, total] : group_total) {
    minimum += std::max(fair_window(total, k, j).first, group_needers[g]);
  }
  outcome.slack = minimum <= block_size;
  for (const auto& [g, counts] : group_count) {
    const int group_id = static_cast<int>(g);  // (clang < 16: no binding in CAPTURE)
    CAPTURE(group_id);
    CHECK(spread(counts, first, last) <= 1);
    CHECK(spread_outside(counts) <= 1);
    const auto [lo, hi] = fair_window(group_total[g], k, j);
    const int b = block_count(counts);
    CHECK(b <= std::max(hi, group_needers[g]));
    if (outcome.slack) {
      CHECK(b >= lo);
      if (group_needers[g] <= hi) CHECK(spread(counts, 0, ku) <= 1);
    }
  }
  // Without that room, the shortfall is shared: with need = max(lo, I) and room = B - need, a
  // group short of its need (room < 0) has at most one less room than any group that still has
  // members without needs in the block (B > I).
  std::map<ValueGroup, int> room;
  for (const auto& [g, counts] : group_count) {
    room[g] =
        block_count(counts) - std::max(fair_window(group_total[g], k, j).first, group_needers[g]);
  }
  for (const auto& [g, short_room] : room) {
    if (short_room >= 0) continue;
    for (const auto& [h, counts] : group_count) {
      if (block_count(counts) > group_needers[h]) {
        const int group_id = static_cast<int>(g);  // (clang < 16: no binding in CAPTURE)
        CAPTURE(group_id);
        const int other_group_id = static_cast<int>(h);
        CAPTURE(other_group_id);
        CHECK(room[h] <= short_room + 1);
      }
    }
  }

  // Territories with R3: balanced within the block and within the other workshops (always);
  // and, when the block has room for every group's and every territory's fair minimum plus its
  // needers, a territory without needers is balanced over all workshops (floor or ceil of c/k
  // in each; so in particular never above ceil(c/k) + 1).
  int territory_minimum = 0;
  for (const auto& [t, total] : territory_total) {
    territory_minimum += std::max(fair_window(total, k, j).first, territory_needers[t]);
  }
  outcome.territory_slack = outcome.slack && territory_minimum <= block_size;
  for (const auto& [t, counts] : territory_count) {
    const auto territory = t;  // (clang < 16: no binding in CAPTURE)
    CAPTURE(territory);
    CHECK(spread(counts, first, last) <= 1);
    CHECK(spread_outside(counts) <= 1);
    if (bound == TerritoryBound::check && outcome.territory_slack && territory_needers[t] == 0) {
      CHECK(spread(counts, 0, ku) <= 1);
    }
  }
  return outcome;
}

Outcome split_and_check(const std::vector<SplitPerson>& people, int cap,
                        TerritoryBound bound = TerritoryBound::check) {
  const SplitResult r = split_into_workshops(people, cap);
  const SplitResult again = split_into_workshops(people, cap);
  CHECK(r.workshops == again.workshops);
  CHECK(r.interpreter_workshop == again.interpreter_workshop);
  return check_split(people, cap, r, bound);
}

}  // namespace

TEST_CASE("split: no people, no workshops") {
  const SplitResult r = split_into_workshops({}, 30);
  CHECK(r.workshops.empty());
  CHECK_FALSE(r.interpreter_workshop.has_value());
}

TEST_CASE("split: small cases by hand") {
  SUBCASE("one person, one workshop") {
    const SplitResult r = split_into_workshops({{"a", "X", ValueGroup::mujeres, false}}, 30);
    REQUIRE(r.workshops.size() == 1);
    CHECK(r.workshops[0] == std::vector<std::string>{"a"});
    CHECK_FALSE(r.interpreter_workshop.has_value());
  }
  SUBCASE("two groups of two, cap 2: one of each per workshop") {
    const std::vector<SplitPerson> people = {{"a1", "X", ValueGroup::mujeres, false},
                                             {"a2", "X", ValueGroup::mujeres, false},
                                             {"b1", "X", ValueGroup::juventud, false},
                                             {"b2", "X", ValueGroup::juventud, false}};
    const SplitResult r = split_into_workshops(people, 2);
    REQUIRE(r.workshops.size() == 2);
    for (const auto& w : r.workshops) {
      REQUIRE(w.size() == 2);
      CHECK(w[0][0] != w[1][0]);  // an "a" and a "b"
    }
  }
  SUBCASE("one group, two territories of two, cap 2: one of each territory per workshop") {
    const std::vector<SplitPerson> people = {{"x1", "X", ValueGroup::mujeres, false},
                                             {"x2", "X", ValueGroup::mujeres, false},
                                             {"y1", "Y", ValueGroup::mujeres, false},
                                             {"y2", "Y", ValueGroup::mujeres, false}};
    const SplitResult r = split_into_workshops(people, 2);
    REQUIRE(r.workshops.size() == 2);
    for (const auto& w : r.workshops) {
      REQUIRE(w.size() == 2);
      CHECK(w[0][0] != w[1][0]);
    }
  }
  SUBCASE("territories balance across groups (a round-robin per group would not)") {
    // Two groups, each with one person from T and one from U, 2 workshops of 2: each workshop
    // must get one T and one U and one of each group.
    const std::vector<SplitPerson> people = {{"gT", "T", ValueGroup::mujeres, false},
                                             {"gU", "U", ValueGroup::mujeres, false},
                                             {"hT", "T", ValueGroup::juventud, false},
                                             {"hU", "U", ValueGroup::juventud, false}};
    const SplitResult r = split_into_workshops(people, 2);
    REQUIRE(r.workshops.size() == 2);
    for (const auto& w : r.workshops) {
      REQUIRE(w.size() == 2);
      CHECK(w[0][0] != w[1][0]);  // different groups
      CHECK(w[0][1] != w[1][1]);  // different territories
    }
  }
  SUBCASE("two needers in different groups and territories share a workshop") {
    const std::vector<SplitPerson> people = {
        {"a", "X", ValueGroup::mujeres, true},   {"b", "X", ValueGroup::mujeres, false},
        {"c", "Y", ValueGroup::juventud, false}, {"d", "Y", ValueGroup::juventud, true},
        {"e", "Z", ValueGroup::victimas, false}, {"f", "Z", ValueGroup::victimas, false}};
    const SplitResult r = split_into_workshops(people, 3);
    REQUIRE(r.workshops.size() == 2);
    REQUIRE(r.interpreter_workshop.has_value());
    const auto& w = r.workshops[*r.interpreter_workshop];
    CHECK(std::count(w.begin(), w.end(), "a") == 1);
    CHECK(std::count(w.begin(), w.end(), "d") == 1);
    check_split(people, 3, r);
  }
  SUBCASE("a cap above 30 is never honoured (R4)") {
    const auto people = make_people(40);
    const SplitResult r = split_into_workshops(people, 45);
    REQUIRE(r.workshops.size() == 2);
    for (const auto& w : r.workshops) CHECK(w.size() == 20);
  }
}

TEST_CASE("split: sizes without interpreters, cap 30") {
  for (const int n : {1, 2, 29, 30, 31, 59, 60, 61, 400, 1000}) {
    split_and_check(make_people(n), 30);
  }
  // The fixtures really have a rare group and a rare territory.
  const auto people = make_people(400);
  CHECK(std::count_if(people.begin(), people.end(), [](const SplitPerson& p) {
          return p.value_group == ValueGroup::lgbtiq;
        }) == 3);
  CHECK(std::count_if(people.begin(), people.end(),
                      [](const SplitPerson& p) { return p.territory == "Vereda El Hato"; }) == 2);
}

TEST_CASE("split: 12 needing an interpreter, in their own groups and territories") {
  int with_slack = 0;
  for (const int n : {12, 29, 31, 59, 61, 400, 1000}) {
    if (split_and_check(make_people(n, 12), 30).territory_slack) ++with_slack;
  }
  CHECK(with_slack >= 3);  // the global group and territory checks are really exercised
}

TEST_CASE("split: 12 needing an interpreter, all discapacidad from one territory") {
  for (const int n : {31, 59, 61, 400, 1000})
    split_and_check(make_people(n, 12, Needers::concentrated), 30);
}

TEST_CASE("split: 35 needing an interpreter with cap 30 fill two workshops") {
  for (const int n : {35, 40, 61, 100, 1000}) {
    const auto people = make_people(n, 35);
    const SplitResult r = split_into_workshops(people, 30);
    check_split(people, 30, r);
    REQUIRE(r.interpreter_workshop.has_value());
    int holding = 0;
    for (const auto& w : r.workshops) {
      holding += std::any_of(w.begin(), w.end(), [&](const std::string& id) {
        return std::any_of(people.begin(), people.end(),
                           [&](const SplitPerson& p) { return p.id == id && p.needs_interpreter; });
      });
    }
    CHECK(holding == 2);
  }
  split_and_check(make_people(100, 35, Needers::concentrated), 30);
}

TEST_CASE("split: a lower cap (20)") {
  for (const int n : {1, 20, 21, 61, 400, 1000}) split_and_check(make_people(n), 20);
  split_and_check(make_people(400, 12), 20);
  split_and_check(make_people(61, 12, Needers::concentrated), 20);
  split_and_check(make_people(100, 35), 20);  // five workshops of 20; the needers fill two
  const SplitResult r = split_into_workshops(make_people(400), 20);
  CHECK(r.workshops.size() == 20);
}

TEST_CASE("split: deterministic, and independent of nothing but the input") {
  const auto people = make_people(400, 12);
  const SplitResult a = split_into_workshops(people, 30);
  const auto copy = people;
  const SplitResult b = split_into_workshops(copy, 30);
  CHECK(a.workshops == b.workshops);
  CHECK(a.interpreter_workshop == b.interpreter_workshop);
}

TEST_CASE("split: pseudo-random sweep") {
  std::uint64_t state = 2024;
  for (int round = 0; round < 120; ++round) {
    const int n = static_cast<int>(next_random(state) % 420);
    const int cap = 10 + static_cast<int>(next_random(state) % 21);
    const int choice = static_cast<int>(next_random(state) % 4);
    int needers = 0;
    if (choice == 1 && n >= 12) needers = 12;
    if (choice == 2 && n > 0)
      needers =
          1 + static_cast<int>(next_random(state) % static_cast<std::uint64_t>(std::min(n, 70)));
    const Needers kind = (next_random(state) % 2 == 0) ? Needers::mixed : Needers::concentrated;
    CAPTURE(round);
    CAPTURE(needers);
    split_and_check(make_people(n, needers, kind, next_random(state)), cap, TerritoryBound::skip);
  }
}
