#include "grammar/simplify_terms.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <utility>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/simplify.hpp"

namespace actsearch::grammar::detail {
namespace {

template <class T, class Proj>
void sort_canonically(std::vector<T>& items, Proj expr_of) {
  std::stable_sort(items.begin(), items.end(), [&](const T& a, const T& b) {
    return order_key(expr_of(a)) < order_key(expr_of(b));
  });
}

bool is_sum(const Expr& e) {
  return root_op(e) == Op::Add || root_op(e) == Op::Sub;
}

Expr distribute(double coef, const Expr& sum);
bool leads_with_minus(const Expr& sum);

// A square or cube of a plain factor (not a product, negation or constant).
bool is_power(const Expr& e) {
  if (root_op(e) != Op::Square && root_op(e) != Op::Cube) return false;
  const Op base = e[e.root() - 1].op;
  return base != Op::Mul && base != Op::Neg && base != Op::Const;
}

// a^2 of a plain factor; |a|^2 = a^2 exactly.
Expr square(const Expr& a) {
  return unary(Op::Square, root_op(a) == Op::Abs ? left_of(a) : a);
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
    } else if (is_sum(e) && leads_with_minus(e)) {
      // (-x - 1)*y -> -(x + 1)*y: the sign of a negative sum joins the coefficient.
      coef_ = -coef_;
      factors_.push_back(distribute(-1.0, e));
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
    if (coef_ != -1.0) return chain(grouped(), coef_);
    // -x*y rather than -(x*y); a sum keeps its parentheses: -((x - 1)*y).
    std::vector<Expr> factors = grouped();
    if (is_sum(factors[0])) return unary(Op::Neg, chain(factors, std::nullopt));
    factors[0] = unary(Op::Neg, factors[0]);
    return chain(factors, std::nullopt);
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
      for (; count >= 3; count -= 3) out.push_back(unary(Op::Cube, factors_[i]));
      if (count == 2) out.push_back(square(factors_[i]));
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

  /// Whether every term and the constant are negative (-x - 1), so the sum prints with a
  /// leading minus; sums that can start positively (1 - x, x - 1) are left alone.
  bool all_negative() const {
    return constant_ <= 0 && !(terms_.empty() && constant_ == 0) &&
           std::none_of(terms_.begin(), terms_.end(), [](const Term& t) { return t.coef > 0; });
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

bool leads_with_minus(const Expr& sum) {
  SumBuilder s;
  s.add(sum, 1.0);
  return s.all_negative();
}

}  // namespace

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

Expr make_sum(const Expr& a, const Expr& b, double sign) {
  SumBuilder s;
  s.add(a, 1.0);
  s.add(b, sign);
  return s.build();
}

Expr make_product(const Expr& a, const Expr& b) {
  ProductBuilder p;
  p.add(a);
  p.add(b);
  return p.build();
}

Expr negate(const Expr& e) {
  if (is_sum(e)) return distribute(-1.0, e);
  ProductBuilder p(-1.0);
  p.add(e);
  return p.build();
}

std::optional<Expr> negated(const Expr& e) {
  if (root_op(e) == Op::Neg) return left_of(e);
  if (root_op(e) != Op::Mul) return std::nullopt;
  ProductBuilder p;
  p.add(e);
  if (p.coef() < 0) return negate(e);
  return std::nullopt;
}

}  // namespace actsearch::grammar::detail
