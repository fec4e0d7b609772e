#pragma once
// Helpers shared by the search-space tests.

#include <bit>
#include <set>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/expr.hpp"

namespace actsearch::grammar::testing {

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

}  // namespace actsearch::grammar::testing
