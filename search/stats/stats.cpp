#include "search/stats/stats.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/statistics/bivariate_statistics.hpp>
#include <boost/math/statistics/univariate_statistics.hpp>
#include <cmath>
#include <limits>
#include <numeric>

namespace actsearch::search {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool any_nan(std::span<const double> xs) {
  return std::any_of(xs.begin(), xs.end(), [](double x) { return std::isnan(x); });
}

// Sample variance, 0 for one value (see sample_std).
double sample_variance(std::span<const double> xs) {
  if (xs.size() < 2) return 0.0;
  return boost::math::statistics::mean_and_sample_variance(xs.begin(), xs.end()).second;
}

// Two-sided tail probability P(|T| >= |t|) of Student's t with `dof` degrees of freedom.
// Boost's default policy throws on a non-finite argument, so those are answered here.
double two_sided_p(double t, double dof) {
  if (std::isnan(t) || !(dof > 0.0) || !std::isfinite(dof)) return kNaN;
  if (std::isinf(t)) return 0.0;
  const boost::math::students_t_distribution<double> student(dof);
  return 2.0 * boost::math::cdf(boost::math::complement(student, std::abs(t)));
}

}  // namespace

double mean(std::span<const double> xs) {
  if (xs.empty()) return kNaN;
  return boost::math::statistics::mean(xs.begin(), xs.end());
}

double sample_std(std::span<const double> xs) {
  if (xs.empty()) return kNaN;
  return std::sqrt(sample_variance(xs));
}

Interval ci95_mean(std::span<const double> xs) {
  const double m = mean(xs);
  if (xs.size() < 2 || std::isnan(m)) return {m, m};
  const double n = static_cast<double>(xs.size());
  const boost::math::students_t_distribution<double> student(n - 1.0);
  const double half = boost::math::quantile(student, 0.975) * sample_std(xs) / std::sqrt(n);
  return {m - half, m + half};
}

MeanCI mean_ci(std::span<const double> xs) {
  return {xs.size(), mean(xs), sample_std(xs), ci95_mean(xs)};
}

WelchResult welch_t_test(std::span<const double> a, std::span<const double> b) {
  if (a.size() < 2 || b.size() < 2 || any_nan(a) || any_nan(b)) return {kNaN, kNaN, kNaN};
  const double na = static_cast<double>(a.size());
  const double nb = static_cast<double>(b.size());
  const double va = sample_variance(a) / na;  // squared standard error of each mean
  const double vb = sample_variance(b) / nb;
  const double diff = mean(a) - mean(b);
  if (va + vb == 0.0) {
    if (diff == 0.0) return {0.0, kNaN, 1.0};
    return {std::copysign(std::numeric_limits<double>::infinity(), diff), kNaN, 0.0};
  }
  WelchResult r;
  r.t = diff / std::sqrt(va + vb);
  // Welch-Satterthwaite in terms of the shares of va + vb, so tiny or huge variances do not
  // underflow or overflow when squared.
  const double wa = va / (va + vb);
  const double wb = vb / (va + vb);
  r.dof = 1.0 / (wa * wa / (na - 1.0) + wb * wb / (nb - 1.0));
  r.p = two_sided_p(r.t, r.dof);
  return r;
}

std::vector<double> holm_adjust(std::span<const double> p_values) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p_values.size(); ++i) {
    if (!std::isnan(p_values[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return p_values[i] < p_values[j]; });
  std::vector<double> adjusted(p_values.begin(), p_values.end());
  const std::size_t m = order.size();
  double running_max = 0.0;
  for (std::size_t k = 0; k < m; ++k) {
    const double scaled = static_cast<double>(m - k) * p_values[order[k]];
    running_max = std::max(running_max, std::min(1.0, scaled));
    adjusted[order[k]] = running_max;
  }
  return adjusted;
}

std::vector<double> average_ranks(std::span<const double> xs) {
  std::vector<std::size_t> order(xs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return xs[i] < xs[j]; });
  std::vector<double> ranks(xs.size());
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin + 1;
    while (end < order.size() && xs[order[end]] == xs[order[begin]]) ++end;
    // Positions begin..end-1 hold ranks begin+1..end: their mean is (begin + 1 + end) / 2.
    const double rank = (static_cast<double>(begin + 1) + static_cast<double>(end)) / 2.0;
    for (std::size_t k = begin; k < end; ++k) ranks[order[k]] = rank;
    begin = end;
  }
  return ranks;
}

double spearman(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size() || x.size() < 2 || any_nan(x) || any_nan(y)) return kNaN;
  const std::vector<double> rx = average_ranks(x);
  const std::vector<double> ry = average_ranks(y);
  const auto constant = [](const std::vector<double>& r) {
    return std::all_of(r.begin(), r.end(), [&](double v) { return v == r.front(); });
  };
  if (constant(rx) || constant(ry)) return kNaN;
  return boost::math::statistics::correlation_coefficient(rx, ry);
}

}  // namespace actsearch::search
