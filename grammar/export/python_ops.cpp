// Operator spellings and helper functions of the Python targets. NumPy, JAX, PyTorch and
// TensorFlow share the helpers' code, written once with {tokens} for their functions; only
// sign, step, safe_div, max, min (and NumPy's erf) differ in substance. Every helper keeps
// both branches of a `where` finite, with finite gradients, so automatic differentiation
// never multiplies an unselected inf or NaN by zero.
#include <cctype>
#include <cmath>

#include "grammar/export/python.hpp"

namespace actsearch::grammar::export_detail {
namespace {

constexpr int kAdd = kPrecedenceAdd, kMul = kPrecedenceMul, kNeg = kPrecedenceNeg;
constexpr int kPow = kPrecedencePow;

// The function each target calls for an operator Python spells as a call (every operator
// but the leaves, Neg and the infix ones), one row per operator in kOps order.
struct CallNames {
  Op op;
  std::string_view numpy, jax, torch, tensorflow, sympy;
};

// clang-format off
constexpr CallNames kCallNames[] = {
  {Op::Abs, "np.abs", "jnp.abs", "torch.abs", "tf.math.abs", "sp.Abs"},
  {Op::Square, "_square", "_square", "_square", "_square", "_square"},
  {Op::Cube, "_cube", "_cube", "_cube", "_cube", "_cube"},
  {Op::Sqrt, "np.sqrt", "jnp.sqrt", "torch.sqrt", "tf.math.sqrt", "sp.sqrt"},
  {Op::SafeSqrt, "_safe_sqrt", "_safe_sqrt", "_safe_sqrt", "_safe_sqrt", "_safe_sqrt"},
  {Op::Exp, "np.exp", "jnp.exp", "torch.exp", "tf.math.exp", "sp.exp"},
  {Op::Log, "np.log", "jnp.log", "torch.log", "tf.math.log", "sp.log"},
  {Op::SafeLog, "_safe_log", "_safe_log", "_safe_log", "_safe_log", "_safe_log"},
  {Op::Sin, "np.sin", "jnp.sin", "torch.sin", "tf.math.sin", "sp.sin"},
  {Op::Cos, "np.cos", "jnp.cos", "torch.cos", "tf.math.cos", "sp.cos"},
  {Op::Sinh, "np.sinh", "jnp.sinh", "torch.sinh", "tf.math.sinh", "sp.sinh"},
  {Op::Cosh, "np.cosh", "jnp.cosh", "torch.cosh", "tf.math.cosh", "sp.cosh"},
  {Op::Tanh, "np.tanh", "jnp.tanh", "torch.tanh", "tf.math.tanh", "sp.tanh"},
  {Op::Asinh, "np.arcsinh", "jnp.arcsinh", "torch.asinh", "tf.math.asinh", "sp.asinh"},
  {Op::Atan, "np.arctan", "jnp.arctan", "torch.atan", "tf.math.atan", "sp.atan"},
  {Op::Sinc, "_sinc", "_sinc", "_sinc", "_sinc", "sp.sinc"},
  {Op::Sigmoid, "_sigmoid", "_sigmoid", "_sigmoid", "_sigmoid", "_sigmoid"},
  {Op::Softplus, "_softplus", "_softplus", "_softplus", "_softplus", "_softplus"},
  {Op::Erf, "_erf", "jax.lax.erf", "torch.erf", "tf.math.erf", "sp.erf"},
  {Op::Sign, "_sign", "_sign", "_sign", "_sign", "sp.sign"},
  {Op::Step, "_step", "_step", "_step", "_step", "_step"},
  {Op::DSinc, "_dsinc", "_dsinc", "_dsinc", "_dsinc", "_dsinc"},
  {Op::SafeDiv, "_safe_div", "_safe_div", "_safe_div", "_safe_div", "_safe_div"},
  {Op::Max, "_max", "_max", "_max", "_max", "sp.Max"},
  {Op::Min, "_min", "_min", "_min", "_min", "sp.Min"},
};
// clang-format on

constexpr bool spelled_as_call(const OpInfo& i) {
  return i.arity > 0 && i.op != Op::Neg && i.notation != Notation::Infix;
}

// Every call operator has its row, in table order, so none is spelled "" by omission.
constexpr bool every_call_has_names() {
  std::size_t row = 0;
  for (const OpInfo& i : kOps) {
    if (!spelled_as_call(i)) continue;
    if (row == std::size(kCallNames) || kCallNames[row].op != i.op) return false;
    ++row;
  }
  return row == std::size(kCallNames);
}
static_assert(every_call_has_names(), "kCallNames must list every call operator of kOps");

// clang-format off
// Helper sources. {where}, {abs}, ... are the framework's functions; EPS is kEps.
struct Helper {
  Op op;
  std::string_view code;
};

constexpr Helper kSharedHelpers[] = {
  {Op::Square, "def _square(a):\n    return a * a\n"},
  {Op::Cube, "def _cube(a):\n    return a * a * a\n"},
  {Op::SafeSqrt, "def _safe_sqrt(a):\n    return {sqrt}({abs}(a) + EPS)\n"},
  {Op::SafeLog, "def _safe_log(a):\n    return {log}({abs}(a) + EPS)\n"},
  {Op::Sinc, "def _sinc(a):\n"
             "    # sin(a)/a, by its series where the quotient would lose digits.\n"
             "    small = {abs}(a) < 1e-4\n"
             "    d = {where}(small, {ones_like}(a), a)\n"
             "    return {where}(small, 1.0 - a * a / 6.0, {sin}(d) / d)\n"},
  {Op::Sigmoid, "def _sigmoid(a):\n"
                "    # exp of a non-positive number only; |a| written so its slope at 0 is 1.\n"
                "    e = {exp}(-{where}(a >= 0, a, -a))\n"
                "    return {where}(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))\n"},
  {Op::Softplus, "def _softplus(a):\n"
                 "    # log(1 + e^a) without overflow.\n"
                 "    return {where}(a >= 0, a, {zeros_like}(a)) + "
                 "{log1p}({exp}(-{where}(a >= 0, a, -a)))\n"},
  {Op::DSinc, "def _dsinc(a):\n"
              "    # d sinc / da, by its series near 0.\n"
              "    small = {abs}(a) < 1e-3\n"
              "    d = {where}(small, {ones_like}(a), a)\n"
              "    return {where}(small, -a / 3.0 + a * a * a / 30.0, "
              "(d * {cos}(d) - {sin}(d)) / (d * d))\n"},
};

constexpr Helper kArrayHelpers[] = {  // NumPy and JAX: where() takes Python numbers
  {Op::Sign, "def _sign(a):\n    return {where}(a > 0, 1.0, {where}(a < 0, -1.0, 0.0))\n"},
  {Op::Step, "def _step(a):\n    return {where}(a > 0, 1.0, 0.0)\n"},
  {Op::SafeDiv, "def _safe_div(a, b):\n"
                "    # |denominator| >= EPS; the sign of b (of a zero too) picks the side.\n"
                "    return a / (b + {copysign}(EPS, b))\n"},
  {Op::Max, "def _max(a, b):\n    return {where}(a >= b, a, b)\n"},
  {Op::Min, "def _min(a, b):\n    return {where}(a <= b, a, b)\n"},
  {Op::Erf, "def _erf(a):\n    # NumPy has no erf: math.erf on each element.\n"
            "    return np.vectorize(math.erf, otypes=[float])(a)\n"},
};

constexpr Helper kTorchHelpers[] = {
  {Op::Sign, "def _sign(a):\n    return (a > 0).to(a.dtype) - (a < 0).to(a.dtype)\n"},
  {Op::Step, "def _step(a):\n    return (a > 0).to(a.dtype)\n"},
  {Op::SafeDiv, "def _safe_div(a, b):\n"
                "    # |denominator| >= EPS; the sign of b (of a zero too) picks the side.\n"
                "    if isinstance(b, float):\n"
                "        return a / (b + math.copysign(EPS, b))\n"
                "    return a / (b + torch.copysign(torch.full_like(b, EPS), b))\n"},
  {Op::Max, "def _max(a, b):\n    return torch.where(a >= b, a, b)\n"},
  {Op::Min, "def _min(a, b):\n    return torch.where(a <= b, a, b)\n"},
};

constexpr Helper kTensorFlowHelpers[] = {
  {Op::Sign, "def _sign(a):\n    return tf.cast(a > 0, a.dtype) - tf.cast(a < 0, a.dtype)\n"},
  {Op::Step, "def _step(a):\n    return tf.cast(a > 0, a.dtype)\n"},
  {Op::SafeDiv, "def _safe_div(a, b):\n"
                "    # |denominator| >= EPS; the sign of b (of a zero too: 1/-0.0 < 0) picks "
                "the side.\n"
                "    if isinstance(b, float):\n"
                "        return a / (b + math.copysign(EPS, b))\n"
                "    negative = tf.math.logical_or(b < 0, tf.math.logical_and(b == 0, 1.0 / b "
                "< 0))\n"
                "    return a / (b + tf.where(negative, -EPS * tf.ones_like(b), "
                "EPS * tf.ones_like(b)))\n"},
  {Op::Max, "def _max(a, b):\n"
            "    # a folded constant is a Python float: it takes the other operand's dtype\n"
            "    a = tf.cast(a, b.dtype) if isinstance(a, float) else a\n"
            "    b = tf.cast(b, a.dtype) if isinstance(b, float) else b\n"
            "    return tf.where(a >= b, a, b)\n"},
  {Op::Min, "def _min(a, b):\n"
            "    a = tf.cast(a, b.dtype) if isinstance(a, float) else a\n"
            "    b = tf.cast(b, a.dtype) if isinstance(b, float) else b\n"
            "    return tf.where(a <= b, a, b)\n"},
};

constexpr Helper kSymPyHelpers[] = {
  {Op::Square, "def _square(a):\n    return a**2\n"},
  {Op::Cube, "def _cube(a):\n    return a**3\n"},
  {Op::SafeSqrt, "def _safe_sqrt(a):\n    return sp.sqrt(sp.Abs(a) + eps)\n"},
  {Op::SafeLog, "def _safe_log(a):\n    return sp.log(sp.Abs(a) + eps)\n"},
  {Op::Sigmoid, "def _sigmoid(a):\n    return 1 / (1 + sp.exp(-a))\n"},
  {Op::Softplus, "def _softplus(a):\n    return sp.log(1 + sp.exp(a))\n"},
  {Op::Step, "def _step(a):\n    return sp.Heaviside(a, 0)\n"},
  {Op::DSinc, "def _dsinc(a):\n"
              "    return sp.Piecewise((0, sp.Eq(a, 0)), "
              "((a * sp.cos(a) - sp.sin(a)) / a**2, True))\n"},
  {Op::SafeDiv, "def _safe_div(a, b):\n"
                "    return sp.Piecewise((a / (b + eps), b >= 0), (a / (b - eps), True))\n"},
};

struct Token {
  std::string_view key, numpy, jax, torch, tensorflow;
};
constexpr Token kTokens[] = {
  {"{where}", "np.where", "jnp.where", "torch.where", "tf.where"},
  {"{abs}", "np.abs", "jnp.abs", "torch.abs", "tf.math.abs"},
  {"{exp}", "np.exp", "jnp.exp", "torch.exp", "tf.math.exp"},
  {"{log}", "np.log", "jnp.log", "torch.log", "tf.math.log"},
  {"{log1p}", "np.log1p", "jnp.log1p", "torch.log1p", "tf.math.log1p"},
  {"{sqrt}", "np.sqrt", "jnp.sqrt", "torch.sqrt", "tf.math.sqrt"},
  {"{sin}", "np.sin", "jnp.sin", "torch.sin", "tf.math.sin"},
  {"{cos}", "np.cos", "jnp.cos", "torch.cos", "tf.math.cos"},
  {"{ones_like}", "np.ones_like", "jnp.ones_like", "torch.ones_like", "tf.ones_like"},
  {"{zeros_like}", "np.zeros_like", "jnp.zeros_like", "torch.zeros_like", "tf.zeros_like"},
  {"{copysign}", "np.copysign", "jnp.copysign", "", ""},
};

constexpr std::string_view kNumPyReserved[] = {"np", "math", "_square", "_cube", "_safe_sqrt",
  "_safe_log", "_sinc", "_sigmoid", "_softplus", "_erf", "_sign", "_step", "_dsinc",
  "_safe_div", "_max", "_min"};
constexpr std::string_view kJaxReserved[] = {"jax", "jnp", "math", "_square", "_cube",
  "_safe_sqrt", "_safe_log", "_sinc", "_sigmoid", "_softplus", "_sign", "_step", "_dsinc",
  "_safe_div", "_max", "_min"};
constexpr std::string_view kTorchReserved[] = {"torch", "math", "_square", "_cube",
  "_safe_sqrt", "_safe_log", "_sinc", "_sigmoid", "_softplus", "_sign", "_step", "_dsinc",
  "_safe_div", "_max", "_min"};
constexpr std::string_view kTensorFlowReserved[] = {"tf", "math", "_square", "_cube",
  "_safe_sqrt", "_safe_log", "_sinc", "_sigmoid", "_softplus", "_sign", "_step", "_dsinc",
  "_safe_div", "_max", "_min"};
constexpr std::string_view kSymPyReserved[] = {"sp", "x", "eps", "_square", "_cube",
  "_safe_sqrt", "_safe_log", "_sigmoid", "_softplus", "_step", "_dsinc", "_safe_div"};
// clang-format on

// The table of a target: infix operators and Neg are common; calls come from the column
// `names` of kCallNames.
SpellingTable make_table(std::string_view CallNames::*names, std::vector<std::string>& storage) {
  storage.reserve(kOpCount);
  SpellingTable table{};
  const CallNames* row = std::begin(kCallNames);
  for (const OpInfo& i : kOps) {
    Spelling& s = table[static_cast<std::size_t>(i.op)];
    if (i.arity == 0) continue;
    if (i.op == Op::Neg) {
      s = {"-$0", kNeg, {kPow, 0}};
    } else if (i.notation == Notation::Infix) {
      const bool additive = i.precedence == kPrecedenceAdd;
      storage.push_back("$0 " + std::string(i.symbol) + " $1");
      s = {storage.back(), i.precedence, {i.precedence, additive ? kMul : kNeg}};
    } else {
      storage.push_back(std::string((row++)->*names) + (i.arity == 1 ? "($0)" : "($0, $1)"));
      s = {storage.back(), kPrecedenceAtom, {0, 0}};
    }
  }
  return table;
}

std::string_view token_value(const Token& t, Target target) {
  switch (target) {
    case Target::NumPy:
      return t.numpy;
    case Target::Jax:
      return t.jax;
    case Target::PyTorch:
      return t.torch;
    default:
      return t.tensorflow;
  }
}

std::string expand(std::string_view code, Target target) {
  std::string out(code);
  auto replace = [&out](std::string_view from, std::string_view to) {
    for (std::size_t at = out.find(from); at != std::string::npos;
         at = out.find(from, at + to.size())) {
      out.replace(at, from.size(), to);
    }
  };
  if (target != Target::SymPy) {
    for (const Token& t : kTokens) replace(t.key, token_value(t, target));
  }
  replace("EPS", float_literal(kEps));
  return out;
}

std::span<const Helper> specific_helpers(Target target) {
  switch (target) {
    case Target::NumPy:
    case Target::Jax:
      return target == Target::Jax ? std::span<const Helper>(kArrayHelpers).first(5)
                                   : std::span<const Helper>(kArrayHelpers);
    case Target::PyTorch:
      return kTorchHelpers;
    case Target::TensorFlow:
      return kTensorFlowHelpers;
    default:
      return kSymPyHelpers;
  }
}

}  // namespace

const SpellingTable& python_spellings(Target target) {
  static std::vector<std::string> storage[5];
  static const SpellingTable tables[5] = {
      make_table(&CallNames::numpy, storage[0]), make_table(&CallNames::jax, storage[1]),
      make_table(&CallNames::torch, storage[2]), make_table(&CallNames::tensorflow, storage[3]),
      make_table(&CallNames::sympy, storage[4])};
  switch (target) {
    case Target::NumPy:
      return tables[0];
    case Target::Jax:
      return tables[1];
    case Target::PyTorch:
      return tables[2];
    case Target::TensorFlow:
      return tables[3];
    default:
      return tables[4];
  }
}

std::span<const std::string_view> reserved_python_names(Target target) {
  switch (target) {
    case Target::NumPy:
      return kNumPyReserved;
    case Target::Jax:
      return kJaxReserved;
    case Target::PyTorch:
      return kTorchReserved;
    case Target::TensorFlow:
      return kTensorFlowReserved;
    default:
      return kSymPyReserved;
  }
}

std::string python_helpers(Target target, std::initializer_list<const Expr*> exprs) {
  auto used = [&exprs](Op op) {
    for (const Expr* e : exprs) {
      if (uses_op(*e, op)) return true;
    }
    return false;
  };
  std::vector<const Helper*> chosen;
  if (target != Target::SymPy) {
    for (const Helper& h : kSharedHelpers) chosen.push_back(&h);
  }
  for (const Helper& h : specific_helpers(target)) chosen.push_back(&h);
  std::string out;
  for (const OpInfo& i : kOps) {  // table order, whatever the lists' order
    for (const Helper* h : chosen) {
      if (h->op == i.op && used(i.op)) out += expand(h->code, target) + "\n\n";
    }
  }
  return out;
}

Text python_leaf(const Node& n, bool) {
  if (n.op == Op::X) return {"x"};
  if (n.op == Op::Param) return {param_name(n.index)};
  if (std::isnan(n.value)) return {"math.nan"};
  if (std::isinf(n.value)) return n.value > 0 ? Text{"math.inf"} : Text{"-math.inf", kNeg};
  return {float_literal(n.value), std::signbit(n.value) ? kNeg : kPrecedenceAtom};
}

Text sympy_leaf(const Node& n, bool in_constant_subtree) {
  if (n.op != Op::Const) return python_leaf(n, in_constant_subtree);
  if (std::isnan(n.value)) return {"sp.nan"};
  if (std::isinf(n.value)) return n.value > 0 ? Text{"sp.oo"} : Text{"-sp.oo", kNeg};
  const bool integral = n.value == std::trunc(n.value) && std::abs(n.value) < 1e15 &&
                        !(n.value == 0 && std::signbit(n.value));
  std::string text =
      integral ? std::to_string(static_cast<long long>(n.value)) : float_literal(n.value);
  if (in_constant_subtree) return {(integral ? "sp.Integer(" : "sp.Float(") + text + ")"};
  return {text, std::signbit(n.value) ? kNeg : kPrecedenceAtom};
}

std::string python_comment(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line.empty() ? "#\n" : "# " + line + "\n";
  return out;
}

std::string math_import(const std::string& code) {
  // The math module itself, not tf.math or a name ending in "math".
  for (std::size_t at = code.find("math."); at != std::string::npos;
       at = code.find("math.", at + 1)) {
    const char before = at == 0 ? ' ' : code[at - 1];
    if (before != '.' && before != '_' && !std::isalnum(static_cast<unsigned char>(before))) {
      return "import math\n";
    }
  }
  return "";
}

}  // namespace actsearch::grammar::export_detail
