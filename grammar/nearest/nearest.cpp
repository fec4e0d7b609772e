#include "grammar/nearest/nearest.hpp"

#include <algorithm>
#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <limits>
#include <optional>

#include "grammar/known.hpp"
#include "grammar/nearest/fit.hpp"
#include "grammar/parse.hpp"
#include "grammar/program/program.hpp"

namespace actsearch::grammar {
namespace nearest_detail {
namespace {

constexpr double kRange = 4.0;
constexpr int kPoints = 401;  // step 0.02

struct Grid {
  std::vector<double> x, w;
  Grid() {
    for (int i = 0; i < kPoints; ++i) {
      const double xi = -kRange + 2.0 * kRange * i / (kPoints - 1);
      x.push_back(xi);
      w.push_back(std::exp(-0.5 * xi * xi));
    }
  }
};

const Grid& grid() {
  static const Grid g;
  return g;
}

}  // namespace

std::span<const double> grid_x() { return grid().x; }
std::span<const double> grid_w() { return grid().w; }

double scaled_distance(const Samples& s, std::span<const double> h) {
  double fh = 0.0, hh = 0.0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (!std::isfinite(h[i])) return std::numeric_limits<double>::infinity();
    fh += s.w[i] * s.f[i] * h[i];
    hh += s.w[i] * h[i] * h[i];
  }
  const double c = hh > 0.0 ? std::max(0.0, fh / hh) : 0.0;
  double residual = 0.0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    const double r = s.f[i] - c * h[i];
    residual += s.w[i] * r * r;
  }
  return std::sqrt(residual / s.norm);
}

}  // namespace nearest_detail

namespace {

using nearest_detail::Fit;
using nearest_detail::Samples;

// A named candidate: a grammar expression with at most one parameter (beta) to fit over
// [lo, hi], searched on a log scale when `log_scale`.
struct Candidate {
  std::string_view name;
  std::string_view expression;  // empty: the known activation's own expression
  std::string_view param;       // empty: nothing to fit
  double lo = 0.0, hi = 0.0;
  bool log_scale = false;
};

// Order matters on ties (the first wins): relu-like shapes before smooth ones.
// clang-format off
constexpr Candidate kCandidates[] = {
  {"leaky_relu", "max(x, beta*x)",    "a",    -2.0, 1.0,  false},
  {"swish",      "x*sigmoid(beta*x)", "beta", 0.05, 20.0, true},
  {"elu", "", "", 0, 0, false},      {"selu", "", "", 0, 0, false},
  {"gelu", "", "", 0, 0, false},     {"mish", "", "", 0, 0, false},
  {"softplus", "", "", 0, 0, false}, {"tanh", "", "", 0, 0, false},
  {"sigmoid", "", "", 0, 0, false},
};
// clang-format on

std::vector<double> values(const Program& p, std::span<const double> params) {
  std::vector<double> out(nearest_detail::grid_x().size());
  p.run(nearest_detail::grid_x(), params, out);
  return out;
}

const std::vector<Program>& candidate_programs() {
  static const std::vector<Program> programs = [] {
    std::vector<Program> out;
    for (const Candidate& c : kCandidates) {
      const std::string_view text =
          c.expression.empty() ? known_by_name(c.name)->expression : c.expression;
      out.emplace_back(parse(text));
    }
    return out;
  }();
  return programs;
}

// Grid search over the parameter's range, then Brent's method between the best point's
// neighbours.
Fit fit_one(const Samples& s, const Candidate& c, const Program& p) {
  if (c.param.empty()) return {nearest_detail::scaled_distance(s, values(p, {})), {}};
  const auto to_param = [&](double u) { return c.log_scale ? std::exp(u) : u; };
  const auto distance = [&](double u) {
    const double beta = to_param(u);
    return nearest_detail::scaled_distance(s, values(p, std::span<const double>(&beta, 1)));
  };
  const double lo = c.log_scale ? std::log(c.lo) : c.lo;
  const double hi = c.log_scale ? std::log(c.hi) : c.hi;
  constexpr int kSteps = 40;
  int best = 0;
  double best_distance = std::numeric_limits<double>::infinity();
  for (int i = 0; i <= kSteps; ++i) {
    const double d = distance(lo + (hi - lo) * i / kSteps);
    if (d < best_distance) best = i, best_distance = d;
  }
  const double a = lo + (hi - lo) * std::max(best - 1, 0) / kSteps;
  const double b = lo + (hi - lo) * std::min(best + 1, kSteps) / kSteps;
  const auto [u, d] = boost::math::tools::brent_find_minima(distance, a, b, 40);
  if (d < best_distance) return {d, {{std::string(c.param), to_param(u)}}};
  return {best_distance, {{std::string(c.param), to_param(lo + (hi - lo) * best / kSteps)}}};
}

std::optional<Samples> sample(const Expr& e, std::span<const double> params) {
  const std::vector<double> inits = param_inits(e);
  if (params.empty()) params = inits;
  if (params.size() != inits.size()) return std::nullopt;
  Samples s{nearest_detail::grid_x(), nearest_detail::grid_w(), values(Program(e), params), 0.0};
  for (std::size_t i = 0; i < s.f.size(); ++i) {
    if (!std::isfinite(s.f[i])) return std::nullopt;
    s.norm += s.w[i] * s.f[i] * s.f[i];
  }
  if (!(s.norm > 0.0) || !std::isfinite(s.norm)) return std::nullopt;
  return s;
}

}  // namespace

Nearest nearest_known(const Expr& e, std::span<const double> params) {
  const std::optional<Samples> s = sample(e, params);
  if (!s) return {"none", {}, std::numeric_limits<double>::quiet_NaN()};
  Nearest best{"none", {}, std::numeric_limits<double>::infinity()};
  const std::vector<Program>& programs = candidate_programs();
  for (std::size_t i = 0; i < programs.size(); ++i) {
    Fit fit = fit_one(*s, kCandidates[i], programs[i]);
    if (fit.distance < best.distance) {
      best = {std::string(kCandidates[i].name), std::move(fit.params), fit.distance};
    }
  }
  Fit pwl = nearest_detail::fit_piecewise_linear(*s);
  if (pwl.distance <= kPiecewiseExact && best.distance > kPiecewiseExact) {
    best = {"piecewise_linear", std::move(pwl.params), pwl.distance};
  }
  return best;
}

}  // namespace actsearch::grammar
