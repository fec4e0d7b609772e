// Functional fingerprints: one key for one function however it is written, different keys
// for different functions, including ones that agree only at the initial parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "expr_testing.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/fingerprint.hpp"
#include "grammar/simplify.hpp"

namespace actsearch::grammar {
namespace {

using testing::call;
using testing::operator+;
using testing::operator-;
using testing::operator*;
using testing::operator/;

const Expr x = var_x();

void expect_same(const Expr& a, const Expr& b) {
  const Fingerprint fa = fingerprint(a);
  const Fingerprint fb = fingerprint(b);
  EXPECT_EQ(fa.key, fb.key);
  EXPECT_TRUE(same_function(fa, fb));
}

void expect_different(const Expr& a, const Expr& b) {
  const Fingerprint fa = fingerprint(a);
  const Fingerprint fb = fingerprint(b);
  EXPECT_NE(fa.key, fb.key);
  EXPECT_FALSE(same_function(fa, fb));
}

TEST(Fingerprint, SwishWrittenThreeWays) {
  const Expr s = call(Op::Sigmoid, x);
  expect_same(x * s, s * x);
  expect_same(x * s, x / (constant(1.0) + call(Op::Exp, -x)));
}

TEST(Fingerprint, ReluWrittenThreeWays) {
  expect_same(call(Op::Max, x, 0.0), call(Op::Max, 0.0, x));
  expect_same(call(Op::Max, x, 0.0), x - call(Op::Min, x, 0.0));
}

TEST(Fingerprint, TanhIsAShiftedScaledSigmoid) {
  expect_same(call(Op::Tanh, x), 2.0 * call(Op::Sigmoid, 2.0 * x) - 1.0);
}

TEST(Fingerprint, DifferentFunctionsDiffer) {
  expect_different(call(Op::Sin, x), call(Op::Cos, x));
  expect_different(call(Op::Abs, x), call(Op::Square, x));
  expect_different(call(Op::Sinh, x), call(Op::Asinh, x));
}

TEST(Fingerprint, SecondParameterSettingSeparatesLearnableVariants) {
  const Expr swish = x * call(Op::Sigmoid, x);
  const Expr learnable = x * call(Op::Sigmoid, param(0) * x);
  const Fingerprint a = fingerprint(swish);
  const Fingerprint b = fingerprint(learnable);
  // Equal at the initial value beta = 1, different at the second setting.
  EXPECT_TRUE(
      std::equal(a.values.begin(), a.values.begin() + kFingerprintPoints, b.values.begin()));
  expect_different(swish, learnable);
  // Each parameter gets its own second value, so beta*x + beta1 differs from beta1*x + beta.
  expect_different(param(0) * x + param(1), param(1) * x + param(0));
}

TEST(Fingerprint, CanonicalFormIdentifiesParameterNumberings) {
  const Expr a = param(0) * call(Op::Sin, x) + param(1) * call(Op::Exp, x);
  const Expr b = param(1) * call(Op::Sin, x) + param(0) * call(Op::Exp, x);
  expect_same(simplify(a), simplify(b));
}

TEST(Fingerprint, NotFiniteValuesGiveADeterministicKey) {
  const Expr log_x = call(Op::Log, x);  // NaN for x < 0
  const Fingerprint a = fingerprint(log_x);
  EXPECT_TRUE(std::isnan(a.values.front()));
  EXPECT_EQ(a.key, fingerprint(log_x).key);
  expect_same(log_x, call(Op::Log, x + 0.0 * x));
  expect_different(log_x, call(Op::Log, call(Op::Abs, x)));
  const Expr overflow = call(Op::Exp, call(Op::Exp, call(Op::Exp, x)));  // +inf for large x
  EXPECT_TRUE(std::isinf(fingerprint(overflow).values.back()));
  EXPECT_EQ(fingerprint(overflow).key, fingerprint(overflow).key);
}

TEST(Fingerprint, SameFunctionIsToleranceAware) {
  Fingerprint a = fingerprint(call(Op::Tanh, x));
  Fingerprint b = a;
  b.values[3] *= 1 + 1e-9;
  EXPECT_TRUE(same_function(a, b));
  b.values[3] *= 1 + 1e-5;
  EXPECT_FALSE(same_function(a, b));
  b = a;
  b.values.pop_back();
  EXPECT_FALSE(same_function(a, b));
}

TEST(Fingerprint, PointsAreIrregularAndClearOfKinks) {
  const std::span<const double> points = fingerprint_points();
  ASSERT_EQ(points.size(), kFingerprintPoints);
  EXPECT_TRUE(std::is_sorted(points.begin(), points.end()));
  for (double p : points) {
    EXPECT_LT(std::abs(p), 6.0);
    EXPECT_GT(std::abs(p), 0.05);
    EXPECT_GT(std::abs(std::abs(p) - 1.0), 0.05);
    EXPECT_EQ(std::find(points.begin(), points.end(), -p), points.end()) << p;
  }
  const std::vector<double> second = second_setting(param(2) * x);
  ASSERT_EQ(second.size(), 3u);
  EXPECT_NEAR(second[0], 1.7, 1e-12);
  EXPECT_NEAR(second[2], 2.32, 1e-12);
}

TEST(Fingerprint, SampleMatchesEvalNaive) {
  testing::RandomExpr gen(99);
  const double xs[] = {-3.3, -0.2, 0.0, 1.7, 4.4};
  for (int n = 0; n < 500; ++n) {
    const Expr e = gen(5);
    const std::vector<double> params = second_setting(e);
    const std::vector<double> values = sample(e, xs, params);
    for (std::size_t i = 0; i < std::size(xs); ++i) {
      const double want = eval_naive(e, xs[i], params);
      ASSERT_TRUE(values[i] == want || (std::isnan(values[i]) && std::isnan(want))) << n;
    }
  }
}

}  // namespace
}  // namespace actsearch::grammar
