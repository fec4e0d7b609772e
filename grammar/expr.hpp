#pragma once
// Expr: an expression as a flat postfix vector of nodes, root last. Each node stores the
// length of its subtree, so a subtree is the contiguous slice [i + 1 - length, i].

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "grammar/primitives.hpp"

namespace actsearch::grammar {

struct Node {
  Op op = Op::X;
  std::uint8_t index = 0;    // Param: k of beta_k; X: 0 for x, 1/2 for template placeholders
  std::uint32_t length = 1;  // nodes in this subtree, itself included
  double value = 0.0;        // Const: the number; Param: its initial value

  friend bool operator==(const Node&, const Node&) = default;
};

struct Expr {
  std::vector<Node> nodes;  // postfix, root last; never empty for a valid expression

  std::size_t size() const { return nodes.size(); }
  std::size_t root() const { return nodes.size() - 1; }
  const Node& operator[](std::size_t i) const { return nodes[i]; }
  friend bool operator==(const Expr&, const Expr&) = default;
};

// Builders.
Expr var_x();
Expr constant(double value);
Expr param(int k, double init = 1.0);
Expr unary(Op op, const Expr& a);
Expr binary(Op op, const Expr& a, const Expr& b);

/// First node of the subtree rooted at i.
inline std::size_t subtree_begin(const Expr& e, std::size_t i) {
  return i + 1 - e[i].length;
}

/// Roots of the children of node i: {left, right} for binary, {only, npos} for unary.
struct Children {
  std::size_t left = npos;
  std::size_t right = npos;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};
Children children(const Expr& e, std::size_t i);

/// Copy of the subtree rooted at i.
Expr subtree(const Expr& e, std::size_t i);

/// e with the subtree rooted at i replaced by `replacement`; ancestors' lengths updated.
Expr replace_subtree(const Expr& e, std::size_t i, const Expr& replacement);

/// Recomputes every node's length from arities; true if the nodes form exactly one tree.
bool update_lengths(std::vector<Node>& nodes);

/// Structural checks: one tree, correct lengths, params with consistent initial values.
bool well_formed(const Expr& e);

/// 1 + the largest parameter index used, 0 when there are no parameters.
int num_params(const Expr& e);

/// Initial value of each parameter 0..num_params-1 (1.0 for an index that does not occur).
std::vector<double> param_inits(const Expr& e);

/// "beta" for k = 0, "beta1", "beta2", ... for k >= 1.
std::string param_name(int k);

/// Complexity: the number of nodes. Depth: the longest root-to-leaf path (a leaf is 1).
std::size_t complexity(const Expr& e);
std::size_t depth(const Expr& e);

/// True when some node is the input x.
bool uses_x(const Expr& e);

/// Structural hash: equal expressions hash equal (values compared bit for bit).
std::uint64_t structural_hash(const Expr& e);

}  // namespace actsearch::grammar
