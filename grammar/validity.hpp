#pragma once
// The validity screen: a cheap test that rejects candidates no training can make useful,
// before any training. Checks, in order, each with its reason:
//   "not finite on [-5, 5]"              some f(x) on the grid is NaN, infinite or |f| > 1e12
//   "does not depend on x"               simplify(e) has no x
//   "constant"                           f is constant on the grid
//   "derivative not finite on [-5, 5]"   f' (as derivative(e)) is NaN, infinite or > 1e12
//   "linear"                             f' is constant on the grid: a network of f is linear
// The grid is x = -5, -4.975, ..., 5 (0 included). Finiteness is checked at the initial
// parameter values (the function training starts from); "constant" and "linear" must hold
// at both fingerprint settings, since training can move a parameter off a degenerate value.

#include <string>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

struct Verdict {
  bool valid = true;
  std::string reason;  // empty when valid
};

/// Screens e; never throws for a well-formed e.
Verdict screen(const Expr& e);

}  // namespace actsearch::grammar
