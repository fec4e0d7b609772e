#include "grammar/callables.hpp"

#include <algorithm>
#include <span>
#include <vector>

namespace actsearch::grammar {
namespace {

std::optional<Unit> sugar_unit(std::string_view name) {
  if (op_by_name(name)) return std::nullopt;
  for (int arity = 1; arity <= 2; ++arity) {
    const std::optional<Unit> unit = unit_by_name(name, arity);
    if (unit && num_params(unit_template(*unit)) == 0) return unit;
  }
  return std::nullopt;
}

std::vector<std::string_view> callable_names() {
  std::vector<std::string_view> names;
  for (const OpInfo& i : kOps) {
    if (i.arity > 0) names.push_back(i.name);
  }
  const auto add_sugar = [&names](std::span<const Unit> units) {
    for (const Unit& u : units) {
      if (sugar_unit(u.name)) names.push_back(u.name);
    }
  };
  add_sugar(kUnaryUnits);
  add_sugar(kBinaryUnits);
  return names;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t m = a.size() + 1;
  const std::size_t n = b.size() + 1;
  std::vector<std::size_t> d(m * n);
  for (std::size_t i = 0; i < m; ++i) d[i * n] = i;
  for (std::size_t j = 0; j < n; ++j) d[j] = j;
  for (std::size_t i = 1; i < m; ++i) {
    for (std::size_t j = 1; j < n; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t best =
          std::min({d[(i - 1) * n + j] + 1, d[i * n + j - 1] + 1, d[(i - 1) * n + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, d[(i - 2) * n + j - 2] + 1);
      }
      d[i * n + j] = best;
    }
  }
  return d.back();
}

std::optional<Callable> callable_by_name(std::string_view name) {
  if (const std::optional<Op> op = op_by_name(name)) {
    return Callable{info(*op).name, arity(*op), op, std::nullopt};
  }
  if (const std::optional<Unit> unit = sugar_unit(name)) {
    return Callable{unit->name, unit->arity, std::nullopt, unit};
  }
  return std::nullopt;
}

std::optional<std::string_view> closest_callable(std::string_view name) {
  const std::size_t limit = name.size() <= 4 ? 1 : 2;
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (const std::string_view candidate : callable_names()) {
    const std::size_t gap =
        std::max(name.size(), candidate.size()) - std::min(name.size(), candidate.size());
    if (gap > limit) continue;  // the distance is at least the gap; skip the table
    const std::size_t d = edit_distance(name, candidate);
    if (d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace actsearch::grammar
