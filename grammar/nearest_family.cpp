// family_of: the rules documented in nearest.hpp.
#include <cmath>
#include <map>
#include <vector>

#include "grammar/nearest.hpp"
#include "grammar/program.hpp"

namespace actsearch::grammar {
namespace {

constexpr double kPeriodicRange = 5.0;
constexpr int kPeriodicPoints = 1001;  // step 0.01
constexpr int kPeriodicExtrema = 3;

// Local extrema of f on [-5, 5]: sign changes of its differences, flat stretches skipped,
// so the kink of a ReLU or a plateau counts once at most.
int local_extrema(const Expr& e, std::span<const double> params) {
  std::vector<double> x(kPeriodicPoints), f(kPeriodicPoints);
  for (int i = 0; i < kPeriodicPoints; ++i) {
    x[static_cast<std::size_t>(i)] =
        -kPeriodicRange + 2.0 * kPeriodicRange * i / (kPeriodicPoints - 1);
  }
  const std::vector<double> inits = param_inits(e);
  if (params.size() != inits.size()) params = inits;
  Program(e).run(x, params, f);
  int extrema = 0, last_sign = 0;
  for (std::size_t i = 1; i < f.size(); ++i) {
    const double d = f[i] - f[i - 1];
    const double tolerance = 1e-12 * (1.0 + std::abs(f[i]));
    if (!std::isfinite(d) || std::abs(d) <= tolerance) continue;
    const int sign = d > 0 ? 1 : -1;
    if (last_sign != 0 && sign != last_sign) ++extrema;
    last_sign = sign;
  }
  return extrema;
}

}  // namespace

std::string family_of(const Expr& e, const Nearest& nearest, std::span<const double> params) {
  static const std::map<std::string, std::string, std::less<>> kFamilyOf{
      {"swish", "swish-like"},
      {"gelu", "swish-like"},
      {"mish", "swish-like"},
      {"leaky_relu", "piecewise-linear"},
      {"piecewise_linear", "piecewise-linear"},
      {"elu", "relu-like smooth"},
      {"selu", "relu-like smooth"},
      {"softplus", "relu-like smooth"},
      {"tanh", "saturating"},
      {"sigmoid", "saturating"},
  };
  if (nearest.name == "none") return "other";
  if (local_extrema(e, params) >= kPeriodicExtrema) return "periodic";
  if (!(nearest.distance <= kFamilyRadius)) return "other";
  if (nearest.name == "leaky_relu" && nearest.distance > kPiecewiseExact) {
    return "relu-like smooth";
  }
  const auto it = kFamilyOf.find(nearest.name);
  return it == kFamilyOf.end() ? "other" : it->second;
}

}  // namespace actsearch::grammar
