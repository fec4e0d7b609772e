#pragma once
// Test support for Program: random expressions over every operator, and OracleCheck, which
// holds a Program's runs to the naive oracle (bit for bit in double, to float accuracy in
// float where float can be held to it). Used by tests/grammar/program_test.cpp.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/eval_naive.hpp"
#include "grammar/expr.hpp"
#include "grammar/program/program.hpp"
#include "tests/support/expr_testing.hpp"

namespace actsearch::grammar::program_test {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

inline std::string show(const Expr& e) {
  std::ostringstream out;
  out.precision(17);
  for (const Node& n : e.nodes) {
    if (n.op == Op::Const)
      out << n.value << ' ';
    else if (n.op == Op::Param)
      out << param_name(n.index) << '=' << n.value << ' ';
    else
      out << name(n.op) << ' ';
  }
  return out.str();
}

// Random trees over every operator, with constants, x, parameters and shared subtrees.
inline testing::RandomExpr random_exprs(std::uint64_t seed) {
  testing::RandomExprOptions options;
  options.leaf_chance = 0.15;
  options.shared_chance = 0.15;
  options.random_params = true;
  return testing::RandomExpr(seed, options);
}

// Sum over the chain-rule paths from node i down to the variable (channel 0: x, 1 + k:
// beta_k) of |product of partials|. Forward-mode rounding errors scale with it, so where
// paths cancel, the derivative's relative error is large without any bug.
inline double path_scale(const Expr& e, std::size_t i, double x, const std::vector<double>& params,
                         std::size_t channel) {
  const Node& n = e[i];
  if (arity(n.op) == 0) {
    return (n.op == Op::X && channel == 0) || (n.op == Op::Param && channel == 1u + n.index);
  }
  const Children c = children(e, i);
  const bool binary = arity(n.op) == 2;
  const Partials p = partials(n.op, eval_naive(subtree(e, c.left), x, params),
                              binary ? eval_naive(subtree(e, c.right), x, params) : 0.0);
  const auto term = [&](double partial, std::size_t child) {
    const double inner = path_scale(e, child, x, params, channel);
    return inner == 0.0 || partial == 0.0 ? 0.0 : std::abs(partial) * inner;
  };
  return term(p.da, c.left) + (binary ? term(p.db, c.right) : 0.0);
}

// Both NaN, equal infinities, or |got - want| <= tol. A value's zero must have the sign of
// the oracle's (safe_div reads it); a derivative's need not (the oracle adds +0 for an
// absent operand, and only products and sums read derivatives).
inline bool near(double got, double want, double tol, bool zero_sign = false) {
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) && std::isnan(want);
  if (std::isinf(got) || std::isinf(want)) return got == want;
  if (zero_sign && got == 0.0 && want == 0.0) return std::signbit(got) == std::signbit(want);
  return std::abs(got - want) <= tol;
}

struct Outputs {
  std::vector<double> f, dfdx, dfdp;
};

template <class T>
Outputs run(const Program& p, const std::vector<double>& xd, const std::vector<double>& pd,
            bool dfdx = true, bool dfdp = true) {
  const std::vector<T> x(xd.begin(), xd.end());
  const std::vector<T> params(pd.begin(), pd.end());
  const std::size_t n = x.size();
  std::vector<T> f(n), dx(dfdx ? n : 0), dp(dfdp ? n * params.size() : 0);
  p.run(x, params, f, dx, dp);
  return {{f.begin(), f.end()}, {dx.begin(), dx.end()}, {dp.begin(), dp.end()}};
}

inline std::vector<double> to_float(const std::vector<double>& v) {
  std::vector<double> r;
  for (const double d : v) r.push_back(static_cast<float>(d));
  return r;
}

// One expression's runs against the oracle at every point; counts (and reports the first
// few) mismatches. Double: values bit for bit (NaN where the oracle has NaN), derivatives
// to 1e-12 relative or absolute below 1, widened where chain-rule paths cancel. Float, at
// float-rounded inputs: to 1e-5, and NaN where the oracle has NaN; a float mismatch is
// excused (and counted) only where float cannot be held to the oracle (see the screens).
class OracleCheck {
 public:
  OracleCheck(const Expr& e, const std::vector<double>& x, const std::vector<double>& params)
      : e_(e), x_(x), params_(params) {}

  int failures() const { return failures_; }
  int points() const { return static_cast<int>(x_.size()); }
  int excused() const { return excused_; }

  OracleCheck& check_double() {
    const Outputs out = run<double>(Program(e_), x_, params_);
    for (std::size_t i = 0; i < x_.size(); ++i) {
      if (const std::string m = mismatch(out, i, 0.0, 1e-12, 1e-14); !m.empty()) report(i, m);
    }
    return *this;
  }

  OracleCheck& check_float() {
    x_ = to_float(x_);
    params_ = to_float(params_);
    const Outputs out = run<float>(Program(e_), x_, params_);
    for (std::size_t i = 0; i < x_.size(); ++i) {
      const std::string m = mismatch(out, i, 1e-5, 1e-5, 1e-6);
      if (m.empty()) continue;
      const NaiveResult want = eval_naive_with_derivatives(e_, x_[i], params_);
      const bool nan_differs = std::isnan(out.f[i]) != std::isnan(want.f);
      if (nan_differs ? nan_is_robust(x_[i], want) : float_friendly(x_[i], want)) {
        report(i, m);
      } else {
        ++excused_;
      }
    }
    return *this;
  }

 private:
  // Empty when value and derivatives at point i agree with the oracle, else a description.
  std::string mismatch(const Outputs& out, std::size_t i, double rel_f, double rel_d,
                       double per_path) const {
    const NaiveResult want = eval_naive_with_derivatives(e_, x_[i], params_);
    std::ostringstream m;
    m.precision(17);
    if (!near(out.f[i], want.f, rel_f * std::max(1.0, std::abs(want.f)), true)) {
      m << "f: got " << out.f[i] << ", want " << want.f << "; ";
    }
    const auto derivative = [&](double got, double w, std::size_t channel) {
      if (derivative_near(got, w, rel_d, per_path, i, channel)) return;
      m << (channel == 0 ? "df/dx" : "df/d" + param_name(static_cast<int>(channel) - 1)) << ": got "
        << got << ", want " << w << "; ";
    };
    derivative(out.dfdx[i], want.dfdx, 0);
    for (std::size_t k = 0; k < want.dfdp.size(); ++k) {
      derivative(out.dfdp[k * x_.size() + i], want.dfdp[k], 1 + k);
    }
    return m.str();
  }

  bool derivative_near(double got, double want, double rel, double per_path, std::size_t i,
                       std::size_t channel) const {
    const double tol = rel * std::max(1.0, std::abs(want));
    if (near(got, want, tol)) return true;
    const double scale = path_scale(e_, e_.root(), x_[i], params_, channel);
    return std::isfinite(scale) && near(got, want, tol + per_path * scale);
  }

  void report(std::size_t i, const std::string& what) {
    if (++failures_ > 3) return;
    ADD_FAILURE() << "at x = " << x_[i] << " of " << show(e_) << ": " << what;
  }

  // Where float can be held to the oracle: every intermediate value and derivative zero or
  // well inside float's range, and no intermediate whose relative nudge by 1e-6 (16 float
  // ulps) moves f or a derivative by more than 1e-5: cancellation, kinks and large
  // trigonometric arguments amplify float rounding beyond any fixed tolerance.
  bool float_friendly(double x, const NaiveResult& want) const {
    const auto in_range = [](double u) {
      return u == 0.0 || (std::abs(u) >= 1e-30 && std::abs(u) <= 1e30);
    };
    const auto within = [](double u, double v) {
      return std::abs(u - v) <= 1e-5 * std::max(1.0, std::abs(v));
    };
    const auto all = [](const NaiveResult& r, const NaiveResult& ref, auto ok) {
      bool good = ok(r.f, ref.f) && ok(r.dfdx, ref.dfdx);
      for (std::size_t k = 0; k < r.dfdp.size(); ++k) good = good && ok(r.dfdp[k], ref.dfdp[k]);
      return good;
    };
    for (std::size_t i = 0; i < e_.size(); ++i) {
      const Expr sub = subtree(e_, i);
      const NaiveResult r = eval_naive_with_derivatives(sub, x, params_);
      if (!all(r, r, [&](double u, double) { return in_range(u); })) return false;
      const Expr nudged = replace_subtree(e_, i, binary(Op::Mul, sub, constant(1.0 + 0x1p-20)));
      if (!all(eval_naive_with_derivatives(nudged, x, params_), want, within)) return false;
    }
    return true;
  }

  // Where float must have NaN exactly where the oracle has: no intermediate value finite
  // but beyond float's range, and no nudge of one (by +-1e-6 relative) that changes
  // whether f is NaN (sqrt of a rounding error, say).
  bool nan_is_robust(double x, const NaiveResult& want) const {
    for (std::size_t i = 0; i < e_.size(); ++i) {
      const Expr sub = subtree(e_, i);
      const double v = std::abs(eval_naive(sub, x, params_));
      if (std::isfinite(v) && v != 0.0 && (v < 1e-30 || v > 1e30)) return false;
      for (const double h : {-0x1p-20, 0x1p-20}) {
        const Expr nudged = replace_subtree(e_, i, binary(Op::Mul, sub, constant(1.0 + h)));
        if (std::isnan(eval_naive(nudged, x, params_)) != std::isnan(want.f)) return false;
      }
    }
    return true;
  }

  const Expr& e_;
  std::vector<double> x_, params_;
  int failures_ = 0;
  int excused_ = 0;
};

}  // namespace actsearch::grammar::program_test
