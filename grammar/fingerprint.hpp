#pragma once
// Functional fingerprint: values at fixed sample points under two parameter settings, so
// expressions that are one function written differently (x*sigmoid(x), sigmoid(x)*x,
// x/(1 + exp(-x))) share a key, while ones that agree only at the initial parameter values
// (x*sigmoid(beta*x) and x*sigmoid(x)) do not.

#include <cstdint>
#include <span>
#include <vector>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

struct Fingerprint {
  std::uint64_t key = 0;  // hash of the values rounded to ~9 significant digits
  std::vector<double>
      values;  // kFingerprintPoints at the initial parameters, then at the second setting
};

/// Number of sample points: irregular, asymmetric in [-6, 6], clear of 0 and +-1 (kinks).
inline constexpr std::size_t kFingerprintPoints = 32;

/// The sample points of fingerprint(), ascending.
std::span<const double> fingerprint_points();

/// Samples e at fingerprint_points() (eval_naive semantics) with its initial parameters,
/// then with second_setting(e). Parameters are taken by index as written: to identify
/// functions up to parameter numbering, fingerprint the canonical form simplify(e). NaN and
/// infinities are values like others, so every expression gets a deterministic key.
Fingerprint fingerprint(const Expr& e);

/// Whether two fingerprints are one function: NaN and infinities at the same places, other
/// values equal within a relative tolerance of 1e-7 (absolute below 1).
bool same_function(const Fingerprint& a, const Fingerprint& b);

/// A parameter setting distinct from typical initial values: beta_k = 1.7 + 0.31 k, one
/// entry per parameter index of e.
std::vector<double> second_setting(const Expr& e);

/// f(x) for each x of xs, with params[k] as beta_k (params must cover num_params(e)). The
/// values are those of eval_naive (the same apply() calls), without its derivatives.
std::vector<double> sample(const Expr& e, std::span<const double> xs,
                           std::span<const double> params);

}  // namespace actsearch::grammar
