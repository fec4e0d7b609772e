#pragma once
// Canonical simplification: one printed form per family of obviously equal expressions, so
// duplicates are caught by a structural hash before any sampling or training.
//
// Rules: constant folding with apply() (never to a non-finite constant); + - and unary minus
// flattened into one sum of terms with numeric coefficients (like terms combined, so
// x - x -> 0, constants summed and written last); * flattened into one product (constant
// coefficient first, signs pulled out, a*a -> a^2, a*a*a -> a^3); 0 * a -> 0, the grammar's
// semantics for finite a; a / c -> (1/c) * a; 0 / a -> 0; a / a -> 1; max(a, a) -> a;
// odd functions pull a minus sign out (sin(-a) -> -sin(a)), even ones drop it and abs
// (cos(-a), cos(|a|) -> cos(a)); abs of a non-negative operator is dropped; operands of
// commutative operators are sorted by a total order on subtrees that ignores parameter
// numbers (leaves first, then smaller subtrees, then a shape hash).
//
// "Value-preserving wherever e is defined": at every x where every subtree of e is finite,
// simplify(e) has the same value up to rounding. Where some subtree is NaN or infinite the
// rules may give a finite value (0 * log(x) -> 0). Signed zeros are not preserved; they only
// change safe_div, whose denominator's sign decides its value at exactly 0.

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
