// The compiled Program against its specification, the naive recursive evaluator: thousands
// of random expressions over every operator, each operator alone at many points, folding and
// sharing, structural zeros, edge sizes, in-place runs, and determinism across runs and
// threads.
#include <gtest/gtest.h>

#include <cstring>
#include <thread>
#include <vector>

#include "grammar/program/program.hpp"
#include "tests/grammar/program_oracle.hpp"

namespace actsearch::grammar {
namespace {

using namespace program_test;
using testing::RandomExpr;

TEST(Program, MatchesOracleOnThousandsOfRandomExpressions) {
  RandomExpr gen = random_exprs(20240611);
  const std::vector<std::size_t> sizes = {1, 13, 256, 300};
  int failures = 0;
  int points = 0;
  int excused = 0;
  for (std::size_t t = 0; t < 3000 && failures < 10; ++t) {
    const Expr e = gen.next();
    const std::vector<double> params = gen.params();
    const std::vector<double> x = gen.inputs(sizes[t % sizes.size()]);
    failures += OracleCheck(e, x, params).check_double().failures();
    const OracleCheck f = OracleCheck(e, x, params).check_float();
    failures += f.failures();
    points += f.points();
    excused += f.excused();
  }
  EXPECT_EQ(failures, 0);
  // The screens excuse float where it cannot match; they must not excuse much.
  EXPECT_LT(excused, points / 50) << points;
}

// Every operator alone, and with a parameter, at a fine grid, at its kinks and series
// switches, and at large, infinite and NaN inputs.
TEST(Program, EveryOperatorMatchesOracleAlone) {
  std::vector<double> x = {0.0,   -0.0,  1e-4,   -1e-4, 1e-3,  -1e-3, 0.5,   -0.5,
                           1e-30, 100.0, -100.0, 1e30,  -1e30, kInf,  -kInf, std::nan("")};
  for (double v = -6.0; v <= 6.0; v += 1.0 / 32) x.push_back(v);
  const Expr X = var_x();
  const Expr beta = param(0, 0.75);
  for (const OpInfo& info : kOps) {
    if (info.arity == 0) continue;
    std::vector<Expr> exprs;
    if (info.arity == 1) {
      exprs = {unary(info.op, X), unary(info.op, binary(Op::Mul, beta, X))};
    } else {
      const Expr sx = unary(Op::Sin, X);
      exprs = {binary(info.op, X, beta), binary(info.op, beta, X),          binary(info.op, X, sx),
               binary(info.op, sx, X),   binary(info.op, X, constant(0.5)), binary(info.op, X, X)};
    }
    for (const Expr& e : exprs) {
      const std::vector<double> params(static_cast<std::size_t>(num_params(e)), 0.75);
      EXPECT_EQ(OracleCheck(e, x, params).check_double().failures(), 0) << info.name;
      EXPECT_EQ(OracleCheck(e, x, params).check_float().failures(), 0) << info.name;
    }
  }
}

TEST(Program, FoldsConstantsAndSharesIdenticalSubtrees) {
  const Expr x = var_x();
  const Expr tanh_x = unary(Op::Tanh, x);
  const Expr sigmoid_x = unary(Op::Sigmoid, x);
  const Expr sin_x = unary(Op::Sin, x);
  const Expr three = binary(Op::Add, constant(1.0), constant(2.0));
  const std::vector<std::pair<Expr, std::size_t>> cases = {
      {binary(Op::Mul, tanh_x, tanh_x), 2},  // tanh once
      {binary(Op::Mul, three, x), 1},        // 1 + 2 folded
      {three, 0},
      {unary(Op::Exp, unary(Op::Neg, unary(Op::Sqrt, constant(4.0)))), 0},
      // x * sigmoid(x) and sigmoid(x) * x are one product
      {binary(Op::Add, binary(Op::Mul, x, sigmoid_x), binary(Op::Mul, sigmoid_x, x)), 3},
      // max is not commutative on ties and NaN: two maxima
      {binary(Op::Add, binary(Op::Max, x, sin_x), binary(Op::Max, sin_x, x)), 4},
      {binary(Op::Mul, unary(Op::Sigmoid, param(0, 0.5)), x), 2},
      {binary(Op::Add, binary(Op::Mul, param(0), x), binary(Op::Mul, param(0), x)), 2},
  };
  const std::vector<double> points = {-2.0, -0.5, 0.0, 0.5, 3.0};
  for (const auto& [e, instructions] : cases) {
    const Program p(e);
    EXPECT_EQ(p.num_instructions(), instructions) << show(e);
    const std::vector<double> params(static_cast<std::size_t>(p.num_params()), 0.5);
    EXPECT_EQ(OracleCheck(e, points, params).check_double().failures(), 0);
  }
}

TEST(Program, StructuralZerosAndParameterlessShapes) {
  const Expr x = var_x();
  const std::vector<double> points = {-1.0, 0.0, 2.0};
  const Outputs uniform = run<float>(Program(unary(Op::Sigmoid, param(0, 0.0))), points, {0.0});
  EXPECT_EQ(uniform.f, std::vector<double>(3, 0.5));
  EXPECT_EQ(uniform.dfdx, std::vector<double>(3, 0.0));
  EXPECT_EQ(uniform.dfdp, std::vector<double>(3, 0.25));
  const Outputs identity = run<double>(Program(x), points, {});
  EXPECT_EQ(identity.f, points);
  EXPECT_EQ(identity.dfdx, std::vector<double>(3, 1.0));
  const Outputs folded =
      run<float>(Program(binary(Op::Mul, constant(2.0), constant(3.0))), points, {});
  EXPECT_EQ(folded.f, std::vector<double>(3, 6.0));
  EXPECT_EQ(folded.dfdx, std::vector<double>(3, 0.0));
  // beta1 * x: beta (index 0) does not occur, so its derivative is exactly 0.
  const Outputs skip = run<double>(Program(binary(Op::Mul, param(1, 2.0), x)), points, {5.0, 2.0});
  EXPECT_EQ(skip.dfdp, (std::vector<double>{0.0, 0.0, 0.0, -1.0, 0.0, 2.0}));
  // Template placeholders x1 and x2 are x.
  const Expr placeholders{{Node{Op::X, 1}, Node{Op::X, 2}, Node{Op::Mul, 0, 3}}};
  EXPECT_EQ(run<double>(Program(placeholders), points, {}).f, (std::vector<double>{1.0, 0.0, 4.0}));
  EXPECT_EQ(Program(placeholders).num_instructions(), 1u);
}

// An exactly-zero partial selects a branch: the other branch's infinite derivative must
// not turn the result into NaN.
TEST(Program, ZeroPartialIgnoresAnOverflowingBranch) {
  const Expr x = var_x();
  const Expr elu_like =
      binary(Op::Add, binary(Op::Max, x, constant(0.0)),
             binary(Op::Min, binary(Op::Sub, unary(Op::Exp, x), constant(1.0)), constant(0.0)));
  const Expr stepped = unary(Op::Step, unary(Op::Exp, unary(Op::Exp, x)));
  EXPECT_EQ(run<double>(Program(elu_like), {800.0}, {}).dfdx[0], 1.0);
  EXPECT_EQ(run<float>(Program(elu_like), {100.0}, {}).dfdx[0], 1.0);
  EXPECT_EQ(run<float>(Program(stepped), {6.0}, {}).dfdx[0], 0.0);
  EXPECT_EQ(OracleCheck(elu_like, {-800.0, 800.0, 100.0}, {}).check_double().failures(), 0);
}

TEST(Program, SizesAroundTheBlockAndPartialRequests) {
  const Expr x = var_x();
  const Expr e =
      binary(Op::Add, binary(Op::Mul, x, unary(Op::Sigmoid, binary(Op::Mul, param(0, 1.5), x))),
             binary(Op::Mul, param(1, -0.5), unary(Op::Tanh, x)));
  RandomExpr gen = random_exprs(5);
  for (const std::size_t n : {0, 1, 255, 256, 257, 1000}) {
    const std::vector<double> points = gen.inputs(n);
    EXPECT_EQ(OracleCheck(e, points, {1.5, -0.5}).check_double().failures(), 0) << n;
    EXPECT_EQ(OracleCheck(e, points, {1.5, -0.5}).check_float().failures(), 0) << n;
    const Program p(e);
    const Outputs full = run<float>(p, points, {1.5, -0.5});
    EXPECT_EQ(run<float>(p, points, {1.5, -0.5}, false, false).f, full.f);
    EXPECT_EQ(run<float>(p, points, {1.5, -0.5}, true, false).dfdx, full.dfdx);
    EXPECT_EQ(run<float>(p, points, {1.5, -0.5}, false, true).dfdp, full.dfdp);
  }
}

// An activation layer may overwrite its input with f.
TEST(Program, RunsInPlace) {
  const Expr e = binary(Op::Mul, var_x(), unary(Op::Sigmoid, var_x()));
  const Program p(e);
  const std::vector<double> points = random_exprs(3).inputs(700);
  const Outputs want = run<float>(p, points, {});
  std::vector<float> x(points.begin(), points.end());
  std::vector<float> dfdx(x.size());
  p.run(x, {}, x, dfdx);
  EXPECT_EQ(std::vector<double>(x.begin(), x.end()), want.f);
  EXPECT_EQ(std::vector<double>(dfdx.begin(), dfdx.end()), want.dfdx);
}

bool same_bits(const Outputs& a, const Outputs& b) {
  const auto eq = [](const std::vector<double>& u, const std::vector<double>& v) {
    // memcmp must not see the null data() of an empty vector, even for 0 bytes (UBSan).
    return u.size() == v.size() &&
           (u.empty() || std::memcmp(u.data(), v.data(), u.size() * sizeof(double)) == 0);
  };
  return eq(a.f, b.f) && eq(a.dfdx, b.dfdx) && eq(a.dfdp, b.dfdp);
}

TEST(Program, DeterministicAcrossRunsAndThreads) {
  RandomExpr gen = random_exprs(99);
  for (int t = 0; t < 20; ++t) {
    const Expr e = gen.next();
    const std::vector<double> params = gen.params();
    const std::vector<double> x = gen.inputs(3000);
    const Program p(e);
    const Outputs ref_f = run<float>(p, x, params);
    const Outputs ref_d = run<double>(p, x, params);
    EXPECT_TRUE(same_bits(run<float>(p, x, params), ref_f));
    std::vector<int> agree(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < agree.size(); ++i) {
      threads.emplace_back([&, i] {
        for (int r = 0; r < 5; ++r) {
          agree[i] += same_bits(run<float>(p, x, params), ref_f) &&
                      same_bits(run<double>(p, x, params), ref_d);
        }
      });
    }
    for (std::thread& th : threads) th.join();
    EXPECT_EQ(agree, std::vector<int>(4, 5)) << show(e);
  }
}

}  // namespace
}  // namespace actsearch::grammar
