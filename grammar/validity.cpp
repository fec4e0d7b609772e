#include "grammar/validity.hpp"

#include <algorithm>
#include <cmath>

#include "grammar/derivative.hpp"
#include "grammar/fingerprint.hpp"
#include "grammar/simplify.hpp"

namespace actsearch::grammar {
namespace {

constexpr int kGridHalf = 200;       // points on each side of 0
constexpr double kGridStep = 0.025;  // so the grid spans [-5, 5]
constexpr double kOverflow = 1e12;
constexpr double kFlatTolerance = 1e-9;  // relative spread that counts as constant

std::vector<double> grid() {
  std::vector<double> xs;
  xs.reserve(2 * kGridHalf + 1);
  for (int i = -kGridHalf; i <= kGridHalf; ++i) xs.push_back(i * kGridStep);
  return xs;
}

bool all_finite(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(),
                     [](double v) { return std::isfinite(v) && std::abs(v) <= kOverflow; });
}

bool flat(const std::vector<double>& values) {
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  const double scale = std::max({1.0, std::abs(*lo), std::abs(*hi)});
  return *hi - *lo <= kFlatTolerance * scale;
}

// Values at the initial parameters and at the second fingerprint setting.
struct Samples {
  std::vector<double> initial;
  std::vector<double> second;
  bool flat_at_both() const { return flat(initial) && flat(second); }
};

Samples sample_both(const Expr& e, const std::vector<double>& xs,
                    const std::vector<double>& initial, const std::vector<double>& second) {
  return {sample(e, xs, initial), sample(e, xs, second)};
}

Verdict rejected(std::string reason) {
  return {false, std::move(reason)};
}

}  // namespace

Verdict screen(const Expr& e) {
  const std::vector<double> xs = grid();
  const std::vector<double> initial = param_inits(e);
  const std::vector<double> second = second_setting(e);
  const Samples f = sample_both(e, xs, initial, second);
  if (!all_finite(f.initial)) return rejected("not finite on [-5, 5]");
  if (!uses_x(simplify(e))) return rejected("does not depend on x");
  if (f.flat_at_both()) return rejected("constant");
  const Samples df = sample_both(derivative(e), xs, initial, second);
  if (!all_finite(df.initial)) return rejected("derivative not finite on [-5, 5]");
  if (df.flat_at_both()) return rejected("linear");
  return {};
}

}  // namespace actsearch::grammar
