#pragma once
// Internal to the simplifier: the canonical forms of sums and products and the total order
// on subtrees that the rules of simplify.cpp build on. Every function takes and returns
// expressions whose subtrees are already canonical.

#include <cstdint>
#include <optional>

#include "grammar/expr.hpp"

namespace actsearch::grammar::detail {

inline Op root_op(const Expr& e) {
  return e[e.root()].op;
}
inline Expr left_of(const Expr& e) {
  return subtree(e, children(e, e.root()).left);
}
inline Expr right_of(const Expr& e) {
  return subtree(e, children(e, e.root()).right);
}
inline bool is_const(const Expr& e) {
  return e.size() == 1 && e[0].op == Op::Const;
}
inline bool is_const(const Expr& e, double v) {
  return is_const(e) && e[0].value == v;
}

/// A folded constant: finite, and zero stored as +0.0 so that canonical forms do not depend
/// on how a zero was reached.
inline Expr folded(double v) {
  return constant(v == 0.0 ? 0.0 : v);
}

/// Total order on subtrees for the operands of commutative operators: leaves first
/// (constants, parameters, the input), then smaller subtrees, then a shape hash. It ignores
/// parameter numbers, so renumbering the parameters (which follows this order) never
/// changes it; callers sort stably so that ties keep their input order.
struct OrderKey {
  int rank;  // 0 constant, 1 parameter, 2 input, 3 compound
  std::size_t size;
  std::uint64_t shape;
  auto operator<=>(const OrderKey&) const = default;
};
OrderKey order_key(const Expr& e);

/// a + sign * b as one flat sum: like terms combined, numeric coefficients pulled out of
/// products and distributed over sums, the constant last, a positive term first.
Expr make_sum(const Expr& a, const Expr& b, double sign);

/// a * b as one flat product: the numeric coefficient first (0 * anything -> 0), signs
/// pulled out, identical factors as powers (a*a -> a^2, a*a^2 -> a^3), factors sorted.
Expr make_product(const Expr& a, const Expr& b);

/// -e in canonical form: distributed over a sum, into a product's coefficient.
Expr negate(const Expr& e);

/// -e when e is visibly negative (a negation, or a product with a negative coefficient),
/// so that rules can move the sign out of a function's argument.
std::optional<Expr> negated(const Expr& e);

}  // namespace actsearch::grammar::detail
