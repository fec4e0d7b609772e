#include "grammar/eval_naive.hpp"

namespace actsearch::grammar {
namespace {

// Value and derivatives; a derivative is NaN-free zero exactly when the subtree does not
// depend on that variable (structural zero), as the compiled Program does it.
struct Dual {
  double f;
  double dx;
  std::vector<double> dp;
  bool has_x = false;
  std::vector<bool> has_p;
};

class NaiveEvaluator {
 public:
  NaiveEvaluator(const Expr& e, double x, std::span<const double> params)
      : e_(e), x_(x), params_(param_inits(e)) {
    for (std::size_t k = 0; k < params.size() && k < params_.size(); ++k) params_[k] = params[k];
  }

  Dual at(std::size_t i) const {
    const Node& n = e_[i];
    const std::size_t np = params_.size();
    Dual out{0.0, 0.0, std::vector<double>(np, 0.0), false, std::vector<bool>(np, false)};
    switch (arity(n.op)) {
      case 0:
        return leaf(n, out);
      case 1:
        return combine(n.op, at(i - 1), out, out);
      default: {
        const Children c = children(e_, i);
        return combine(n.op, at(c.left), at(c.right), out);
      }
    }
  }

 private:
  Dual leaf(const Node& n, Dual out) const {
    if (n.op == Op::Const) out.f = n.value;
    if (n.op == Op::X) {
      out.f = x_;
      out.dx = 1.0;
      out.has_x = true;
    }
    if (n.op == Op::Param) {
      out.f = params_[n.index];
      out.dp[n.index] = 1.0;
      out.has_p[n.index] = true;
    }
    return out;
  }

  // For unary operators `b` is a fresh zero Dual that depends on nothing.
  static Dual combine(Op op, const Dual& a, const Dual& b, Dual out) {
    out.f = apply(op, a.f, b.f);
    const Partials p = partials(op, a.f, b.f);
    out.dx = chain(p, a.dx, a.has_x, b.dx, b.has_x);
    out.has_x = a.has_x || b.has_x;
    for (std::size_t k = 0; k < out.dp.size(); ++k) {
      out.dp[k] = chain(p, a.dp[k], a.has_p[k], b.dp[k], b.has_p[k]);
      out.has_p[k] = a.has_p[k] || b.has_p[k];
    }
    return out;
  }

  // An operand that does not depend on the variable, or whose partial is exactly zero
  // (max/min/step select a branch), contributes nothing, even where the other factor is
  // infinite: max(x, 0) + min(exp(x) - 1, 0) keeps a finite derivative where exp overflows.
  static double term(double partial, double inner, bool depends) {
    return depends && partial != 0.0 ? partial * inner : 0.0;
  }
  static double chain(const Partials& p, double da, bool dep_a, double db, bool dep_b) {
    return term(p.da, da, dep_a) + term(p.db, db, dep_b);
  }

  const Expr& e_;
  double x_;
  std::vector<double> params_;
};

}  // namespace

double eval_naive(const Expr& e, double x, std::span<const double> params) {
  return eval_naive_with_derivatives(e, x, params).f;
}

NaiveResult eval_naive_with_derivatives(const Expr& e, double x, std::span<const double> params) {
  const Dual d = NaiveEvaluator(e, x, params).at(e.root());
  return NaiveResult{d.f, d.dx, d.dp};
}

}  // namespace actsearch::grammar
