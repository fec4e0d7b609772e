// The validity screen: which candidates are rejected, with which reason, in which order.
#include <gtest/gtest.h>

#include "expr_testing.hpp"
#include "grammar/validity.hpp"

namespace actsearch::grammar {
namespace {

using testing::call;
using testing::operator+;
using testing::operator-;
using testing::operator*;
using testing::operator/;

const Expr x = var_x();
const Expr beta = param(0);

std::string reason(const Expr& e) {
  const Verdict v = screen(e);
  EXPECT_EQ(v.valid, v.reason.empty()) << v.reason;
  return v.reason;
}

TEST(Validity, UsefulActivationsAreValid) {
  EXPECT_EQ(reason(call(Op::Max, x, 0.0)), "");
  EXPECT_EQ(reason(call(Op::Max, x, 0.1 * x)), "");  // leaky relu
  EXPECT_EQ(reason(x * call(Op::Sigmoid, x)), "");
  EXPECT_EQ(reason(call(Op::Tanh, x)), "");
  EXPECT_EQ(reason(call(Op::Square, x)), "");
  EXPECT_EQ(reason(call(Op::Abs, x)), "");
  EXPECT_TRUE(screen(x * call(Op::Sigmoid, beta * x)).valid);
}

TEST(Validity, LinearFunctionsAreRejected) {
  EXPECT_EQ(reason(x), "linear");
  EXPECT_EQ(reason(2.0 * x + 1.0), "linear");
  EXPECT_EQ(reason(beta * x), "linear");
  EXPECT_EQ(reason(call(Op::Max, x, x)), "linear");
  EXPECT_EQ(reason(call(Op::Max, x, -10.0)), "linear");  // its kink is off the range
  EXPECT_EQ(reason(call(Op::Square, x + 1.0) - call(Op::Square, x)), "linear");
}

TEST(Validity, FunctionsWithoutXAreRejected) {
  EXPECT_EQ(reason(constant(3.0)), "does not depend on x");
  EXPECT_EQ(reason(beta), "does not depend on x");
  EXPECT_EQ(reason(call(Op::Sin, beta)), "does not depend on x");
  EXPECT_EQ(reason(x - x + call(Op::Cos, beta)), "does not depend on x");
}

TEST(Validity, ConstantFunctionsOfXAreRejected) {
  EXPECT_EQ(reason(call(Op::Max, x, 10.0)), "constant");
  EXPECT_EQ(reason(call(Op::Step, x - 10.0)), "constant");
}

TEST(Validity, NotFiniteFunctionsAreRejected) {
  EXPECT_EQ(reason(call(Op::Exp, call(Op::Exp, call(Op::Exp, x)))), "not finite on [-5, 5]");
  EXPECT_EQ(reason(call(Op::Exp, call(Op::Exp, x))), "not finite on [-5, 5]");  // > 1e12
  EXPECT_EQ(reason(call(Op::Log, x)), "not finite on [-5, 5]");
  EXPECT_EQ(reason(constant(1.0) / x), "not finite on [-5, 5]");  // the grid holds 0
  // Checked first: log(x - x) is -inf everywhere and has no x after simplification.
  EXPECT_EQ(reason(call(Op::Log, x - x)), "not finite on [-5, 5]");
}

TEST(Validity, NotFiniteDerivativesAreRejected) {
  EXPECT_EQ(reason(call(Op::Sqrt, call(Op::Abs, x))), "derivative not finite on [-5, 5]");
  EXPECT_EQ(reason(call(Op::SafeSqrt, x)), "");  // the protected variant is fine
}

TEST(Validity, ParametersCanLeaveADegenerateInitialValue) {
  // Linear (x/2) at beta = 0, not at the second setting: training can move beta.
  EXPECT_EQ(reason(x * call(Op::Sigmoid, param(0, 0.0) * x)), "");
  // Constant 0 at beta = 0 but linear at the second setting: linear.
  EXPECT_EQ(reason(param(0, 0.0) * x), "linear");
}

}  // namespace
}  // namespace actsearch::grammar
