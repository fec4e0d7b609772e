#include "search/run/halving.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace actsearch::search {

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
