// Mutation and crossover: every offspring of random parents is valid; each kind changes a
// hand-made parent in the expected way; the same seed gives the same offspring.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "grammar/base/random.hpp"
#include "grammar/space/mutate.hpp"

namespace actsearch::grammar {
namespace {

// Sets of outcomes are compared by structural hash (equal expressions hash equal).

// Checked from scratch here rather than through within_limits.
void expect_valid(const Expr& e, const MutationLimits& l) {
  ASSERT_TRUE(well_formed(e));
  ASSERT_TRUE(uses_x(e));
  ASSERT_LE(e.size(), l.max_size);
  ASSERT_LE(depth(e), l.max_depth);
  std::set<int> used;
  for (const Node& n : e.nodes) {
    if (n.op == Op::Param) used.insert(n.index);
    if (n.op == Op::Param || n.op == Op::Const) {
      ASSERT_TRUE(std::isfinite(n.value));
    }
  }
  ASSERT_EQ(static_cast<int>(used.size()), num_params(e));
}

// A random parent: a random tree whose leaves sometimes become constants, sometimes beyond
// the limits the offspring must respect.
Expr random_parent(std::mt19937_64& rng) {
  Expr e = random_tree(TreeSpace{12, 8}, rng);
  for (Node& n : e.nodes) {
    if (n.op == Op::Param && uniform_below(rng, 3) == 0) n = Node{Op::Const, 0, 1, 0.5};
  }
  renumber_params(e);
  return e;
}

std::vector<MutationLimits> limit_sets() {
  return {MutationLimits{}, MutationLimits{3, 2, {Op::Sin}, {Op::Add}},
          MutationLimits{9, 6, {Op::Tanh, Op::Exp}, {Op::Mul, Op::Max}},
          MutationLimits{5, 5, {}, {}}};
}

TEST(Mutate, RandomOffspringAreAlwaysValid) {
  std::mt19937_64 rng(2024);
  const std::vector<MutationLimits> limits = limit_sets();
  for (int i = 0; i < 10000; ++i) {
    const MutationLimits& l = limits[static_cast<std::size_t>(i) % limits.size()];
    const Expr a = random_parent(rng);
    const Expr b = random_parent(rng);
    expect_valid(mutate(a, l, rng), l);
    expect_valid(mutate(a, static_cast<Mutation>(i % 4), l, rng), l);
    expect_valid(crossover(a, b, l, rng), l);
    if (HasFatalFailure()) FAIL() << "parent " << i;
  }
}

TEST(Mutate, OffspringOfValidParentsDiffer) {
  std::mt19937_64 rng(99);
  const MutationLimits l;
  int same = 0;
  for (int i = 0; i < 2000; ++i) {
    const Expr parent = sample(TreeSpace{}, rng);
    same += mutate(parent, l, rng) == parent;
    same += crossover(parent, sample(TreeSpace{}, rng), l, rng) == parent;
  }
  EXPECT_LE(same, 4);
}

std::set<std::uint64_t> outcomes(const Expr& parent, Mutation kind, const MutationLimits& l,
                                 int draws) {
  std::set<std::uint64_t> seen;
  std::mt19937_64 rng(1);
  for (int i = 0; i < draws; ++i) seen.insert(structural_hash(mutate(parent, kind, l, rng)));
  return seen;
}

TEST(Mutate, PointChangesOneOperatorOrLeaf) {
  const MutationLimits l{7, 5, {Op::Sin, Op::Cos}, {Op::Add, Op::Mul}};
  const Expr parent = binary(Op::Add, unary(Op::Sin, var_x()), param(0, 0.5));
  // x -> beta would leave no x: never an offspring.
  const std::set<std::uint64_t> want{
      structural_hash(binary(Op::Add, unary(Op::Cos, var_x()), param(0, 0.5))),
      structural_hash(binary(Op::Mul, unary(Op::Sin, var_x()), param(0, 0.5))),
      structural_hash(binary(Op::Add, unary(Op::Sin, var_x()), var_x())),
  };
  EXPECT_EQ(outcomes(parent, Mutation::Point, l, 200), want);
}

TEST(Mutate, PointTurnsXIntoAFreshParameter) {
  const MutationLimits l{7, 5, {Op::Sin}, {Op::Add}};
  const Expr parent = binary(Op::Add, var_x(), binary(Op::Add, param(0, 0.5), var_x()));
  const std::set<std::uint64_t> want{
      structural_hash(binary(Op::Add, param(0, 1.0), binary(Op::Add, param(1, 0.5), var_x()))),
      structural_hash(binary(Op::Add, var_x(), binary(Op::Add, param(0, 0.5), param(1, 1.0)))),
      structural_hash(binary(Op::Add, var_x(), binary(Op::Add, var_x(), var_x()))),
  };
  EXPECT_EQ(outcomes(parent, Mutation::Point, l, 200), want);
}

// True when child is parent with one subtree replaced by some tree: the nodes before the
// subtree are kept, the nodes after it keep their operators.
bool one_subtree_replaced(const Expr& parent, const Expr& child) {
  for (std::size_t i = 0; i < parent.size(); ++i) {
    const std::size_t begin = subtree_begin(parent, i);
    const std::size_t after = parent.size() - 1 - i;
    if (child.size() < begin + after + 1) continue;
    bool same = std::equal(parent.nodes.begin(), parent.nodes.begin() + begin, child.nodes.begin());
    for (std::size_t k = 1; k <= after; ++k) {
      same = same && parent[parent.size() - k].op == child[child.size() - k].op;
    }
    std::vector<Node> middle(child.nodes.begin() + begin, child.nodes.end() - after);
    if (same && update_lengths(middle)) return true;
  }
  return false;
}

TEST(Mutate, SubtreeReplacesOneSubtreeWithinTheLimits) {
  const MutationLimits l{8, 4, {Op::Exp}, {Op::Sub}};
  const Expr parent = binary(Op::Mul, unary(Op::Sin, var_x()), unary(Op::Cos, var_x()));
  std::mt19937_64 rng(4);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 300; ++i) {
    const Expr child = mutate(parent, Mutation::Subtree, l, rng);
    EXPECT_TRUE(one_subtree_replaced(parent, child));
    EXPECT_LE(child.size(), 8u);
    EXPECT_LE(depth(child), 4u);
    seen.insert(structural_hash(child));
  }
  EXPECT_GT(seen.size(), 50u);
}

TEST(Mutate, HoistKeepsASubtreeThatUsesX) {
  const MutationLimits l;
  const Expr parent = binary(Op::Add, binary(Op::Mul, var_x(), param(0, 2.0)),
                             binary(Op::Sub, param(1, 3.0), unary(Op::Exp, var_x())));
  const std::set<std::uint64_t> want{
      structural_hash(binary(Op::Mul, var_x(), param(0, 2.0))),
      structural_hash(binary(Op::Sub, param(0, 3.0), unary(Op::Exp, var_x()))),
      structural_hash(unary(Op::Exp, var_x())),
      structural_hash(var_x()),
  };
  EXPECT_EQ(outcomes(parent, Mutation::Hoist, l, 200), want);
}

TEST(Mutate, PerturbChangesOneValueAtAllItsUses) {
  const MutationLimits l;
  const Expr parent = binary(Op::Add, binary(Op::Mul, param(0, 0.5), var_x()),
                             binary(Op::Mul, param(0, 0.5), constant(2.0)));
  std::mt19937_64 rng(8);
  int param_changes = 0;
  for (int i = 0; i < 200; ++i) {
    const Expr child = mutate(parent, Mutation::Perturb, l, rng);
    ASSERT_EQ(child.size(), parent.size());
    std::set<std::size_t> changed;
    for (std::size_t k = 0; k < child.size(); ++k) {
      ASSERT_EQ(child[k].op, parent[k].op);
      ASSERT_EQ(child[k].index, parent[k].index);
      if (child[k].value != parent[k].value) changed.insert(k);
    }
    const bool param_changed = changed == std::set<std::size_t>{0, 3};
    EXPECT_TRUE(param_changed || changed == std::set<std::size_t>{4});
    param_changes += param_changed;
    for (std::size_t k : changed) {
      EXPECT_LT(std::abs(child[k].value / parent[k].value - 1.0), 0.9);
    }
  }
  EXPECT_GT(param_changes, 60);
  EXPECT_LT(param_changes, 140);
}

TEST(Mutate, FallsBackWhenTheKindCannotApply) {
  const MutationLimits l{5, 3, {Op::Sin}, {Op::Add}};
  std::mt19937_64 rng(6);
  // x has no proper subtree and no value to perturb.
  expect_valid(mutate(var_x(), Mutation::Hoist, l, rng), l);
  expect_valid(mutate(var_x(), Mutation::Perturb, l, rng), l);
  // A parent beyond the limits still gets offspring within them.
  Expr big = var_x();
  for (int i = 0; i < 6; ++i) big = unary(Op::Sin, big);
  for (int i = 0; i < 20; ++i) expect_valid(mutate(big, l, rng), l);
}

// True when child is `a` with one subtree replaced by a subtree of b, parameters renumbered.
bool is_crossover_of(const Expr& a, const Expr& b, const Expr& child) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) {
      Expr piece = subtree(b, j);
      for (Node& n : piece.nodes) {
        if (n.op == Op::Param) n.index = static_cast<std::uint8_t>(n.index + num_params(a));
      }
      Expr candidate = replace_subtree(a, i, piece);
      renumber_params(candidate);
      if (candidate == child) return true;
    }
  }
  return false;
}

TEST(Crossover, SplicesASubtreeOfTheOtherParent) {
  const MutationLimits l{7, 4, {Op::Sin}, {Op::Add}};
  const Expr a = binary(Op::Add, unary(Op::Sin, var_x()), param(0, 0.5));
  const Expr b = binary(Op::Mul, param(0, 2.0), binary(Op::Max, var_x(), param(1, 3.0)));
  std::mt19937_64 rng(12);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 200; ++i) {
    const Expr child = crossover(a, b, l, rng);
    EXPECT_TRUE(is_crossover_of(a, b, child));
    expect_valid(child, l);
    seen.insert(structural_hash(child));
  }
  EXPECT_GT(seen.size(), 8u);
}

TEST(Mutate, SameSeedSameOffspring) {
  const MutationLimits l;
  std::mt19937_64 parents(31);
  std::mt19937_64 r1(77);
  std::mt19937_64 r2(77);
  for (int i = 0; i < 200; ++i) {
    const Expr a = random_parent(parents);
    const Expr b = random_parent(parents);
    EXPECT_EQ(mutate(a, l, r1), mutate(a, l, r2));
    EXPECT_EQ(crossover(a, b, l, r1), crossover(a, b, l, r2));
  }
}

}  // namespace
}  // namespace actsearch::grammar
