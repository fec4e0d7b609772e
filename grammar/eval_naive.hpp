#pragma once
// The naive recursive scalar evaluator: deliberately simple, the specification that the
// compiled Program and every exporter are tested against. Never used on a hot path.

#include <span>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

/// f(x) with parameter values `params` (params[k] is beta_k; missing ones use the
/// expression's initial values). Placeholders x1/x2 evaluate to x. NaN propagates.
double eval_naive(const Expr& e, double x, std::span<const double> params = {});

/// Value and first derivatives by recursive forward-mode differentiation.
struct NaiveResult {
  double f = 0.0;
  double dfdx = 0.0;
  std::vector<double> dfdp;  // d f / d beta_k, k = 0..num_params-1
};
NaiveResult eval_naive_with_derivatives(const Expr& e, double x,
                                        std::span<const double> params = {});

}  // namespace actsearch::grammar
