// The printer: minimal parentheses, number formatting, and round trips
// parse(print(e)) == e on hand-written and on thousands of random expressions.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "grammar/parse.hpp"
#include "grammar/print.hpp"

namespace actsearch::grammar {
namespace {

const ParseOptions kTemplates{.placeholders = true};

TEST(Print, MinimalParentheses) {
  const Expr x = var_x();
  const Expr one = constant(1.0);
  EXPECT_EQ(print(binary(Op::Mul, binary(Op::Add, x, one), x)), "(x + 1)*x");
  EXPECT_EQ(print(binary(Op::Sub, x, binary(Op::Sub, x, one))), "x - (x - 1)");
  EXPECT_EQ(print(binary(Op::Sub, binary(Op::Sub, x, one), x)), "x - 1 - x");
  EXPECT_EQ(print(unary(Op::Neg, unary(Op::Square, x))), "-x^2");
  EXPECT_EQ(print(unary(Op::Square, unary(Op::Neg, x))), "(-x)^2");
  EXPECT_EQ(print(binary(Op::Div, x, binary(Op::Mul, x, x))), "x/(x*x)");
  EXPECT_EQ(print(binary(Op::Mul, binary(Op::Div, x, x), x)), "x/x*x");
  EXPECT_EQ(print(binary(Op::Add, x, binary(Op::Mul, x, x))), "x + x*x");
  EXPECT_EQ(print(unary(Op::Neg, binary(Op::Mul, x, x))), "-(x*x)");
  EXPECT_EQ(print(binary(Op::Mul, unary(Op::Neg, x), x)), "-x*x");
  EXPECT_EQ(print(unary(Op::Neg, unary(Op::Neg, x))), "--x");
  EXPECT_EQ(print(unary(Op::Cube, unary(Op::Square, x))), "x^2^3");
  EXPECT_EQ(print(unary(Op::Tanh, binary(Op::Add, x, one))), "tanh(x + 1)");
  EXPECT_EQ(print(binary(Op::Max, binary(Op::Add, x, one), constant(0.0))), "max(x + 1, 0)");
}

TEST(Print, NegativeConstants) {
  const Expr x = var_x();
  EXPECT_EQ(print(constant(-2.0)), "-2");
  EXPECT_EQ(print(unary(Op::Neg, constant(2.0))), "-(2)");
  EXPECT_EQ(print(unary(Op::Neg, constant(-2.0))), "-(-2)");
  EXPECT_EQ(print(unary(Op::Square, constant(-2.0))), "(-2)^2");
  EXPECT_EQ(print(unary(Op::Neg, unary(Op::Square, constant(2.0)))), "-2^2");
  EXPECT_EQ(print(binary(Op::Mul, constant(-2.0), x)), "-2*x");
  EXPECT_EQ(print(binary(Op::Mul, x, constant(-2.0))), "x*-2");
  EXPECT_EQ(print(binary(Op::Sub, x, constant(-2.0))), "x - -2");
  EXPECT_EQ(print(constant(-0.0)), "-0");
}

TEST(Print, NumbersInShortestRoundTripForm) {
  EXPECT_EQ(print_number(0.5), "0.5");
  EXPECT_EQ(print_number(0.1), "0.1");
  EXPECT_EQ(print_number(1e-3), "0.001");
  EXPECT_EQ(print_number(1e-7), "1e-07");
  EXPECT_EQ(print_number(1e21), "1e+21");
  EXPECT_EQ(print_number(3.0), "3");
  EXPECT_EQ(print_number(5e-324), "5e-324");
}

TEST(Print, NumbersToSignificantDigits) {
  EXPECT_EQ(print_number(1.9061209042851535, 4), "1.906");
  EXPECT_EQ(print_number(0.5, 4), "0.5");
  EXPECT_EQ(print_number(-0.00012345678, 4), "-0.0001235");
  EXPECT_EQ(print_number(1e-7, 4), "1e-07");
  EXPECT_EQ(print_number(12345.678, 4), "1.235e+04");
  EXPECT_EQ(print_number(1.00001, 4), "1");
}

// For reading: every constant and initial value rounded; the text still parses, to the
// expression with the rounded values.
TEST(Print, ExpressionToSignificantDigits) {
  const Expr e = parse("abs(beta=1.9061209042851535)*sin(min(beta1=1.3815938488968647, x))");
  const PrintOptions four{.digits = 4};
  EXPECT_EQ(print(e, four), "abs(beta=1.906)*sin(min(beta1=1.382, x))");
  EXPECT_EQ(print(parse("max(x, -0.21834567890123457*x) + 1e-07"), four),
            "max(x, -0.2183*x) + 1e-07");
  EXPECT_EQ(print(parse(print(e, four))), print(e, four));
  EXPECT_EQ(print(e), "abs(beta=1.9061209042851535)*sin(min(beta1=1.3815938488968647, x))");
}

TEST(Print, ParametersAndPlaceholders) {
  const Expr half = param(0, 0.5);
  EXPECT_EQ(print(binary(Op::Add, binary(Op::Mul, half, var_x()), half)), "beta=0.5*x + beta");
  EXPECT_EQ(print(binary(Op::Add, param(3), param(255, -1.5))), "beta3 + beta255=-1.5");
  EXPECT_EQ(print(unary(Op::Square, param(1, -0.0))), "beta1=-0^2");
  EXPECT_EQ(print(parse("x1*x2 - x", kTemplates)), "x1*x2 - x");
}

TEST(Print, DeepExpressionsPrintWithoutRecursion) {
  std::vector<Node> nodes(100'000, Node{Op::Neg});
  nodes.front() = Node{Op::X};
  ASSERT_TRUE(update_lengths(nodes));
  EXPECT_EQ(print(Expr{nodes}), std::string(99'999, '-') + "x");
}

TEST(RoundTrip, HandWritten) {
  for (const char* text : {"(x + 1)*x",
                           "x - (x - 1)",
                           "-x^2",
                           "(-x)^2",
                           "x/(x*x)",
                           "x*(x/x)",
                           "x - x - x",
                           "x + (x + x)",
                           "-(2)",
                           "-(-2)",
                           "(-2)^2",
                           "-2*x",
                           "x*-2",
                           "x + -2",
                           "--x",
                           "-2^2",
                           "x^2^3",
                           "-(x + 1)",
                           "max(x, 0)",
                           "safe_div(x, 1)",
                           "beta=0.5*x + beta",
                           "beta + beta1=-3*beta255=0.25",
                           "x*sigmoid(beta*x)",
                           "exp(-beta*(x - tanh(x))^2)",
                           "1e-07",
                           "0.001",
                           "1e+21",
                           "x/-x",
                           "abs(x)^3",
                           "(x + 1)^2",
                           "(x*x)^2",
                           "(x/2)^3",
                           "-x - -x",
                           "beta=-0^2",
                           "-beta=2",
                           "sinc(x)*dsinc(x) + step(x) - sign(x)"}) {
    EXPECT_EQ(print(parse(text)), text);
  }
}

// Random well-formed expressions over every operator, with awkward constants and
// parameters whose initial values are fixed per expression.
class RandomExprs {
 public:
  explicit RandomExprs(std::uint64_t seed) : rng_(seed) {
    for (const OpInfo& i : kOps) {
      if (i.arity == 1) unary_.push_back(i.op);
      if (i.arity == 2) binary_.push_back(i.op);
    }
  }

  Expr next(bool placeholders) {
    placeholders_ = placeholders;
    for (double& init : inits_) init = pick_init();
    return build(static_cast<int>(draw(1, 7)));
  }

 private:
  std::uint64_t draw(std::uint64_t lo, std::uint64_t hi) {
    return std::uniform_int_distribution<std::uint64_t>(lo, hi)(rng_);
  }

  Expr build(int depth) {
    const std::uint64_t kind = depth <= 1 ? 0 : draw(0, 4);
    if (kind == 0) return leaf();
    if (kind <= 2) return unary(unary_[draw(0, unary_.size() - 1)], build(depth - 1));
    return binary(binary_[draw(0, binary_.size() - 1)], build(depth - 1), build(depth - 1));
  }

  Expr leaf() {
    static constexpr int kParams[] = {0, 1, 2, 17, 255};
    switch (draw(0, 3)) {
      case 0:
        return placeholders_ ? Expr{{Node{Op::X, static_cast<std::uint8_t>(draw(0, 2))}}} : var_x();
      case 1: {
        const std::uint64_t k = draw(0, 4);
        return param(kParams[k], inits_[k]);
      }
      default:
        return constant(pick_constant());
    }
  }

  double pick_init() {
    static constexpr double kInits[] = {1.0, 1.0, 0.5, -1.5e-2, -0.0, 0.25, 3.0};
    return draw(0, 2) == 0 ? pick_constant() : kInits[draw(0, std::size(kInits) - 1)];
  }

  double pick_constant() {
    static constexpr double kSpecial[] = {
        0.0,   -0.0,       1.0,  -1.0,  2.0,    3.0,     -2.0,  0.5,
        0.1,   -0.1,       1e-7, -1e-7, 5e-324, -5e-324, 1e308, -1.7976931348623157e308,
        2.5e4, 123456.789, 1e21, 1e16};
    switch (draw(0, 2)) {
      case 0:
        return kSpecial[draw(0, std::size(kSpecial) - 1)];
      case 1: {
        const double magnitude = std::uniform_real_distribution<double>(0.0, 10.0)(rng_);
        const double value = magnitude * std::pow(10.0, static_cast<double>(draw(0, 40)) - 20.0);
        return draw(0, 1) ? value : -value;
      }
      default: {
        double value = NAN;
        while (!std::isfinite(value)) value = std::bit_cast<double>(rng_());
        return value;
      }
    }
  }

  std::mt19937_64 rng_;
  std::vector<Op> unary_;
  std::vector<Op> binary_;
  std::array<double, 5> inits_{};
  bool placeholders_ = false;
};

TEST(RoundTrip, ThousandsOfRandomExpressions) {
  RandomExprs random(20260101);
  for (int i = 0; i < 5000; ++i) {
    const bool placeholders = i % 5 == 0;
    const Expr e = random.next(placeholders);
    ASSERT_TRUE(well_formed(e));
    const std::string text = print(e);
    const Expr back = parse(text, ParseOptions{.placeholders = placeholders});
    ASSERT_EQ(back, e) << text;
    // Bit for bit, so -0 and 0 are told apart.
    ASSERT_EQ(structural_hash(back), structural_hash(e)) << text;
  }
}

}  // namespace
}  // namespace actsearch::grammar
