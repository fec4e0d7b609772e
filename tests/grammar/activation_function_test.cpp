// ActivationFunction, the library's entry point for C++ users, against the naive evaluator:
// numbers, spans of float and double, Eigen arrays of any shape, parameters, bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "grammar/eval_naive.hpp"
#include "grammar/parse.hpp"
#include "grammar/program/activation_function.hpp"
#include "tests/support/error_of.hpp"

namespace actsearch::grammar {
namespace {

using actsearch::testing::error_of;

std::vector<double> grid(int n) {
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) xs.push_back(-5.0 + 10.0 * i / (n - 1));
  return xs;
}

TEST(ActivationFunction, ParsesNamesAndExpressionsWithTheirParameters) {
  const ActivationFunction swish("swish");
  EXPECT_EQ(swish.text(), "x*sigmoid(beta*x)");
  EXPECT_EQ(swish.num_params(), 1);
  EXPECT_EQ(swish.param_names(), std::vector<std::string>{"beta"});
  EXPECT_EQ(std::vector<double>(swish.params().begin(), swish.params().end()),
            std::vector<double>{1.0});
  const ActivationFunction two("max(x, beta=0.25*x) + beta1=-1");
  EXPECT_EQ(two.param_names(), (std::vector<std::string>{"beta", "beta1"}));
  EXPECT_EQ(two.params()[1], -1.0);
  EXPECT_EQ(error_of([] { ActivationFunction("tanh(x"); }),
            "column 7: expected ')' but found end of input");
}

TEST(ActivationFunction, NumbersAndSpansMatchTheNaiveEvaluator) {
  ActivationFunction f("x*sigmoid(beta*x) + safe_log(x)");
  const std::vector<double> learned{1.7};
  f.set_params(learned);
  const std::vector<double> xs = grid(301);
  std::vector<double> v(xs.size()), d(xs.size()), v2(xs.size()), d2(xs.size());
  f.value(xs, v);
  f.derivative(xs, d);
  f.value_and_derivative(xs, v2, d2);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const NaiveResult want = eval_naive_with_derivatives(f.expr(), xs[i], learned);
    EXPECT_NEAR(v[i], want.f, 1e-12 * (1 + std::abs(want.f)));
    EXPECT_NEAR(d[i], want.dfdx, 1e-12 * (1 + std::abs(want.dfdx)));
    EXPECT_EQ(v2[i], v[i]);
    EXPECT_EQ(d2[i], d[i]);
    EXPECT_EQ(f.value(xs[i]), v[i]);
    EXPECT_EQ(f.derivative(xs[i]), d[i]);
  }
  const std::vector<float> xf(xs.begin(), xs.end());
  std::vector<float> vf(xf.size()), df(xf.size());
  f.value_and_derivative(xf, vf, df);
  for (std::size_t i = 0; i < xf.size(); ++i) {
    EXPECT_NEAR(vf[i], v[i], 1e-5 * (1 + std::abs(v[i])));
    EXPECT_NEAR(df[i], d[i], 1e-5 * (1 + std::abs(d[i])));
  }
}

TEST(ActivationFunction, EigenArraysKeepTheirShape) {
  const ActivationFunction gelu("gelu");
  Eigen::ArrayXXf x(3, 4);
  for (int i = 0; i < x.size(); ++i) x(i) = -2.0f + 0.3f * static_cast<float>(i);
  const Eigen::ArrayXXf y = gelu.value(x);
  const Eigen::ArrayXXf dy = gelu.derivative(x * 2.0f);  // an expression
  ASSERT_EQ(y.rows(), 3);
  ASSERT_EQ(y.cols(), 4);
  for (int c = 0; c < 4; ++c) {
    for (int r = 0; r < 3; ++r) {
      EXPECT_NEAR(y(r, c), gelu.value(static_cast<double>(x(r, c))), 1e-6);
      EXPECT_NEAR(dy(r, c), gelu.derivative(2.0 * x(r, c)), 1e-5);
    }
  }
  Eigen::Array<double, 2, 3, Eigen::RowMajor> row_major;
  row_major << -1, 0, 1, 2, 3, 4;
  const auto z = gelu.value(row_major);
  EXPECT_EQ(z(1, 0), gelu.value(2.0));
  const Eigen::ArrayXd empty = gelu.value(Eigen::ArrayXd());
  EXPECT_EQ(empty.size(), 0);
}

TEST(ActivationFunction, BadSizesAreErrors) {
  ActivationFunction f("swish");
  EXPECT_EQ(error_of([&] {
              f.set_params(std::vector{1.0, 2.0});
            }),
            "expected 1 parameter values, got 2");
  const std::vector<double> x(4);
  std::vector<double> out(3);
  EXPECT_EQ(error_of([&] { f.value(x, out); }), "x has 4 values but f has 3");
  EXPECT_EQ(error_of([&] { f.derivative(x, out); }), "x has 4 values but df has 3");
}

}  // namespace
}  // namespace actsearch::grammar
