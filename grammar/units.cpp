#include "grammar/units.hpp"

namespace actsearch::grammar {

std::optional<Unit> unit_by_name(std::string_view name, int arity) {
  const std::span<const Unit> units =
      arity == 1 ? std::span<const Unit>(kUnaryUnits) : std::span<const Unit>(kBinaryUnits);
  for (const Unit& u : units) {
    if (u.name == name) return u;
  }
  return std::nullopt;
}

}  // namespace actsearch::grammar
