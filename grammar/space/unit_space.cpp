// Core-unit spaces: closed-form count, mixed-radix index bijection, uniform sampling.

#include <array>
#include <string>

#include "grammar/base/error.hpp"
#include "grammar/base/random.hpp"
#include "grammar/space/space.hpp"

namespace actsearch::grammar {
namespace {

void check_arity(const std::vector<Unit>& units, int expected) {
  for (const Unit& u : units) {
    if (u.arity != expected) {
      throw Error("unit '" + std::string(u.name) + "' is not " +
                  (expected == 1 ? "unary" : "binary"));
    }
  }
}

/// The choices of unit k (1-based): its unary units, its binary unit and, for k >= 2, its
/// second input z (0: x, j >= 1: o_j).
struct UnitChoice {
  std::size_t u1 = 0;
  std::size_t u2 = 0;
  std::size_t b = 0;
  std::size_t z = 0;
};

/// Mixed-radix digits of index in the order of unit_radices.
std::vector<UnitChoice> digits(const UnitSpace& s, std::uint64_t index) {
  std::vector<std::size_t> d;
  for (const std::uint64_t radix : unit_radices(s)) {
    d.push_back(static_cast<std::size_t>(index % radix));
    index /= radix;
  }
  std::vector<UnitChoice> choices;
  for (std::size_t i = 0; i + 3 < d.size(); i += 4) {
    choices.push_back(UnitChoice{d[i], d[i + 1], d[i + 2], d[i + 3]});
  }
  return choices;
}

}  // namespace

void validate(const UnitSpace& space) {
  if (space.units < 1 || space.units > 3) {
    throw Error("a core-unit space has 1, 2 or 3 units, not " + std::to_string(space.units));
  }
  check_arity(space.unary, 1);
  check_arity(space.binary, 2);
}

std::vector<std::uint64_t> unit_radices(const UnitSpace& space) {
  std::vector<std::uint64_t> radices;
  for (std::uint64_t k = 1; k <= static_cast<std::uint64_t>(space.units); ++k) {
    radices.insert(radices.end(), {space.unary.size(), space.unary.size(), space.binary.size(), k});
  }
  return radices;
}

SpaceCount count(const UnitSpace& space) {
  validate(space);
  SpaceCount c{1, false, 1.0};
  const std::uint64_t per_unit =
      static_cast<std::uint64_t>(space.binary.size()) * space.unary.size() * space.unary.size();
  for (std::uint64_t k = 1; k <= static_cast<std::uint64_t>(space.units); ++k) {
    // Unit k's second input has k choices: x, o_1, ..., o_{k-1}.
    c.overflow = c.overflow || __builtin_mul_overflow(c.exact, per_unit * k, &c.exact);
    c.approx *= static_cast<double>(per_unit) * static_cast<double>(k);
  }
  return c;
}

Expr at(const UnitSpace& space, std::uint64_t index) {
  const SpaceCount c = count(space);
  if (c.overflow) throw Error("the core-unit space is too large to enumerate");
  ACTSEARCH_ASSERT(index < c.exact, "index < count");
  std::vector<Expr> outputs;  // o_1, ..., o_k
  int next_param = 0;
  for (const UnitChoice& d : digits(space, index)) {
    const Expr in1 = outputs.empty() ? var_x() : outputs.back();
    const Expr in2 = d.z == 0 ? var_x() : outputs[d.z - 1];
    const std::array<Expr, 2> args{instantiate(space.unary[d.u1], {&in1, 1}, next_param),
                                   instantiate(space.unary[d.u2], {&in2, 1}, next_param)};
    outputs.push_back(instantiate(space.binary[d.b], args, next_param));
  }
  renumber_params(outputs.back());
  return outputs.back();
}

Expr sample(const UnitSpace& space, std::mt19937_64& rng) {
  const SpaceCount c = count(space);
  if (c.overflow) throw Error("the core-unit space is too large to sample");
  if (c.exact == 0) throw Error("the core-unit space is empty");
  return at(space, uniform_below(rng, c.exact));
}

}  // namespace actsearch::grammar
