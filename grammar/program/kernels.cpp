// The block kernel of each operator: its value and partial derivatives over kBlock values.
//
// Float, the training path: Eigen array expressions on fixed-size maps, so every operation
// vectorises, with stable forms where apply()'s double formula loses float accuracy
// (sigmoid', tanh', dsinc near 0).
// Double, the reference path: apply() and partials() element by element. The oracle is
// compiled with FMA contraction, and the sinc family's closed forms amplify a last-bit
// difference to 1e-10 near their series switch, so only the same scalar code reproduces it.
#include "grammar/program/kernels.hpp"

#include <cmath>
#include <numbers>

#include "grammar/base/error.hpp"
#include "grammar/program/math.hpp"

namespace actsearch::grammar::program_detail {
namespace {

using PartialF = Partial<float>;
using Result = OpPartials<float>;

struct Args {
  const float* a;
  const float* b;  // a again for unary operators
  float* v;
  float* pa;
  float* pb;
  bool partials;
};

PartialF block(const float* p) {
  return {p, 0.0f};
}
PartialF constant(float c) {
  return {nullptr, c};
}
// A unary operator's partials.
Result only(const PartialF& p) {
  return {p, PartialF{}};
}

Result neg(const Args& k) {
  out(k.v) = negated(in(k.a));
  return only(constant(-1.0f));
}

// |a|, sqrt(|a| + eps), log(|a| + eps): partials sign(a) times the outer derivative.
Result absolute(Op op, const Args& k) {
  const In a = in(k.a);
  switch (op) {
    case Op::Abs:
      out(k.v) = a.abs();
      break;
    case Op::SafeSqrt:
      out(k.v) = v_sqrt(a.abs() + static_cast<float>(kEps));
      break;
    case Op::SafeLog:
      out(k.v) = v_log(a.abs() + static_cast<float>(kEps));
      break;
    default:
      ACTSEARCH_ASSERT(false, "not an operator of |a|");
  }
  if (!k.partials) return only(block(k.pa));
  sign(k.a, k.pa);
  if (op == Op::SafeSqrt) out(k.pa) = in(k.pa) * 0.5f / in(k.v);
  if (op == Op::SafeLog) out(k.pa) = in(k.pa) / (a.abs() + static_cast<float>(kEps));
  return only(block(k.pa));
}

Result tanh(const Args& k) {
  out(k.v) = v_tanh(in(k.a));
  if (k.partials) {
    // 1 - tanh^2 keeps no digits once tanh rounds to 1; 4e/(1+e)^2, e = exp(-2|a|), is the
    // same function without the cancellation.
    const Arr e = v_exp(-2.0f * in(k.a).abs());
    out(k.pa) = 4.0f * e / ((1.0f + e) * (1.0f + e));
  }
  return only(block(k.pa));
}

// Powers, exp and log: value and partial are one expression each.
Result power_or_log(Op op, const Args& k) {
  const In a = in(k.a);
  Out v = out(k.v);
  Out pa = out(k.pa);
  const bool p = k.partials;
  // clang-format off
  switch (op) {
    case Op::Square: v = a * a; if (p) pa = 2.0f * a; break;
    case Op::Cube: v = a * a * a; if (p) pa = 3.0f * a * a; break;
    case Op::Sqrt: v = v_sqrt(a); if (p) pa = 0.5f / v; break;
    case Op::Exp: v = v_exp(a); return only(block(k.v));
    case Op::Log: v = v_log(a); if (p) pa = 1.0f / a; break;
    default: ACTSEARCH_ASSERT(false, "not a power, exp or log");
  }
  // clang-format on
  return only(block(k.pa));
}

// Trigonometric, hyperbolic and error functions.
Result transcendental(Op op, const Args& k) {
  const In a = in(k.a);
  Out v = out(k.v);
  Out pa = out(k.pa);
  const bool p = k.partials;
  // clang-format off
  switch (op) {
    case Op::Sin: v = v_sin(a); if (p) pa = v_cos(a); break;
    case Op::Cos: v = v_cos(a); if (p) pa = negated(v_sin(a)); break;
    case Op::Sinh: hyperbolic(k.a, k.v, p ? k.pa : nullptr); break;
    case Op::Cosh: hyperbolic(k.a, p ? k.pa : nullptr, k.v); break;
    case Op::Asinh: v = v_asinh(a); if (p) pa = 1.0f / v_sqrt(a * a + 1.0f); break;
    case Op::Atan: v = v_atan(a); if (p) pa = 1.0f / (1.0f + a * a); break;
    case Op::Erf:
      v = v_erf(a);
      if (p) pa = static_cast<float>(2.0 / std::sqrt(std::numbers::pi)) * v_exp(negated(a) * a);
      break;
    default: ACTSEARCH_ASSERT(false, "not a transcendental operator");
  }
  // clang-format on
  return only(block(k.pa));
}

// sigmoid, softplus, sinc, dsinc and the piecewise constants step and sign.
Result special(Op op, const Args& k) {
  switch (op) {
    case Op::Sigmoid:
      sigmoid(k.a, k.v, k.partials ? k.pa : nullptr);
      break;
    case Op::Softplus: {
      const Arr e = v_exp(-in(k.a).abs());
      out(k.v) = in(k.a).max(0.0f) + v_log1p(e);
      if (k.partials) sigmoid_from(k.a, e, k.pa);
      break;
    }
    case Op::Sinc:
      sinc_value(k.a, k.v);
      if (k.partials) dsinc_value(k.a, k.pa);
      break;
    case Op::DSinc:
      dsinc_value(k.a, k.v);
      if (k.partials) d_dsinc_value(k.a, k.pa);
      break;
    case Op::Sign:
      sign(k.a, k.v);
      return only(constant(0.0f));
    case Op::Step:
      step(k.a, k.v);
      return only(constant(0.0f));
    default:
      ACTSEARCH_ASSERT(false, "not a special operator");
  }
  return only(block(k.pa));
}

Result binary(Op op, const Args& k) {
  const In a = in(k.a);
  const In b = in(k.b);
  Arr safe;  // safe_div's protected denominator
  if (op == Op::SafeDiv) protected_denominator(k.b, safe.data());
  const float* denominator = op == Op::SafeDiv ? safe.data() : k.b;
  const In d = in(denominator);
  switch (op) {
    case Op::Add:
      out(k.v) = a + b;
      return {constant(1.0f), constant(1.0f)};
    case Op::Sub:
      out(k.v) = a - b;
      return {constant(1.0f), constant(-1.0f)};
    case Op::Mul:
      out(k.v) = a * b;
      return {block(k.b), block(k.a)};
    case Op::Div:
    case Op::SafeDiv:
      out(k.v) = a / d;
      if (k.partials) {
        out(k.pa) = 1.0f / d;
        out(k.pb) = negated(a) / (d * d);
      }
      break;
    case Op::Max:
    case Op::Min:
      select_first(op == Op::Max, k.a, k.b, k.v, k.partials ? k.pa : nullptr, k.pb);
      break;
    default:
      ACTSEARCH_ASSERT(false, "not a binary operator");
  }
  return {block(k.pa), block(k.pb)};
}

Result dispatch(Op op, const Args& k) {
  // clang-format off
  switch (op) {
    case Op::Const: case Op::X: case Op::Param: break;
    case Op::Neg: return neg(k);
    case Op::Abs: case Op::SafeSqrt: case Op::SafeLog: return absolute(op, k);
    case Op::Tanh: return tanh(k);
    case Op::Square: case Op::Cube: case Op::Sqrt: case Op::Exp: case Op::Log:
      return power_or_log(op, k);
    case Op::Sin: case Op::Cos: case Op::Sinh: case Op::Cosh: case Op::Asinh: case Op::Atan:
    case Op::Erf:
      return transcendental(op, k);
    case Op::Sigmoid: case Op::Softplus: case Op::Sinc: case Op::DSinc: case Op::Sign:
    case Op::Step:
      return special(op, k);
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::SafeDiv: case Op::Max:
    case Op::Min:
      return binary(op, k);
  }
  // clang-format on
  ACTSEARCH_ASSERT(false, "leaves are not block operations");
  return {};
}

}  // namespace

OpPartials<float> eval_block(Op op, const float* a, const float* b, float* out, float* pa,
                             float* pb, bool partials) {
  return dispatch(op, Args{a, arity(op) == 2 ? b : a, out, pa, pb, partials});
}

OpPartials<double> eval_block(Op op, const double* a, const double* b, double* out, double* pa,
                              double* pb, bool partials) {
  ACTSEARCH_ASSERT(arity(op) > 0, "leaves are not block operations");
  const bool binary = arity(op) == 2;
  for (std::size_t i = 0; i < kBlock; ++i) {
    const double bi = binary ? b[i] : 0.0;
    out[i] = apply(op, a[i], bi);
    if (partials) {
      const Partials p = grammar::partials(op, a[i], bi);
      pa[i] = p.da;
      pb[i] = p.db;
    }
  }
  return {{pa, 0.0}, binary ? Partial<double>{pb, 0.0} : Partial<double>{}};
}

}  // namespace actsearch::grammar::program_detail
