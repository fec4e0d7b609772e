#include "grammar/units.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/parse.hpp"

namespace actsearch::grammar {
namespace {

// Templates of the units in table order, parsed once (thread-safe static initialisation).
// Definitions may use operators only: sugar calls would re-enter this initialisation.
template <std::size_t N>
std::vector<Expr> parse_templates(const std::array<Unit, N>& units) {
  std::vector<Expr> out;
  out.reserve(N);
  for (const Unit& u : units)
    out.push_back(parse(u.definition, ParseOptions{.placeholders = true}));
  return out;
}

bool is_placeholder(const Node& n, int arity) {
  return n.op == Op::X && (arity == 1 ? n.index == 0 : n.index > 0);
}

}  // namespace

std::optional<Unit> unit_by_name(std::string_view name, int arity) {
  const std::span<const Unit> units =
      arity == 1 ? std::span<const Unit>(kUnaryUnits) : std::span<const Unit>(kBinaryUnits);
  for (const Unit& u : units) {
    if (u.name == name) return u;
  }
  return std::nullopt;
}

const Expr& unit_template(const Unit& unit) {
  static const std::vector<Expr> unary = parse_templates(kUnaryUnits);
  static const std::vector<Expr> binary = parse_templates(kBinaryUnits);
  const std::span<const Unit> units =
      unit.arity == 1 ? std::span<const Unit>(kUnaryUnits) : std::span<const Unit>(kBinaryUnits);
  for (std::size_t k = 0; k < units.size(); ++k) {
    if (units[k].name == unit.name) return unit.arity == 1 ? unary[k] : binary[k];
  }
  throw std::invalid_argument("not a unit of the table: " + std::string(unit.name));
}

Expr instantiate(const Unit& unit, std::span<const Expr> args, int& next_param) {
  ACTSEARCH_ASSERT(args.size() == static_cast<std::size_t>(unit.arity),
                   "a unit takes one argument per arity");
  const Expr& t = unit_template(unit);
  const int used = num_params(t);
  ACTSEARCH_ASSERT(next_param >= 0 && next_param + used <= 256, "parameter index out of range");
  Expr out;
  for (const Node& n : t.nodes) {
    if (is_placeholder(n, unit.arity)) {
      const Expr& arg = args[unit.arity == 1 ? 0 : n.index - 1u];
      out.nodes.insert(out.nodes.end(), arg.nodes.begin(), arg.nodes.end());
    } else if (n.op == Op::Param) {
      out.nodes.push_back(n);
      out.nodes.back().index = static_cast<std::uint8_t>(next_param + n.index);
    } else {
      out.nodes.push_back(n);
    }
  }
  next_param += used;
  const bool ok = update_lengths(out.nodes);
  ACTSEARCH_ASSERT(ok, "a unit instantiation is one tree");
  return out;
}

}  // namespace actsearch::grammar
