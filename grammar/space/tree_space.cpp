// Free expression trees: counting DP, index bijection and uniform sampling.
//
// T[kind][n][d] counts the trees of exactly n nodes and depth <= d, for three kinds: any
// leaves, no x ("free"), at least one x. Members are the trees with x. A root's options are
// a leaf (n = 1), a unary operator over a child of the same kind, or a binary operator over
// children of sizes a + c = n - 1 whose kinds combine to the parent's: any = any x any,
// free = free x free, with-x = with-x x any + free x with-x (the first x is on the left or
// on the right, never counted twice).

#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <string>
#include <utility>

#include "grammar/base/error.hpp"
#include "grammar/base/random.hpp"
#include "grammar/space/space.hpp"

namespace actsearch::grammar {
namespace {

enum Kind : int { kAny = 0, kFree = 1, kWithX = 2 };

constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max();

// Exact counts saturate at kSaturated (which then means overflow); approximate ones are
// plain doubles. The DP is written once over both.
std::uint64_t add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r = 0;
  return __builtin_add_overflow(a, b, &r) ? kSaturated : r;
}
std::uint64_t mul(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r = 0;
  return __builtin_mul_overflow(a, b, &r) ? kSaturated : r;
}
double add(double a, double b) {
  return a + b;
}
double mul(double a, double b) {
  return a * b;
}

std::span<const std::pair<Kind, Kind>> child_kinds(Kind k) {
  static constexpr std::array<std::pair<Kind, Kind>, 1> kAnyPairs{{{kAny, kAny}}};
  static constexpr std::array<std::pair<Kind, Kind>, 1> kFreePairs{{{kFree, kFree}}};
  static constexpr std::array<std::pair<Kind, Kind>, 2> kWithXPairs{
      {{kWithX, kAny}, {kFree, kWithX}}};
  switch (k) {
    case kAny:
      return kAnyPairs;
    case kFree:
      return kFreePairs;
    default:
      return kWithXPairs;
  }
}

template <class Num>
class TreeCounts {
 public:
  explicit TreeCounts(const TreeSpace& s)
      : sizes_(s.max_size + 1),
        depth_(std::min(s.max_depth, s.max_size)),
        unary_(static_cast<Num>(s.unary.size())),
        binary_(static_cast<Num>(s.binary.size())),
        cells_(3 * sizes_ * (depth_ + 1), Num{0}) {
    for (std::size_t d = 1; d <= depth_; ++d) {
      for (std::size_t n = 1; n < sizes_; ++n) {
        for (Kind k : {kAny, kFree, kWithX}) cell(k, n, d) = compute(k, n, d);
      }
    }
  }

  /// Trees of kind k, exactly n nodes, depth <= d (d <= depth()).
  Num operator()(Kind k, std::size_t n, std::size_t d) const {
    return cells_[(static_cast<std::size_t>(k) * sizes_ + n) * (depth_ + 1) + d];
  }
  std::size_t depth() const { return depth_; }
  std::size_t max_size() const { return sizes_ - 1; }

  Num leaf_weight(Kind k) const { return k == kAny ? Num{2} : Num{1}; }
  Num unary_weight(Kind k, std::size_t n, std::size_t d) const {
    return mul(unary_, (*this)(k, n - 1, d - 1));
  }
  /// One binary operator over a left child (kind l, size a) and a right child (kind r).
  Num pair_count(Kind l, std::size_t a, Kind r, std::size_t n, std::size_t d) const {
    return mul((*this)(l, a, d - 1), (*this)(r, n - 1 - a, d - 1));
  }
  Num binary_weight(Kind l, std::size_t a, Kind r, std::size_t n, std::size_t d) const {
    return mul(binary_, pair_count(l, a, r, n, d));
  }

 private:
  Num& cell(Kind k, std::size_t n, std::size_t d) {
    return cells_[(static_cast<std::size_t>(k) * sizes_ + n) * (depth_ + 1) + d];
  }
  Num compute(Kind k, std::size_t n, std::size_t d) const {
    if (n == 1) return leaf_weight(k);
    Num total = unary_weight(k, n, d);
    for (std::size_t a = 1; a + 1 < n; ++a) {
      for (auto [l, r] : child_kinds(k)) total = add(total, binary_weight(l, a, r, n, d));
    }
    return total;
  }

  std::size_t sizes_;
  std::size_t depth_;
  Num unary_;
  Num binary_;
  std::vector<Num> cells_;
};

// One option at a root: a leaf (x or beta), a unary operator, or a binary operator with
// the left child's size and both children's kinds.
struct Choice {
  int arity = 0;
  bool x_leaf = false;
  std::size_t left_size = 0;
  Kind left = kAny;
  Kind right = kAny;
};

// The option that r falls in when options are laid out in index order with their weights;
// r becomes the offset inside it. With doubles, rounding may run past the last option:
// the last option of nonzero weight is taken.
template <class Num>
Choice pick(const TreeCounts<Num>& t, Kind k, std::size_t n, std::size_t d, Num& r) {
  Choice last;
  auto take = [&](const Choice& c, Num w) {
    if (w == Num{0}) return false;
    last = c;
    if (r < w) return true;
    r -= w;
    return false;
  };
  if (n == 1) {
    if (k != kFree && take(Choice{0, true}, Num{1})) return last;
    if (k != kWithX && take(Choice{0, false}, Num{1})) return last;
    return last;
  }
  if (take(Choice{1}, t.unary_weight(k, n, d))) return last;
  for (std::size_t a = 1; a + 1 < n; ++a) {
    for (auto [l, rk] : child_kinds(k)) {
      if (take(Choice{2, false, a, l, rk}, t.binary_weight(l, a, rk, n, d))) return last;
    }
  }
  return last;
}

// Appends nodes in postfix order; betas get indices in order of appearance.
struct Builder {
  std::vector<Node> nodes;
  int next_param = 0;

  void leaf(bool x) {
    if (x) {
      nodes.push_back(Node{Op::X});
    } else {
      nodes.push_back(Node{Op::Param, static_cast<std::uint8_t>(next_param++), 1, 1.0});
    }
  }
  void op(Op o) { nodes.push_back(Node{o}); }
  Expr finish() {
    const bool ok = update_lengths(nodes);
    ACTSEARCH_ASSERT(ok, "a generated tree is one tree");
    return Expr{std::move(nodes)};
  }
};

void decode(const TreeCounts<std::uint64_t>& t, const TreeSpace& s, Kind k, std::size_t n,
            std::size_t d, std::uint64_t r, Builder& b) {
  const Choice c = pick(t, k, n, d, r);
  if (c.arity == 0) {
    b.leaf(c.x_leaf);
  } else if (c.arity == 1) {
    const std::uint64_t child = t(k, n - 1, d - 1);
    decode(t, s, k, n - 1, d - 1, r % child, b);
    b.op(s.unary[r / child]);
  } else {
    const std::uint64_t right = t(c.right, n - 1 - c.left_size, d - 1);
    const std::uint64_t block = t.pair_count(c.left, c.left_size, c.right, n, d);
    decode(t, s, c.left, c.left_size, d - 1, (r % block) / right, b);
    decode(t, s, c.right, n - 1 - c.left_size, d - 1, (r % block) % right, b);
    b.op(s.binary[r / block]);
  }
}

// Draws each decision afresh with probability proportional to its count, so huge spaces
// are sampled uniformly although no single 53-bit draw could index them.
void draw(const TreeCounts<double>& t, const TreeSpace& s, Kind k, std::size_t n, std::size_t d,
          std::mt19937_64& rng, Builder& b) {
  double r = uniform01(rng) * t(k, n, d);
  const Choice c = pick(t, k, n, d, r);
  if (c.arity == 0) {
    b.leaf(c.x_leaf);
  } else if (c.arity == 1) {
    const Op op = s.unary[uniform_below(rng, s.unary.size())];
    draw(t, s, k, n - 1, d - 1, rng, b);
    b.op(op);
  } else {
    const Op op = s.binary[uniform_below(rng, s.binary.size())];
    draw(t, s, c.left, c.left_size, d - 1, rng, b);
    draw(t, s, c.right, n - 1 - c.left_size, d - 1, rng, b);
    b.op(op);
  }
}

void check_arity(const std::vector<Op>& ops, int expected) {
  for (Op op : ops) {
    if (arity(op) != expected) {
      throw Error("operator '" + std::string(name(op)) + "' is not " +
                  (expected == 1 ? "unary" : "binary"));
    }
  }
}

}  // namespace

void validate(const TreeSpace& space) {
  if (space.max_size < 1 || space.max_size > kMaxTreeSize) {
    throw Error("a tree space needs a max size between 1 and " + std::to_string(kMaxTreeSize) +
                ", not " + std::to_string(space.max_size));
  }
  if (space.max_depth < 1) throw Error("a tree space needs a max depth of at least 1");
  check_arity(space.unary, 1);
  check_arity(space.binary, 2);
}

SpaceCount count(const TreeSpace& space) {
  validate(space);
  const TreeCounts<std::uint64_t> exact(space);
  const TreeCounts<double> approx(space);
  SpaceCount c;
  for (std::size_t n = 1; n <= space.max_size; ++n) {
    c.exact = add(c.exact, exact(kWithX, n, exact.depth()));
    c.approx += approx(kWithX, n, approx.depth());
  }
  c.overflow = c.exact == kSaturated;
  return c;
}

Expr at(const TreeSpace& space, std::uint64_t index) {
  validate(space);
  const TreeCounts<std::uint64_t> t(space);
  std::uint64_t total = 0;
  for (std::size_t n = 1; n <= space.max_size; ++n) total = add(total, t(kWithX, n, t.depth()));
  if (total == kSaturated) throw Error("the tree space is too large to enumerate");
  ACTSEARCH_ASSERT(index < total, "index < count");
  std::size_t n = 1;  // the member's size: members are ordered by size first
  while (index >= t(kWithX, n, t.depth())) index -= t(kWithX, n++, t.depth());
  Builder b;
  decode(t, space, kWithX, n, t.depth(), index, b);
  return b.finish();
}

Expr sample(const TreeSpace& space, std::mt19937_64& rng) {
  validate(space);
  const TreeCounts<double> t(space);
  double total = 0.0;
  for (std::size_t n = 1; n <= space.max_size; ++n) total += t(kWithX, n, t.depth());
  double r = uniform01(rng) * total;
  std::size_t size = 1;  // x always fits: the fallback when rounding runs past the end
  for (std::size_t n = 1; n <= space.max_size; ++n) {
    const double here = t(kWithX, n, t.depth());
    if (here == 0.0) continue;
    size = n;
    if (r < here) break;
    r -= here;
  }
  Builder b;
  draw(t, space, kWithX, size, t.depth(), rng, b);
  return b.finish();
}

Expr random_tree(const TreeSpace& space, std::mt19937_64& rng, bool require_x) {
  validate(space);
  const TreeCounts<double> t(space);
  const Kind kind = require_x ? kWithX : kAny;
  std::vector<std::size_t> sizes;
  for (std::size_t n = 1; n <= space.max_size; ++n) {
    if (t(kind, n, t.depth()) > 0.0) sizes.push_back(n);
  }
  Builder b;
  draw(t, space, kind, sizes[uniform_below(rng, sizes.size())], t.depth(), rng, b);
  return b.finish();
}

}  // namespace actsearch::grammar
