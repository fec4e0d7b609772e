// The simplifier: canonical forms of hand-picked expressions, and on thousands of random
// expressions value preservation (against eval_naive), idempotence and well-formedness.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "grammar/eval_naive.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "grammar/simplify.hpp"
#include "tests/support/expr_testing.hpp"

namespace actsearch::grammar {
namespace {

using testing::RandomExpr;

std::string canonical(std::string_view text) {
  return print(simplify(parse(text)));
}

TEST(Simplify, ArithmeticIdentities) {
  EXPECT_EQ(canonical("x + 0"), "x");
  EXPECT_EQ(canonical("1*x"), "x");
  EXPECT_EQ(canonical("x*0"), "0");
  EXPECT_EQ(canonical("x - x"), "0");
  EXPECT_EQ(canonical("--x"), "x");
  EXPECT_EQ(canonical("-(3)"), "-3");
  EXPECT_EQ(canonical("x + x"), "2*x");
  EXPECT_EQ(canonical("x*x"), "x^2");
  EXPECT_EQ(canonical("x*x*x"), "x^3");
  EXPECT_EQ(canonical("x*x^2"), "x^3");
  EXPECT_EQ(canonical("x/2"), "0.5*x");
  EXPECT_EQ(canonical("sin(x)/sin(x)"), "1");
  EXPECT_EQ(canonical("0/exp(x)"), "0");
}

TEST(Simplify, ZeroTimesAnythingIsZero) {
  // The grammar's semantics for finite operands; exp(x) is finite wherever e is defined.
  EXPECT_EQ(canonical("0*exp(x)"), "0");
  EXPECT_EQ(canonical("exp(x)*(x - x)"), "0");
}

TEST(Simplify, FoldsConstantsOnlyToFiniteValues) {
  EXPECT_EQ(canonical("2 + 3*4"), "14");
  EXPECT_EQ(canonical("sin(0)"), "0");
  EXPECT_EQ(canonical("log(-1)"), "log(-1)");
  EXPECT_EQ(canonical("exp(1000)"), "exp(1000)");
  EXPECT_EQ(canonical("x + exp(1000) - exp(1000)"), "x");
}

TEST(Simplify, SumsAreFlatWithConstantsLast) {
  EXPECT_EQ(canonical("1 + x"), "x + 1");
  EXPECT_EQ(canonical("1 - x"), "1 - x");
  EXPECT_EQ(canonical("1 - x - 3"), "-x - 2");
  EXPECT_EQ(canonical("-x + sin(x)"), "sin(x) - x");
  EXPECT_EQ(canonical("(x + 1) - (x - 1)"), "2");
  EXPECT_EQ(canonical("2*(x + 1) - (x + 1)"), "x + 1");
  EXPECT_EQ(canonical("-(x + 1)"), "-x - 1");
  EXPECT_EQ(canonical("3*(x - 1) + 3"), "3*x");
}

TEST(Simplify, ProductsPullOutSignsAndCoefficients) {
  EXPECT_EQ(canonical("-x*-x"), "x^2");
  EXPECT_EQ(canonical("x*(3*x)*2"), "6*x^2");
  EXPECT_EQ(canonical("-(2*x)"), "-2*x");
  EXPECT_EQ(canonical("(x + 1)*-1"), "-x - 1");
  EXPECT_EQ(canonical("-x*sin(x)"), "-x*sin(x)");
}

TEST(Simplify, UnaryRules) {
  EXPECT_EQ(canonical("abs(abs(x))"), "abs(x)");
  EXPECT_EQ(canonical("abs(-x)"), "abs(x)");
  EXPECT_EQ(canonical("abs(exp(x))"), "exp(x)");
  EXPECT_EQ(canonical("cos(-x)"), "cos(x)");
  EXPECT_EQ(canonical("abs(x)^2"), "x^2");
  EXPECT_EQ(canonical("sin(-x)"), "-sin(x)");
  EXPECT_EQ(canonical("tanh(-2*x)"), "-tanh(2*x)");
  EXPECT_EQ(canonical("safe_div(-x, x)"), "-safe_div(x, x)");
}

TEST(Simplify, MaxMinRules) {
  EXPECT_EQ(canonical("max(x, x)"), "x");
  EXPECT_EQ(canonical("min(sin(x), sin(x))"), "sin(x)");
  EXPECT_EQ(canonical("max(x, 0)"), "max(0, x)");
  EXPECT_EQ(canonical("relu(x)"), "max(0, x)");
  // max(log(x), 0) is 0 where log(x) is NaN; swapped it would be NaN there.
  EXPECT_EQ(canonical("max(log(x), 0)"), "max(log(x), 0)");
  EXPECT_EQ(eval_naive(simplify(parse("max(log(x), 0)")), -1.0), 0.0);
}

TEST(Simplify, CommutedVariantsShareOneForm) {
  EXPECT_EQ(canonical("sigmoid(x)*x"), "x*sigmoid(x)");
  EXPECT_EQ(canonical("x*sigmoid(x)"), "x*sigmoid(x)");
  EXPECT_EQ(canonical("(tanh(x)*exp(beta*x))*x"), canonical("x*(exp(beta*x)*tanh(x))"));
  EXPECT_EQ(canonical("tanh(x) + (exp(x) - x)"), canonical("(exp(x) + tanh(x)) - x"));
  EXPECT_EQ(canonical("max(tanh(x), exp(x))"), canonical("max(exp(x), tanh(x))"));
  EXPECT_EQ(structural_hash(simplify(parse("sigmoid(x)*x"))),
            structural_hash(simplify(parse("x*sigmoid(x)"))));
}

TEST(Simplify, RenumbersParametersByFirstAppearanceKeepingInits) {
  EXPECT_EQ(canonical("beta3=0.25*x + beta1=2"), "beta=2 + beta1=0.25*x");
  EXPECT_EQ(print(simplify_keep_params(parse("beta3=0.25*x + beta1=2"))), "beta1=2 + beta3=0.25*x");
  // Two spellings that differ only in parameter numbering share a canonical form.
  EXPECT_EQ(canonical("beta*sin(x) + beta1*exp(x)"), canonical("beta1*sin(x) + beta*exp(x)"));
  EXPECT_EQ(canonical("beta4*0 + x"), "x");
}

TEST(Simplify, IdenticalComparesBits) {
  EXPECT_FALSE(identical(constant(0.0), constant(-0.0)));
  EXPECT_TRUE(identical(constant(NAN), constant(NAN)));
  EXPECT_FALSE(identical(parse("x"), parse("x + 1")));
}

// Where every subtree is finite and moderate and no safe_div sits exactly on its
// denominator's zero, simplification changes values by rounding only.
void expect_same_values(const Expr& e, const Expr& s, std::span<const double> params,
                        RandomExpr& gen, int& compared) {
  for (int i = 0; i < 12; ++i) {
    const double xv = gen.uniform(-4.0, 4.0);
    const double scale = testing::max_intermediate(e, xv, params);
    if (!(scale < 1e6) || testing::zero_safe_div_denominator(e, xv, params)) continue;
    const double want = eval_naive(e, xv, params);
    ASSERT_NEAR(eval_naive(s, xv, params), want, 1e-9 * (1.0 + scale))
        << print(e) << " -> " << print(s) << " at x = " << xv;
    ++compared;
  }
}

TEST(Simplify, PreservesValuesOnRandomExpressions) {
  RandomExpr gen(42);
  int compared = 0;
  const double second[] = {-1.3, 2.2, 0.4};
  for (int n = 0; n < 3000; ++n) {
    const Expr e = gen(5);
    // simplify() keeps initial values; simplify_keep_params() also keeps the numbering.
    expect_same_values(e, simplify(e), {}, gen, compared);
    expect_same_values(e, simplify_keep_params(e), second, gen, compared);
  }
  EXPECT_GT(compared, 40000);
}

TEST(Simplify, IsIdempotentAndWellFormedOnRandomExpressions) {
  RandomExpr gen(7);
  for (int n = 0; n < 3000; ++n) {
    const Expr e = gen(6);
    const Expr s = simplify(e);
    SCOPED_TRACE(print(e));
    ASSERT_TRUE(well_formed(s));
    ASSERT_TRUE(identical(simplify(s), s)) << print(s);
    ASSERT_TRUE(identical(simplify_keep_params(s), s)) << print(s);
    const Expr k = simplify_keep_params(e);
    ASSERT_TRUE(identical(simplify_keep_params(k), k)) << print(k);
    ASSERT_EQ(structural_hash(simplify(k)), structural_hash(s));
  }
}

}  // namespace
}  // namespace actsearch::grammar
