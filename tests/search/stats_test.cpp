// Statistics against published numbers (R's t.test on the `sleep` data, p.adjust) and
// closed forms of Student's t for 1 and 2 degrees of freedom, computed here independently.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "search/stats/stats.hpp"

namespace actsearch::search {
namespace {

// R's `sleep` data set: extra hours of sleep under two drugs.
const std::vector<double> kSleep1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
const std::vector<double> kSleep2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

// Two-sided p of Student's t in closed form: Cauchy for 1 dof, and
// F(t) = 1/2 + t / (2 sqrt(2 + t^2)) for 2 dof.
double p_dof1(double t) { return 1.0 - 2.0 / std::numbers::pi * std::atan(std::abs(t)); }
double p_dof2(double t) { return 1.0 - std::abs(t) / std::sqrt(2.0 + t * t); }

TEST(Stats, MeanAndSampleStd) {
  const std::vector<double> xs = {2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_DOUBLE_EQ(mean(xs), 5.0);
  EXPECT_DOUBLE_EQ(sample_std(xs), std::sqrt(32.0 / 7.0));
  EXPECT_TRUE(std::isnan(mean({})));
  EXPECT_TRUE(std::isnan(sample_std({})));
  const std::vector<double> one = {3.5};
  EXPECT_EQ(sample_std(one), 0.0);
}

TEST(Stats, ConfidenceIntervalMatchesR) {
  // R: t.test(sleep$extra[1:10]) -> 95 percent confidence interval -0.5297804 2.0297804
  const Interval ci = ci95_mean(kSleep1);
  EXPECT_NEAR(ci.lo, -0.5297804, 1e-7);
  EXPECT_NEAR(ci.hi, 2.0297804, 1e-7);
}

TEST(Stats, ConfidenceIntervalUsesStudentQuantiles) {
  // n = 2: t(0.975, 1) = tan(0.475 pi); s = sqrt(2) for {0, 2}; half width = t * s / sqrt(2).
  const std::vector<double> two = {0.0, 2.0};
  const double half1 = std::tan(0.475 * std::numbers::pi);
  EXPECT_NEAR(ci95_mean(two).hi, 1.0 + half1, 1e-9);
  // n = 3: t(0.975, 2) solves t / sqrt(2 + t^2) = 0.95; s = 1 for {1, 2, 3}.
  const std::vector<double> three = {1.0, 2.0, 3.0};
  const double t2 = std::sqrt(0.9025 * 2.0 / (1.0 - 0.9025));
  EXPECT_NEAR(ci95_mean(three).lo, 2.0 - t2 / std::sqrt(3.0), 1e-9);
}

TEST(Stats, OneValueGivesADegenerateInterval) {
  const std::vector<double> one = {0.25};
  const MeanCI s = mean_ci(one);
  EXPECT_EQ(s.n, 1u);
  EXPECT_EQ(s.mean, 0.25);
  EXPECT_EQ(s.ci95.lo, 0.25);
  EXPECT_EQ(s.ci95.hi, 0.25);
  EXPECT_TRUE(std::isnan(mean_ci({}).ci95.lo));
}

TEST(Stats, WelchMatchesRSleepExample) {
  // R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939
  const WelchResult r = welch_t_test(kSleep1, kSleep2);
  EXPECT_NEAR(r.t, -1.8608, 5e-5);
  EXPECT_NEAR(r.dof, 17.776, 5e-4);
  EXPECT_NEAR(r.p, 0.07939, 5e-6);
  const WelchResult swapped = welch_t_test(kSleep2, kSleep1);
  EXPECT_DOUBLE_EQ(swapped.t, -r.t);
  EXPECT_DOUBLE_EQ(swapped.p, r.p);
}

TEST(Stats, WelchMatchesClosedFormsForOneAndTwoDof) {
  // Equal variances, 2 values each: dof = 2; t = (1 - 4) / sqrt(2/2 + 2/2).
  const std::vector<double> a = {0.0, 2.0};
  const std::vector<double> b = {3.0, 5.0};
  const WelchResult two = welch_t_test(a, b);
  EXPECT_NEAR(two.dof, 2.0, 1e-12);
  EXPECT_NEAR(two.t, -3.0 / std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(two.p, p_dof2(two.t), 1e-12);
  // One side constant: the other's 2 values give dof = 1; t = (5 - 1) / sqrt(2 / 2) = 4.
  const std::vector<double> c = {5.0, 5.0, 5.0};
  const WelchResult one = welch_t_test(c, a);
  EXPECT_NEAR(one.dof, 1.0, 1e-12);
  EXPECT_NEAR(one.t, 4.0, 1e-12);
  EXPECT_NEAR(one.p, p_dof1(4.0), 1e-12);
}

TEST(Stats, WelchIsScaleInvariant) {
  // Variances near 1e-300 square to below the smallest double: dof must not depend on that.
  std::vector<double> a = kSleep1;
  std::vector<double> b = kSleep2;
  for (double& x : a) x *= 1e-150;
  for (double& x : b) x *= 1e-150;
  const WelchResult small = welch_t_test(a, b);
  const WelchResult plain = welch_t_test(kSleep1, kSleep2);
  EXPECT_NEAR(small.t, plain.t, 1e-12);
  EXPECT_NEAR(small.dof, plain.dof, 1e-9);
  EXPECT_NEAR(small.p, plain.p, 1e-12);
}

TEST(Stats, WelchZeroVarianceAndTooFewValues) {
  const std::vector<double> ones3 = {1, 1, 1};
  const std::vector<double> ones2 = {1, 1};
  const std::vector<double> twos = {2, 2, 2};
  EXPECT_EQ(welch_t_test(ones3, ones2).p, 1.0);
  EXPECT_EQ(welch_t_test(ones3, ones2).t, 0.0);
  EXPECT_EQ(welch_t_test(ones2, twos).p, 0.0);
  EXPECT_EQ(welch_t_test(ones2, twos).t, -INFINITY);
  const std::vector<double> single = {1.0};
  EXPECT_TRUE(std::isnan(welch_t_test(single, twos).p));
  const std::vector<double> with_nan = {1.0, NAN};
  EXPECT_TRUE(std::isnan(welch_t_test(with_nan, kSleep1).p));
}

TEST(Stats, HolmMatchesRPAdjust) {
  // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") -> 0.03 0.06 0.06 0.02
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const std::vector<double> adj = holm_adjust(p);
  const std::vector<double> expected = {0.03, 0.06, 0.06, 0.02};
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(adj[i], expected[i], 1e-15) << i;
}

TEST(Stats, HolmIsCappedMonotoneAndSkipsNaN) {
  EXPECT_EQ(holm_adjust(std::vector<double>{0.6, 0.7}), (std::vector<double>{1.0, 1.0}));
  EXPECT_EQ(holm_adjust(std::vector<double>{0.6, 0.2}), (std::vector<double>{0.6, 0.4}));
  const std::vector<double> adj = holm_adjust(std::vector<double>{0.01, NAN, 0.04});
  EXPECT_DOUBLE_EQ(adj[0], 0.02);  // m = 2: the NaN does not count
  EXPECT_TRUE(std::isnan(adj[1]));
  EXPECT_DOUBLE_EQ(adj[2], 0.04);
  EXPECT_TRUE(holm_adjust({}).empty());
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(0.0, 0.3);
  std::vector<double> many(50);
  for (double& x : many) x = u(rng);
  const std::vector<double> m = holm_adjust(many);
  for (std::size_t i = 0; i < many.size(); ++i) {
    EXPECT_GE(m[i], many[i]);
    EXPECT_LE(m[i], 1.0);
    for (std::size_t j = 0; j < many.size(); ++j) {
      if (many[i] < many[j]) {
        EXPECT_LE(m[i], m[j]);
      }
    }
  }
}

TEST(Stats, AverageRanksShareTies) {
  const std::vector<double> xs = {10, 20, 10, 30, 20, 20};
  EXPECT_EQ(average_ranks(xs), (std::vector<double>{1.5, 4, 1.5, 6, 4, 4}));
}

TEST(Stats, SpearmanWithTiesByHand) {
  // Ranks of y: 1, 2, 3.5, 5, 3.5; against 1..5: r = 8 / sqrt(10 * 9.5).
  const std::vector<double> x = {1, 2, 3, 4, 5};
  const std::vector<double> y = {5, 6, 7, 8, 7};
  EXPECT_NEAR(spearman(x, y), 8.0 / std::sqrt(95.0), 1e-12);
  const std::vector<double> down = {9, 7, 5, 3, 1};
  EXPECT_DOUBLE_EQ(spearman(x, down), -1.0);
  const std::vector<double> flat = {2, 2, 2, 2, 2};
  EXPECT_TRUE(std::isnan(spearman(x, flat)));
  EXPECT_TRUE(std::isnan(spearman(x, std::vector<double>{1, 2})));
}

TEST(Stats, SpearmanWithoutTiesMatchesTheRankDifferenceFormula) {
  std::mt19937 rng(11);
  std::vector<double> x(30);
  std::vector<double> y(30);
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = static_cast<double>(i) * 1.5;
    y[i] = static_cast<double>(i * 7 % 31);  // distinct: 7 is invertible mod 31
  }
  std::shuffle(x.begin(), x.end(), rng);
  const std::vector<double> rx = average_ranks(x);
  const std::vector<double> ry = average_ranks(y);
  double d2 = 0;
  for (std::size_t i = 0; i < x.size(); ++i) d2 += (rx[i] - ry[i]) * (rx[i] - ry[i]);
  const double n = static_cast<double>(x.size());
  EXPECT_NEAR(spearman(x, y), 1.0 - 6.0 * d2 / (n * (n * n - 1.0)), 1e-12);
}

}  // namespace
}  // namespace actsearch::search
