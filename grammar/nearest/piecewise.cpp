// The piecewise-linear candidate of nearest_known: for fixed breakpoints the best continuous
// piecewise-linear function is a weighted linear least-squares problem in the basis
// {1, x, max(x - t1, 0), max(x - t2, 0)}. Every entry of its normal equations is a
// polynomial in the breakpoints over suffix sums of w x^k and w f x^k, so one trial costs a
// binary search instead of a pass over the samples; the breakpoints are searched on a
// coarse grid, then on finer grids around the best pair.
#include "grammar/base/eigen.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "grammar/nearest/fit.hpp"

namespace actsearch::grammar::nearest_detail {
namespace {

constexpr double kBreakLimit = 3.0;  // breakpoints beyond +/-3 barely carry weight
constexpr double kCoarseStep = 0.1;
constexpr double kThirdSegmentGain = 0.002;  // a third segment must lower d by this much
constexpr const char* kBreakNames[] = {"t1", "t2"};
constexpr const char* kSlopeNames[] = {"s1", "s2", "s3"};

// Suffix sums over the samples with x > x[i]: s[k][i] = sum w x^k (k = 0..2) and
// g[k][i] = sum w f x^k (k = 0, 1); index n holds zeros.
struct Moments {
  std::vector<double> s[3], g[2];
  double norm = 0.0;
  std::span<const double> x;

  explicit Moments(const Samples& samples) : norm(samples.norm), x(samples.x) {
    const std::size_t n = x.size();
    for (auto& v : s) v.assign(n + 1, 0.0);
    for (auto& v : g) v.assign(n + 1, 0.0);
    for (std::size_t i = n; i-- > 0;) {
      const double w = samples.w[i], xi = x[i], wf = w * samples.f[i];
      s[0][i] = s[0][i + 1] + w;
      s[1][i] = s[1][i + 1] + w * xi;
      s[2][i] = s[2][i + 1] + w * xi * xi;
      g[0][i] = g[0][i + 1] + wf;
      g[1][i] = g[1][i + 1] + wf * xi;
    }
  }

  // First sample strictly right of t.
  std::size_t after(double t) const {
    return static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), t) - x.begin());
  }
};

struct Solved {
  double distance = std::numeric_limits<double>::infinity();
  std::vector<double> breaks;
  std::vector<double> coef;  // offset, slope, then one hinge coefficient per breakpoint
};

// The normal equations for K = 2 + breaks.size() basis functions; each basis function is
// c0 + c1 x on x > t (t = -inf for 1 and x).
template <int K>
Solved solve_fixed(const Moments& m, const std::vector<double>& breaks) {
  struct Piece {
    double c0, c1;
    std::size_t from;
  };
  Piece piece[K];
  piece[0] = {1.0, 0.0, 0};
  piece[1] = {0.0, 1.0, 0};
  for (int j = 2; j < K; ++j) {
    const double t = breaks[static_cast<std::size_t>(j - 2)];
    piece[j] = {-t, 1.0, m.after(t)};
  }
  Eigen::Matrix<double, K, K> gram;
  Eigen::Matrix<double, K, 1> rhs;
  for (int a = 0; a < K; ++a) {
    for (int b = 0; b < K; ++b) {
      const std::size_t i = std::max(piece[a].from, piece[b].from);
      gram(a, b) = piece[a].c0 * piece[b].c0 * m.s[0][i] +
                   (piece[a].c0 * piece[b].c1 + piece[a].c1 * piece[b].c0) * m.s[1][i] +
                   piece[a].c1 * piece[b].c1 * m.s[2][i];
    }
    rhs[a] = piece[a].c0 * m.g[0][piece[a].from] + piece[a].c1 * m.g[1][piece[a].from];
  }
  const Eigen::Matrix<double, K, 1> coef = gram.ldlt().solve(rhs);
  const double residual = std::max(m.norm - coef.dot(rhs), 0.0);
  Solved out{std::sqrt(residual / m.norm), breaks,
             std::vector<double>(coef.data(), coef.data() + K)};
  if (!std::isfinite(out.distance)) out.distance = std::numeric_limits<double>::infinity();
  return out;
}

Solved solve(const Moments& m, const std::vector<double>& breaks) {
  return breaks.size() == 1 ? solve_fixed<3>(m, breaks) : solve_fixed<4>(m, breaks);
}

// The reported distance, point by point: the normal equations lose digits near zero.
double exact_distance(const Samples& s, const Solved& solved) {
  double residual = 0.0;
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    double v = solved.coef[0] + solved.coef[1] * s.x[i];
    for (std::size_t j = 0; j < solved.breaks.size(); ++j) {
      v += solved.coef[j + 2] * std::max(s.x[i] - solved.breaks[j], 0.0);
    }
    residual += s.w[i] * (s.f[i] - v) * (s.f[i] - v);
  }
  const double d = std::sqrt(residual / s.norm);
  return std::isfinite(d) ? d : std::numeric_limits<double>::infinity();
}

// Breakpoints t1 < t2 (or t1 alone) within `radius` of `centre`, on a grid of `step`.
Solved search(const Moments& m, const std::vector<double>& centre, double radius, double step) {
  const int n = static_cast<int>(std::lround(radius / step));
  const auto at = [&](std::size_t j, int i) {
    return std::clamp(centre[j] + i * step, -kBreakLimit, kBreakLimit);
  };
  Solved best;
  for (int i = -n; i <= n; ++i) {
    if (centre.size() == 1) {
      Solved trial = solve(m, {at(0, i)});
      if (trial.distance < best.distance) best = std::move(trial);
      continue;
    }
    for (int j = -n; j <= n; ++j) {
      if (at(1, j) - at(0, i) < 0.5 * step) continue;
      Solved trial = solve(m, {at(0, i), at(1, j)});
      if (trial.distance < best.distance) best = std::move(trial);
    }
  }
  return best;
}

Solved fit(const Samples& s, const Moments& m, std::size_t breakpoints) {
  const std::vector<double> centre(breakpoints, 0.0);
  Solved best = search(m, centre, kBreakLimit, kCoarseStep);
  for (const double step : {0.02, 0.004}) {
    if (best.breaks.empty()) break;
    Solved finer = search(m, best.breaks, 5 * step, step);
    if (finer.distance < best.distance) best = std::move(finer);
  }
  if (!best.breaks.empty()) best.distance = exact_distance(s, best);
  return best;
}

Fit to_fit(const Solved& solved) {
  Fit out{solved.distance, {}};
  for (std::size_t j = 0; j < solved.breaks.size(); ++j) {
    out.params.emplace_back(kBreakNames[j], solved.breaks[j]);
  }
  double slope = solved.coef[1];
  out.params.emplace_back(kSlopeNames[0], slope);
  for (std::size_t j = 0; j < solved.breaks.size(); ++j) {
    slope += solved.coef[j + 2];
    out.params.emplace_back(kSlopeNames[j + 1], slope);
  }
  return out;
}

}  // namespace

Fit fit_piecewise_linear(const Samples& s) {
  const Moments m(s);
  const Solved two = fit(s, m, 1);
  const Solved three = fit(s, m, 2);
  if (two.breaks.empty()) return {std::numeric_limits<double>::infinity(), {}};
  return to_fit(three.distance + kThirdSegmentGain < two.distance ? three : two);
}

}  // namespace actsearch::grammar::nearest_detail
