// Unit templates and their instantiation; which units are callable as sugar.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "grammar/callables.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "grammar/units.hpp"

namespace actsearch::grammar {
namespace {

std::vector<Unit> all_units() {
  std::vector<Unit> units(kUnaryUnits.begin(), kUnaryUnits.end());
  units.insert(units.end(), kBinaryUnits.begin(), kBinaryUnits.end());
  return units;
}

// The unit's definition with each placeholder replaced by a parenthesised argument and
// beta renamed: an independent route to what instantiate must build.
std::string substitute(const Unit& unit, const std::string& a, const std::string& b,
                       const std::string& beta) {
  const std::regex names(unit.arity == 1 ? R"(\b(x|beta)\b)" : R"(\b(x1|x2|beta)\b)");
  const std::string text(unit.definition);
  std::string out;
  std::size_t last = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), names);
       it != std::sregex_iterator(); ++it) {
    out += text.substr(last, static_cast<std::size_t>(it->position()) - last);
    const std::string word = it->str();
    out += word == "beta" ? beta : "(" + (word == "x2" ? b : a) + ")";
    last = static_cast<std::size_t>(it->position() + it->length());
  }
  return out + text.substr(last);
}

TEST(Units, EveryTemplateParsesWithItsPlaceholders) {
  for (const Unit& u : all_units()) {
    const Expr& t = unit_template(u);
    EXPECT_TRUE(well_formed(t)) << u.name;
    EXPECT_EQ(t, parse(u.definition, ParseOptions{.placeholders = true})) << u.name;
    EXPECT_LE(num_params(t), 1) << u.name;
    for (const Node& n : t.nodes) {
      if (n.op != Op::X) continue;
      if (u.arity == 1) {
        EXPECT_EQ(n.index, 0) << u.name;
      } else {
        EXPECT_GT(n.index, 0) << u.name;
      }
    }
  }
  EXPECT_EQ(&unit_template(kUnaryUnits[3]), &unit_template(kUnaryUnits[3]));
}

TEST(Units, EveryUnitInstantiates) {
  const Expr a = var_x();
  const Expr b = parse("tanh(x)");
  for (const Unit& u : all_units()) {
    int next_param = 3;
    const std::vector<Expr> args = u.arity == 1 ? std::vector<Expr>{b} : std::vector<Expr>{a, b};
    const Expr e = instantiate(u, args, next_param);
    EXPECT_TRUE(well_formed(e)) << u.name;
    EXPECT_EQ(next_param, 3 + num_params(unit_template(u))) << u.name;
    const std::string expected = u.arity == 1 ? substitute(u, "tanh(x)", "", "beta3")
                                              : substitute(u, "x", "tanh(x)", "beta3");
    EXPECT_EQ(e, parse(expected)) << u.name << ": " << print(e) << " vs " << expected;
  }
}

TEST(Units, GaussDistExample) {
  int next_param = 3;
  const std::vector<Expr> args{var_x(), parse("tanh(x)")};
  const Expr e = instantiate(*unit_by_name("gauss_dist", 2), args, next_param);
  EXPECT_EQ(print(e), "exp(-beta3*(x - tanh(x))^2)");
  EXPECT_EQ(next_param, 4);
}

TEST(Units, SharedBetaStaysSharedAndArgumentsKeepTheirParameters) {
  int next_param = 1;
  const std::vector<Expr> args{parse("beta*x"), var_x()};
  const Expr e = instantiate(*unit_by_name("mix", 2), args, next_param);
  EXPECT_EQ(print(e), "beta1*(beta*x) + (1 - beta1)*x");
  EXPECT_EQ(next_param, 2);
}

TEST(Units, PlaceholderArgumentsAreKept) {
  int next_param = 0;
  const ParseOptions templates{.placeholders = true};
  const std::vector<Expr> args{parse("x2", templates), parse("x1", templates)};
  const Expr e = instantiate(*unit_by_name("sub", 2), args, next_param);
  EXPECT_EQ(print(e), "x2 - x1");
}

TEST(Units, ParameterFreeUnitsAreTheSugar) {
  std::set<std::string_view> sugar;
  for (const Unit& u : all_units()) {
    const std::optional<Callable> c = callable_by_name(u.name);
    if (c && c->unit) sugar.insert(c->name);
    if (!c) {
      EXPECT_GT(num_params(unit_template(u)), 0) << u.name;
    }
  }
  EXPECT_EQ(sugar, (std::set<std::string_view>{"identity", "relu", "min0", "gauss", "hardtanh",
                                               "sigmul"}));
}

}  // namespace
}  // namespace actsearch::grammar
