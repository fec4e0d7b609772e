#pragma once
// The names that can be called in expression text: every operator of the table with
// arity >= 1 (tanh, safe_div, neg, add, ...) and, as sugar, the parameter-free units of
// units.hpp whose name is not an operator (relu, min0, gauss, hardtanh, identity, sigmul).

#include <cstddef>
#include <optional>
#include <string_view>

#include "grammar/units.hpp"

namespace actsearch::grammar {

struct Callable {
  std::string_view name;
  int arity = 1;
  std::optional<Op> op;      // set for an operator
  std::optional<Unit> unit;  // set for a unit used as sugar; expands to its template
};

/// The callable called `name`, if any. Units with a learnable beta are not callable: each
/// call would hide a fresh parameter.
std::optional<Callable> callable_by_name(std::string_view name);

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// adjacent characters each count 1 ("tnah" is 1 from "tanh").
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The callable name closest to a misspelled `name` by edit distance (with
/// transpositions), when it is close: at most 1 edit for names up to 4 characters, 2 for
/// longer ones. Ties go to the first name in table order (operators, then units).
std::optional<std::string_view> closest_callable(std::string_view name);

}  // namespace actsearch::grammar
