// Nearest known activation and family: known functions are recovered with the right
// fitted parameter, a positive output scale is ignored, and each family rule fires.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "grammar/known.hpp"
#include "grammar/nearest/nearest.hpp"
#include "grammar/parse.hpp"

namespace actsearch::grammar {
namespace {

double param(const Nearest& n, const std::string& name) {
  for (const auto& [key, value] : n.params) {
    if (key == name) return value;
  }
  ADD_FAILURE() << "no parameter " << name << " in the fit of " << n.name;
  return NAN;
}

struct Analysed {
  Nearest nearest;
  std::string family;
};

Analysed analyse(const std::string& text) {
  const Expr e = parse_activation(text);
  Nearest n = nearest_known(e);
  std::string family = family_of(e, n);
  return {std::move(n), std::move(family)};
}

TEST(Nearest, SwishWithFittedBeta) {
  const Analysed a = analyse("x*sigmoid(1.7*x)");
  EXPECT_EQ(a.nearest.name, "swish");
  EXPECT_NEAR(param(a.nearest, "beta"), 1.7, 0.05);
  EXPECT_LT(a.nearest.distance, 1e-3);
  EXPECT_EQ(a.family, "swish-like");
}

TEST(Nearest, PositiveScaleIsIgnored) {
  const Analysed a = analyse("2*x*sigmoid(x)");
  EXPECT_EQ(a.nearest.name, "swish");
  EXPECT_NEAR(param(a.nearest, "beta"), 1.0, 0.05);
  EXPECT_LT(a.nearest.distance, 1e-3);
}

TEST(Nearest, NegativeScaleIsNotIgnored) {
  // -swish is no swish: the scale must be positive, so nothing named comes close.
  const Analysed a = analyse("-x*sigmoid(x)");
  EXPECT_GT(a.nearest.distance, 0.5);
  EXPECT_EQ(a.family, "other");
}

TEST(Nearest, LeakyReluWithFittedSlope) {
  const Analysed a = analyse("max(x, 0.2*x)");
  EXPECT_EQ(a.nearest.name, "leaky_relu");
  EXPECT_NEAR(param(a.nearest, "a"), 0.2, 0.01);
  EXPECT_EQ(a.family, "piecewise-linear");
}

TEST(Nearest, ReluIsLeakyWithZeroSlope) {
  const Analysed a = analyse("relu");
  EXPECT_EQ(a.nearest.name, "leaky_relu");
  EXPECT_NEAR(param(a.nearest, "a"), 0.0, 0.01);
}

TEST(Nearest, NamedActivationsFindThemselves) {
  for (const char* name : {"tanh", "sigmoid", "elu", "selu", "gelu", "mish", "softplus"}) {
    const Analysed a = analyse(name);
    EXPECT_EQ(a.nearest.name, name);
    EXPECT_LT(a.nearest.distance, 1e-6) << name;
  }
}

TEST(Nearest, FamiliesOfNamedActivations) {
  EXPECT_EQ(analyse("tanh").family, "saturating");
  EXPECT_EQ(analyse("sigmoid").family, "saturating");
  EXPECT_EQ(analyse("gelu").family, "swish-like");
  EXPECT_EQ(analyse("mish").family, "swish-like");
  EXPECT_EQ(analyse("elu").family, "relu-like smooth");
  EXPECT_EQ(analyse("softplus").family, "relu-like smooth");
}

TEST(Nearest, ThreeSegmentPiecewiseLinear) {
  // Slopes 0.1, 1, 1.5 with breakpoints at 0 and 1.
  const Analysed a = analyse("max(0.1*x, x) + 0.5*max(x - 1, 0)");
  EXPECT_EQ(a.nearest.name, "piecewise_linear");
  EXPECT_NEAR(param(a.nearest, "t1"), 0.0, 0.01);
  EXPECT_NEAR(param(a.nearest, "t2"), 1.0, 0.01);
  EXPECT_NEAR(param(a.nearest, "s1"), 0.1, 0.01);
  EXPECT_NEAR(param(a.nearest, "s2"), 1.0, 0.01);
  EXPECT_NEAR(param(a.nearest, "s3"), 1.5, 0.01);
  EXPECT_LT(a.nearest.distance, 1e-3);
  EXPECT_EQ(a.family, "piecewise-linear");
}

TEST(Nearest, TwoSegmentsWhenAThirdDoesNotHelp) {
  const Analysed a = analyse("min(x, 0.3*x)");  // slopes 1 then 0.3: no leaky_relu shape
  EXPECT_EQ(a.nearest.name, "piecewise_linear");
  EXPECT_EQ(a.nearest.params.size(), 3u);  // t1, s1, s2
  EXPECT_NEAR(param(a.nearest, "t1"), 0.0, 0.01);
  EXPECT_NEAR(param(a.nearest, "s1"), 1.0, 0.01);
  EXPECT_NEAR(param(a.nearest, "s2"), 0.3, 0.01);
}

TEST(Nearest, HardtanhIsPiecewiseLinearNotTanh) {
  const Analysed a = analyse("hardtanh");
  EXPECT_EQ(a.nearest.name, "piecewise_linear");
  EXPECT_EQ(a.family, "piecewise-linear");
}

TEST(Nearest, SmoothFunctionsAreNamedAfterSmoothActivations) {
  // The piecewise-linear fit approximates softsign well but not exactly: tanh is named.
  const Analysed a = analyse("softsign");
  EXPECT_EQ(a.nearest.name, "tanh");
  EXPECT_EQ(a.family, "saturating");
  EXPECT_EQ(analyse("hardswish").family, "swish-like");
}

TEST(Nearest, PeriodicBeatsAnyFit) {
  EXPECT_EQ(analyse("sin(x)").family, "periodic");
  EXPECT_EQ(analyse("cos(x)").family, "periodic");
  EXPECT_EQ(analyse("x*sin(x)").family, "periodic");
}

TEST(Nearest, OscillationIsPeriodicAWiggleIsNot) {
  EXPECT_EQ(analyse("sinc(x)").family, "periodic");
  EXPECT_EQ(analyse("sin(2*x)").family, "periodic");
  // Even, with extrema at 0, +-1 and +-1.5 only: not periodic.
  EXPECT_NE(analyse("erf(safe_log(x) - erf(safe_log(x)))").family, "periodic");
  EXPECT_NE(analyse("x^2*(x^2 - 1)").family, "periodic");  // a W shape
}

TEST(Nearest, SwishLikeNeedsTheDip) {
  // Monotone: near a swish with a small beta, but without a dip it is a smooth ReLU.
  const Analysed a = analyse("max(x, atan(x))");
  EXPECT_EQ(a.nearest.name, "swish");
  EXPECT_EQ(a.family, "relu-like smooth");
  EXPECT_EQ(analyse("x*sigmoid(0.5*x)").family, "swish-like");  // dip at x = -2.6
}

TEST(Nearest, FarFromEverythingIsOther) {
  const Analysed a = analyse("x^3");
  EXPECT_GT(a.nearest.distance, kFamilyRadius);
  EXPECT_EQ(a.family, "other");
}

TEST(Nearest, RoundedReluIsReluLikeSmooth) {
  const Analysed a = analyse("softplus(4*x)");
  EXPECT_EQ(a.nearest.name, "leaky_relu");
  EXPECT_GT(a.nearest.distance, kPiecewiseExact);
  EXPECT_EQ(a.family, "relu-like smooth");
}

TEST(Nearest, DistanceIsBetweenZeroAndOne) {
  for (const char* text : {"x^2", "exp(x)", "x*exp(-x^2)", "abs(x) - 1", "atan(x)"}) {
    const Nearest n = nearest_known(parse(text));
    EXPECT_GE(n.distance, 0.0) << text;
    EXPECT_LE(n.distance, 1.0) << text;
  }
}

TEST(Nearest, UndefinedComparisonIsNone) {
  const Expr zero = parse("0*x");
  const Nearest n = nearest_known(zero);
  EXPECT_EQ(n.name, "none");
  EXPECT_TRUE(std::isnan(n.distance));
  EXPECT_EQ(family_of(zero, n), "other");
  EXPECT_EQ(nearest_known(parse("log(x)")).name, "none");  // NaN for x < 0
}

TEST(Nearest, ParametersOverrideInitialValues) {
  const Expr e = parse("x*sigmoid(beta*x)");
  const double learned[] = {2.5};
  const Nearest n = nearest_known(e, learned);
  EXPECT_EQ(n.name, "swish");
  EXPECT_NEAR(param(n, "beta"), 2.5, 0.05);
  EXPECT_NEAR(param(nearest_known(e), "beta"), 1.0, 0.05);
}

TEST(Nearest, FamiliesAreFromTheDocumentedSet) {
  for (const KnownActivation& k : known_activations()) {
    const Analysed a = analyse(std::string(k.name));
    EXPECT_NE(std::find(kRediscoveryFamilies.begin(), kRediscoveryFamilies.end(), a.family),
              kRediscoveryFamilies.end())
        << k.name << ": " << a.family;
  }
}

}  // namespace
}  // namespace actsearch::grammar
