#include "search/report/nearest_format.hpp"

#include <cmath>

#include "grammar/print.hpp"

namespace actsearch::search {

std::string format_fitted(double value) {
  return grammar::print_number(std::abs(value) < 1e-6 ? 0.0 : value, 3);
}

std::string describe(const grammar::Nearest& nearest) {
  if (nearest.params.empty()) return nearest.name;
  std::string out = nearest.name + " (";
  for (std::size_t i = 0; i < nearest.params.size(); ++i) {
    if (i > 0) out += ", ";
    out += nearest.params[i].first + " " + format_fitted(nearest.params[i].second);
  }
  return out + ")";
}

}  // namespace actsearch::search
