// Splitting checked-in citizens into workshops (R3, R4, R5).
//
// People are the edges of a bipartite multigraph: one side is the value groups, the other the
// territories, and a person joins their group to their territory. Giving every person a workshop
// is colouring those edges with k colours. An equitable, balanced colouring (de Werra, 1971) gives
// every group and every territory floor(d/k) or ceil(d/k) people in each workshop, and workshop
// sizes differing by at most one, all at once. It is built here by the classic proof: deal people
// round-robin, then, while two workshops i and j are out of balance at some vertex or in size,
// recolour the edges coloured i or j along an Euler partition, alternately i and j.
//
// R3 (everyone who needs an interpreter together) is added on top: the interpreter block is the
// first `j` workshops, as few as can hold them. The block's share of each group is chosen so that
// every group stays balanced overall whenever the block has room for it (the interpreter-needers
// themselves being the only forced excess), then its share of each territory as close as possible;
// the block and the other workshops are then coloured separately, each equitably.
//
// Output: the block first (so `interpreter_workshop` is 0), larger workshops first within the
// block and within the rest; members of a workshop in input order. Everything is a function of
// the input sequence (territories are numbered in name order): no hashing, no addresses.
#include "domain/splitting.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>

#include "domain/policy.hpp"

namespace encuentro::domain {
namespace {

constexpr int kGroups = static_cast<int>(ValueGroup::ciudadania) + 1;

int group_index(ValueGroup g) {
  const int i = static_cast<int>(g);
  return (i >= 0 && i < kGroups) ? i : 0;
}

struct Node {
  int group = 0;      // 0 .. kGroups-1
  int territory = 0;  // 0 .. territories-1
  bool interpreter = false;
};

// Equitable, balanced colouring of the people `members` (indices into `nodes`, ascending) with
// `k` colours. Returns one colour per member (same order); colour sizes are non-increasing, so
// the larger workshops come first.
class EquitableColouring {
 public:
  EquitableColouring(const std::vector<Node>& nodes, const std::vector<std::size_t>& members, int k,
                     int territories)
      : k_(k),
        vertices_(kGroups + territories),
        u_(members.size()),
        v_(members.size()),
        colour_(members.size()),
        count_(static_cast<std::size_t>(vertices_) * static_cast<std::size_t>(k), 0),
        size_(static_cast<std::size_t>(k), 0),
        incident_(static_cast<std::size_t>(vertices_)),
        partner_u_(members.size(), -1),
        partner_v_(members.size(), -1),
        visited_(members.size(), 0) {
    const int edges = static_cast<int>(members.size());
    for (int e = 0; e < edges; ++e) {
      const Node& node = nodes[members[static_cast<std::size_t>(e)]];
      u_[idx(e)] = node.group;
      v_[idx(e)] = kGroups + node.territory;
    }
    // Start from a round-robin deal of people ordered by (group, territory, input order): groups
    // and sizes are balanced already; the recolouring below balances territories.
    std::vector<int> order(members.size());
    for (int e = 0; e < edges; ++e) order[idx(e)] = e;
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
      return std::pair(u_[idx(a)], v_[idx(a)]) < std::pair(u_[idx(b)], v_[idx(b)]);
    });
    for (int p = 0; p < edges; ++p) set_colour(order[idx(p)], p % k_);
  }

  std::vector<int> run() {
    // Each rebalancing strictly lowers sum(count^2) + sum(size^2) and never raises it elsewhere,
    // so this ends.
    for (bool changed = true; changed;) {
      changed = false;
      for (int i = 0; i < k_; ++i) {
        for (int j = i + 1; j < k_; ++j) {
          if (unbalanced(i, j)) {
            rebalance(i, j);
            changed = true;
          }
        }
      }
    }
    // Relabel: larger workshops first, ties by colour.
    std::vector<int> by_size(static_cast<std::size_t>(k_));
    for (int c = 0; c < k_; ++c) by_size[idx(c)] = c;
    std::stable_sort(by_size.begin(), by_size.end(),
                     [this](int a, int b) { return size_[idx(a)] > size_[idx(b)]; });
    std::vector<int> label(static_cast<std::size_t>(k_));
    for (int c = 0; c < k_; ++c) label[idx(by_size[idx(c)])] = c;
    std::vector<int> out(colour_.size());
    for (std::size_t e = 0; e < colour_.size(); ++e) out[e] = label[idx(colour_[e])];
    return out;
  }

 private:
  static std::size_t idx(int i) { return static_cast<std::size_t>(i); }
  int& count(int vertex, int c) { return count_[idx(vertex) * idx(k_) + idx(c)]; }

  void set_colour(int e, int c) {
    colour_[idx(e)] = c;
    ++count(u_[idx(e)], c);
    ++count(v_[idx(e)], c);
    ++size_[idx(c)];
  }
  void clear_colour(int e) {
    const int c = colour_[idx(e)];
    --count(u_[idx(e)], c);
    --count(v_[idx(e)], c);
    --size_[idx(c)];
  }

  bool unbalanced(int i, int j) {
    if (std::abs(size_[idx(i)] - size_[idx(j)]) > 1) return true;
    for (int x = 0; x < vertices_; ++x) {
      if (std::abs(count(x, i) - count(x, j)) > 1) return true;
    }
    return false;
  }

  int& partner(int e, int vertex) {
    return vertex == u_[idx(e)] ? partner_u_[idx(e)] : partner_v_[idx(e)];
  }
  int other_end(int e, int vertex) const { return vertex == u_[idx(e)] ? v_[idx(e)] : u_[idx(e)]; }

  // Follows the pairing from edge `e`, entered at `vertex`, until it runs out or closes.
  std::vector<int> walk(int vertex, int e) {
    std::vector<int> trail;
    while (true) {
      trail.push_back(e);
      visited_[idx(e)] = 1;
      const int exit = other_end(e, vertex);
      const int next = partner(e, exit);
      if (next < 0 || visited_[idx(next)] != 0) break;
      vertex = exit;
      e = next;
    }
    return trail;
  }

  // Recolours the edges coloured i or j so that at every vertex, and in total, the two colours
  // differ by at most one. At each vertex the edges are paired; the pairs chain into trails (open
  // ones end at a vertex with an unpaired edge, at most one per vertex; closed ones have even
  // length, the graph being bipartite); colouring each trail alternately gives every pair one i
  // and one j. Odd open trails start alternately with i and j, which balances the totals.
  void rebalance(int i, int j) {
    std::vector<int> edges;
    for (std::size_t e = 0; e < colour_.size(); ++e) {
      if (colour_[e] == i || colour_[e] == j) edges.push_back(static_cast<int>(e));
    }
    for (auto& list : incident_) list.clear();
    for (const int e : edges) {
      incident_[idx(u_[idx(e)])].push_back(e);
      incident_[idx(v_[idx(e)])].push_back(e);
      partner_u_[idx(e)] = -1;
      partner_v_[idx(e)] = -1;
      visited_[idx(e)] = 0;
    }
    for (int x = 0; x < vertices_; ++x) {
      const auto& list = incident_[idx(x)];
      for (std::size_t p = 0; p + 1 < list.size(); p += 2) {
        partner(list[p], x) = list[p + 1];
        partner(list[p + 1], x) = list[p];
      }
    }
    std::vector<std::vector<int>> trails;
    std::vector<bool> open;
    for (int x = 0; x < vertices_; ++x) {
      const auto& list = incident_[idx(x)];
      if (list.size() % 2 == 1 && visited_[idx(list.back())] == 0) {
        trails.push_back(walk(x, list.back()));
        open.push_back(true);
      }
    }
    for (const int e : edges) {
      if (visited_[idx(e)] == 0) {
        trails.push_back(walk(u_[idx(e)], e));
        open.push_back(false);
      }
    }
    for (const int e : edges) clear_colour(e);
    int odd_open = 0;
    for (std::size_t t = 0; t < trails.size(); ++t) {
      const auto& trail = trails[t];
      bool first_is_i = true;
      if (open[t] && trail.size() % 2 == 1) first_is_i = (odd_open++ % 2) == 0;
      for (std::size_t p = 0; p < trail.size(); ++p) {
        const bool is_i = ((p % 2) == 0) == first_is_i;
        set_colour(trail[p], is_i ? i : j);
      }
    }
  }

  int k_;
  int vertices_;
  std::vector<int> u_;  // group vertex of each edge
  std::vector<int> v_;  // territory vertex of each edge
  std::vector<int> colour_;
  std::vector<int> count_;  // [vertex][colour]
  std::vector<int> size_;   // [colour]
  // Scratch for rebalance().
  std::vector<std::vector<int>> incident_;
  std::vector<int> partner_u_;
  std::vector<int> partner_v_;
  std::vector<char> visited_;
};

std::vector<int> colour(const std::vector<Node>& nodes, const std::vector<std::size_t>& members,
                        int k, int territories) {
  if (members.empty()) return {};
  return EquitableColouring(nodes, members, k, territories).run();
}

// The block totals [lo, hi] of something with `total` people that let every one of k workshops
// hold floor(total/k) or ceil(total/k) of it when the block is j of those workshops.
struct Window {
  int lo = 0;
  int hi = 0;
};
Window fair_window(int total, int k, int j) {
  const int base = total / k;
  const int extra = total % k;
  return {j * base + std::max(0, extra - (k - j)), j * base + std::min(j, extra)};
}

struct GroupShares {
  std::vector<int> block;        // people of each group in the block
  std::vector<int> interpreted;  // of them, people who need an interpreter (all of the group's)
};

// How many of each group the interpreter block (the first j of k workshops, `block_size` people)
// holds. Starting from the balanced colouring's first j workshops (within every group's fair
// window), raise each group to its interpreter-needers, then give back the excess one at a time
// from the group with the most room above need = max(window low, its interpreter-needers). When
// the block can hold every group's need, every group ends in its window except upwards by its own
// interpreter-needers; when it cannot, the shortfall is shared (rooms differ by at most one).
GroupShares group_shares(const std::vector<Node>& nodes, const std::vector<int>& workshop_of, int k,
                         int j, int block_size) {
  std::vector<int> group_total(kGroups, 0);
  std::vector<int> group_interpreted(kGroups, 0);
  std::vector<int> group_block(kGroups, 0);
  for (std::size_t p = 0; p < nodes.size(); ++p) {
    const auto g = static_cast<std::size_t>(nodes[p].group);
    ++group_total[g];
    if (nodes[p].interpreter) ++group_interpreted[g];
    if (workshop_of[p] < j) ++group_block[g];
  }
  std::vector<int> group_need(kGroups, 0);
  int excess = -block_size;
  for (std::size_t g = 0; g < static_cast<std::size_t>(kGroups); ++g) {
    group_block[g] = std::max(group_block[g], group_interpreted[g]);
    group_need[g] = std::max(fair_window(group_total[g], k, j).lo, group_interpreted[g]);
    excess += group_block[g];
  }
  for (; excess > 0; --excess) {
    std::size_t pick = 0;
    bool found = false;
    for (std::size_t g = 0; g < static_cast<std::size_t>(kGroups); ++g) {
      if (group_block[g] <= group_interpreted[g]) continue;
      if (!found || group_block[g] - group_need[g] > group_block[pick] - group_need[pick]) {
        pick = g;
        found = true;
      }
    }
    --group_block[pick];  // found: the block holds more than its interpreter-needers
  }
  return {group_block, group_interpreted};
}

// Who is in the block: everyone who needs an interpreter and, per group, the number `shares`
// says; within that, per territory as close to the territory's fair window as possible. Works on
// counts per (group, territory) cell of people who do not need an interpreter: `chosen` in the
// block out of `available`.
std::vector<char> block_members(const std::vector<Node>& nodes, const std::vector<int>& workshop_of,
                                int k, int j, int territories, const GroupShares& shares) {
  const std::vector<int>& group_block = shares.block;
  const std::vector<int>& group_interpreted = shares.interpreted;
  const auto tn = static_cast<std::size_t>(territories);
  auto cell = [tn](int g, int t) {
    return static_cast<std::size_t>(g) * tn + static_cast<std::size_t>(t);
  };
  std::vector<int> available(static_cast<std::size_t>(kGroups) * tn, 0);
  std::vector<int> chosen(available.size(), 0);
  std::vector<int> territory_block(tn, 0);
  std::vector<Window> territory_window(tn);
  {
    std::vector<int> territory_total(tn, 0);
    std::vector<int> territory_interpreted(tn, 0);
    for (std::size_t p = 0; p < nodes.size(); ++p) {
      const auto t = static_cast<std::size_t>(nodes[p].territory);
      ++territory_total[t];
      if (nodes[p].interpreter) {
        ++territory_interpreted[t];
        ++territory_block[t];
      } else {
        ++available[cell(nodes[p].group, nodes[p].territory)];
        if (workshop_of[p] < j) {
          ++chosen[cell(nodes[p].group, nodes[p].territory)];
          ++territory_block[t];
        }
      }
    }
    for (std::size_t t = 0; t < tn; ++t) {
      territory_window[t] = fair_window(territory_total[t], k, j);
      // Interpreter-needers beyond the window are forced; no others should join them.
      territory_window[t].hi = std::max(territory_window[t].hi, territory_interpreted[t]);
    }
  }
  // How far the block is from territory t's window after `delta` more people of t.
  auto miss = [&](int t, int delta) {
    const Window w = territory_window[static_cast<std::size_t>(t)];
    const int b = territory_block[static_cast<std::size_t>(t)] + delta;
    return std::max(0, w.lo - b) + std::max(0, b - w.hi);
  };
  auto surplus = [&](int t) {
    return territory_block[static_cast<std::size_t>(t)] -
           territory_window[static_cast<std::size_t>(t)].lo;
  };
  auto shift = [&](int g, int t, int delta) {
    chosen[cell(g, t)] += delta;
    territory_block[static_cast<std::size_t>(t)] += delta;
  };
  // Per group, add or remove one at a time where it helps the territories most.
  for (int g = 0; g < kGroups; ++g) {
    const auto gi = static_cast<std::size_t>(g);
    int others = 0;
    for (int t = 0; t < territories; ++t) others += chosen[cell(g, t)];
    const int wanted = group_block[gi] - group_interpreted[gi];
    for (; others != wanted; others += others < wanted ? 1 : -1) {
      const bool adding = others < wanted;
      int pick = -1;
      std::pair<int, int> best;
      for (int t = 0; t < territories; ++t) {
        if (adding ? chosen[cell(g, t)] == available[cell(g, t)] : chosen[cell(g, t)] == 0) {
          continue;
        }
        const std::pair<int, int> key = adding ? std::pair(miss(t, 1) - miss(t, 0), surplus(t))
                                               : std::pair(miss(t, -1) - miss(t, 0), -surplus(t));
        if (pick < 0 || key < best) {
          best = key;
          pick = t;
        }
      }
      shift(g, pick, adding ? 1 : -1);  // pick >= 0: wanted is within 0..available
    }
  }
  // Then exchanges that keep every group's count: one out of territory a and one in to b, of
  // the same group, chained a -> b -> ... -> e, moving one person's worth from a to e. While
  // such a chain lowers the total miss, apply a shortest one; when none does, the total miss is
  // the least the group counts allow (no negative cycle in the selection's flow network). A
  // chain helps iff it leaves a territory above its window and reaches one below its high end,
  // or leaves one not below its low end and reaches one below it: two multi-source searches.
  auto link_group = [&](int a, int b) {
    for (int g = 0; g < kGroups; ++g) {
      if (chosen[cell(g, a)] > 0 && chosen[cell(g, b)] < available[cell(g, b)]) return g;
    }
    return -1;
  };
  auto improve = [&](int out_cost, int in_cost) {
    std::vector<int> parent(tn, -1);
    std::vector<int> queue;
    for (int t = 0; t < territories; ++t) {
      if (miss(t, -1) - miss(t, 0) <= out_cost) {
        parent[static_cast<std::size_t>(t)] = t;
        queue.push_back(t);
      }
    }
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const int a = queue[q];
      for (int b = 0; b < territories; ++b) {
        if (parent[static_cast<std::size_t>(b)] >= 0 || link_group(a, b) < 0) continue;
        parent[static_cast<std::size_t>(b)] = a;
        if (miss(b, 1) - miss(b, 0) <= in_cost) {
          std::vector<int> path = {b};
          while (parent[static_cast<std::size_t>(path.back())] != path.back()) {
            path.push_back(parent[static_cast<std::size_t>(path.back())]);
          }
          for (std::size_t i = path.size() - 1; i > 0; --i) {
            const int g = link_group(path[i], path[i - 1]);  // still there: see below
            shift(g, path[i], -1);
            shift(g, path[i - 1], 1);
          }
          return true;
        }
        queue.push_back(b);
      }
    }
    return false;
  };
  // (Along a path the territories are distinct: each step's source has only gained from the
  // step before and its target is untouched, so the link found by the search is still there.)
  while (improve(-1, 0) || improve(0, -1)) {
  }
  // The people: every interpreter-needer, and the first `chosen` of each cell in input order.
  std::vector<char> in_block(nodes.size(), 0);
  {
    std::vector<int> taken(chosen.size(), 0);
    for (std::size_t p = 0; p < nodes.size(); ++p) {
      const std::size_t c = cell(nodes[p].group, nodes[p].territory);
      if (nodes[p].interpreter || taken[c] < chosen[c]) {
        in_block[p] = 1;
        if (!nodes[p].interpreter) ++taken[c];
      }
    }
  }
  return in_block;
}

}  // namespace

SplitResult split_into_workshops(const std::vector<SplitPerson>& people, int cap) {
  SplitResult result;
  const int n = static_cast<int>(people.size());
  if (n == 0) return result;
  cap = std::clamp(cap, 1, kMaxWorkshopCap);  // R4, whatever the caller passed
  const int k = (n + cap - 1) / cap;

  // Territories numbered in name order (deterministic).
  std::map<std::string, int> territory_index;
  for (const auto& person : people) territory_index.emplace(person.territory, 0);
  int territories = 0;
  for (auto& entry : territory_index) entry.second = territories++;

  std::vector<Node> nodes(people.size());
  std::vector<std::size_t> everyone(people.size());
  int interpreted = 0;
  for (std::size_t p = 0; p < people.size(); ++p) {
    nodes[p] = {group_index(people[p].value_group), territory_index.at(people[p].territory),
                people[p].needs_interpreter};
    everyone[p] = p;
    if (people[p].needs_interpreter) ++interpreted;
  }

  std::vector<int> workshop_of = colour(nodes, everyone, k, territories);

  if (interpreted > 0) {
    // The block: the fewest workshops that can hold everyone who needs an interpreter. Workshop
    // sizes are n/k or n/k + 1, the larger ones first.
    int j = 0;
    int block_size = 0;
    while (block_size < interpreted) {
      block_size += n / k + (j < n % k ? 1 : 0);
      ++j;
    }

    const std::vector<char> in_block = block_members(
        nodes, workshop_of, k, j, territories, group_shares(nodes, workshop_of, k, j, block_size));

    // Colour the block and the rest separately, each equitably.
    std::vector<std::size_t> block;
    std::vector<std::size_t> rest;
    for (std::size_t p = 0; p < nodes.size(); ++p) (in_block[p] != 0 ? block : rest).push_back(p);
    const std::vector<int> block_colour = colour(nodes, block, j, territories);
    const std::vector<int> rest_colour = colour(nodes, rest, k - j, territories);
    for (std::size_t i = 0; i < block.size(); ++i) workshop_of[block[i]] = block_colour[i];
    for (std::size_t i = 0; i < rest.size(); ++i) workshop_of[rest[i]] = j + rest_colour[i];
    result.interpreter_workshop = 0;
  }

  result.workshops.resize(static_cast<std::size_t>(k));
  for (std::size_t p = 0; p < people.size(); ++p) {
    result.workshops[static_cast<std::size_t>(workshop_of[p])].push_back(people[p].id);
  }
  return result;
}

}  // namespace encuentro::domain
