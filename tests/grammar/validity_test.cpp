// The validity screen: which candidates are rejected, with which reason, in which order.
#include <gtest/gtest.h>

#include <string>

#include "grammar/parse.hpp"
#include "grammar/validity.hpp"

namespace actsearch::grammar {
namespace {

std::string reason(std::string_view text) {
  const Verdict v = screen(parse(text));
  EXPECT_EQ(v.valid, v.reason.empty()) << text << ": " << v.reason;
  return v.reason;
}

TEST(Validity, UsefulActivationsAreValid) {
  for (const char* text : {"relu(x)", "max(x, 0.1*x)", "x*sigmoid(x)", "tanh(x)", "x^2", "abs(x)",
                           "x*sigmoid(beta*x)", "softplus(x)", "safe_sqrt(x)"}) {
    EXPECT_EQ(reason(text), "") << text;
  }
}

TEST(Validity, LinearFunctionsAreRejected) {
  EXPECT_EQ(reason("x"), "linear");
  EXPECT_EQ(reason("2*x + 1"), "linear");
  EXPECT_EQ(reason("beta*x"), "linear");
  EXPECT_EQ(reason("max(x, x)"), "linear");
  EXPECT_EQ(reason("max(x, -10)"), "linear");  // its kink is off the range
  EXPECT_EQ(reason("(x + 1)^2 - x^2"), "linear");
}

TEST(Validity, FunctionsWithoutXAreRejected) {
  EXPECT_EQ(reason("3"), "does not depend on x");
  EXPECT_EQ(reason("beta"), "does not depend on x");
  EXPECT_EQ(reason("sin(beta)"), "does not depend on x");
  EXPECT_EQ(reason("x - x + cos(beta)"), "does not depend on x");
}

TEST(Validity, ConstantFunctionsOfXAreRejected) {
  EXPECT_EQ(reason("max(x, 10)"), "constant");
  EXPECT_EQ(reason("step(x - 10)"), "constant");
}

TEST(Validity, NotFiniteFunctionsAreRejected) {
  EXPECT_EQ(reason("exp(exp(exp(x)))"), "not finite on [-5, 5]");
  EXPECT_EQ(reason("exp(exp(x))"), "not finite on [-5, 5]");  // e^148 > 1e12 counts
  EXPECT_EQ(reason("log(x)"), "not finite on [-5, 5]");
  EXPECT_EQ(reason("1/x"), "not finite on [-5, 5]");  // the grid holds 0
  // Checked first: log(x - x) is -inf everywhere and has no x after simplification.
  EXPECT_EQ(reason("log(x - x)"), "not finite on [-5, 5]");
}

TEST(Validity, NotFiniteDerivativesAreRejected) {
  EXPECT_EQ(reason("sqrt(abs(x))"), "derivative not finite on [-5, 5]");
  EXPECT_EQ(reason("safe_sqrt(x)"), "");  // the protected variant is fine
}

TEST(Validity, ParametersCanLeaveADegenerateInitialValue) {
  // Linear (x/2) at beta = 0, not at the second setting: training can move beta.
  EXPECT_EQ(reason("x*sigmoid(beta=0*x)"), "");
  // Constant 0 at beta = 0 but linear at the second setting: linear.
  EXPECT_EQ(reason("beta=0*x"), "linear");
}

}  // namespace
}  // namespace actsearch::grammar
