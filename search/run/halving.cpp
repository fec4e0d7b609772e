#include "search/run/halving.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "grammar/base/error.hpp"

namespace actsearch::search {

void validate(const Ladder& ladder) {
  if (ladder.rungs < 1 || ladder.rungs > kMaxRungs) {
    throw Error("--rungs must be between 1 and " + std::to_string(kMaxRungs) + ", not " +
                std::to_string(ladder.rungs));
  }
  if (ladder.eta < 2) throw Error("--eta must be at least 2, not " + std::to_string(ladder.eta));
}

int first_rung(const Ladder& ladder) { return ladder.rungs == 1 ? 1 : 0; }

int last_rung(const Ladder& ladder) { return ladder.rungs == 1 ? 1 : ladder.rungs - 1; }

int final_rung(const Ladder& ladder) { return last_rung(ladder) + 1; }

int seeds_at(const Ladder& ladder, int rung) {
  int seeds = 1;
  for (int r = 2; r <= rung; ++r) seeds *= ladder.eta;
  return seeds;
}

int source_rung(const Ladder& ladder, int rung, int seed_index) {
  if (rung == 0) return 0;
  int r = 1;
  while (seed_index >= seeds_at(ladder, r)) ++r;
  return r;
}

std::vector<std::size_t> promotions(std::span<const RungEntry> entries, int eta) {
  std::vector<std::size_t> order(entries.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto better = [&](std::size_t a, std::size_t b) {
    const double sa = entries[a].score;
    const double sb = entries[b].score;
    if (std::isnan(sa) != std::isnan(sb)) return std::isnan(sb);
    if (!std::isnan(sa) && sa != sb) return sa > sb;
    return entries[a].proposal < entries[b].proposal;
  };
  const std::size_t keep = entries.size() / static_cast<std::size_t>(eta);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                    better);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < keep; ++i) {
    if (!entries[order[i]].promoted) out.push_back(order[i]);
  }
  return out;
}

}  // namespace actsearch::search
