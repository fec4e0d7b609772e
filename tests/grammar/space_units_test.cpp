// Core-unit spaces against brute-force enumeration on tiny unit sets, the documented index
// order, sampling; primitive lists and their error messages.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "grammar/base/text.hpp"
#include "grammar/print.hpp"
#include "grammar/space/space.hpp"
#include "tests/grammar/space_test_util.hpp"

namespace actsearch::grammar {
namespace {

using testing::error_of;
using testing::key;
using testing::key_set;

// Unit templates written with the builders, independently of instantiate().
Expr apply_unit(std::string_view unit, const Expr& a, const Expr& b, int& next) {
  if (unit == "neg") return unary(Op::Neg, a);
  if (unit == "square") return unary(Op::Square, a);
  if (unit == "scale") return binary(Op::Mul, param(next++), a);
  if (unit == "shift") return binary(Op::Add, a, param(next++));
  if (unit == "add") return binary(Op::Add, a, b);
  if (unit == "mul") return binary(Op::Mul, a, b);
  const Expr beta = param(next++);  // mix: one beta, used twice
  return binary(Op::Add, binary(Op::Mul, beta, a),
                binary(Op::Mul, binary(Op::Sub, constant(1.0), beta), b));
}

// Every member of a core-unit space by nested choice, as the header describes it.
void brute_units(const UnitSpace& s, std::vector<Expr> outputs, int next, std::vector<Expr>& out) {
  if (static_cast<int>(outputs.size()) == s.units) {
    Expr e = outputs.back();
    renumber_params(e);
    out.push_back(e);
    return;
  }
  const Expr in1 = outputs.empty() ? var_x() : outputs.back();
  for (std::size_t z = 0; z <= outputs.size(); ++z) {
    const Expr in2 = z == 0 ? var_x() : outputs[z - 1];
    for (const Unit& u1 : s.unary) {
      for (const Unit& u2 : s.unary) {
        for (const Unit& b : s.binary) {
          int n = next;
          const Expr l = apply_unit(u1.name, in1, in1, n);
          const Expr r = apply_unit(u2.name, in2, in2, n);
          std::vector<Expr> more = outputs;
          more.push_back(apply_unit(b.name, l, r, n));
          brute_units(s, more, n, out);
        }
      }
    }
  }
}

TEST(UnitSpace, DefaultCountsAreTheClosedForm) {
  EXPECT_EQ(kUnaryUnits.size(), 26u);
  EXPECT_EQ(kBinaryUnits.size(), 10u);
  const std::uint64_t one = 10 * 26 * 26;
  EXPECT_EQ(count(UnitSpace{1}).exact, one);
  EXPECT_EQ(count(UnitSpace{2}).exact, one * one * 2);
  EXPECT_EQ(count(UnitSpace{3}).exact, one * one * one * 6);
  EXPECT_EQ(count(UnitSpace{3}).exact, 1853494656000u);
  EXPECT_FALSE(count(UnitSpace{3}).overflow);
}

TEST(UnitSpace, AtMatchesBruteForceOnTinyUnitSets) {
  const std::vector<UnitSpace> spaces{
      {1, parse_units("neg,scale", 1), parse_units("add", 2)},
      {2, parse_units("neg,scale", 1), parse_units("add", 2)},
      {3, parse_units("neg,scale", 1), parse_units("add", 2)},
      {2, parse_units("square,shift", 1), parse_units("mul,mix", 2)},
  };
  for (const UnitSpace& s : spaces) {
    std::vector<Expr> brute;
    brute_units(s, {}, 0, brute);
    const SpaceCount c = count(s);
    ASSERT_EQ(c.exact, brute.size()) << s.units << " units";
    std::vector<Expr> listed = members(s, 1000);
    for (const Expr& e : listed) {
      EXPECT_TRUE(well_formed(e));
      EXPECT_TRUE(params_contiguous(e));
    }
    EXPECT_EQ(key_set(listed).size(), c.exact);
    EXPECT_EQ(key_set(listed), key_set(brute));
  }
}

TEST(UnitSpace, IndexOrderIsTheDocumentedMixedRadix) {
  const UnitSpace s{2, parse_units("identity,tanh", 1), parse_units("add,mul", 2)};
  // Digits, least significant first: unit 1 u1 = tanh, u2 = identity, b = mul, (z = x);
  // unit 2 u1 = identity, u2 = tanh, b = add, z = o_1.
  EXPECT_EQ(print(at(s, 85)), "tanh(x)*x + tanh(tanh(x)*x)");
  EXPECT_EQ(print(at(s, 0)), "x + x + x");
}

TEST(UnitSpace, RadicesAreTheDigitsOfTheIndex) {
  const UnitSpace s{2, parse_units("identity,tanh", 1), parse_units("add,mul", 2)};
  EXPECT_EQ(unit_radices(s), (std::vector<std::uint64_t>{2, 2, 2, 1, 2, 2, 2, 2}));
  for (int units = 1; units <= 3; ++units) {
    std::uint64_t product = 1;
    for (const std::uint64_t r : unit_radices(UnitSpace{units})) product *= r;
    EXPECT_EQ(product, count(UnitSpace{units}).exact) << units << " units";
  }
}

TEST(UnitSpace, EveryOneUnitMemberIsWellFormed) {
  const std::vector<Expr> all = members(UnitSpace{1}, 10000);
  std::set<std::string> keys;
  for (const Expr& e : all) {
    ASSERT_TRUE(well_formed(e));
    ASSERT_TRUE(params_contiguous(e));
    keys.insert(key(e));
  }
  // The only structural coincidences: sigmul(identity(x), u(x)) is sigmoid(x)*u(x), which
  // mul(sigmoid(x), u(x)) also spells, once per unary unit u.
  EXPECT_EQ(keys.size(), all.size() - kUnaryUnits.size());
  EXPECT_EQ(print(at(UnitSpace{1}, 0)), "x + x");
}

TEST(UnitSpace, SampleIsDeterministicAndCoversTheSpace) {
  const UnitSpace s{2, parse_units("neg,scale", 1), parse_units("add", 2)};
  const std::set<std::string> all = key_set(members(s, 1000));
  std::set<std::string> seen;
  std::mt19937_64 a(17);
  std::mt19937_64 b(17);
  for (int i = 0; i < 400; ++i) {
    const Expr e = sample(Space{s}, a);
    EXPECT_EQ(e, sample(s, b));
    EXPECT_TRUE(all.count(key(e)));
    seen.insert(key(e));
  }
  EXPECT_EQ(seen.size(), all.size());  // 32 members, 400 draws
  std::mt19937_64 rng(1);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(well_formed(sample(UnitSpace{3}, rng)));
}

TEST(UnitSpace, MalformedSpacesAreRejected) {
  EXPECT_EQ(error_of([] { count(UnitSpace{4}); }), "a core-unit space has 1, 2 or 3 units, not 4");
  EXPECT_EQ(error_of([] {
              count(UnitSpace{1, parse_units("add", 2), {}});
            }),
            "unit 'add' is not unary");
  std::mt19937_64 rng(1);
  EXPECT_EQ(error_of([&rng] {
              sample(UnitSpace{1, {}, parse_units("add", 2)}, rng);
            }),
            "the core-unit space is empty");
  EXPECT_EQ(error_of([] { members(UnitSpace{2}, 1000); }),
            "the search space has 91395200 members, more than the limit of 1000");
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

TEST(Options, SplitListTrimsAndRefusesEmptyItems) {
  EXPECT_EQ(split_list(" a,b ,\tc", "list"), (std::vector<std::string_view>{"a", "b", "c"}));
  EXPECT_EQ(split_list("a,a", "list").size(), 2u);  // repeats are for the caller to judge
  EXPECT_EQ(error_of([] { split_list("a,", "--only"); }), "empty name in --only 'a,'");
  EXPECT_EQ(error_of([] { split_list(" ", "--only"); }), "empty name in --only ' '");
  EXPECT_EQ(joined(std::vector<std::string>{"a", "b"}, ", "), "a, b");
  EXPECT_EQ(joined(std::vector<std::string>{}, ","), "");
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
