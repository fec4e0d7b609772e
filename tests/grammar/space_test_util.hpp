#pragma once
// Helpers shared by the search-space tests.

#include <bit>
#include <set>
#include <string>
#include <vector>

#include "grammar/expr.hpp"
#include "tests/support/error_of.hpp"

namespace actsearch::grammar::testing {

using actsearch::testing::error_of;

// An exact textual key of an expression's nodes (op, index, value bits).
inline std::string key(const Expr& e) {
  std::string k;
  for (const Node& n : e.nodes) {
    k += std::to_string(static_cast<int>(n.op)) + ":" + std::to_string(n.index) + ":" +
         std::to_string(std::bit_cast<std::uint64_t>(n.value)) + " ";
  }
  return k;
}

inline std::set<std::string> key_set(const std::vector<Expr>& es) {
  std::set<std::string> out;
  for (const Expr& e : es) out.insert(key(e));
  return out;
}

}  // namespace actsearch::grammar::testing
