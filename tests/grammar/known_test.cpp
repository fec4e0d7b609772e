// Named activations: each parses to the canonical text it is written in and matches a
// closed-form transcription of PyTorch 1.13's definition at many points.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "grammar/base/error.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/known.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "tests/support/error_of.hpp"

namespace actsearch::grammar {
namespace {

// PyTorch 1.13 CPU kernels with default arguments.
double softplus_torch(double x) {
  return x > 20.0 ? x : std::log1p(std::exp(x));
}
double relu6(double x) {
  return std::min(std::max(x, 0.0), 6.0);
}
constexpr double kSeluScale = 1.0507009873554805;
constexpr double kSeluAlpha = 1.6732632423543772;

const std::map<std::string_view, std::function<double(double)>>& references() {
  static const std::map<std::string_view, std::function<double(double)>> refs{
      {"identity", [](double x) { return x; }},
      {"relu", [](double x) { return x > 0 ? x : 0.0; }},
      {"leaky_relu", [](double x) { return x > 0 ? x : 0.01 * x; }},
      {"prelu", [](double x) { return x >= 0 ? x : 0.25 * x; }},
      {"elu", [](double x) { return x > 0 ? x : std::exp(x) - 1.0; }},
      {"selu",
       [](double x) {
         return x > 0 ? kSeluScale * x : kSeluScale * kSeluAlpha * (std::exp(x) - 1.0);
       }},
      {"celu", [](double x) { return std::max(0.0, x) + std::min(0.0, std::exp(x) - 1.0); }},
      {"softplus", softplus_torch},
      {"gelu", [](double x) { return x * 0.5 * (1.0 + std::erf(x * M_SQRT1_2)); }},
      {"gelu_tanh",
       [](double x) {
         const double beta = M_SQRT2 * M_2_SQRTPI * 0.5;
         return 0.5 * x * (1.0 + std::tanh(beta * (x + 0.044715 * x * x * x)));
       }},
      {"silu", [](double x) { return x / (1.0 + std::exp(-x)); }},
      {"swish", [](double x) { return x / (1.0 + std::exp(-x)); }},
      {"mish", [](double x) { return x * std::tanh(std::log1p(std::exp(x))); }},
      {"hardswish", [](double x) { return x * relu6(x + 3.0) / 6.0; }},
      {"tanh", [](double x) { return std::tanh(x); }},
      {"sigmoid", [](double x) { return 1.0 / (1.0 + std::exp(-x)); }},
      {"hardtanh", [](double x) { return std::min(std::max(x, -1.0), 1.0); }},
      {"hardsigmoid", [](double x) { return relu6(x + 3.0) / 6.0; }},
      {"softsign", [](double x) { return x / (1.0 + std::abs(x)); }},
  };
  return refs;
}

std::vector<double> sample_points() {
  std::vector<double> xs{0.0, -0.0, 1e-8, -1e-8, 30.0, -30.0, 50.0, -50.0};
  for (int i = -1200; i <= 1200; ++i) xs.push_back(i / 100.0);
  return xs;
}

TEST(Known, TableIsConsistent) {
  std::set<std::string_view> names;
  for (const KnownActivation& k : known_activations()) {
    EXPECT_TRUE(names.insert(k.name).second) << k.name;
    EXPECT_NE(std::find(kActivationFamilies.begin(), kActivationFamilies.end(), k.family),
              kActivationFamilies.end())
        << k.name;
    const Expr e = parse(k.expression);
    EXPECT_TRUE(well_formed(e)) << k.name;
    EXPECT_TRUE(uses_x(e)) << k.name;
    EXPECT_EQ(print(e), k.expression) << "written in canonical printed form";
    EXPECT_EQ(known_by_name(k.name)->expression, k.expression);
  }
  EXPECT_EQ(names.size(), references().size());
  EXPECT_FALSE(known_by_name("pwlu"));
}

TEST(Known, ValuesMatchPyTorchDefinitions) {
  for (const KnownActivation& k : known_activations()) {
    const auto ref = references().find(k.name);
    ASSERT_NE(ref, references().end()) << k.name;
    const Expr e = parse(k.expression);
    for (const double x : sample_points()) {
      const double want = ref->second(x);
      EXPECT_NEAR(eval_naive(e, x), want, 1e-12 * std::max(1.0, std::abs(want)))
          << k.name << " at " << x;
    }
  }
}

TEST(Known, LearnableParametersStartAtTheirDefaults) {
  EXPECT_EQ(param_inits(parse_activation("prelu")), (std::vector<double>{0.25}));
  EXPECT_EQ(param_inits(parse_activation("swish")), (std::vector<double>{1.0}));
  EXPECT_EQ(num_params(parse_activation("silu")), 0);
}

TEST(Known, NamesAliasesAndSpelling) {
  EXPECT_EQ(known_by_name("LeakyReLU")->name, "leaky_relu");
  EXPECT_EQ(known_by_name("leaky-relu")->name, "leaky_relu");
  EXPECT_EQ(known_by_name("GELU")->name, "gelu");
  EXPECT_EQ(known_by_name("linear")->name, "identity");
  EXPECT_EQ(known_by_name("lrelu")->name, "leaky_relu");
  EXPECT_EQ(known_by_name("gelu_erf")->name, "gelu");
  EXPECT_EQ(known_by_name("gelu_approx")->name, "gelu_tanh");
  EXPECT_EQ(known_by_name("swish1")->name, "silu");
  EXPECT_EQ(known_by_name("logistic")->name, "sigmoid");
  EXPECT_EQ(known_by_name("Hardswish")->expression, "x*min(max(x + 3, 0), 6)/6");
  EXPECT_FALSE(known_by_name("x"));
  EXPECT_FALSE(known_by_name(""));
}

TEST(Known, ParseActivationTakesNamesOrExpressions) {
  EXPECT_EQ(parse_activation("relu"), parse("max(x, 0)"));
  EXPECT_EQ(parse_activation("SiLU"), parse("x*sigmoid(x)"));
  EXPECT_EQ(parse_activation("x*tanh(x)"), parse("x*tanh(x)"));
  EXPECT_EQ(parse_activation("x"), var_x());
  const auto error_of = [](std::string_view text) {
    return actsearch::testing::error_of([&] { parse_activation(text); });
  };
  EXPECT_EQ(error_of("rellu"), "column 1: unknown activation 'rellu' (did you mean 'relu'?)");
  EXPECT_EQ(error_of("Swich"), "column 1: unknown activation 'Swich' (did you mean 'swish'?)");
  EXPECT_EQ(error_of("quux"),
            "column 1: unknown name 'quux' (the input is x; parameters are beta, beta1, ...)");
  EXPECT_EQ(error_of("x +"), "column 4: expected an expression but found end of input");
}

}  // namespace
}  // namespace actsearch::grammar
