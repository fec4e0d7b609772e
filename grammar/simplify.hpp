#pragma once
// Canonical simplification: one form per family of obviously equal expressions, so that
// duplicates are caught by a structural hash before any sampling or training.
//
// Rules: constant folding with apply(), never to a non-finite constant (log(-1) and
// exp(1000) stay as written); + - and unary minus flattened into one sum of terms with
// numeric coefficients, like terms combined (x - x -> 0, x + x -> 2*x), constants summed and
// written last, a positive term first (sin(x) - x, 1 - x); * flattened into one product:
// the numeric coefficient first, signs pulled out, a coefficient distributed over a sum
// (2*(x + 1) -> 2*x + 2), identical factors as powers (x*x -> x^2, x*x^2 -> x^3);
// 0 * a -> 0, which is the grammar's semantics for finite a; a / c -> (1/c) * a, 0 / a -> 0,
// a / a -> 1, a minus sign moved out of divisions; max(a, a) -> a; odd functions pull a
// minus sign out (sin(-x) -> -sin(x)), even ones drop it and abs (cos(-x), cos(|x|) ->
// cos(x)); abs of a non-negative operator is dropped. Operands of commutative operators are
// sorted by a total order on subtrees that ignores parameter numbers (simplify_terms.hpp),
// except max/min operands holding a non-total operator: max(a, b) is b where a is NaN.
//
// "Value-preserving wherever e is defined": at every x where every subtree of e is finite,
// simplify(e) has the same value up to rounding. Where some subtree is NaN or infinite the
// rules may give a finite value (0 * log(x) -> 0). Signed zeros are not preserved; they
// only change safe_div, whose value at a denominator of exactly 0 follows the zero's sign.

#include "grammar/expr.hpp"

namespace actsearch::grammar {

/// Canonical form of e; idempotent. Parameters are renumbered by first appearance in the
/// canonical node order (beta, beta1, ...) and keep their initial values, so two
/// expressions that differ only in parameter numbering get one form.
Expr simplify(const Expr& e);

/// simplify() without the renumbering: parameter k of the result is parameter k of e, so
/// the result can be evaluated with e's parameter vector (derivatives need this).
Expr simplify_keep_params(const Expr& e);

/// Bitwise equality of two expressions (Expr's == treats 0.0 and -0.0 as equal and NaN as
/// unequal to itself).
bool identical(const Expr& a, const Expr& b);

}  // namespace actsearch::grammar
