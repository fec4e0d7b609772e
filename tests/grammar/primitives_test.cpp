// Walks the primitive table: every operator has semantics, partial derivatives that agree
// with central finite differences away from kinks, and total operators stay finite.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "grammar/eval_naive.hpp"
#include "grammar/primitives.hpp"
#include "tests/support/expr_testing.hpp"

namespace actsearch::grammar {
namespace {

using testing::near_kink;

double in_domain(Op op, double a) {
  return (op == Op::Sqrt || op == Op::Log) ? std::abs(a) + 0.5 : a;
}

TEST(Primitives, NamesAreUniqueAndCallable) {
  std::set<std::string_view> names;
  for (const OpInfo& i : kOps) {
    EXPECT_TRUE(names.insert(i.name).second) << i.name;
    if (i.arity > 0) {
      EXPECT_EQ(op_by_name(i.name), i.op) << i.name;
    }
    if (i.notation == Notation::Infix) {
      EXPECT_EQ(i.arity, 2) << i.name;
    }
    if (i.notation == Notation::Prefix || i.notation == Notation::Postfix) {
      EXPECT_EQ(i.arity, 1) << i.name;
    }
    EXPECT_FALSE(i.definition.empty()) << i.name;
  }
  EXPECT_FALSE(op_by_name("x").has_value());
  EXPECT_FALSE(op_by_name("nope").has_value());
}

TEST(Primitives, PartialsMatchFiniteDifferences) {
  const double h = 1e-6;
  for (const OpInfo& i : kOps) {
    if (i.arity == 0) continue;
    for (double a = -3.05; a <= 3.0; a += 0.37) {
      for (double b : {-2.3, -0.7, 0.4, 1.9}) {
        const double av = in_domain(i.op, a);
        if (near_kink(i.op, av, b)) continue;
        const Partials p = partials(i.op, av, b);
        const double fd_a = (apply(i.op, av + h, b) - apply(i.op, av - h, b)) / (2 * h);
        EXPECT_NEAR(p.da, fd_a, 1e-5 * (1 + std::abs(fd_a))) << i.name << " a=" << av;
        if (i.arity == 2) {
          const double fd_b = (apply(i.op, av, b + h) - apply(i.op, av, b - h)) / (2 * h);
          EXPECT_NEAR(p.db, fd_b, 1e-5 * (1 + std::abs(fd_b))) << i.name << " b=" << b;
        }
      }
    }
  }
}

TEST(Primitives, TotalOperatorsAreFiniteOnModerateInputs) {
  for (const OpInfo& i : kOps) {
    if (i.arity == 0 || !i.total) continue;
    for (double a : {-20.0, -1.0, -1e-12, 0.0, 1e-12, 1.0, 20.0}) {
      for (double b : {-3.0, -0.0, 0.0, 2.0}) {
        EXPECT_TRUE(std::isfinite(apply(i.op, a, b))) << i.name << "(" << a << ", " << b << ")";
        const Partials p = partials(i.op, a, b);
        EXPECT_TRUE(std::isfinite(p.da) && std::isfinite(p.db)) << i.name << " at " << a;
      }
    }
  }
}

TEST(Primitives, StableFormsAtTheExtremes) {
  EXPECT_DOUBLE_EQ(apply(Op::Sigmoid, -800.0), 0.0);
  EXPECT_DOUBLE_EQ(apply(Op::Sigmoid, 800.0), 1.0);
  EXPECT_DOUBLE_EQ(apply(Op::Softplus, 800.0), 800.0);
  EXPECT_DOUBLE_EQ(apply(Op::Sinc, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(apply(Op::DSinc, 0.0), 0.0);
  EXPECT_NEAR(apply(Op::SafeLog, 0.0), std::log(kEps), 1e-12);
  EXPECT_NEAR(apply(Op::SafeDiv, 1.0, 0.0), 1.0 / kEps, 1e-9);
  EXPECT_NEAR(apply(Op::SafeDiv, 1.0, -0.0), -1.0 / kEps, 1e-9);
}

TEST(NaiveEvaluator, SwishValueAndDerivatives) {
  // x * sigmoid(beta * x) with beta = 1.5
  const Expr e =
      binary(Op::Mul, var_x(), unary(Op::Sigmoid, binary(Op::Mul, param(0, 1.5), var_x())));
  const double x = 0.8;
  const double s = 1.0 / (1.0 + std::exp(-1.5 * x));
  const NaiveResult r = eval_naive_with_derivatives(e, x);
  EXPECT_NEAR(r.f, x * s, 1e-15);
  EXPECT_NEAR(r.dfdx, s + 1.5 * x * s * (1 - s), 1e-15);
  ASSERT_EQ(r.dfdp.size(), 1u);
  EXPECT_NEAR(r.dfdp[0], x * x * s * (1 - s), 1e-15);
  const double other[] = {2.0};
  EXPECT_NEAR(eval_naive(e, x, other), x / (1.0 + std::exp(-2.0 * x)), 1e-15);
}

TEST(NaiveEvaluator, StructuralZeroDerivatives) {
  // sqrt(max(x, 0)) + beta: d/dbeta is exactly 1 even where sqrt's partial is infinite.
  const Expr e =
      binary(Op::Add, unary(Op::Sqrt, binary(Op::Max, var_x(), constant(0.0))), param(0));
  const NaiveResult r = eval_naive_with_derivatives(e, -1.0);
  EXPECT_EQ(r.f, 1.0);
  EXPECT_EQ(r.dfdp[0], 1.0);
}

TEST(NaiveEvaluator, SelectedBranchKeepsDerivativeFinite) {
  // min(exp(x) - 1, 0) at x = 800: exp overflows, min selects 0, the derivative is 0.
  const Expr e =
      binary(Op::Min, binary(Op::Sub, unary(Op::Exp, var_x()), constant(1.0)), constant(0.0));
  const NaiveResult r = eval_naive_with_derivatives(e, 800.0);
  EXPECT_EQ(r.f, 0.0);
  EXPECT_EQ(r.dfdx, 0.0);
}

}  // namespace
}  // namespace actsearch::grammar
