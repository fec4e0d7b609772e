// Functional fingerprints: one key for one function however it is written, different keys
// for different functions, including ones that agree only at the initial parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "grammar/canonical.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/fingerprint.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "grammar/simplify.hpp"
#include "tests/support/expr_testing.hpp"

namespace actsearch::grammar {
namespace {

Fingerprint fp(std::string_view text) {
  return fingerprint(parse(text));
}

void expect_same(std::string_view a, std::string_view b) {
  const Fingerprint fa = fp(a);
  const Fingerprint fb = fp(b);
  EXPECT_EQ(fa.key, fb.key) << a << " vs " << b;
  EXPECT_TRUE(same_function(fa, fb)) << a << " vs " << b;
}

void expect_different(std::string_view a, std::string_view b) {
  const Fingerprint fa = fp(a);
  const Fingerprint fb = fp(b);
  EXPECT_NE(fa.key, fb.key) << a << " vs " << b;
  EXPECT_FALSE(same_function(fa, fb)) << a << " vs " << b;
}

TEST(Fingerprint, SwishWrittenThreeWays) {
  expect_same("x*sigmoid(x)", "sigmoid(x)*x");
  expect_same("x*sigmoid(x)", "x/(1 + exp(-x))");
}

TEST(Fingerprint, ReluWrittenFourWays) {
  expect_same("max(x, 0)", "relu(x)");
  expect_same("max(x, 0)", "max(0, x)");
  expect_same("max(x, 0)", "x - min(x, 0)");
}

TEST(Fingerprint, TanhIsAShiftedScaledSigmoid) {
  expect_same("tanh(x)", "2*sigmoid(2*x) - 1");
}

TEST(Fingerprint, DifferentFunctionsDiffer) {
  expect_different("sin(x)", "cos(x)");
  expect_different("abs(x)", "x^2");
  expect_different("sinh(x)", "asinh(x)");
  expect_different("x^3", "-(-x)^3 + 1e-6");
}

TEST(Fingerprint, SecondParameterSettingSeparatesLearnableVariants) {
  const Fingerprint a = fp("x*sigmoid(x)");
  const Fingerprint b = fp("x*sigmoid(beta*x)");
  // Equal at the initial value beta = 1, different at the second setting.
  EXPECT_TRUE(
      std::equal(a.values.begin(), a.values.begin() + kFingerprintPoints, b.values.begin()));
  expect_different("x*sigmoid(x)", "x*sigmoid(beta*x)");
  // Each parameter gets its own second value.
  expect_different("beta*x + beta1", "beta1*x + beta");
}

TEST(Fingerprint, CanonicalFormIdentifiesParameterNumberings) {
  const Expr a = simplify(parse("beta*sin(x) + beta1*exp(x)"));
  const Expr b = simplify(parse("beta1*sin(x) + beta*exp(x)"));
  EXPECT_EQ(fingerprint(a).key, fingerprint(b).key);
}

TEST(Fingerprint, NotFiniteValuesGiveADeterministicKey) {
  const Fingerprint a = fp("log(x)");  // NaN for x < 0
  EXPECT_TRUE(std::isnan(a.values.front()));
  EXPECT_EQ(a.key, fp("log(x)").key);
  expect_same("log(x)", "log(x + 0*x)");
  expect_different("log(x)", "log(abs(x))");
  const Fingerprint overflow = fp("exp(exp(exp(x)))");  // +inf for large x
  EXPECT_TRUE(std::isinf(overflow.values.back()));
  EXPECT_EQ(overflow.key, fp("exp(exp(exp(x)))").key);
}

TEST(Fingerprint, SameFunctionIsToleranceAware) {
  Fingerprint a = fp("tanh(x)");
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
  const std::vector<double> second = second_setting(parse("beta2*x"));
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

namespace actsearch::grammar {
namespace {

TEST(CanonicalForm, IsSimplifyPrintFingerprintAndScreen) {
  const Expr e = parse("sigmoid(x)*x + 0*x");
  const CanonicalForm form = canonical_form(e);
  EXPECT_EQ(form.expr, simplify(e));
  EXPECT_EQ(form.text, print(simplify(e)));
  EXPECT_EQ(form.fingerprint.key, fingerprint(simplify(e)).key);
  EXPECT_EQ(form.fingerprint.key, canonical_form(parse("x*sigmoid(x)")).fingerprint.key);
  EXPECT_TRUE(form.verdict.valid);
  const CanonicalForm linear = canonical_form(parse("2*x + 1"));
  EXPECT_FALSE(linear.verdict.valid);
  EXPECT_EQ(linear.verdict.reason, "linear");
  EXPECT_EQ(canonical_expr(e).text, form.text);
}

}  // namespace
}  // namespace actsearch::grammar
