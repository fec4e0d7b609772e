#include "search/tools/primitives_listing.hpp"

#include <fmt/format.h>

#include "grammar/primitives.hpp"
#include "grammar/units.hpp"

namespace actsearch::search {
namespace {

using grammar::kOps;
using grammar::Notation;

std::string_view notation_name(Notation n) {
  switch (n) {
    case Notation::Leaf:
      return "leaf";
    case Notation::Call:
      return "call";
    case Notation::Prefix:
      return "prefix";
    case Notation::Postfix:
      return "postfix";
    case Notation::Infix:
      return "infix";
  }
  return "";
}

nlohmann::json units_json(std::span<const grammar::Unit> units) {
  nlohmann::json out = nlohmann::json::array();
  for (const grammar::Unit& u : units) {
    out.push_back({{"name", u.name}, {"definition", u.definition}});
  }
  return out;
}

void append_units(std::string& out, std::string_view title, std::span<const grammar::Unit> units) {
  out += fmt::format("\n{} units (search-space primitives):\n", title);
  for (const grammar::Unit& u : units) out += fmt::format("  {:<14} {}\n", u.name, u.definition);
}

}  // namespace

nlohmann::json primitives_json() {
  nlohmann::json ops = nlohmann::json::array();
  for (const grammar::OpInfo& i : kOps) {
    ops.push_back({{"name", i.name},
                   {"arity", i.arity},
                   {"notation", notation_name(i.notation)},
                   {"symbol", i.symbol},
                   {"definition", i.definition},
                   {"total", i.total},
                   {"searchable", i.searchable}});
  }
  return {{"operators", ops},
          {"unary", units_json(grammar::kUnaryUnits)},
          {"binary", units_json(grammar::kBinaryUnits)},
          {"eps", grammar::kEps}};
}

std::string primitives_text() {
  std::string out =
      "operators (total: defined for every finite input; search: offered to "
      "generated spaces):\n";
  out += fmt::format("  {:<10} {:<5} {:<6} {:<7} {}\n", "name", "arity", "total", "search",
                     "definition");
  for (const grammar::OpInfo& i : kOps) {
    out += fmt::format("  {:<10} {:<5} {:<6} {:<7} {}\n", i.name, i.arity, i.total ? "yes" : "no",
                       i.searchable ? "yes" : "no", i.definition);
  }
  append_units(out, "unary", grammar::kUnaryUnits);
  append_units(out, "binary", grammar::kBinaryUnits);
  return out;
}

}  // namespace actsearch::search
