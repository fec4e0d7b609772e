// Search spaces: counts against brute-force enumeration on tiny operator sets, the index
// bijection, uniform sampling, and option parsing with its error messages.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "grammar/error.hpp"
#include "grammar/space.hpp"

namespace actsearch::grammar {
namespace {

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

// An exact textual key of an expression's nodes (op, index, value bits).
std::string key(const Expr& e) {
  std::string k;
  for (const Node& n : e.nodes) {
    k += std::to_string(static_cast<int>(n.op)) + ":" + std::to_string(n.index) + ":" +
         std::to_string(std::bit_cast<std::uint64_t>(n.value)) + " ";
  }
  return k;
}

std::set<std::string> key_set(const std::vector<Expr>& es) {
  std::set<std::string> out;
  for (const Expr& e : es) out.insert(key(e));
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

TEST(TreeSpace, DefaultCountsHoldEveryMember) {
  const TreeSpace s{};
  EXPECT_EQ(s.unary.size(), 18u);
  EXPECT_EQ(s.binary.size(), 6u);
  const TreeSpace small{4, 5, s.unary, s.binary};
  EXPECT_EQ(count(small).exact, brute_members(small).size());
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
  EXPECT_THROW(
      {
        try {
          count(TreeSpace{0, 5});
        } catch (const Error& e) {
          EXPECT_STREQ(e.what(), "a tree space needs a max size between 1 and 64, not 0");
          throw;
        }
      },
      Error);
  EXPECT_THROW(count(TreeSpace{65, 5}), Error);
  EXPECT_THROW(count(TreeSpace{5, 0}), Error);
  EXPECT_THROW(count(TreeSpace{5, 5, {Op::Add}, {}}), Error);
  EXPECT_THROW(count(TreeSpace{5, 5, {}, {Op::Sin}}), Error);
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

// The message of the actsearch::Error that f throws, or "" when it throws none.
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Options, ListsResolveInTheOrderGiven) {
  const std::vector<Unit> units = parse_units(" tanh,relu , const", 1);
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[0].name, "tanh");
  EXPECT_EQ(units[1].name, "relu");
  EXPECT_EQ(units[2].name, "const");
  EXPECT_EQ(parse_units("mix,add", 2).size(), 2u);
  EXPECT_EQ(parse_ops("sin, safe_log", 1), (std::vector<Op>{Op::Sin, Op::SafeLog}));
  EXPECT_EQ(parse_ops("max,add", 2), (std::vector<Op>{Op::Max, Op::Add}));
}

TEST(Options, BadNamesGiveOneLineErrors) {
  EXPECT_EQ(error_of([] { parse_units("tanh,sinn", 1); }),
            "unknown unary primitive 'sinn' (did you mean 'sin'?)");
  EXPECT_EQ(error_of([] { parse_units("foo", 1); }), "unknown unary primitive 'foo'");
  EXPECT_EQ(error_of([] { parse_units("add", 1); }), "'add' is a binary primitive, not unary");
  EXPECT_EQ(error_of([] { parse_units("relu", 2); }), "'relu' is a unary primitive, not binary");
  EXPECT_EQ(error_of([] { parse_units("sin,,cos", 1); }),
            "empty name in unary primitive list 'sin,,cos'");
  EXPECT_EQ(error_of([] { parse_units("", 2); }), "empty name in binary primitive list ''");
  EXPECT_EQ(error_of([] { parse_units("sin, cos, sin", 1); }),
            "unary primitive 'sin' listed twice");
  EXPECT_EQ(error_of([] { parse_ops("log", 1); }),
            "unary primitive 'log' is not searchable (did you mean 'safe_log'?)");
  EXPECT_EQ(error_of([] { parse_ops("div", 2); }),
            "binary primitive 'div' is not searchable (did you mean 'safe_div'?)");
  EXPECT_EQ(error_of([] { parse_ops("mull", 2); }),
            "unknown binary primitive 'mull' (did you mean 'mul'?)");
  EXPECT_EQ(error_of([] { parse_ops("tanh", 2); }), "'tanh' is a unary primitive, not binary");
  EXPECT_EQ(error_of([] { parse_ops("relu", 1); }), "unknown unary primitive 'relu'");
}

}  // namespace
}  // namespace actsearch::grammar
