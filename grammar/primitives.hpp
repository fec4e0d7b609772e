#pragma once
// The primitive table: the single source of truth for every operator an expression can
// hold. Parser, printer, simplifier, derivative, evaluators, enumerator and exporters all
// read it; tests walk it so no operator lacks a case anywhere.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace actsearch::grammar {

/// Protection constant of the protected primitives (safe_log, safe_sqrt, safe_div).
inline constexpr double kEps = 1e-3;

enum class Op : std::uint8_t {
  // leaves
  Const,  // a number, Node::value
  X,      // the input x (Node::index 0); placeholders x1, x2 in unit templates
  Param,  // learnable scalar beta_k (Node::index k, Node::value = initial value)
  // unary
  Neg,
  Abs,
  Square,
  Cube,
  Sqrt,
  SafeSqrt,
  Exp,
  Log,
  SafeLog,
  Sin,
  Cos,
  Sinh,
  Cosh,
  Tanh,
  Asinh,
  Atan,
  Sinc,
  Sigmoid,
  Softplus,
  Erf,
  Sign,
  Step,
  DSinc,
  // binary
  Add,
  Sub,
  Mul,
  Div,
  SafeDiv,
  Max,
  Min,
};

inline constexpr std::size_t kOpCount = static_cast<std::size_t>(Op::Min) + 1;

/// How an operator is spelled in infix text.
enum class Notation : std::uint8_t {
  Leaf,     // x, beta, 1.5
  Call,     // tanh(a), max(a, b)
  Prefix,   // -a
  Postfix,  // a^2, a^3
  Infix,    // a + b
};

struct OpInfo {
  Op op;
  std::string_view name;  // identifier used in calls, --unary/--binary lists and JSON
  std::uint8_t arity;     // 0, 1 or 2
  Notation notation;
  std::string_view symbol;      // "+", "-", "^2" for Prefix/Postfix/Infix; empty otherwise
  std::uint8_t precedence;      // binding strength in infix text; leaves and calls bind tightest
  bool commutative;             // f(a, b) == f(b, a)
  bool total;                   // defined (never NaN) for every finite input; may overflow
  bool searchable;              // offered to generated search spaces
  std::string_view definition;  // the mathematical definition, for `actsearch primitives`
};

inline constexpr std::uint8_t kPrecedenceAdd = 1;
inline constexpr std::uint8_t kPrecedenceMul = 2;
inline constexpr std::uint8_t kPrecedenceNeg = 3;
inline constexpr std::uint8_t kPrecedencePow = 4;
inline constexpr std::uint8_t kPrecedenceAtom = 5;

// clang-format off
inline constexpr std::array<OpInfo, kOpCount> kOps{{
  {Op::Const,    "const",     0, Notation::Leaf,    "",   kPrecedenceAtom, false, true,  false, "a number"},
  {Op::X,        "x",         0, Notation::Leaf,    "",   kPrecedenceAtom, false, true,  true,  "the input"},
  {Op::Param,    "beta",      0, Notation::Leaf,    "",   kPrecedenceAtom, false, true,  true,  "learnable scalar, initial value 1 unless written beta=v"},
  {Op::Neg,      "neg",       1, Notation::Prefix,  "-",  kPrecedenceNeg,  false, true,  true,  "-x"},
  {Op::Abs,      "abs",       1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "|x|"},
  {Op::Square,   "square",    1, Notation::Postfix, "^2", kPrecedencePow,  false, true,  true,  "x^2"},
  {Op::Cube,     "cube",      1, Notation::Postfix, "^3", kPrecedencePow,  false, true,  true,  "x^3"},
  {Op::Sqrt,     "sqrt",      1, Notation::Call,    "",   kPrecedenceAtom, false, false, false, "sqrt(x), NaN for x < 0"},
  {Op::SafeSqrt, "safe_sqrt", 1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "sqrt(|x| + eps), eps = 1e-3"},
  {Op::Exp,      "exp",       1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "e^x"},
  {Op::Log,      "log",       1, Notation::Call,    "",   kPrecedenceAtom, false, false, false, "ln(x), NaN for x < 0"},
  {Op::SafeLog,  "safe_log",  1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "ln(|x| + eps), eps = 1e-3"},
  {Op::Sin,      "sin",       1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "sin(x)"},
  {Op::Cos,      "cos",       1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "cos(x)"},
  {Op::Sinh,     "sinh",      1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "sinh(x)"},
  {Op::Cosh,     "cosh",      1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "cosh(x)"},
  {Op::Tanh,     "tanh",      1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "tanh(x)"},
  {Op::Asinh,    "asinh",     1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "asinh(x) = ln(x + sqrt(x^2 + 1))"},
  {Op::Atan,     "atan",      1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "arctan(x)"},
  {Op::Sinc,     "sinc",      1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "sin(x)/x, 1 at x = 0"},
  {Op::Sigmoid,  "sigmoid",   1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "1/(1 + e^-x)"},
  {Op::Softplus, "softplus",  1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "ln(1 + e^x)"},
  {Op::Erf,      "erf",       1, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "2/sqrt(pi) * integral of e^-t^2 from 0 to x"},
  {Op::Sign,     "sign",      1, Notation::Call,    "",   kPrecedenceAtom, false, true,  false, "-1, 0 or 1 (derivative of |x|)"},
  {Op::Step,     "step",      1, Notation::Call,    "",   kPrecedenceAtom, false, true,  false, "1 for x > 0, else 0 (derivative of max(x, 0))"},
  {Op::DSinc,    "dsinc",     1, Notation::Call,    "",   kPrecedenceAtom, false, true,  false, "(x cos x - sin x)/x^2, 0 at x = 0 (derivative of sinc)"},
  {Op::Add,      "add",       2, Notation::Infix,   "+",  kPrecedenceAdd,  true,  true,  true,  "x1 + x2"},
  {Op::Sub,      "sub",       2, Notation::Infix,   "-",  kPrecedenceAdd,  false, true,  true,  "x1 - x2"},
  {Op::Mul,      "mul",       2, Notation::Infix,   "*",  kPrecedenceMul,  true,  true,  true,  "x1 * x2"},
  {Op::Div,      "div",       2, Notation::Infix,   "/",  kPrecedenceMul,  false, false, false, "x1 / x2, not finite at x2 = 0"},
  {Op::SafeDiv,  "safe_div",  2, Notation::Call,    "",   kPrecedenceAtom, false, true,  true,  "x1 / (x2 + eps*sign+(x2)), |denominator| >= eps = 1e-3"},
  {Op::Max,      "max",       2, Notation::Call,    "",   kPrecedenceAtom, true,  true,  true,  "the larger of x1, x2"},
  {Op::Min,      "min",       2, Notation::Call,    "",   kPrecedenceAtom, true,  true,  true,  "the smaller of x1, x2"},
}};
// clang-format on

constexpr const OpInfo& info(Op op) {
  return kOps[static_cast<std::size_t>(op)];
}
constexpr int arity(Op op) {
  return info(op).arity;
}
constexpr std::string_view name(Op op) {
  return info(op).name;
}

/// The operator called `name` (e.g. "tanh", "safe_div"), if any; leaves are not callable.
std::optional<Op> op_by_name(std::string_view name);

/// Scalar semantics of each operator in double: the specification every evaluator and
/// exporter must match. Leaves are not applied (ACTSEARCH_ASSERT). `b` is ignored for unary.
double apply(Op op, double a, double b = 0.0);

/// Partial derivatives of apply(op, a, b) with respect to a and b (0 for unary's b).
/// At kinks the convention is the one the symbolic derivative uses: step(0) = 0,
/// sign(0) = 0, and max/min pass the gradient to the first operand on ties.
struct Partials {
  double da = 0.0;
  double db = 0.0;
};
Partials partials(Op op, double a, double b = 0.0);

}  // namespace actsearch::grammar
