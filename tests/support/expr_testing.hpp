#pragma once
// Helpers for the grammar's property tests: random expressions, the "defined at x"
// predicates under which simplification and differentiation must agree with eval_naive, and
// the operators' kinks, where finite differences cannot check a derivative.

#include <cmath>
#include <iterator>
#include <random>
#include <utility>
#include <vector>

#include "grammar/eval_naive.hpp"
#include "grammar/expr.hpp"

namespace actsearch::grammar::testing {

inline constexpr double kRandomParamInits[] = {1.0, 0.5, -0.75};

/// What RandomExpr draws.
struct RandomExprOptions {
  std::vector<Op> ops;         // unary and binary operators drawn from; all when empty
  double leaf_chance = 0.25;   // a node is a leaf before the depth runs out
  double shared_chance = 0.0;  // a binary node's operands are one subtree
  // Each expression gets 0 to 3 parameters with random initial values; otherwise every
  // expression may use beta, beta1 and beta2 at kRandomParamInits.
  bool random_params = false;
};

/// Random well-formed expressions for property tests: trees over a set of operators whose
/// leaves are x, parameters and constants (awkward ones among them), with subtrees that
/// sometimes appear twice, as simplification and Program's sharing meet them.
class RandomExpr {
 public:
  explicit RandomExpr(std::uint64_t seed, RandomExprOptions options = {})
      : rng_(seed), options_(std::move(options)) {
    if (options_.ops.empty()) {
      for (const OpInfo& i : kOps) {
        if (i.arity > 0) options_.ops.push_back(i.op);
      }
    }
    if (!options_.random_params)
      inits_.assign(std::begin(kRandomParamInits), std::end(kRandomParamInits));
  }

  /// A tree at most `max_depth` nodes deep (1: a leaf).
  Expr operator()(int max_depth) { return draw(max_depth - 1); }

  /// A tree of random depth, 2 to 6.
  Expr next() {
    const int levels = std::uniform_int_distribution<int>(1, 5)(rng_);
    return draw(levels);
  }

  /// Parameter values for a run of the last expression: its initial values or random ones.
  std::vector<double> params() {
    std::vector<double> p = inits_;
    if (chance(0.5)) {
      for (double& v : p) v = uniform(-3.0, 3.0);
    }
    return p;
  }

  /// n inputs in [-6, 6], starting with signed zeros, small values and the generator's
  /// constants, where max/min tie, sign and step switch and sinc takes its series.
  std::vector<double> inputs(std::size_t n) {
    static constexpr double kSpecial[] = {0.0, -0.0, 1.0,  -1.0,  0.5, -0.5,
                                          2.0, -3.0, 1e-3, -1e-5, 6.0, -6.0};
    std::vector<double> x;
    for (std::size_t i = 0; i < n; ++i) {
      x.push_back(i < std::size(kSpecial) ? kSpecial[i] : uniform(-6.0, 6.0));
    }
    return x;
  }

  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng_);
  }

 private:
  // A tree with at most `levels` operators on any path down, and (random_params) the
  // initial values of the parameters it uses.
  Expr draw(int levels) {
    if (options_.random_params) {
      inits_.clear();
      for (int k = std::uniform_int_distribution<int>(0, 3)(rng_); k > 0; --k) {
        inits_.push_back(uniform(-2.0, 2.0));
      }
    }
    const Expr e = tree(levels);
    if (options_.random_params) inits_.resize(static_cast<std::size_t>(num_params(e)));
    return e;
  }

  Expr tree(int levels) {
    if (levels == 0 || chance(options_.leaf_chance)) return leaf();
    const Op op = options_.ops[pick(options_.ops.size())];
    const Expr a = tree(levels - 1);
    if (arity(op) == 1) return unary(op, a);
    return binary(op, a, chance(options_.shared_chance) ? a : tree(levels - 1));
  }

  Expr leaf() {
    static constexpr double kConstants[] = {0.0, 1.0, -1.0, 0.5, 2.0, -3.0, 1e-3};
    const double r = uniform(0.0, 1.0);
    if (!inits_.empty() && r < 0.2) {
      const std::size_t k = pick(inits_.size());
      return param(static_cast<int>(k), inits_[k]);
    }
    if (r < 0.45) {
      return constant(chance(0.5) ? uniform(-3.0, 3.0) : kConstants[pick(std::size(kConstants))]);
    }
    return var_x();
  }

  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  std::mt19937_64 rng_;
  RandomExprOptions options_;
  std::vector<double> inits_;
};

/// True where operator `op` with operands a (and b) is within a finite-difference step's
/// reach of a kink or singularity: there a central difference says nothing about the
/// derivative. Sqrt and log count their domain's edge at 0.
inline bool near_kink(Op op, double a, double b) {
  constexpr double kMargin = 1e-3;
  switch (op) {
    case Op::Abs:
    case Op::Sign:
    case Op::Step:
    case Op::SafeSqrt:
    case Op::SafeLog:
    case Op::Sqrt:
    case Op::Log:
      return std::abs(a) < kMargin;
    case Op::Max:
    case Op::Min:
      return std::abs(a - b) < kMargin;
    case Op::Div:
    case Op::SafeDiv:
      return std::abs(b) < 0.1;
    default:
      return false;
  }
}

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
