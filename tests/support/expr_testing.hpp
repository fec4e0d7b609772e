#pragma once
// Helpers for the grammar's property tests: random expressions, and the "defined at x"
// predicates under which simplification and differentiation must agree with eval_naive.

#include <cmath>
#include <random>
#include <vector>

#include "grammar/base/random.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/expr.hpp"

namespace actsearch::grammar::testing {

inline constexpr double kRandomParamInits[] = {1.0, 0.5, -0.75};

class RandomExpr {
 public:
  /// Draws from `ops` (unary and binary operators); all operators when empty.
  explicit RandomExpr(std::uint64_t seed, std::vector<Op> ops = {}) : rng_(seed), ops_(ops) {
    if (ops_.empty()) {
      for (const OpInfo& i : kOps) {
        if (i.arity > 0) ops_.push_back(i.op);
      }
    }
  }

  Expr operator()(int max_depth) {
    if (max_depth <= 1 || chance(0.25)) return leaf();
    const Op op = ops_[pick(ops_.size())];
    if (arity(op) == 1) return unary(op, (*this)(max_depth - 1));
    const Expr a = (*this)(max_depth - 1);
    return binary(op, a, (*this)(max_depth - 1));
  }

  double uniform(double lo, double hi) { return uniform_real(rng_, lo, hi); }

 private:
  Expr leaf() {
    const double r = uniform(0, 1);
    if (r < 0.5) return var_x();
    if (r < 0.7) {
      const int k = static_cast<int>(pick(3));
      return param(k, kRandomParamInits[k]);
    }
    static constexpr double kConstants[] = {0.0, 1.0, -1.0, 2.0, 0.5, 3.25, -0.1};
    return constant(kConstants[pick(std::size(kConstants))]);
  }

  bool chance(double p) { return uniform(0, 1) < p; }
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(uniform_below(rng_, n)); }

  std::mt19937_64 rng_;
  std::vector<Op> ops_;
};

/// Largest magnitude over every subtree's value at x (NaN when some subtree is not
/// finite). Points where it is moderate are where an expression is "defined" for tests.
inline double max_intermediate(const Expr& e, double x, std::span<const double> params = {}) {
  double m = 0.0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    const double v = eval_naive(subtree(e, i), x, params);
    if (!std::isfinite(v)) return NAN;
    m = std::max(m, std::abs(v));
  }
  return m;
}

/// True when every subtree has finite forward-mode derivatives at x. Where one does not, a
/// max/min or step that selects another branch hides it from eval_naive (a zero partial
/// contributes nothing), but not from the symbolic derivative (0 * inf is NaN).
inline bool derivatives_finite(const Expr& e, double x, std::span<const double> params = {}) {
  for (std::size_t i = 0; i < e.size(); ++i) {
    const NaiveResult r = eval_naive_with_derivatives(subtree(e, i), x, params);
    if (!std::isfinite(r.dfdx)) return false;
    for (double d : r.dfdp) {
      if (!std::isfinite(d)) return false;
    }
  }
  return true;
}

/// True when some safe_div in e has a denominator of exactly zero at x: there its value
/// depends on the sign of that zero, which simplification does not preserve.
inline bool zero_safe_div_denominator(const Expr& e, double x,
                                      std::span<const double> params = {}) {
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e[i].op == Op::SafeDiv && eval_naive(subtree(e, children(e, i).right), x, params) == 0.0) {
      return true;
    }
  }
  return false;
}

}  // namespace actsearch::grammar::testing
