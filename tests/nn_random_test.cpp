// The training RNG: reproducible, streams apart, unbiased ranges and permutations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "nn/random.hpp"

namespace actsearch::nn {
namespace {

TEST(Random, SameSeedAndStreamSameSequence) {
  Rng a(42, 1), b(42, 1), c(42, 2), d(43, 1);
  for (int i = 0; i < 100; ++i) {
    const std::uint64_t x = a.next();
    EXPECT_EQ(x, b.next());
    EXPECT_NE(x, c.next());
    EXPECT_NE(x, d.next());
  }
}

TEST(Random, RangesAndMoments) {
  Rng rng(7);
  const int n = 200000;
  double sum = 0, sum_sq = 0, normal_sum = 0, normal_sq = 0;
  std::vector<int> counts(7, 0);
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_sq += u * u;
    const double z = rng.normal();
    normal_sum += z;
    normal_sq += z * z;
    ++counts[rng.below(7)];
  }
  EXPECT_NEAR(sum / n, 0.5, 0.005);
  EXPECT_NEAR(sum_sq / n - 0.25, 1.0 / 12, 0.002);
  EXPECT_NEAR(normal_sum / n, 0.0, 0.01);
  EXPECT_NEAR(normal_sq / n, 1.0, 0.01);
  for (int c : counts) EXPECT_NEAR(c, n / 7.0, 5 * std::sqrt(n / 7.0));
}

TEST(Random, PermutationsArePermutationsAndDiffer) {
  Rng rng(3);
  std::vector<std::int64_t> a(1000), b(1000);
  random_permutation(rng, a);
  random_permutation(rng, b);
  EXPECT_NE(a, b);
  std::sort(a.begin(), a.end());
  std::vector<std::int64_t> identity(1000);
  std::iota(identity.begin(), identity.end(), 0);
  EXPECT_EQ(a, identity);
  std::vector<std::int64_t> empty;
  random_permutation(rng, empty);
  EXPECT_TRUE(empty.empty());
}

}  // namespace
}  // namespace actsearch::nn
