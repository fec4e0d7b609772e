#pragma once
// Symbolic first derivatives, built from the operator partials of primitives.cpp (their
// specification, kink conventions included) and simplified.
//
// Kinks follow partials(): |a|' = sign(a) with sign(0) = 0; max(a, b)' = a' + step(b - a) *
// (b' - a') and min(a, b)' = a' + step(a - b) * (b' - a'), so on ties the first operand
// wins; sign, step are piecewise constant (derivative 0). A subtree that does not depend on
// the variable contributes exactly 0, whatever its partial (the structural zero of
// eval_naive). dsinc(a)' = -sinc(a) - 2 dsinc(a) / a, which is NaN where a is exactly 0
// (the limit is -1/3); only second derivatives reach it.
//
// Where every subtree's derivative is finite, the result agrees with eval_naive's forward
// mode. Where one is not (sqrt at 0, an overflow) but a max, min or step selects another
// branch, forward mode skips it (a zero partial contributes nothing) while the symbolic
// form gives NaN (0 * inf): the grammar has no operator that selects without multiplying.

#include "grammar/expr.hpp"

namespace actsearch::grammar {

/// d e / dx, simplified by simplify_keep_params: parameter k of the result is parameter k
/// of e, so both evaluate with the same parameter vector. Placeholders x1, x2 count as x.
Expr derivative(const Expr& e);

/// d e / d beta_k, simplified like derivative(). 0 when beta_k does not occur.
Expr derivative_param(const Expr& e, int k);

}  // namespace actsearch::grammar
