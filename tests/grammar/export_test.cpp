// Code export as text: targets and names, parameter values, every operator spelled in every
// target, and what each target's code looks like. The generated code is run by
// tests/grammar/export_cpp_test.cpp and tests/grammar/export_python_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "grammar/export/emit.hpp"
#include "grammar/export/export.hpp"
#include "grammar/known.hpp"
#include "grammar/parse.hpp"
#include "tests/support/error_of.hpp"

namespace actsearch::grammar {
namespace {

using actsearch::testing::error_of;

std::string name_error(Target t, std::string_view name) {
  return error_of([&] { check_export_name(t, name); });
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(Export, TargetsAreFoundByTheirNames) {
  for (const Target t : kTargets) EXPECT_EQ(target_by_name(target_name(t)), t);
  EXPECT_EQ(error_of([] { target_by_name("c++"); }),
            "unknown export target 'c++' (choose cpp, pytorch, jax, numpy, tensorflow, latex or "
            "sympy)");
}

TEST(Export, NamesMustBeIdentifiersOfTheTargetLanguage) {
  EXPECT_EQ(name_error(Target::PyTorch, "class"), "'class' is not a valid Python identifier");
  EXPECT_EQ(name_error(Target::NumPy, "lambda"), "'lambda' is not a valid Python identifier");
  EXPECT_EQ(name_error(Target::Jax, "1x"), "'1x' is not a valid Python identifier");
  EXPECT_EQ(name_error(Target::TensorFlow, "my-act"), "'my-act' is not a valid Python identifier");
  EXPECT_EQ(name_error(Target::SymPy, ""), "'' is not a valid Python identifier");
  EXPECT_EQ(name_error(Target::NumPy, "caf\xc3\xa9"),
            "'caf\xc3\xa9' is not a valid Python identifier");
  EXPECT_EQ(name_error(Target::Cpp, "class"), "'class' is not a valid C++ identifier");
  EXPECT_EQ(name_error(Target::Cpp, "xor"), "'xor' is not a valid C++ identifier");
  EXPECT_EQ(name_error(Target::Cpp, "a b"), "'a b' is not a valid C++ identifier");
  EXPECT_EQ(name_error(Target::Cpp, "_act"),
            "'_act' is not a valid C++ identifier (names with a leading '_' or '__' are reserved)");
  EXPECT_EQ(name_error(Target::Cpp, "my__act"),
            "'my__act' is not a valid C++ identifier (names with a leading '_' or '__' are "
            "reserved)");
  EXPECT_EQ(name_error(Target::LaTeX, "9lives"),
            "'9lives' is not a valid LaTeX name (letters, digits and '_', starting with a letter)");
  for (const Target t : kTargets) {
    EXPECT_NO_THROW(check_export_name(t, "swish_2")) << target_name(t);
    EXPECT_NO_THROW(check_export_name(t, "Activation")) << target_name(t);
  }
  EXPECT_NO_THROW(check_export_name(Target::Cpp, "def"));  // a Python keyword is fine in C++
  EXPECT_NO_THROW(check_export_name(Target::PyTorch, "template"));
}

TEST(Export, NamesTheGeneratedCodeUsesAreReserved) {
  EXPECT_EQ(name_error(Target::Cpp, "T"), "'T' is reserved in the generated cpp code");
  EXPECT_EQ(name_error(Target::Cpp, "std"), "'std' is reserved in the generated cpp code");
  EXPECT_EQ(name_error(Target::NumPy, "np"), "'np' is reserved in the generated numpy code");
  EXPECT_EQ(name_error(Target::NumPy, "_sigmoid"),
            "'_sigmoid' is reserved in the generated numpy code");
  EXPECT_EQ(name_error(Target::Jax, "jnp"), "'jnp' is reserved in the generated jax code");
  EXPECT_EQ(name_error(Target::PyTorch, "torch"),
            "'torch' is reserved in the generated pytorch code");
  EXPECT_EQ(name_error(Target::TensorFlow, "tf"),
            "'tf' is reserved in the generated tensorflow code");
  EXPECT_EQ(name_error(Target::SymPy, "beta3"), "'beta3' is reserved in the generated sympy code");
  EXPECT_EQ(name_error(Target::SymPy, "x"), "'x' is reserved in the generated sympy code");
  EXPECT_NO_THROW(check_export_name(Target::NumPy, "x"));
  EXPECT_NO_THROW(check_export_name(Target::SymPy, "beta_act"));
  EXPECT_EQ(error_of([] { export_code(parse("x"), Target::NumPy, "np"); }),
            "'np' is reserved in the generated numpy code");
}

TEST(Export, EveryOperatorHasASpellingInEveryTarget) {
  for (const Target t : kTargets) {
    for (const OpInfo& i : kOps) {
      const export_detail::Spelling& s = export_detail::spelling(t, i.op);
      EXPECT_EQ(s.pattern.empty(), i.arity == 0) << target_name(t) << " " << i.name;
      if (i.arity == 0) continue;
      EXPECT_TRUE(contains(std::string(s.pattern), "$0")) << target_name(t) << " " << i.name;
      EXPECT_EQ(contains(std::string(s.pattern), "$1"), i.arity == 2)
          << target_name(t) << " " << i.name;
      const Expr e = i.arity == 1 ? unary(i.op, var_x()) : binary(i.op, var_x(), param(0, 0.5));
      EXPECT_FALSE(export_code(e, t, "act").empty()) << target_name(t) << " " << i.name;
    }
  }
}

TEST(Export, ParameterValuesAreCheckedAndBecomeTheDefaults) {
  const Expr swish = parse("x*sigmoid(beta*x)");
  EXPECT_EQ(error_of([&] {
              export_code(swish, Target::Cpp, "act", std::vector{1.0, 2.0});
            }),
            "expected 1 parameter values, got 2");
  EXPECT_EQ(error_of([&] { export_code(swish, Target::Cpp, "act", std::vector{std::nan("")}); }),
            "parameter beta is not finite (nan)");
  const std::vector<double> learned{0.875};
  EXPECT_TRUE(contains(export_code(swish, Target::Cpp, "act", learned),
                       "T act(T x, std::common_type_t<T> beta = T(0.875))"));
  EXPECT_TRUE(
      contains(export_code(swish, Target::NumPy, "act", learned), "def act(x, beta=0.875):"));
  EXPECT_TRUE(contains(export_code(swish, Target::Jax, "act", learned), "def act(x, beta=0.875):"));
  EXPECT_TRUE(contains(export_code(swish, Target::PyTorch, "act", learned),
                       "def __init__(self, beta=0.875):"));
  EXPECT_TRUE(contains(export_code(swish, Target::TensorFlow, "act", learned),
                       "def __init__(self, beta=0.875, **kwargs):"));
  EXPECT_TRUE(
      contains(export_code(swish, Target::SymPy, "act", learned), "act_params = {beta: 0.875}"));
  EXPECT_TRUE(contains(export_code(swish, Target::LaTeX, "act", learned), "\\beta = 0.875"));
  EXPECT_TRUE(contains(export_code(swish, Target::NumPy, "act"), "def act(x, beta=1.0):"));
}

TEST(Export, CppHeaderDefinesTemplatesAndEigenOverloads) {
  const std::string code =
      export_code(parse("safe_log(x) + beta1*x"), Target::Cpp, "act", std::vector{1.0, 2.0});
  EXPECT_TRUE(contains(code, "#pragma once"));
  EXPECT_TRUE(contains(code,
                       "template <class T, std::enable_if_t<std::is_floating_point<T>::"
                       "value, int> = 0>\nT act(T x, std::common_type_t<T> beta = T(1.0), "
                       "std::common_type_t<T> beta1 = T(2.0))"));
  EXPECT_TRUE(contains(code, "T act_derivative(T x,"));
  EXPECT_TRUE(contains(code, "return std::log(std::abs(a) + T(0.001));"));
  EXPECT_TRUE(contains(code, "#ifdef EIGEN_WORLD_VERSION"));
  EXPECT_TRUE(contains(code, "auto act(const Eigen::ArrayBase<Derived>& x"));
  EXPECT_TRUE(contains(code, "static_cast<void>(beta);"));  // unused in the body
  EXPECT_FALSE(contains(code, "actsearch::"));
  EXPECT_FALSE(contains(code, "#include \""));
}

TEST(Export, ProtectedPrimitivesStayProtected) {
  const Expr e = parse("safe_log(x) + safe_sqrt(x) + safe_div(1, x)");
  EXPECT_TRUE(contains(export_code(e, Target::NumPy, "act"), "np.log(np.abs(a) + 0.001)"));
  EXPECT_TRUE(contains(export_code(e, Target::NumPy, "act"), "np.sqrt(np.abs(a) + 0.001)"));
  EXPECT_TRUE(contains(export_code(e, Target::NumPy, "act"), "np.copysign(0.001, b)"));
  EXPECT_TRUE(contains(export_code(e, Target::PyTorch, "act"), "torch.log(torch.abs(a) + 0.001)"));
  EXPECT_TRUE(contains(export_code(e, Target::Jax, "act"), "jnp.log(jnp.abs(a) + 0.001)"));
  EXPECT_TRUE(
      contains(export_code(e, Target::TensorFlow, "act"), "tf.math.log(tf.math.abs(a) + 0.001)"));
  EXPECT_TRUE(contains(export_code(e, Target::SymPy, "act"), "sp.log(sp.Abs(a) + eps)"));
  EXPECT_TRUE(contains(export_code(e, Target::LaTeX, "act"),
                       "\\ln\\left(\\left\\lvert x \\right\\rvert + \\varepsilon\\right)"));
  EXPECT_TRUE(contains(export_code(e, Target::LaTeX, "act"), "% where \\varepsilon = 0.001"));
}

TEST(Export, PythonTargetsWrapTheFunctionAsTheirFrameworkExpects) {
  const Expr swish = parse("x*sigmoid(beta=0.5*x)");
  const std::string torch = export_code(swish, Target::PyTorch, "Swish");
  EXPECT_TRUE(contains(torch, "import torch\n"));
  EXPECT_TRUE(contains(torch, "class Swish(torch.nn.Module):"));
  EXPECT_TRUE(contains(torch, "self.beta = torch.nn.Parameter(torch.tensor(float(beta)))"));
  EXPECT_TRUE(contains(torch,
                       "def forward(self, x):\n        beta = self.beta\n        return x * "
                       "_sigmoid(beta * x)\n"));
  const std::string tf = export_code(swish, Target::TensorFlow, "Swish");
  EXPECT_TRUE(contains(tf, "class Swish(tf.keras.layers.Layer):"));
  EXPECT_TRUE(contains(tf, "initializer=tf.keras.initializers.Constant(beta), trainable=True)"));
  EXPECT_TRUE(contains(tf, "def call(self, x):"));
  const std::string jax = export_code(swish, Target::Jax, "swish");
  EXPECT_TRUE(contains(jax, "import jax.numpy as jnp\n"));
  EXPECT_TRUE(contains(jax, "e = jnp.exp(-jnp.where(a >= 0, a, -a))"));
  EXPECT_FALSE(contains(jax, " np."));
  const std::string numpy = export_code(swish, Target::NumPy, "swish");
  EXPECT_TRUE(contains(numpy, "def swish_derivative(x, beta=0.5):"));
  EXPECT_FALSE(contains(numpy, "import math"));  // only when the code uses it
}

TEST(Export, ConstantSubtreesAreFoldedInCodeAndKeptInFormulas) {
  const Expr e = parse("x*exp(2) + x/0");
  const std::string cpp = export_code(e, Target::Cpp, "act");
  EXPECT_TRUE(contains(cpp, "x*T(7.38905609893065) + x/T(0.0)"));
  EXPECT_TRUE(contains(export_code(parse("x + 1/0"), Target::Cpp, "act"),
                       "x + std::numeric_limits<T>::infinity()"));
  const std::string numpy = export_code(parse("x - -1/0"), Target::NumPy, "act");
  EXPECT_TRUE(contains(numpy, "import math\n"));
  EXPECT_TRUE(contains(numpy, "return x - -math.inf\n"));
  EXPECT_TRUE(contains(export_code(e, Target::LaTeX, "act"), "x \\cdot e^{2} + \\frac{x}{0}"));
  EXPECT_TRUE(contains(export_code(parse("x + 1/0"), Target::SymPy, "act"),
                       "act = x + sp.Integer(1) / sp.Integer(0)"));
}

TEST(Export, ParenthesesKeepTheEvaluationOrder) {
  auto cpp = [](std::string_view text) { return export_code(parse(text), Target::Cpp, "act"); };
  EXPECT_TRUE(contains(cpp("x - (x - 1)"), "return x - (x - T(1.0));"));
  EXPECT_TRUE(contains(cpp("x + (x + 1)"), "return x + (x + T(1.0));"));  // no reassociation
  EXPECT_TRUE(contains(cpp("(x + 1)*x"), "return (x + T(1.0))*x;"));
  EXPECT_TRUE(contains(cpp("x*(x*x)"), "return x*(x*x);"));
  EXPECT_TRUE(contains(cpp("-(-x)"), "return -(-x);"));
  EXPECT_TRUE(contains(cpp("x - -x"), "return x - -x;"));
  EXPECT_TRUE(contains(export_code(parse("-x^2 + x*-x"), Target::NumPy, "act"),
                       "return -_square(x) + x * -x"));
  EXPECT_TRUE(contains(export_code(parse("(x + 1)^2/(2*x)"), Target::LaTeX, "act"),
                       "\\frac{\\left(x + 1\\right)^{2}}{2 \\cdot x}"));
}

TEST(Export, HeaderCommentNamesTheSourceAndProvenance) {
  const std::string code = export_code(parse("x*tanh(softplus(x))"), Target::NumPy, "mish", {},
                                       "from run runs/demo, rank 2");
  EXPECT_TRUE(contains(code,
                       "# mish: generated by actsearch export from the expression\n"
                       "#   x*tanh(softplus(x))\n# from run runs/demo, rank 2\n"));
  EXPECT_TRUE(contains(export_code(parse("x"), Target::Cpp, "act", {}, "note"), "\n// note\n"));
  EXPECT_TRUE(contains(export_code(parse("x"), Target::LaTeX, "act", {}, "note"), "\n% note\n"));
}

TEST(Export, DeepExpressionsExportWithoutRecursion) {
  // Targets without a written derivative take any depth; the others also differentiate, whose
  // result grows with the square of the depth, so they get a shallower one.
  Expr deep = var_x();
  for (int i = 0; i < 20000; ++i) deep = unary(Op::Sin, deep);
  for (const Target t : {Target::PyTorch, Target::Jax, Target::TensorFlow, Target::SymPy}) {
    EXPECT_TRUE(contains(export_code(deep, t, "act"), "(x)")) << target_name(t);
  }
  Expr shallow = var_x();
  for (int i = 0; i < 40; ++i) shallow = unary(Op::Sin, shallow);
  for (const Target t : {Target::Cpp, Target::NumPy, Target::LaTeX}) {
    EXPECT_TRUE(contains(export_code(shallow, t, "act"), "(x)")) << target_name(t);
  }
}

TEST(Export, KnownActivationsExportUnderTheirOwnNames) {
  const std::string gelu = export_code(parse_activation("gelu"), Target::PyTorch, "GELU");
  EXPECT_TRUE(contains(gelu, "return x * 0.5 * (1.0 + torch.erf(x * 0.7071067811865476))"));
}

}  // namespace
}  // namespace actsearch::grammar
