#pragma once
// Statistics for comparing activation functions over seeds. Distributions, means and
// variances come from Boost.Math. Numeric trouble is a value: a result that is undefined for
// its input (too few values, a NaN input) is NaN, never an exception; an infinite input (a
// diverged loss) propagates as IEEE arithmetic does, so callers clamp losses first.

#include <cstddef>
#include <span>
#include <vector>

namespace actsearch::search {

/// Arithmetic mean; NaN for no values.
double mean(std::span<const double> xs);

/// Sample standard deviation (n - 1 denominator). One value gives 0 (no spread can be
/// observed, matching the degenerate interval of ci95_mean); no values give NaN.
double sample_std(std::span<const double> xs);

struct Interval {
  double lo = 0.0;
  double hi = 0.0;
};

/// Two-sided 95% confidence interval of the mean: mean -/+ t(0.975, n - 1) * s / sqrt(n).
/// n = 1 gives the degenerate interval [x, x]: one seed says nothing about spread, so
/// callers must show the seed count beside it. n = 0 gives [NaN, NaN].
Interval ci95_mean(std::span<const double> xs);

/// n, mean, sample std and 95% CI in one call.
struct MeanCI {
  std::size_t n = 0;
  double mean = 0.0;
  double std = 0.0;
  Interval ci95;
};
MeanCI mean_ci(std::span<const double> xs);

/// Welch's unequal-variance t-test of mean(a) == mean(b).
struct WelchResult {
  double t = 0.0;    // (mean(a) - mean(b)) / sqrt(var(a)/na + var(b)/nb)
  double dof = 0.0;  // Welch-Satterthwaite degrees of freedom
  double p = 1.0;    // two-sided p-value
};

/// Needs at least 2 values on each side, else every field is NaN. When both sides have zero
/// variance the t statistic is undefined and the answer is exact instead: p = 1 when the
/// means are equal (t = 0), p = 0 when they differ (t = +/-inf); dof is then NaN. A NaN
/// value in either sample gives NaN fields.
WelchResult welch_t_test(std::span<const double> a, std::span<const double> b);

/// Holm-Bonferroni step-down adjustment, in input order: sorted ascending, the i-th smallest
/// of m p-values becomes max over j <= i of min(1, (m - j + 1) p_(j)), so adjusted values
/// are monotone in p and capped at 1. NaN p-values stay NaN and do not count in m.
std::vector<double> holm_adjust(std::span<const double> p_values);

/// Ranks 1..n with ties given the mean of the ranks they span (NaN input: unspecified rank).
std::vector<double> average_ranks(std::span<const double> xs);

/// Spearman rank correlation: the Pearson correlation of the average ranks. NaN when the
/// sizes differ, n < 2, either side holds a NaN, or either side is constant (undefined).
double spearman(std::span<const double> x, std::span<const double> y);

}  // namespace actsearch::search
