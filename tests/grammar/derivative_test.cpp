// Symbolic derivatives: per operator against central finite differences away from kinks,
// and on random expressions against eval_naive_with_derivatives' forward-mode values.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "grammar/derivative.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "grammar/simplify.hpp"
#include "tests/support/expr_testing.hpp"

namespace actsearch::grammar {
namespace {

using testing::near_kink;
using testing::RandomExpr;

std::string d_dx(std::string_view text) {
  return print(derivative(parse(text)));
}

Expr call(Op op, const Expr& a, const Expr& b) {
  return arity(op) == 1 ? unary(op, a) : binary(op, a, b);
}

constexpr double kH = 1e-6;

double central_difference(const Expr& e, double xv) {
  return (eval_naive(e, xv + kH) - eval_naive(e, xv - kH)) / (2 * kH);
}

// Checks d/dx of op(inner) (unary) or op(inner, other) (binary) against finite differences
// of eval_naive at x in [lo, hi], skipping points near a kink of op or outside its domain.
void check_against_finite_differences(Op op, const Expr& inner, const Expr& other, double lo,
                                      double hi) {
  const Expr e = call(op, inner, other);
  const Expr d = derivative(e);
  int checked = 0;
  for (double xv = lo; xv <= hi; xv += 0.0731) {
    if (near_kink(op, eval_naive(inner, xv), eval_naive(other, xv))) continue;
    const double fd = central_difference(e, xv);
    if (std::isnan(fd)) continue;  // outside the domain of sqrt, log
    EXPECT_NEAR(eval_naive(d, xv), fd, 1e-5 * (1 + std::abs(fd))) << name(op) << " x=" << xv;
    ++checked;
  }
  EXPECT_GT(checked, 20) << name(op);
}

TEST(Derivative, EveryOperatorMatchesFiniteDifferences) {
  const Expr inner = parse("0.7*x + 0.3");  // exercises the chain rule
  const Expr other = parse("0.5*x^2 - 1");  // crosses inner: ties for max, min
  for (const OpInfo& i : kOps) {
    if (i.arity == 0) continue;
    SCOPED_TRACE(i.name);
    const bool positive_only = i.op == Op::Sqrt || i.op == Op::Log;
    check_against_finite_differences(i.op, inner, other, positive_only ? 0.1 : -3.0, 3.0);
    check_against_finite_differences(i.op, parse("sin(x)"), inner, -3.0, 3.0);
  }
}

TEST(Derivative, ParameterDerivativesMatchFiniteDifferences) {
  for (const OpInfo& i : kOps) {
    if (i.arity != 2) continue;
    const Expr e = call(i.op, parse("beta=0.8*x"), parse("tanh(x) + beta=0.8"));
    const Expr d = derivative_param(e, 0);
    for (double xv = -2.9; xv < 3.0; xv += 0.23) {
      const double b = 0.8;
      if (near_kink(i.op, b * xv, std::tanh(xv) + b)) continue;
      const double plus[] = {b + kH};
      const double minus[] = {b - kH};
      const double fd = (eval_naive(e, xv, plus) - eval_naive(e, xv, minus)) / (2 * kH);
      EXPECT_NEAR(eval_naive(d, xv), fd, 1e-5 * (1 + std::abs(fd))) << i.name << " x=" << xv;
    }
  }
}

TEST(Derivative, SecondDerivativeOfSincThroughDsinc) {
  const Expr d1 = derivative(parse("sinc(x)"));
  const Expr d2 = derivative(d1);
  EXPECT_EQ(print(d2), "-sinc(x) - 2*dsinc(x)/x");
  for (double xv = -4.05; xv < 4.0; xv += 0.1) {
    const double fd = central_difference(d1, xv);
    EXPECT_NEAR(eval_naive(d2, xv), fd, 1e-5) << "x=" << xv;
  }
  EXPECT_TRUE(std::isnan(eval_naive(d2, 0.0)));  // documented: -sinc - 2 dsinc(a)/a at 0
}

TEST(Derivative, SimplifiedForms) {
  EXPECT_EQ(d_dx("x^2"), "2*x");
  EXPECT_EQ(d_dx("sin(x)"), "cos(x)");
  EXPECT_EQ(d_dx("abs(x)"), "sign(x)");
  EXPECT_EQ(d_dx("max(0, x)"), "step(x)");
  EXPECT_EQ(d_dx("max(x, 0)"), "1 - step(-x)");  // 1 at the tie x = 0
  EXPECT_EQ(d_dx("x*sigmoid(x)"), "sigmoid(x) + x*sigmoid(x)*(1 - sigmoid(x))");
  EXPECT_EQ(d_dx("softplus(x)"), "sigmoid(x)");
  EXPECT_EQ(d_dx("safe_log(x)"), "sign(x)/(abs(x) + 0.001)");
  EXPECT_EQ(d_dx("beta*x"), "beta");
  EXPECT_EQ(d_dx("3"), "0");
  EXPECT_EQ(print(derivative_param(parse("beta*x"), 0)), "x");
  EXPECT_EQ(print(derivative_param(parse("x"), 0)), "0");
  // Parameter numbers are kept, so the derivative evaluates with e's parameter vector.
  EXPECT_EQ(d_dx("beta1=0.5*x"), "beta1=0.5");
  EXPECT_EQ(print(derivative_param(parse("beta1=0.5*x^2"), 1)), "x^2");
}

TEST(Derivative, TiesGoToTheFirstOperand) {
  // At 0 the gradient is the first operand's, as partials() does.
  EXPECT_EQ(eval_naive(derivative(parse("max(x, 0)")), 0.0), 1.0);
  EXPECT_EQ(eval_naive(derivative(parse("max(0, x)")), 0.0), 0.0);
  EXPECT_EQ(eval_naive(derivative(parse("min(x, 0)")), 0.0), 1.0);
  EXPECT_EQ(eval_naive(derivative(parse("min(0, x)")), 0.0), 0.0);
}

TEST(Derivative, ConstantSubtreesContributeExactlyZero) {
  // sqrt(-beta) is NaN, but does not depend on x: its term vanishes structurally.
  EXPECT_EQ(d_dx("x + sqrt(-beta)"), "1");
  EXPECT_EQ(d_dx("x*0*log(x)"), "0");
}

bool close(double got, double want, double scale) {
  return std::abs(got - want) <= 1e-8 * (1 + std::abs(want) + scale);
}

// Where every subtree's value and derivatives are finite and moderate, and no safe_div sits
// on a signed zero, the symbolic derivative and forward mode agree up to rounding.
bool comparable(const Expr& e, double xv, std::span<const double> params, double& scale) {
  scale = testing::max_intermediate(e, xv, params);
  return scale < 1e6 && !testing::zero_safe_div_denominator(e, xv, params) &&
         testing::derivatives_finite(e, xv, params);
}

// All operators but dsinc, whose derivative is NaN at exactly 0 by design.
std::vector<Op> ops_with_defined_derivatives() {
  std::vector<Op> ops;
  for (const OpInfo& i : kOps) {
    if (i.arity > 0 && i.op != Op::DSinc) ops.push_back(i.op);
  }
  return ops;
}

TEST(Derivative, MatchesForwardModeOnRandomExpressions) {
  RandomExpr gen(2024, {.ops = ops_with_defined_derivatives()});
  const double second[] = {-1.3, 2.2, 0.4};
  int compared = 0;
  for (int n = 0; n < 2000; ++n) {
    const Expr e = gen(5);
    const Expr dx = derivative(e);
    std::vector<Expr> dp;
    for (int k = 0; k < num_params(e); ++k) dp.push_back(derivative_param(e, k));
    for (int i = 0; i < 8; ++i) {
      const double xv = gen.uniform(-4.0, 4.0);
      const std::span<const double> params =
          i % 2 ? std::span<const double>(second) : std::span<const double>();
      double scale = 0.0;
      if (!comparable(e, xv, params, scale)) continue;
      const NaiveResult want = eval_naive_with_derivatives(e, xv, params);
      ASSERT_TRUE(close(eval_naive(dx, xv, params), want.dfdx, scale)) << n << " x=" << xv;
      for (std::size_t k = 0; k < dp.size(); ++k) {
        ASSERT_TRUE(close(eval_naive(dp[k], xv, params), want.dfdp[k], scale)) << n << " k=" << k;
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 10000);
}

}  // namespace
}  // namespace actsearch::grammar
