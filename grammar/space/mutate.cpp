#include "grammar/space/mutate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <utility>

#include "grammar/base/random.hpp"

namespace actsearch::grammar {
namespace {

// Attempts per kind before falling back: each attempt is cheap, and a kind that fails
// this often on one parent (e.g. Hoist on `sin(x)`) will not apply at all.
constexpr int kAttempts = 16;
constexpr int kMaxParams = 256;  // Node::index is one byte

TreeSpace tree_space(const MutationLimits& l) {
  return TreeSpace{l.max_size, l.max_depth, l.unary, l.binary};
}

/// Level of each node: the root is 1, a child one more than its parent.
std::vector<std::size_t> levels(const Expr& e) {
  std::vector<std::size_t> level(e.size(), 1);
  for (std::size_t i = e.size(); i-- > 0;) {
    const Children c = children(e, i);
    if (c.left != Children::npos) level[c.left] = level[i] + 1;
    if (c.right != Children::npos) level[c.right] = level[i] + 1;
  }
  return level;
}

/// Height of the subtree rooted at each node: a leaf is 1.
std::vector<std::size_t> heights(const Expr& e) {
  std::vector<std::size_t> height(e.size(), 1);
  for (std::size_t i = 0; i < e.size(); ++i) {
    const Children c = children(e, i);
    if (c.left != Children::npos) height[i] = std::max(height[i], height[c.left] + 1);
    if (c.right != Children::npos) height[i] = std::max(height[i], height[c.right] + 1);
  }
  return height;
}

/// prefix[i] = number of x nodes among nodes[0, i): x occurrences of any slice in O(1).
std::vector<std::size_t> x_prefix(const Expr& e) {
  std::vector<std::size_t> prefix(e.size() + 1, 0);
  for (std::size_t i = 0; i < e.size(); ++i) prefix[i + 1] = prefix[i] + (e[i].op == Op::X);
  return prefix;
}

/// Number of x nodes in the subtree rooted at i.
std::size_t x_count(const std::vector<std::size_t>& prefix, const Expr& e, std::size_t i) {
  return prefix[i + 1] - prefix[subtree_begin(e, i)];
}

/// True when e uses x outside the subtree rooted at i: whatever replaces it may lack x.
bool x_outside(const std::vector<std::size_t>& prefix, const Expr& e, std::size_t i) {
  return prefix.back() > x_count(prefix, e, i);
}

/// Moves e's parameters past the parent's, so spliced-in betas are new parameters.
std::optional<Expr> shift_params(Expr e, int offset) {
  if (offset + num_params(e) > kMaxParams) return std::nullopt;
  for (Node& n : e.nodes) {
    if (n.op == Op::Param) n.index = static_cast<std::uint8_t>(n.index + offset);
  }
  return e;
}

/// The offspring if it is valid and new, after renumbering its parameters.
std::optional<Expr> accept(Expr child, const Expr& parent, const MutationLimits& l) {
  renumber_params(child);
  if (child == parent || !within_limits(child, l)) return std::nullopt;
  return child;
}

/// The leaf that replaces `leaf` in a point mutation: x for a beta, a fresh beta for x, and
/// either for a constant.
Node other_leaf(const Node& leaf, int fresh_param, std::mt19937_64& rng) {
  const bool to_x = leaf.op == Op::Param || (leaf.op == Op::Const && uniform_below(rng, 2) == 0);
  if (to_x) return Node{Op::X};
  return Node{Op::Param, static_cast<std::uint8_t>(fresh_param), 1, 1.0};
}

std::optional<Expr> point(const Expr& parent, const MutationLimits& l, std::mt19937_64& rng) {
  Expr child = parent;
  Node& node = child.nodes[uniform_below(rng, child.size())];
  const int a = arity(node.op);
  if (a == 0) {
    const int fresh = num_params(parent);
    if (fresh >= kMaxParams) return std::nullopt;
    node = other_leaf(node, fresh, rng);
  } else {
    std::vector<Op> others = a == 1 ? l.unary : l.binary;
    std::erase(others, node.op);
    if (others.empty()) return std::nullopt;
    node.op = others[uniform_below(rng, others.size())];
  }
  return accept(std::move(child), parent, l);
}

std::optional<Expr> subtree_mutation(const Expr& parent, const MutationLimits& l,
                                     std::mt19937_64& rng) {
  const std::size_t i = uniform_below(rng, parent.size());
  const std::size_t rest = parent.size() - parent[i].length;
  const std::size_t level = levels(parent)[i];
  if (rest >= l.max_size || level > l.max_depth) return std::nullopt;
  const bool x_elsewhere = x_outside(x_prefix(parent), parent, i);
  const TreeSpace room{l.max_size - rest, l.max_depth - level + 1, l.unary, l.binary};
  const std::optional<Expr> grown =
      shift_params(random_tree(room, rng, !x_elsewhere), num_params(parent));
  if (!grown) return std::nullopt;
  return accept(replace_subtree(parent, i, *grown), parent, l);
}

std::optional<Expr> hoist(const Expr& parent, const MutationLimits& l, std::mt19937_64& rng) {
  const std::vector<std::size_t> prefix = x_prefix(parent);
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < parent.root(); ++i) {
    if (x_count(prefix, parent, i) > 0) candidates.push_back(i);
  }
  if (candidates.empty()) return std::nullopt;
  return accept(subtree(parent, candidates[uniform_below(rng, candidates.size())]), parent, l);
}

std::optional<Expr> perturb(const Expr& parent, const MutationLimits& l, std::mt19937_64& rng) {
  // Each constant node and each parameter (at its first use) is one candidate value.
  std::vector<std::size_t> candidates;
  std::array<bool, kMaxParams> seen{};
  for (std::size_t i = 0; i < parent.size(); ++i) {
    const Node& n = parent[i];
    if (n.op == Op::Const || (n.op == Op::Param && !std::exchange(seen[n.index], true))) {
      candidates.push_back(i);
    }
  }
  if (candidates.empty()) return std::nullopt;
  const std::size_t target = candidates[uniform_below(rng, candidates.size())];
  const double old_value = parent[target].value;
  const double factor = std::exp(uniform_real(rng, -0.5, 0.5));
  const double value = old_value * factor + uniform_real(rng, -0.1, 0.1);
  if (!std::isfinite(value) || value == old_value) return std::nullopt;
  Expr child = parent;
  child.nodes[target].value = value;
  if (parent[target].op == Op::Param) {
    // One parameter has one initial value, at all its uses.
    for (Node& n : child.nodes) {
      if (n.op == Op::Param && n.index == parent[target].index) n.value = value;
    }
  }
  return accept(std::move(child), parent, l);
}

std::optional<Expr> try_kind(const Expr& parent, Mutation kind, const MutationLimits& l,
                             std::mt19937_64& rng) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::optional<Expr> child;
    switch (kind) {
      case Mutation::Point:
        child = point(parent, l, rng);
        break;
      case Mutation::Subtree:
        child = subtree_mutation(parent, l, rng);
        break;
      case Mutation::Hoist:
        child = hoist(parent, l, rng);
        break;
      case Mutation::Perturb:
        child = perturb(parent, l, rng);
        break;
    }
    if (child) return child;
  }
  return std::nullopt;
}

/// One subtree crossover attempt: a random point of `a`, then a random fitting piece of b.
std::optional<Expr> try_crossover(const Expr& a, const Expr& b, const MutationLimits& l,
                                  std::mt19937_64& rng) {
  const std::size_t i = uniform_below(rng, a.size());
  const std::size_t rest = a.size() - a[i].length;
  const std::size_t level = levels(a)[i];
  if (rest >= l.max_size || level > l.max_depth) return std::nullopt;
  const bool x_elsewhere = x_outside(x_prefix(a), a, i);
  const std::vector<std::size_t> b_prefix = x_prefix(b);
  const std::vector<std::size_t> b_heights = heights(b);
  std::vector<std::size_t> pieces;
  for (std::size_t j = 0; j < b.size(); ++j) {
    const bool fits = rest + b[j].length <= l.max_size && level - 1 + b_heights[j] <= l.max_depth;
    if (fits && (x_elsewhere || x_count(b_prefix, b, j) > 0)) pieces.push_back(j);
  }
  if (pieces.empty()) return std::nullopt;
  const std::optional<Expr> piece =
      shift_params(subtree(b, pieces[uniform_below(rng, pieces.size())]), num_params(a));
  if (!piece) return std::nullopt;
  return accept(replace_subtree(a, i, *piece), a, l);
}

}  // namespace

MutationLimits mutation_limits(const TreeSpace& space) {
  return MutationLimits{space.max_size, space.max_depth, space.unary, space.binary};
}

bool within_limits(const Expr& e, const MutationLimits& l) {
  return well_formed(e) && uses_x(e) && e.size() <= l.max_size && depth(e) <= l.max_depth &&
         params_contiguous(e);
}

Expr mutate(const Expr& parent, Mutation kind, const MutationLimits& limits, std::mt19937_64& rng) {
  validate(tree_space(limits));
  if (std::optional<Expr> child = try_kind(parent, kind, limits, rng)) return *child;
  if (kind != Mutation::Perturb) {
    if (std::optional<Expr> child = try_kind(parent, Mutation::Perturb, limits, rng)) {
      return *child;
    }
  }
  return random_tree(tree_space(limits), rng);
}

Expr mutate(const Expr& parent, const MutationLimits& limits, std::mt19937_64& rng) {
  static constexpr std::array<Mutation, 8> kWeighted{
      Mutation::Point,   Mutation::Point,   Mutation::Point, Mutation::Subtree,
      Mutation::Subtree, Mutation::Subtree, Mutation::Hoist, Mutation::Perturb};
  return mutate(parent, kWeighted[uniform_below(rng, kWeighted.size())], limits, rng);
}

Expr crossover(const Expr& a, const Expr& b, const MutationLimits& limits, std::mt19937_64& rng) {
  validate(tree_space(limits));
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (std::optional<Expr> child = try_crossover(a, b, limits, rng)) return *child;
  }
  return mutate(a, limits, rng);
}

}  // namespace actsearch::grammar
