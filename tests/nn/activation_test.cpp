// Built-in activations against closed forms evaluated in double, finite differences of
// those closed forms, and the registry's contract.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <set>

#include "grammar/base/error.hpp"
#include "nn/activation.hpp"

namespace actsearch::nn {
namespace {

struct ClosedForm {
  const char* name;
  std::function<double(double)> f;
  std::vector<double> kinks;  // where f' jumps
};

double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}
double softplus(double x) {
  return x > 20 ? x : std::log1p(std::exp(x));
}

// PyTorch 1.13's definitions with its default constants.
std::vector<ClosedForm> closed_forms() {
  constexpr double kSeluScale = 1.0507009873554804934193349852946;
  constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
  const double k = std::sqrt(2.0 / std::numbers::pi);
  return {
      {"identity", [](double x) { return x; }, {}},
      {"relu", [](double x) { return std::max(x, 0.0); }, {0}},
      {"leaky_relu", [](double x) { return x > 0 ? x : 0.01 * x; }, {0}},
      {"prelu", [](double x) { return x > 0 ? x : 0.25 * x; }, {0}},
      {"elu", [](double x) { return x > 0 ? x : std::expm1(x); }, {}},
      {"selu",
       [=](double x) { return kSeluScale * (x > 0 ? x : kSeluAlpha * std::expm1(x)); },
       {0}},
      {"celu", [](double x) { return std::max(0.0, x) + std::min(0.0, std::expm1(x)); }, {}},
      {"gelu", [](double x) { return 0.5 * x * std::erfc(-x / std::sqrt(2.0)); }, {}},
      // 0.5 x (1 + tanh(u)) written as x sigmoid(2u), which does not cancel for x << 0.
      {"gelu_tanh", [=](double x) { return x * sigmoid(2 * k * (x + 0.044715 * x * x * x)); }, {}},
      {"silu", [](double x) { return x * sigmoid(x); }, {}},
      {"swish", [](double x) { return x * sigmoid(x); }, {}},
      {"mish", [](double x) { return x * std::tanh(softplus(x)); }, {}},
      {"softplus", softplus, {}},
      {"softsign", [](double x) { return x / (1 + std::abs(x)); }, {0}},
      {"hardswish", [](double x) { return x * std::clamp(x + 3, 0.0, 6.0) / 6; }, {-3, 3}},
      {"hardsigmoid", [](double x) { return std::clamp(x + 3, 0.0, 6.0) / 6; }, {-3, 3}},
      {"hardtanh", [](double x) { return std::clamp(x, -1.0, 1.0); }, {-1, 1}},
      {"tanh", [](double x) { return std::tanh(x); }, {}},
      {"sigmoid", sigmoid, {}},
      {"pwlu", [](double x) { return std::max(x, 0.0); }, {0}},
  };
}

// Grid of float inputs: dense around 0, out to the saturated tails, and special points.
std::vector<float> grid() {
  std::vector<float> xs;
  for (double x = -12.0; x <= 12.0; x += 0.0173) xs.push_back(static_cast<float>(x));
  for (float x : {-3.0f, 3.0f, -1.0f, 1.0f, 0.0f, 1e-4f, -1e-4f, 19.9f, 20.1f, 25.0f}) {
    xs.push_back(x);
  }
  return xs;
}

struct Outputs {
  std::vector<float> y, dydx, dydp;
};

Outputs run(const Activation& a, const std::vector<float>& xs) {
  Outputs o{std::vector<float>(xs.size()), std::vector<float>(xs.size()),
            std::vector<float>(xs.size() * static_cast<std::size_t>(a.num_params()))};
  const std::vector<float> p = a.initial_params();
  a.forward(xs, p, o.y, o.dydx, o.dydp);
  return o;
}

bool near_kink(const ClosedForm& c, double x, double h) {
  for (double k : c.kinks) {
    if (std::abs(x - k) < h) return true;
  }
  return false;
}

TEST(Activations, EveryBuiltinHasAClosedForm) {
  std::set<std::string> covered;
  for (const ClosedForm& c : closed_forms()) covered.insert(c.name);
  for (const std::string& name : builtin_names()) EXPECT_TRUE(covered.count(name)) << name;
  EXPECT_EQ(covered.size(), builtin_names().size());
}

TEST(Activations, ValuesMatchClosedFormsToOneMillionth) {
  const std::vector<float> xs = grid();
  for (const ClosedForm& c : closed_forms()) {
    const auto a = make_builtin(c.name);
    EXPECT_EQ(a->name(), c.name);
    const Outputs o = run(*a, xs);
    // PWLU computes x - left: relative accuracy near 0 is that of its knot grid, so it is
    // held to 1e-6 absolute instead. Below float's normal range (1.2e-38) relative
    // accuracy is not representable at all.
    const double absolute = c.name == std::string("pwlu") ? 1e-6 : 1e-37;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double ref = c.f(xs[i]);
      EXPECT_LE(std::abs(o.y[i] - ref), 1e-6 * std::abs(ref) + absolute)
          << c.name << " at x=" << xs[i] << " got " << o.y[i] << " want " << ref;
    }
  }
}

TEST(Activations, DerivativesMatchFiniteDifferencesOfClosedForms) {
  const std::vector<float> xs = grid();
  const double h = 1e-5;
  for (const ClosedForm& c : closed_forms()) {
    const Outputs o = run(*make_builtin(c.name), xs);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double x = xs[i];
      if (near_kink(c, x, 2 * h)) continue;
      const double fd = (c.f(x + h) - c.f(x - h)) / (2 * h);
      EXPECT_NEAR(o.dydx[i], fd, 2e-6 * (1 + std::abs(fd))) << c.name << " at x=" << x;
    }
  }
}

TEST(Activations, DerivativeAtKinksIsOneSided) {
  // PyTorch's choices: relu'(0) = 0, hardtanh'(+-1) = 0, hardswish'(-3) = -0.5, '(3) = 1.
  const std::vector<float> xs{0.0f, -1.0f, 1.0f, -3.0f, 3.0f};
  EXPECT_EQ(run(*make_builtin("relu"), xs).dydx[0], 0.0f);
  EXPECT_EQ(run(*make_builtin("hardtanh"), xs).dydx[1], 0.0f);
  EXPECT_EQ(run(*make_builtin("hardtanh"), xs).dydx[2], 0.0f);
  EXPECT_EQ(run(*make_builtin("hardswish"), xs).dydx[3], -0.5f);
  EXPECT_EQ(run(*make_builtin("hardswish"), xs).dydx[4], 1.0f);
}

TEST(Activations, NanInputGivesNanOutput) {
  const std::vector<float> xs{std::numeric_limits<float>::quiet_NaN()};
  for (const std::string& name : builtin_names()) {
    EXPECT_TRUE(std::isnan(run(*make_builtin(name), xs).y[0])) << name;
  }
}

TEST(Activations, UnknownNameListsTheValidOnes) {
  try {
    make_builtin("relu7");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("unknown activation 'relu7'; valid: identity, relu,", 0),
              0u)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("sigmoid, pwlu"), std::string::npos) << e.what();
  }
}

TEST(Activations, ParametersAndClones) {
  EXPECT_EQ(make_builtin("relu")->num_params(), 0);
  EXPECT_EQ(make_builtin("prelu")->initial_params(), std::vector<float>{0.25f});
  EXPECT_EQ(make_builtin("swish")->param_names(), std::vector<std::string>{"beta"});
  const auto pwlu = make_builtin("pwlu");
  EXPECT_EQ(pwlu->num_params(), 4 + 17);
  EXPECT_EQ(pwlu->param_names().size(), 21u);
  EXPECT_TRUE(pwlu->uses_input_statistics());
  EXPECT_FALSE(make_builtin("swish")->uses_input_statistics());
  const auto copy = pwlu->clone();
  EXPECT_EQ(copy->name(), "pwlu");
  EXPECT_EQ(copy->initial_params(), pwlu->initial_params());
  EXPECT_THROW(make_pwlu(3), Error);
  EXPECT_THROW(make_pwlu(0), Error);
}

TEST(Activations, FixedSwishUsesItsBeta) {
  const auto a = make_swish(2.0f, false);
  EXPECT_EQ(a->num_params(), 0);
  const Outputs o = run(*a, {1.5f});
  EXPECT_NEAR(o.y[0], 1.5 * sigmoid(3.0), 1e-6);
}

}  // namespace
}  // namespace actsearch::nn
