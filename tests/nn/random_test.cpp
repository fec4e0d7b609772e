// The training RNG: reproducible, streams apart, unbiased ranges and permutations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "grammar/base/random.hpp"
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

// Values drawn before the random code was gathered into grammar/base/random.hpp: a change
// here would change every training, so journals of earlier runs would no longer resume.
TEST(Random, StreamsArePinned) {
  Rng r(42, 7);
  EXPECT_EQ(r.next(), 0x24bfb39aeb008c15ULL);
  EXPECT_EQ(r.next(), 0xd858489e7fc02496ULL);
  EXPECT_EQ(r.uniform(), 0x1.ef75f1201b4bp-3);
  EXPECT_EQ(r.normal(), -0x1.86b7c615f01c4p-1);
  EXPECT_EQ(r.below(1000), 660u);
  std::vector<std::int64_t> order(6);
  random_permutation(r, order);
  EXPECT_EQ(order, (std::vector<std::int64_t>{1, 0, 5, 4, 3, 2}));

  std::mt19937_64 g(5);  // the grammar's draws (sampling, mutation)
  EXPECT_EQ(grammar::uniform_below(g, 10), 2u);
  EXPECT_EQ(grammar::uniform_below(g, 1000003), 999255u);
  EXPECT_EQ(grammar::uniform01(g), 0x1.cd6416420861cp-3);
  EXPECT_EQ(grammar::uniform_real(g, -0.5, 0.5), 0x1.684f2235fb41p-3);
}

}  // namespace
}  // namespace actsearch::nn
