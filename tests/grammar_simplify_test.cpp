// The simplifier: canonical forms of hand-picked expressions, and on thousands of random
// expressions value preservation (against eval_naive), idempotence and well-formedness.
#include <gtest/gtest.h>

#include <cmath>

#include "expr_testing.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/simplify.hpp"

namespace actsearch::grammar {
namespace {

using testing::call;
using testing::RandomExpr;
using testing::operator+;
using testing::operator-;
using testing::operator*;
using testing::operator/;

const Expr x = var_x();
const Expr beta = param(0);

void expect_simplifies_to(const Expr& e, const Expr& expected) {
  const Expr s = simplify(e);
  EXPECT_TRUE(identical(s, expected)) << "size " << s.size() << " vs " << expected.size();
}

TEST(Simplify, ArithmeticIdentities) {
  expect_simplifies_to(x + constant(0.0), x);
  expect_simplifies_to(constant(1.0) * x, x);
  expect_simplifies_to(x * constant(0.0), constant(0.0));
  expect_simplifies_to(x - x, constant(0.0));
  expect_simplifies_to(-(-x), x);
  expect_simplifies_to(-constant(3.0), constant(-3.0));
  expect_simplifies_to(x + x, 2.0 * x);
  expect_simplifies_to(x * x, call(Op::Square, x));
  expect_simplifies_to(x * x * x, call(Op::Cube, x));
  expect_simplifies_to(x / constant(2.0), 0.5 * x);
  expect_simplifies_to(call(Op::Sin, x) / call(Op::Sin, x), constant(1.0));
}

TEST(Simplify, ZeroTimesAnythingIsZero) {
  // The grammar's semantics for finite operands; exp(x) is finite wherever e is defined.
  expect_simplifies_to(constant(0.0) * call(Op::Exp, x), constant(0.0));
  expect_simplifies_to(call(Op::Exp, x) * (x - x), constant(0.0));
}

TEST(Simplify, FoldsConstantsOnlyToFiniteValues) {
  expect_simplifies_to(constant(2.0) + constant(3.0) * constant(4.0), constant(14.0));
  expect_simplifies_to(call(Op::Sin, constant(0.0)), constant(0.0));
  const Expr log_minus_one = call(Op::Log, constant(-1.0));
  expect_simplifies_to(log_minus_one, log_minus_one);
  const Expr huge = call(Op::Exp, constant(1000.0));
  expect_simplifies_to(huge, huge);
}

TEST(Simplify, SumsAreFlatWithConstantsLast) {
  expect_simplifies_to(constant(1.0) + x, x + 1.0);
  expect_simplifies_to(constant(1.0) - x - constant(3.0), -x - 2.0);
  expect_simplifies_to(constant(1.0) - x, constant(1.0) - x);
  expect_simplifies_to(-x + call(Op::Sin, x), call(Op::Sin, x) - x);
  expect_simplifies_to((x + 1.0) - (x - 1.0), constant(2.0));
  expect_simplifies_to(2.0 * (x + 1.0) - (x + 1.0), x + 1.0);
  expect_simplifies_to(-(x + 1.0), -x - 1.0);
}

TEST(Simplify, ProductsPullOutSignsAndCoefficients) {
  expect_simplifies_to(-x * -x, call(Op::Square, x));
  expect_simplifies_to(x * (3.0 * x) * constant(2.0), 6.0 * call(Op::Square, x));
  expect_simplifies_to(-(2.0 * x), -2.0 * x);
  expect_simplifies_to((x + 1.0) * constant(-1.0), -x - 1.0);
}

TEST(Simplify, UnaryRules) {
  expect_simplifies_to(call(Op::Abs, call(Op::Abs, x)), call(Op::Abs, x));
  expect_simplifies_to(call(Op::Abs, -x), call(Op::Abs, x));
  expect_simplifies_to(call(Op::Abs, call(Op::Exp, x)), call(Op::Exp, x));
  expect_simplifies_to(call(Op::Cos, -x), call(Op::Cos, x));
  expect_simplifies_to(call(Op::Square, call(Op::Abs, x)), call(Op::Square, x));
  expect_simplifies_to(call(Op::Sin, -x), -call(Op::Sin, x));
  expect_simplifies_to(call(Op::Tanh, -2.0 * x), -call(Op::Tanh, 2.0 * x));
  expect_simplifies_to(call(Op::SafeDiv, -x, x), -call(Op::SafeDiv, x, x));
}

TEST(Simplify, MaxMinRules) {
  expect_simplifies_to(call(Op::Max, x, x), x);
  expect_simplifies_to(call(Op::Min, call(Op::Sin, x), call(Op::Sin, x)), call(Op::Sin, x));
  expect_simplifies_to(call(Op::Max, 0.0, x), call(Op::Max, constant(0.0), x));
  expect_simplifies_to(call(Op::Max, x, 0.0), call(Op::Max, constant(0.0), x));
  // max(log(x), 0) is 0 where log(x) is NaN; swapped it would be NaN there.
  const Expr guarded = call(Op::Max, call(Op::Log, x), 0.0);
  expect_simplifies_to(guarded, guarded);
  EXPECT_EQ(eval_naive(simplify(guarded), -1.0), 0.0);
}

TEST(Simplify, CommutedVariantsShareOneForm) {
  const Expr s = call(Op::Sigmoid, x);
  EXPECT_TRUE(identical(simplify(s * x), simplify(x * s)));
  EXPECT_TRUE(identical(simplify(s * x), x * s));
  const Expr a = call(Op::Tanh, x);
  const Expr b = call(Op::Exp, beta * x);
  EXPECT_TRUE(identical(simplify((a * b) * x), simplify(x * (b * a))));
  EXPECT_TRUE(identical(simplify(a + (b - x)), simplify((b + a) - x)));
  EXPECT_TRUE(identical(simplify(call(Op::Max, a, b)), simplify(call(Op::Max, b, a))));
  EXPECT_EQ(structural_hash(simplify(s * x)), structural_hash(simplify(x * s)));
}

TEST(Simplify, RenumbersParametersByFirstAppearanceKeepingInits) {
  const Expr e = param(3, 0.25) * x + param(1, 2.0);
  const Expr s = simplify(e);
  EXPECT_TRUE(identical(s, param(0, 2.0) + param(1, 0.25) * x));
  EXPECT_TRUE(identical(simplify_keep_params(e), param(1, 2.0) + param(3, 0.25) * x));
  // Two spellings that differ only in parameter numbering share a canonical form.
  const Expr a = param(0) * call(Op::Sin, x) + param(1) * call(Op::Exp, x);
  const Expr b = param(1) * call(Op::Sin, x) + param(0) * call(Op::Exp, x);
  EXPECT_TRUE(identical(simplify(a), simplify(b)));
  EXPECT_EQ(num_params(simplify(param(4) * constant(0.0) + x)), 0);
}

TEST(Simplify, IdenticalComparesBits) {
  EXPECT_FALSE(identical(constant(0.0), constant(-0.0)));
  EXPECT_TRUE(identical(constant(NAN), constant(NAN)));
  EXPECT_FALSE(identical(x, x + 1.0));
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
    const double got = eval_naive(s, xv, params);
    ASSERT_NEAR(got, want, 1e-9 * (1.0 + scale)) << "x=" << xv;
    ++compared;
  }
}

TEST(Simplify, PreservesValuesOnRandomExpressions) {
  RandomExpr gen(42);
  int compared = 0;
  const double second[] = {-1.3, 2.2, 0.4};
  for (int n = 0; n < 3000; ++n) {
    const Expr e = gen(5);
    SCOPED_TRACE(n);
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
    ASSERT_TRUE(well_formed(s)) << n;
    ASSERT_TRUE(identical(simplify(s), s)) << n;
    ASSERT_TRUE(identical(simplify_keep_params(s), s)) << n;
    const Expr k = simplify_keep_params(e);
    ASSERT_TRUE(identical(simplify_keep_params(k), k)) << n;
    ASSERT_EQ(structural_hash(simplify(k)), structural_hash(s)) << n;
  }
}

}  // namespace
}  // namespace actsearch::grammar
