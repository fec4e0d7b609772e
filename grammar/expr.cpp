#include "grammar/expr.hpp"

#include <algorithm>
#include <bit>

#include "grammar/base/error.hpp"

namespace actsearch::grammar {

Expr var_x() {
  return Expr{{Node{Op::X}}};
}

Expr constant(double value) {
  return Expr{{Node{Op::Const, 0, 1, value}}};
}

Expr param(int k, double init) {
  ACTSEARCH_ASSERT(k >= 0 && k < 256, "parameter index out of range");
  return Expr{{Node{Op::Param, static_cast<std::uint8_t>(k), 1, init}}};
}

Expr unary(Op op, const Expr& a) {
  ACTSEARCH_ASSERT(arity(op) == 1, "unary() needs a unary operator");
  Expr e = a;
  e.nodes.push_back(Node{op, 0, static_cast<std::uint32_t>(a.size() + 1), 0.0});
  return e;
}

Expr binary(Op op, const Expr& a, const Expr& b) {
  ACTSEARCH_ASSERT(arity(op) == 2, "binary() needs a binary operator");
  Expr e = a;
  e.nodes.insert(e.nodes.end(), b.nodes.begin(), b.nodes.end());
  e.nodes.push_back(Node{op, 0, static_cast<std::uint32_t>(a.size() + b.size() + 1), 0.0});
  return e;
}

Children children(const Expr& e, std::size_t i) {
  switch (arity(e[i].op)) {
    case 1:
      return {i - 1, Children::npos};
    case 2:
      return {i - 1 - e[i - 1].length, i - 1};
    default:
      return {};
  }
}

Expr subtree(const Expr& e, std::size_t i) {
  const auto first = e.nodes.begin() + static_cast<std::ptrdiff_t>(subtree_begin(e, i));
  return Expr{{first, e.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1}};
}

Expr replace_subtree(const Expr& e, std::size_t i, const Expr& replacement) {
  const std::size_t begin = subtree_begin(e, i);
  Expr out;
  out.nodes.reserve(e.size() - e[i].length + replacement.size());
  out.nodes.insert(out.nodes.end(), e.nodes.begin(),
                   e.nodes.begin() + static_cast<std::ptrdiff_t>(begin));
  out.nodes.insert(out.nodes.end(), replacement.nodes.begin(), replacement.nodes.end());
  out.nodes.insert(out.nodes.end(), e.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                   e.nodes.end());
  const bool ok = update_lengths(out.nodes);
  ACTSEARCH_ASSERT(ok, "replacing a subtree must leave one tree");
  return out;
}

bool update_lengths(std::vector<Node>& nodes) {
  std::vector<std::uint32_t> stack;  // lengths of the pending subtrees
  stack.reserve(nodes.size());
  for (Node& n : nodes) {
    const int k = arity(n.op);
    if (static_cast<int>(stack.size()) < k) return false;
    std::uint32_t length = 1;
    for (int c = 0; c < k; ++c) {
      length += stack.back();
      stack.pop_back();
    }
    n.length = length;
    stack.push_back(length);
  }
  return stack.size() == 1;
}

bool well_formed(const Expr& e) {
  if (e.nodes.empty()) return false;
  std::vector<Node> copy = e.nodes;
  if (!update_lengths(copy) || copy != e.nodes) return false;
  std::vector<double> inits(256, 0.0);
  std::vector<bool> seen(256, false);
  for (const Node& n : e.nodes) {
    if (n.op != Op::Param) continue;
    if (seen[n.index] &&
        std::bit_cast<std::uint64_t>(inits[n.index]) != std::bit_cast<std::uint64_t>(n.value)) {
      return false;
    }
    seen[n.index] = true;
    inits[n.index] = n.value;
  }
  return true;
}

int num_params(const Expr& e) {
  int count = 0;
  for (const Node& n : e.nodes) {
    if (n.op == Op::Param) count = std::max(count, n.index + 1);
  }
  return count;
}

std::vector<double> param_inits(const Expr& e) {
  std::vector<double> inits(static_cast<std::size_t>(num_params(e)), 1.0);
  for (const Node& n : e.nodes) {
    if (n.op == Op::Param) inits[n.index] = n.value;
  }
  return inits;
}

std::string param_name(int k) {
  return k == 0 ? "beta" : "beta" + std::to_string(k);
}

std::size_t complexity(const Expr& e) {
  return e.size();
}

std::size_t depth(const Expr& e) {
  std::vector<std::size_t> stack;
  for (const Node& n : e.nodes) {
    std::size_t d = 0;
    for (int c = 0; c < arity(n.op); ++c) {
      d = std::max(d, stack.back());
      stack.pop_back();
    }
    stack.push_back(d + 1);
  }
  return stack.empty() ? 0 : stack.back();
}

bool uses_x(const Expr& e) {
  return std::any_of(e.nodes.begin(), e.nodes.end(), [](const Node& n) { return n.op == Op::X; });
}

std::uint64_t structural_hash(const Expr& e) {
  // FNV-1a over the fields that define the node; length follows from the order.
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xFF;
      h *= 1099511628211ULL;
    }
  };
  for (const Node& n : e.nodes) {
    mix(static_cast<std::uint64_t>(n.op) | (static_cast<std::uint64_t>(n.index) << 8));
    if (n.op == Op::Const || n.op == Op::Param) mix(std::bit_cast<std::uint64_t>(n.value));
  }
  return h;
}

}  // namespace actsearch::grammar
