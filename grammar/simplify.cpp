#include "grammar/simplify.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <optional>
#include <utility>

#include "grammar/base/error.hpp"
#include "grammar/simplify_terms.hpp"

namespace actsearch::grammar {
namespace {

using detail::folded;
using detail::is_const;
using detail::left_of;
using detail::negate;
using detail::negated;
using detail::order_key;
using detail::root_op;

// The rules below leave a normal form after one pass in the cases we know of; the passes
// are a safety net for rule interactions, bounded so a rule cycle cannot hang a search.
constexpr int kMaxPasses = 16;

// f(-a) = f(a) and f(|a|) = f(a), exactly in floating point.
constexpr Op kEven[] = {Op::Abs,  Op::Square,   Op::Cos,    Op::Cosh,
                        Op::Sinc, Op::SafeSqrt, Op::SafeLog};
// f(-a) = -f(a), exactly in floating point.
constexpr Op kOdd[] = {Op::Sin, Op::Sinh, Op::Tanh, Op::Asinh, Op::Atan,
                       Op::Erf, Op::Sign, Op::Cube, Op::DSinc};
// f(a) >= 0 (or NaN), so abs(f(a)) = f(a).
constexpr Op kNonNegative[] = {Op::Abs,     Op::Square,   Op::Exp,  Op::Sqrt, Op::SafeSqrt,
                               Op::Sigmoid, Op::Softplus, Op::Cosh, Op::Step};

template <std::size_t N>
bool is_in(const Op (&set)[N], Op op) {
  return std::find(std::begin(set), std::end(set), op) != std::end(set);
}

bool is_total(const Expr& e) {
  return std::all_of(e.nodes.begin(), e.nodes.end(),
                     [](const Node& n) { return info(n.op).total; });
}

std::optional<Expr> fold(Op op, const Expr& a, const Expr* b) {
  if (!is_const(a) || (b && !is_const(*b))) return std::nullopt;
  const double v = apply(op, a[0].value, b ? (*b)[0].value : 0.0);
  if (!std::isfinite(v)) return std::nullopt;
  return folded(v);
}

Expr make_unary(Op op, const Expr& a) {
  if (auto c = fold(op, a, nullptr)) return *c;
  if (op == Op::Neg) return negate(a);
  if (is_in(kEven, op)) {
    if (root_op(a) == Op::Abs) return make_unary(op, left_of(a));
    if (auto n = negated(a)) return make_unary(op, *n);
  }
  if (is_in(kOdd, op)) {
    if (auto n = negated(a)) return make_unary(Op::Neg, make_unary(op, *n));
  }
  if (op == Op::Abs && is_in(kNonNegative, root_op(a))) return a;
  return unary(op, a);
}

// A minus sign leaves either operand of a division: (-a)/b = a/(-b) = -(a/b), exactly,
// for safe_div too (its protection follows the denominator's sign).
Expr make_division(Op op, const Expr& a, const Expr& b) {
  if (auto n = negated(a)) return make_unary(Op::Neg, make_division(op, *n, b));
  if (auto n = negated(b)) return make_unary(Op::Neg, make_division(op, a, *n));
  if (is_const(a, 0.0)) return folded(0.0);
  if (op == Op::Div && identical(a, b)) return folded(1.0);
  if (is_const(b)) {
    const double inverse = apply(op, 1.0, b[0].value);
    if (std::isfinite(inverse) && inverse != 0.0) return detail::make_product(constant(inverse), a);
  }
  return binary(op, a, b);
}

Expr make_binary(Op op, const Expr& a, const Expr& b) {
  if (auto c = fold(op, a, &b)) return *c;
  switch (op) {
    case Op::Add:
      return detail::make_sum(a, b, 1.0);
    case Op::Sub:
      return detail::make_sum(a, b, -1.0);
    case Op::Mul:
      return detail::make_product(a, b);
    case Op::Div:
    case Op::SafeDiv:
      return make_division(op, a, b);
    default:
      break;
  }
  if (identical(a, b) && (op == Op::Max || op == Op::Min)) return a;
  // max/min return their second operand when the first is NaN: swapping operands that can
  // be NaN (a non-total operator inside) would change values where e is defined.
  if (info(op).commutative && order_key(b) < order_key(a) && is_total(a) && is_total(b)) {
    return binary(op, b, a);
  }
  return binary(op, a, b);
}

// One bottom-up pass: children first, then the rules at the node.
Expr rewrite(const Expr& e, std::size_t i) {
  const Node& n = e[i];
  switch (arity(n.op)) {
    case 0:
      return Expr{{Node{n.op, n.index, 1, n.value}}};
    case 1:
      return make_unary(n.op, rewrite(e, i - 1));
    default: {
      const Children c = children(e, i);
      return make_binary(n.op, rewrite(e, c.left), rewrite(e, c.right));
    }
  }
}

Expr renumber_params(Expr e) {
  std::array<int, 256> renamed;
  renamed.fill(-1);
  int next = 0;
  for (Node& n : e.nodes) {
    if (n.op != Op::Param) continue;
    if (renamed[n.index] < 0) renamed[n.index] = next++;
    n.index = static_cast<std::uint8_t>(renamed[n.index]);
  }
  return e;
}

}  // namespace

bool identical(const Expr& a, const Expr& b) {
  return std::equal(a.nodes.begin(), a.nodes.end(), b.nodes.begin(), b.nodes.end(),
                    [](const Node& m, const Node& n) {
                      return m.op == n.op && m.index == n.index && m.length == n.length &&
                             std::bit_cast<std::uint64_t>(m.value) ==
                                 std::bit_cast<std::uint64_t>(n.value);
                    });
}

Expr simplify_keep_params(const Expr& e) {
  ACTSEARCH_ASSERT(well_formed(e), "simplify needs a well-formed expression");
  Expr current = e;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    Expr next = rewrite(current, current.root());
    if (identical(next, current)) break;
    current = std::move(next);
  }
  return current;
}

Expr simplify(const Expr& e) {
  return renumber_params(simplify_keep_params(e));
}

}  // namespace actsearch::grammar
