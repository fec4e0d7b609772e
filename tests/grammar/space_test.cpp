// Search spaces: counts against brute-force enumeration on tiny operator sets, the index
// bijection, uniform sampling, and option parsing with its error messages.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "grammar/base/error.hpp"
#include "grammar/space/space.hpp"
#include "tests/grammar/space_test_util.hpp"

namespace actsearch::grammar {
namespace {

using testing::error_of;
using testing::key;
using testing::key_set;

// Every tree of exactly n nodes and depth <= d; betas are placeholders numbered later.
std::vector<Expr> brute_trees(const TreeSpace& s, std::size_t n, std::size_t d) {
  std::vector<Expr> out;
  if (n == 0 || d == 0) return out;
  if (n == 1) return {var_x(), param(0)};
  for (const Expr& c : brute_trees(s, n - 1, d - 1)) {
    for (Op op : s.unary) out.push_back(unary(op, c));
  }
  for (std::size_t a = 1; a + 1 < n; ++a) {
    const std::vector<Expr> lefts = brute_trees(s, a, d - 1);
    const std::vector<Expr> rights = brute_trees(s, n - 1 - a, d - 1);
    for (Op op : s.binary) {
      for (const Expr& l : lefts) {
        for (const Expr& r : rights) out.push_back(binary(op, l, r));
      }
    }
  }
  return out;
}

// The members of a tree space by brute force: all trees with x, betas renumbered.
std::vector<Expr> brute_members(const TreeSpace& s) {
  std::vector<Expr> out;
  for (std::size_t n = 1; n <= s.max_size; ++n) {
    for (Expr& e : brute_trees(s, n, s.max_depth)) {
      if (!uses_x(e)) continue;
      int k = 0;
      for (Node& node : e.nodes) {
        if (node.op == Op::Param) node.index = static_cast<std::uint8_t>(k++);
      }
      out.push_back(e);
    }
  }
  return out;
}

TreeSpace tiny_trees(std::size_t max_size, std::size_t max_depth) {
  return TreeSpace{max_size, max_depth, {Op::Sin}, {Op::Add}};
}

TEST(TreeSpace, CountMatchesBruteForceOnTinyOperatorSets) {
  for (std::size_t size = 1; size <= 6; ++size) {
    for (std::size_t depth : {std::size_t{2}, std::size_t{3}, std::size_t{6}}) {
      const TreeSpace s = tiny_trees(size, depth);
      const SpaceCount c = count(s);
      EXPECT_FALSE(c.overflow);
      EXPECT_EQ(c.exact, brute_members(s).size()) << size << " " << depth;
      EXPECT_EQ(c.approx, static_cast<double>(c.exact));
    }
  }
  const TreeSpace two{6, 4, {Op::Sin, Op::Exp}, {Op::Add, Op::Mul}};
  EXPECT_EQ(count(two).exact, brute_members(two).size());
}

TEST(TreeSpace, SmallestSpacesByHand) {
  EXPECT_EQ(count(tiny_trees(1, 5)).exact, 1u);  // x
  EXPECT_EQ(count(tiny_trees(2, 5)).exact, 2u);  // + sin(x)
  // size 3: sin(sin(x)); add(x, x), add(x, b), add(b, x)
  EXPECT_EQ(count(tiny_trees(3, 5)).exact, 6u);
  EXPECT_EQ(count(tiny_trees(3, 2)).exact, 5u);  // sin(sin(x)) is too deep
}

TEST(TreeSpace, AtIsABijectionOntoTheMembers) {
  const TreeSpace s{6, 4, {Op::Sin, Op::Exp}, {Op::Add, Op::Mul}};
  const std::uint64_t n = count(s).exact;
  std::vector<Expr> listed;
  for (std::uint64_t i = 0; i < n; ++i) {
    Expr e = at(s, i);
    ASSERT_TRUE(well_formed(e));
    ASSERT_TRUE(params_contiguous(e));
    for (const Node& node : e.nodes) {
      if (node.op == Op::Param) {
        ASSERT_EQ(node.value, 1.0);
      }
    }
    listed.push_back(std::move(e));
  }
  const std::set<std::string> got = key_set(listed);
  EXPECT_EQ(got.size(), n);
  EXPECT_EQ(got, key_set(brute_members(s)));
}

TEST(TreeSpace, DefaultOperatorsAtSizeFiveMatchBruteForce) {
  const TreeSpace s{5, 5};
  EXPECT_EQ(s.unary.size(), 18u);
  EXPECT_EQ(s.binary.size(), 6u);
  EXPECT_EQ(count(s).exact, brute_members(s).size());
  EXPECT_EQ(count(s).exact, 147637u);
}

// The figures quoted for the default operators (18 unary, 6 binary); size 5 is checked by
// brute force above, the larger ones by the same DP.
TEST(TreeSpace, DefaultCounts) {
  EXPECT_EQ(count(TreeSpace{7, 5}).exact, 15045805u);
  EXPECT_EQ(count(TreeSpace{7, 7}).exact, 67953709u);
  EXPECT_EQ(count(TreeSpace{9, 5}).exact, 1775367613u);
  EXPECT_EQ(count(TreeSpace{9, 9}).exact, 33512551741u);
  EXPECT_EQ(count(TreeSpace{15, 15}).exact, 4876797440189300797u);
  EXPECT_FALSE(count(TreeSpace{15, 15}).overflow);
}

TEST(TreeSpace, SampleIsUniformOverTheMembers) {
  const TreeSpace s{4, 4, {Op::Sin, Op::Exp}, {Op::Add, Op::Mul}};
  const std::vector<Expr> all = brute_members(s);
  std::map<std::string, int> hits;
  for (const Expr& e : all) hits[key(e)] = 0;
  const int per_member = 300;
  const int draws = per_member * static_cast<int>(all.size());
  std::mt19937_64 rng(7);
  for (int i = 0; i < draws; ++i) {
    const auto it = hits.find(key(sample(s, rng)));
    ASSERT_NE(it, hits.end());
    ++it->second;
  }
  double chi2 = 0.0;
  for (const auto& [k, h] : hits) chi2 += (h - per_member) * (h - per_member) / double(per_member);
  const double dof = static_cast<double>(all.size() - 1);
  EXPECT_LT(chi2, dof + 6 * std::sqrt(2 * dof)) << all.size() << " members";
}

TEST(TreeSpace, RandomTreeSizesAreUniform) {
  const TreeSpace s = tiny_trees(6, 6);
  std::map<std::size_t, int> sizes;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 6000; ++i) {
    const Expr e = random_tree(s, rng);
    ASSERT_TRUE(uses_x(e));
    ++sizes[e.size()];
  }
  ASSERT_EQ(sizes.size(), 6u);
  for (const auto& [size, n] : sizes) EXPECT_NEAR(n, 1000, 150) << "size " << size;
  bool saw_constant = false;
  for (int i = 0; i < 200; ++i) saw_constant |= !uses_x(random_tree(s, rng, false));
  EXPECT_TRUE(saw_constant);
}

TEST(TreeSpace, HugeSpacesOverflowButStillSample) {
  const TreeSpace s{40, 40};
  const SpaceCount c = count(s);
  EXPECT_TRUE(c.overflow);
  EXPECT_GT(c.approx, 1e30);
  EXPECT_THROW(at(s, 0), Error);
  std::mt19937_64 rng(11);
  const Expr e = sample(s, rng);
  EXPECT_TRUE(well_formed(e));
  EXPECT_TRUE(uses_x(e));
  EXPECT_LE(e.size(), 40u);
}

TEST(TreeSpace, SamplingIsDeterministic) {
  const TreeSpace s{};
  std::mt19937_64 a(5);
  std::mt19937_64 b(5);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(sample(s, a), sample(s, b));
    EXPECT_EQ(random_tree(s, a), random_tree(s, b));
  }
}

TEST(TreeSpace, MalformedSpacesAreRejected) {
  EXPECT_EQ(error_of([] {
              count(TreeSpace{0, 5});
            }),
            "a tree space needs a max size between 1 and 64, not 0");
  EXPECT_EQ(error_of([] {
              count(TreeSpace{65, 5});
            }),
            "a tree space needs a max size between 1 and 64, not 65");
  EXPECT_EQ(error_of([] {
              count(TreeSpace{5, 0});
            }),
            "a tree space needs a max depth of at least 1");
  EXPECT_EQ(error_of([] { count(TreeSpace{5, 5, {Op::Add}, {}}); }), "operator 'add' is not unary");
  EXPECT_EQ(error_of([] {
              count(TreeSpace{5, 5, {}, {Op::Sin}});
            }),
            "operator 'sin' is not binary");
  EXPECT_EQ(error_of([] {
              members(TreeSpace{9, 9}, 1000000);
            }),
            "the search space has 33512551741 members, more than the limit of 1000000");
}

TEST(Params, RenumberByFirstAppearanceKeepsSharing) {
  Expr e = binary(Op::Add, binary(Op::Mul, param(3, 0.5), var_x()),
                  binary(Op::Sub, param(1, 2.0), param(3, 0.5)));
  EXPECT_FALSE(params_contiguous(e));
  renumber_params(e);
  const Expr want = binary(Op::Add, binary(Op::Mul, param(0, 0.5), var_x()),
                           binary(Op::Sub, param(1, 2.0), param(0, 0.5)));
  EXPECT_EQ(e, want);
  EXPECT_TRUE(params_contiguous(e));
  EXPECT_TRUE(params_contiguous(var_x()));
}

}  // namespace
}  // namespace actsearch::grammar
