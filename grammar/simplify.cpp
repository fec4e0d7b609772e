#include "grammar/simplify.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <optional>
#include <utility>

#include "grammar/error.hpp"

namespace actsearch::grammar {
namespace {

// The rules below leave a normal form after one pass in the cases we know of; the passes
// are a safety net for rule interactions, bounded so a rule cycle cannot hang a search.
constexpr int kMaxPasses = 16;

Op root_op(const Expr& e) {
  return e[e.root()].op;
}
Expr left_of(const Expr& e) {
  return subtree(e, children(e, e.root()).left);
}
Expr right_of(const Expr& e) {
  return subtree(e, children(e, e.root()).right);
}
bool is_const(const Expr& e) {
  return e.size() == 1 && e[0].op == Op::Const;
}
bool is_const(const Expr& e, double v) {
  return is_const(e) && e[0].value == v;
}

// Folded constants are finite; zero is stored as +0.0 so that canonical forms do not
// depend on how a zero was reached.
Expr folded(double v) {
  return constant(v == 0.0 ? 0.0 : v);
}

// Total order on subtrees for the operands of commutative operators. It ignores parameter
// numbers, so renumbering the parameters (which follows this order) never changes it; ties
// keep their input order (stable sort).
struct OrderKey {
  int rank;  // 0 constant, 1 parameter, 2 input, 3 compound
  std::size_t size;
  std::uint64_t shape;
  auto operator<=>(const OrderKey&) const = default;
};

OrderKey order_key(const Expr& e) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  auto mix = [&h](std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xFF;
      h *= 1099511628211ULL;
    }
  };
  for (const Node& n : e.nodes) {
    mix(static_cast<std::uint64_t>(n.op) |
        (n.op == Op::X ? static_cast<std::uint64_t>(n.index) << 8 : 0));
    if (n.op == Op::Const || n.op == Op::Param) mix(std::bit_cast<std::uint64_t>(n.value));
  }
  const Op op = root_op(e);
  const int rank = op == Op::Const ? 0 : op == Op::Param ? 1 : op == Op::X ? 2 : 3;
  return {rank, e.size(), h};
}

template <class T, class Proj>
void sort_canonically(std::vector<T>& items, Proj expr_of) {
  std::stable_sort(items.begin(), items.end(), [&](const T& a, const T& b) {
    return order_key(expr_of(a)) < order_key(expr_of(b));
  });
}

Expr make_unary(Op op, const Expr& a);
Expr make_binary(Op op, const Expr& a, const Expr& b);
Expr negate(const Expr& e);
Expr distribute(double coef, const Expr& sum);

bool is_sum(const Expr& e) {
  return root_op(e) == Op::Add || root_op(e) == Op::Sub;
}

// A square or cube of a plain factor (not a product, negation or constant).
bool is_power(const Expr& e) {
  if (root_op(e) != Op::Square && root_op(e) != Op::Cube) return false;
  const Op base = e[e.root() - 1].op;
  return base != Op::Mul && base != Op::Neg && base != Op::Const;
}

// A product: coefficient times factors, none of which is a product, a negation or a finite
// constant.
class ProductBuilder {
 public:
  explicit ProductBuilder(double coef = 1.0) : coef_(coef) {}

  void add(const Expr& e) {
    if (root_op(e) == Op::Mul) {
      add(left_of(e));
      add(right_of(e));
    } else if (root_op(e) == Op::Neg) {
      coef_ = -coef_;
      add(left_of(e));
    } else if (is_power(e)) {
      // a^2 and a^3 rejoin the product as factors, so x * x^2 -> x^3.
      for (int k = root_op(e) == Op::Square ? 2 : 3; k > 0; --k) add(left_of(e));
    } else if (is_const(e) && std::isfinite(coef_ * e[0].value)) {
      coef_ *= e[0].value;
    } else {
      factors_.push_back(e);
    }
  }

  double coef() const { return coef_; }
  bool has_factors() const { return !factors_.empty(); }

  /// The canonical product of the factors, without the coefficient.
  Expr core() const { return chain(grouped(), std::nullopt); }

  Expr build() const {
    if (coef_ == 0.0) return folded(0.0);  // 0 * a = 0 for finite a
    if (factors_.empty()) return folded(coef_);
    if (coef_ == 1.0) return core();
    if (factors_.size() == 1 && is_sum(factors_[0])) return distribute(coef_, factors_[0]);
    if (coef_ == -1.0) return unary(Op::Neg, core());
    return chain(grouped(), coef_);
  }

  /// The only factor when it is a sum, which a coefficient distributes over.
  const Expr* sum_factor() const {
    return factors_.size() == 1 && is_sum(factors_[0]) ? &factors_[0] : nullptr;
  }

 private:
  // Identical factors become powers: a*a -> a^2, a*a*a -> a^3 (a^4 = a^3 * a).
  std::vector<Expr> grouped() const {
    std::vector<Expr> out;
    std::vector<bool> used(factors_.size(), false);
    for (std::size_t i = 0; i < factors_.size(); ++i) {
      if (used[i]) continue;
      int count = 1;
      for (std::size_t j = i + 1; j < factors_.size(); ++j) {
        if (!used[j] && identical(factors_[i], factors_[j])) used[j] = true, ++count;
      }
      for (; count >= 3; count -= 3) out.push_back(make_unary(Op::Cube, factors_[i]));
      if (count == 2) out.push_back(make_unary(Op::Square, factors_[i]));
      if (count == 1) out.push_back(factors_[i]);
    }
    sort_canonically(out, [](const Expr& e) -> const Expr& { return e; });
    return out;
  }

  static Expr chain(const std::vector<Expr>& factors, std::optional<double> coef) {
    ACTSEARCH_ASSERT(!factors.empty(), "a product core needs a factor");
    Expr acc = coef ? constant(*coef) : factors[0];
    for (std::size_t i = coef ? 0 : 1; i < factors.size(); ++i) {
      acc = binary(Op::Mul, acc, factors[i]);
    }
    return acc;
  }

  double coef_;
  std::vector<Expr> factors_;
};

// A sum: numeric coefficient times core per term, plus a constant. Cores are neither sums,
// negations nor finite constants; a product's coefficient moves into its term, and a
// coefficient times a sum is distributed (2*(x + 1) -> 2*x + 2).
class SumBuilder {
 public:
  /// Adds coef * e.
  void add(const Expr& e, double coef) {
    switch (root_op(e)) {
      case Op::Add:
        add(left_of(e), coef);
        add(right_of(e), coef);
        return;
      case Op::Sub:
        add(left_of(e), coef);
        add(right_of(e), -coef);
        return;
      case Op::Neg:
        add(left_of(e), -coef);
        return;
      default:
        break;
    }
    ProductBuilder p;
    p.add(e);
    const double c = coef * p.coef();
    if (const Expr* sum = p.sum_factor(); sum && std::isfinite(c)) {
      add(*sum, c);
    } else if (p.has_factors()) {
      add_term(c, p.core());
    } else if (std::isfinite(constant_ + c)) {
      constant_ += c;
    } else {
      add_term(coef, e);  // a sum of constants that overflows stays unfolded
    }
  }

  Expr build() {
    std::erase_if(terms_, [](const Term& t) { return t.coef == 0.0; });
    sort_canonically(terms_, [](const Term& t) -> const Expr& { return t.core; });
    Expr acc = first();
    for (const Term& t : terms_) {
      acc = binary(t.coef > 0 ? Op::Add : Op::Sub, acc, term(std::abs(t.coef), t.core));
    }
    if (constant_ != 0.0) {
      acc = binary(constant_ > 0 ? Op::Add : Op::Sub, acc, folded(std::abs(constant_)));
    }
    return acc;
  }

 private:
  struct Term {
    double coef;
    Expr core;
  };

  void add_term(double coef, const Expr& core) {
    for (Term& t : terms_) {
      if (identical(t.core, core) && std::isfinite(t.coef + coef)) {
        t.coef += coef;
        return;
      }
    }
    terms_.push_back({coef, core});
  }

  // The sum starts with its first positive term (y - x rather than -x + y), else with a
  // positive constant (1 - x), else with a negative term (-x - y); removes what it used.
  Expr first() {
    const auto positive =
        std::find_if(terms_.begin(), terms_.end(), [](const Term& t) { return t.coef > 0; });
    if (positive == terms_.end() && (constant_ > 0 || terms_.empty())) {
      return folded(std::exchange(constant_, 0.0));
    }
    const auto used = positive != terms_.end() ? positive : terms_.begin();
    Expr out = term(used->coef, used->core);
    terms_.erase(used);
    return out;
  }

  static Expr term(double coef, const Expr& core) {
    if (coef == 1.0) return core;
    ProductBuilder p(coef);
    p.add(core);
    return p.build();
  }

  std::vector<Term> terms_;
  double constant_ = 0.0;
};

Expr distribute(double coef, const Expr& sum) {
  SumBuilder s;
  s.add(sum, coef);
  return s.build();
}

// -e, canonical for a canonical e: distributed over a sum, into a product's coefficient.
Expr negate(const Expr& e) {
  ProductBuilder p(-1.0);
  p.add(e);
  return p.build();
}

// -e when e is visibly negative (a negation, or a product with a negative coefficient).
std::optional<Expr> negated(const Expr& e) {
  if (root_op(e) == Op::Neg) return left_of(e);
  if (root_op(e) != Op::Mul) return std::nullopt;
  ProductBuilder p;
  p.add(e);
  if (p.coef() < 0) return negate(e);
  return std::nullopt;
}

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
    if (std::isfinite(inverse) && inverse != 0.0) return make_binary(Op::Mul, constant(inverse), a);
  }
  return binary(op, a, b);
}

Expr make_binary(Op op, const Expr& a, const Expr& b) {
  if (auto c = fold(op, a, &b)) return *c;
  switch (op) {
    case Op::Add:
    case Op::Sub: {
      SumBuilder s;
      s.add(a, 1.0);
      s.add(b, op == Op::Add ? 1.0 : -1.0);
      return s.build();
    }
    case Op::Mul: {
      ProductBuilder p;
      p.add(a);
      p.add(b);
      return p.build();
    }
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
