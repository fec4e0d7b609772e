// The parser: structure and values of valid input (checked with the naive evaluator),
// every error message pinned, and the input limits.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "grammar/base/error.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/parse.hpp"
#include "tests/support/error_of.hpp"

namespace actsearch::grammar {
namespace {

std::string error_of(std::string_view text, ParseOptions options = {}) {
  return actsearch::testing::error_of([&] { parse(text, options); });
}

double at(std::string_view text, double x) {
  return eval_naive(parse(text), x);
}

TEST(Parse, Numbers) {
  EXPECT_EQ(parse("2"), constant(2.0));
  EXPECT_EQ(parse("0.5"), constant(0.5));
  EXPECT_EQ(parse(".5"), constant(0.5));
  EXPECT_EQ(parse("1e-3"), constant(1e-3));
  EXPECT_EQ(parse("2.5E+4"), constant(2.5e4));
  EXPECT_EQ(parse("5e-324"), constant(5e-324));
  EXPECT_EQ(parse("1.7976931348623157e308"), constant(1.7976931348623157e308));
}

TEST(Parse, PrecedenceAndAssociativity) {
  EXPECT_DOUBLE_EQ(at("2*x + 1", 3.0), 7.0);
  EXPECT_DOUBLE_EQ(at("1 + 2*x^2", 3.0), 19.0);
  EXPECT_DOUBLE_EQ(at("x - x - x", 1.0), -1.0);
  EXPECT_DOUBLE_EQ(at("x/2/2", 8.0), 2.0);
  EXPECT_DOUBLE_EQ(at("x/(x*x)", 4.0), 0.25);
  EXPECT_DOUBLE_EQ(at("-x^2", 3.0), -9.0);
  EXPECT_DOUBLE_EQ(at("(-x)^2", 3.0), 9.0);
  EXPECT_DOUBLE_EQ(at("-2^2", 0.0), -4.0);
  EXPECT_DOUBLE_EQ(at("x^2^3", 2.0), 64.0);
  EXPECT_DOUBLE_EQ(at("--x", 2.0), 2.0);
  EXPECT_DOUBLE_EQ(at("-x*x", 3.0), -9.0);
  EXPECT_EQ(parse("x - x - x"), binary(Op::Sub, binary(Op::Sub, var_x(), var_x()), var_x()));
  EXPECT_EQ(parse("-x*x"), binary(Op::Mul, unary(Op::Neg, var_x()), var_x()));
}

TEST(Parse, MinusBeforeANumberIsANegativeConstant) {
  EXPECT_EQ(parse("-2*x"), binary(Op::Mul, constant(-2.0), var_x()));
  EXPECT_EQ(parse("x - -2"), binary(Op::Sub, var_x(), constant(-2.0)));
  EXPECT_EQ(parse("x - 2"), binary(Op::Sub, var_x(), constant(2.0)));
  EXPECT_EQ(parse("-2^2"), unary(Op::Neg, unary(Op::Square, constant(2.0))));
  EXPECT_EQ(parse("(-2)^2"), unary(Op::Square, constant(-2.0)));
  EXPECT_EQ(parse("-(2)"), unary(Op::Neg, constant(2.0)));
  EXPECT_EQ(parse("--2"), unary(Op::Neg, constant(-2.0)));
  EXPECT_TRUE(std::signbit(parse("-0")[0].value));
}

TEST(Parse, CallsByTableName) {
  EXPECT_EQ(parse("tanh(x)"), unary(Op::Tanh, var_x()));
  EXPECT_EQ(parse("safe_div(x, 1)"), binary(Op::SafeDiv, var_x(), constant(1.0)));
  EXPECT_EQ(parse("neg(x)"), parse("-x"));
  EXPECT_EQ(parse("square(x)"), parse("x^2"));
  EXPECT_EQ(parse("cube(x)"), parse("x^3"));
  EXPECT_EQ(parse("add(x, 1)"), parse("x + 1"));
  EXPECT_EQ(parse("div(x, 2)"), parse("x/2"));
  EXPECT_DOUBLE_EQ(at("max(x, 0) + min(x, 0)", -3.0), -3.0);
}

TEST(Parse, ParameterFreeUnitsAreSugar) {
  EXPECT_EQ(parse("relu(x)"), parse("max(x, 0)"));
  EXPECT_EQ(parse("min0(x + 1)"), parse("min(x + 1, 0)"));
  EXPECT_EQ(parse("gauss(tanh(x))"), parse("exp(-tanh(x)^2)"));
  EXPECT_EQ(parse("hardtanh(2*x)"), parse("min(max(2*x, -1), 1)"));
  EXPECT_EQ(parse("identity(x^2)"), parse("x^2"));
  EXPECT_EQ(parse("sigmul(x, beta=2)"), parse("sigmoid(x)*beta=2"));
  EXPECT_EQ(parse("relu(relu(x))"), parse("max(max(x, 0), 0)"));
  EXPECT_EQ(error_of("scale(x)"), "column 1: unknown function 'scale'");
  EXPECT_EQ(error_of("mix(x, x)"), "column 1: unknown function 'mix' (did you mean 'max'?)");
}

TEST(Parse, Parameters) {
  const Expr e = parse("beta + beta1 + beta255");
  EXPECT_EQ(e[0], (Node{Op::Param, 0, 1, 1.0}));
  EXPECT_EQ(e[1], (Node{Op::Param, 1, 1, 1.0}));
  EXPECT_EQ(e[3], (Node{Op::Param, 255, 1, 1.0}));
  EXPECT_EQ(num_params(e), 256);
}

TEST(Parse, InitialValueAtAnyOneOccurrenceReachesEveryNode) {
  const Expr e = parse("beta*x + beta=0.5 + beta2=-1.5e-2*beta2");
  EXPECT_EQ(param_inits(e), (std::vector<double>{0.5, 1.0, -1.5e-2}));
  for (const Node& n : e.nodes) {
    if (n.op == Op::Param && n.index == 0) {
      EXPECT_EQ(n.value, 0.5);
    }
  }
  EXPECT_TRUE(well_formed(e));
  EXPECT_EQ(parse("beta = 2 * x"), parse("beta=2*x"));
  EXPECT_EQ(parse("beta=2*x + beta=2"), parse("beta=2*x + beta"));
  EXPECT_DOUBLE_EQ(at("beta=0.5*x", 4.0), 2.0);
}

TEST(Parse, Placeholders) {
  const Expr e = parse("x1 + x2*x", ParseOptions{.placeholders = true});
  EXPECT_EQ(e[0], (Node{Op::X, 1, 1, 0.0}));
  EXPECT_EQ(e[1], (Node{Op::X, 2, 1, 0.0}));
  EXPECT_EQ(e[2], (Node{Op::X, 0, 1, 0.0}));
  EXPECT_EQ(error_of("x1"),
            "column 1: unknown name 'x1' (the input is x; parameters are beta, beta1, ...)");
}

TEST(Parse, WhitespaceAnywhere) {
  EXPECT_EQ(parse(" \t max ( x ,\n0 ) ^ 2 \r\n"), parse("max(x,0)^2"));
}

TEST(ParseErrors, MessagesNameTheColumnAndWhatWasExpected) {
  EXPECT_EQ(error_of(""), "column 1: expected an expression but found end of input");
  EXPECT_EQ(error_of("   "), "column 4: expected an expression but found end of input");
  EXPECT_EQ(error_of("x +"), "column 4: expected an expression but found end of input");
  EXPECT_EQ(error_of("tanh(x"), "column 7: expected ')' but found end of input");
  EXPECT_EQ(error_of("(x + 1"), "column 7: expected ')' but found end of input");
  EXPECT_EQ(error_of("max(x"), "column 6: expected ',' or ')' but found end of input");
  EXPECT_EQ(error_of("x x"), "column 3: expected an operator or end of input but found 'x'");
  EXPECT_EQ(error_of("x)"), "column 2: expected an operator or end of input but found ')'");
  EXPECT_EQ(error_of("2 * )"), "column 5: expected an expression but found ')'");
  EXPECT_EQ(error_of("tanh()"), "column 6: expected an expression but found ')'");
  EXPECT_EQ(error_of("tanh + x"), "column 6: expected '(' but found '+'");
  EXPECT_EQ(error_of("x(2)"), "column 2: expected an operator or end of input but found '('");
}

TEST(ParseErrors, UnknownNamesAndFunctions) {
  EXPECT_EQ(error_of("tanhh(x)"), "column 1: unknown function 'tanhh' (did you mean 'tanh'?)");
  EXPECT_EQ(error_of("x*sigmiod(x)"),
            "column 3: unknown function 'sigmiod' (did you mean 'sigmoid'?)");
  EXPECT_EQ(error_of("rleu(x)"), "column 1: unknown function 'rleu' (did you mean 'relu'?)");
  EXPECT_EQ(error_of("foo(x)"), "column 1: unknown function 'foo'");
  EXPECT_EQ(error_of("y"),
            "column 1: unknown name 'y' (the input is x; parameters are beta, beta1, ...)");
  EXPECT_EQ(error_of("1 + nan"),
            "column 5: unknown name 'nan' (the input is x; parameters are beta, beta1, ...)");
  EXPECT_EQ(error_of("inf"),
            "column 1: unknown name 'inf' (the input is x; parameters are beta, beta1, ...)");
  EXPECT_EQ(error_of("beta0"),
            "column 1: unknown name 'beta0' (the input is x; parameters are beta, beta1, ...)");
  EXPECT_EQ(error_of("beta256"),
            "column 1: parameter 'beta256' out of range (beta, beta1, ..., beta255)");
  EXPECT_EQ(error_of("beta99999999999999999999"),
            "column 1: parameter 'beta99999999999999999999' out of range (beta, beta1, ..., "
            "beta255)");
}

TEST(ParseErrors, ArityExponentsAndInitialValues) {
  EXPECT_EQ(error_of("max(x)"), "column 1: 'max' takes 2 arguments but was given 1");
  EXPECT_EQ(error_of("tanh(x, x)"), "column 1: 'tanh' takes 1 argument but was given 2");
  EXPECT_EQ(error_of("relu(x, x)"), "column 1: 'relu' takes 1 argument but was given 2");
  EXPECT_EQ(error_of("x^4"), "column 3: expected exponent 2 or 3 but found '4'");
  EXPECT_EQ(error_of("x^x"), "column 3: expected exponent 2 or 3 but found 'x'");
  EXPECT_EQ(error_of("x^"), "column 3: expected exponent 2 or 3 but found end of input");
  EXPECT_EQ(error_of("beta=0.5*x + beta=2"),
            "column 14: conflicting initial values for beta: 0.5 and 2");
  EXPECT_EQ(error_of("beta3=-0 + beta3=0"),
            "column 12: conflicting initial values for beta3: -0 and 0");
  EXPECT_EQ(error_of("beta="), "column 6: expected a number but found end of input");
  EXPECT_EQ(error_of("beta=x"), "column 6: expected a number but found 'x'");
  EXPECT_EQ(error_of("x=1"), "column 2: expected an operator or end of input but found '='");
}

TEST(ParseErrors, CharactersAndNumbers) {
  EXPECT_EQ(error_of("1e999"), "column 1: number '1e999' out of range");
  EXPECT_EQ(error_of("x + 1e-400"), "column 5: number '1e-400' out of range");
  EXPECT_EQ(error_of("2x"), "column 1: malformed number '2x'");
  EXPECT_EQ(error_of("1.2.3"), "column 1: malformed number '1.2.3'");
  EXPECT_EQ(error_of("x + ."), "column 5: malformed number '.'");
  EXPECT_EQ(error_of("x $ 2"), "column 3: unexpected character '$'");
  EXPECT_EQ(error_of("x + \xC3\xA9"), "column 5: unexpected byte 0xC3");
  EXPECT_EQ(error_of("x x $"), "column 3: expected an operator or end of input but found 'x'");
}

TEST(ParseLimits, NestingUpTo200Levels) {
  const std::string ok = std::string(200, '(') + "x" + std::string(200, ')');
  EXPECT_EQ(parse(ok), var_x());
  const std::string calls = [] {
    std::string s;
    for (int i = 0; i < 200; ++i) s += "tanh(";
    return s + "x" + std::string(200, ')');
  }();
  EXPECT_EQ(depth(parse(calls)), 201u);
  EXPECT_EQ(error_of(std::string(201, '(') + "x" + std::string(201, ')')),
            "column 201: expression nested deeper than 200 levels");
  EXPECT_EQ(error_of(std::string(201, '-') + "x"),
            "column 201: expression nested deeper than 200 levels");
}

TEST(ParseLimits, HugeInputFailsFastAndCleanly) {
  EXPECT_EQ(error_of(std::string(100'000, '(')),
            "column 201: expression nested deeper than 200 levels");
  EXPECT_EQ(error_of(std::string(99'999, '-') + "x"),
            "column 201: expression nested deeper than 200 levels");
  EXPECT_EQ(error_of(std::string(100'001, ' ')),
            "column 100001: input longer than 100000 characters");
}

TEST(ParseLimits, LongFlatInputParses) {
  std::string text = "x";
  while (text.size() + 2 <= kMaxExpressionLength) text += "+x";
  const Expr e = parse(text);
  EXPECT_EQ(e.size(), text.size());
  EXPECT_TRUE(well_formed(e));
  EXPECT_EQ(depth(e), text.size() / 2 + 1);
}

}  // namespace
}  // namespace actsearch::grammar
