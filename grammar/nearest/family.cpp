// family_of: the rules documented in nearest.hpp.
#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "grammar/nearest/nearest.hpp"
#include "grammar/program/program.hpp"

namespace actsearch::grammar {
namespace {

constexpr double kShapeRange = 8.0;
constexpr int kShapePoints = 1601;  // step 0.01
constexpr std::size_t kPeriodicExtrema = 4;
constexpr double kPeriodicGapRatio = 1.6;
constexpr double kDipRange = 5.0;  // a swish's dip must lie in [-5, 0)

struct Extremum {
  double x = 0.0;
  bool minimum = false;
};

// Local extrema of f on [-8, 8]: sign changes of its differences, flat stretches skipped,
// so the kink of a ReLU or a plateau counts once at most.
std::vector<Extremum> local_extrema(const Expr& e, std::span<const double> params) {
  std::vector<double> x(kShapePoints), f(kShapePoints);
  for (int i = 0; i < kShapePoints; ++i) {
    x[static_cast<std::size_t>(i)] = -kShapeRange + 2.0 * kShapeRange * i / (kShapePoints - 1);
  }
  const std::vector<double> inits = param_inits(e);
  if (params.size() != inits.size()) params = inits;
  Program(e).run(x, params, f);
  std::vector<Extremum> out;
  int last_sign = 0;
  for (std::size_t i = 1; i < f.size(); ++i) {
    const double d = f[i] - f[i - 1];
    const double tolerance = 1e-12 * (1.0 + std::abs(f[i]));
    if (!std::isfinite(d) || std::abs(d) <= tolerance) continue;
    const int sign = d > 0 ? 1 : -1;
    if (last_sign != 0 && sign != last_sign) out.push_back({x[i - 1], sign > 0});
    last_sign = sign;
  }
  return out;
}

// Oscillating: at least four extrema, evenly spaced over at least half of [-8, 8] (a W shape
// or a wiggle near 0 is not).
bool periodic(const std::vector<Extremum>& extrema) {
  if (extrema.size() < kPeriodicExtrema) return false;
  if (extrema.back().x - extrema.front().x < kShapeRange) return false;
  double smallest = INFINITY, largest = 0.0;
  for (std::size_t i = 1; i < extrema.size(); ++i) {
    const double gap = extrema[i].x - extrema[i - 1].x;
    smallest = std::min(smallest, gap);
    largest = std::max(largest, gap);
  }
  return largest <= kPeriodicGapRatio * smallest;
}

// Swish's signature: a dip, a local minimum at some x in [-5, 0).
bool has_negative_dip(const std::vector<Extremum>& extrema) {
  return std::any_of(extrema.begin(), extrema.end(),
                     [](const Extremum& e) { return e.minimum && e.x >= -kDipRange && e.x < 0.0; });
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
  const std::vector<Extremum> extrema = local_extrema(e, params);
  if (periodic(extrema)) return "periodic";
  if (!(nearest.distance <= kFamilyRadius)) return "other";
  const auto it = kFamilyOf.find(nearest.name);
  if (it == kFamilyOf.end()) return "other";
  if (it->second == "piecewise-linear" && nearest.distance > kPiecewiseExact) {
    return "relu-like smooth";  // near a leaky ReLU but rounded
  }
  if (it->second == "swish-like" && !has_negative_dip(extrema)) return "relu-like smooth";
  return it->second;
}

}  // namespace actsearch::grammar
