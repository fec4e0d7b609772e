#include "grammar/derivative.hpp"

#include <cmath>
#include <numbers>

#include "grammar/base/error.hpp"
#include "grammar/simplify.hpp"

namespace actsearch::grammar {
namespace {

Expr num(double v) {
  return constant(v);
}
bool is_zero(const Expr& e) {
  return e.size() == 1 && e[0].op == Op::Const && e[0].value == 0;
}

// Builders that drop structurally zero terms, so a subtree that does not depend on the
// variable never contributes, even where its partial is not finite.
Expr add(const Expr& a, const Expr& b) {
  if (is_zero(a)) return b;
  if (is_zero(b)) return a;
  return binary(Op::Add, a, b);
}
Expr sub(const Expr& a, const Expr& b) {
  return is_zero(b) ? a : binary(Op::Sub, a, b);
}
Expr mul(const Expr& a, const Expr& b) {
  return is_zero(a) || is_zero(b) ? num(0.0) : binary(Op::Mul, a, b);
}
Expr div(Op op, const Expr& a, const Expr& b) {
  return is_zero(a) ? num(0.0) : binary(op, a, b);
}
Expr call(Op op, const Expr& a) {
  return unary(op, a);
}

// d op(a) / da as an expression in a: the partials of primitives.cpp.
Expr unary_partial(Op op, const Expr& a) {
  switch (op) {
    case Op::Neg:
      return num(-1.0);
    case Op::Abs:
      return call(Op::Sign, a);
    case Op::Square:
      return mul(num(2.0), a);
    case Op::Cube:
      return mul(num(3.0), call(Op::Square, a));
    case Op::Sqrt:
      return binary(Op::Div, num(0.5), call(Op::Sqrt, a));
    case Op::SafeSqrt:
      return binary(Op::Div, mul(num(0.5), call(Op::Sign, a)), call(Op::SafeSqrt, a));
    case Op::Exp:
      return call(Op::Exp, a);
    case Op::Log:
      return binary(Op::Div, num(1.0), a);
    case Op::SafeLog:
      return binary(Op::Div, call(Op::Sign, a), add(call(Op::Abs, a), num(kEps)));
    case Op::Sin:
      return call(Op::Cos, a);
    case Op::Cos:
      return call(Op::Neg, call(Op::Sin, a));
    case Op::Sinh:
      return call(Op::Cosh, a);
    case Op::Cosh:
      return call(Op::Sinh, a);
    case Op::Tanh:
      return sub(num(1.0), call(Op::Square, call(Op::Tanh, a)));
    case Op::Asinh:
      return binary(Op::Div, num(1.0), call(Op::Sqrt, add(call(Op::Square, a), num(1.0))));
    case Op::Atan:
      return binary(Op::Div, num(1.0), add(num(1.0), call(Op::Square, a)));
    case Op::Sinc:
      return call(Op::DSinc, a);
    case Op::Sigmoid:
      return mul(call(Op::Sigmoid, a), sub(num(1.0), call(Op::Sigmoid, a)));
    case Op::Softplus:
      return call(Op::Sigmoid, a);
    case Op::Erf:
      return mul(num(2.0 / std::sqrt(std::numbers::pi)),
                 call(Op::Exp, call(Op::Neg, call(Op::Square, a))));
    case Op::Sign:
    case Op::Step:
      return num(0.0);
    case Op::DSinc:
      return sub(call(Op::Neg, call(Op::Sinc, a)),
                 binary(Op::Div, mul(num(2.0), call(Op::DSinc, a)), a));
    default:
      break;
  }
  ACTSEARCH_ASSERT(false, "unary_partial() takes unary operators");
  return num(0.0);
}

// d op(a, b) from the operands and their derivatives da, db.
Expr binary_derivative(Op op, const Expr& a, const Expr& b, const Expr& da, const Expr& db) {
  switch (op) {
    case Op::Add:
      return add(da, db);
    case Op::Sub:
      return sub(da, db);
    case Op::Mul:
      return add(mul(da, b), mul(a, db));
    case Op::Div:
      return sub(div(Op::Div, da, b), mul(binary(Op::Div, a, call(Op::Square, b)), db));
    case Op::SafeDiv:
      // 1/d = safe_div(1, b) and a/d^2 = safe_div(safe_div(a, b), b) with the same
      // protected denominator d as the operator itself.
      return sub(div(Op::SafeDiv, da, b),
                 mul(binary(Op::SafeDiv, binary(Op::SafeDiv, a, b), b), db));
    case Op::Max:
      return add(da, mul(call(Op::Step, binary(Op::Sub, b, a)), sub(db, da)));
    case Op::Min:
      return add(da, mul(call(Op::Step, binary(Op::Sub, a, b)), sub(db, da)));
    default:
      break;
  }
  ACTSEARCH_ASSERT(false, "binary_derivative() takes binary operators");
  return num(0.0);
}

// The variable is x (every X node) when param < 0, else the parameter beta_param.
class Differentiator {
 public:
  Differentiator(const Expr& e, int param) : e_(e), param_(param) {}

  Expr at(std::size_t i) const {
    const Node& n = e_[i];
    switch (arity(n.op)) {
      case 0:
        return num(is_variable(n) ? 1.0 : 0.0);
      case 1: {
        const Expr da = at(i - 1);
        return is_zero(da) ? da : mul(unary_partial(n.op, subtree(e_, i - 1)), da);
      }
      default: {
        const Children c = children(e_, i);
        return binary_derivative(n.op, subtree(e_, c.left), subtree(e_, c.right), at(c.left),
                                 at(c.right));
      }
    }
  }

 private:
  bool is_variable(const Node& n) const {
    return param_ < 0 ? n.op == Op::X : (n.op == Op::Param && n.index == param_);
  }

  const Expr& e_;
  int param_;
};

}  // namespace

Expr derivative(const Expr& e) {
  return simplify_keep_params(Differentiator(e, -1).at(e.root()));
}

Expr derivative_param(const Expr& e, int k) {
  ACTSEARCH_ASSERT(k >= 0, "parameter indices are non-negative");
  return simplify_keep_params(Differentiator(e, k).at(e.root()));
}

}  // namespace actsearch::grammar
