#include "grammar/export/emit.hpp"

#include <cmath>

#include "grammar/base/error.hpp"
#include "grammar/eval_naive.hpp"
#include "grammar/print.hpp"

namespace actsearch::grammar::export_detail {
namespace {

// constant_only[i]: the subtree rooted at i holds neither x nor a parameter.
std::vector<bool> constant_only(const Expr& e) {
  std::vector<bool> out(e.size(), false);
  for (std::size_t i = 0; i < e.size(); ++i) {
    const Children c = children(e, i);
    switch (arity(e[i].op)) {
      case 0:
        out[i] = e[i].op == Op::Const;
        break;
      case 1:
        out[i] = out[c.left];
        break;
      default:
        out[i] = out[c.left] && out[c.right];
    }
  }
  return out;
}

// parent[i]: the node whose operand i is; npos for the root.
std::vector<std::size_t> parents(const Expr& e) {
  std::vector<std::size_t> out(e.size(), Children::npos);
  for (std::size_t i = 0; i < e.size(); ++i) {
    const Children c = children(e, i);
    if (c.left != Children::npos) out[c.left] = i;
    if (c.right != Children::npos) out[c.right] = i;
  }
  return out;
}

// How strongly node i's text binds: its operator's spelling, or its leaf text's.
int precedence(const Expr& e, std::size_t i, const Dialect& d, bool in_constant) {
  if (arity(e[i].op) == 0) return d.leaf(e[i], in_constant).precedence;
  return (*d.table)[static_cast<std::size_t>(e[i].op)].precedence;
}

// Work items of the iterative emitter, popped from the back of a stack: literal text, or a
// node to write (in parentheses when its precedence is below `min`).
struct Task {
  std::string_view text;
  std::size_t node = Children::npos;
  int min = 0;
};

// Schedules the pattern of node i: its literal pieces and operands, in reverse order.
void schedule(const Expr& e, std::size_t i, const Spelling& s, std::vector<Task>& tasks) {
  const Children c = children(e, i);
  std::vector<Task> pieces;
  std::size_t start = 0;
  for (std::size_t at = s.pattern.find('$'); at != std::string_view::npos;
       at = s.pattern.find('$', start)) {
    const auto operand = static_cast<std::size_t>(s.pattern[at + 1] - '0');
    pieces.push_back(Task{s.pattern.substr(start, at - start)});
    pieces.push_back(Task{{}, operand == 0 ? c.left : c.right, s.operand_min[operand]});
    start = at + 2;
  }
  pieces.push_back(Task{s.pattern.substr(start)});
  tasks.insert(tasks.end(), pieces.rbegin(), pieces.rend());
}

}  // namespace

std::string emit(const Expr& e, const Dialect& d) {
  ACTSEARCH_ASSERT(well_formed(e), "emit needs a well-formed expression");
  const std::vector<bool> constant = constant_only(e);
  const std::vector<std::size_t> parent = parents(e);
  auto in_constant = [&](std::size_t i) {
    return parent[i] != Children::npos && constant[parent[i]];
  };
  std::string out;
  std::vector<Task> tasks{Task{{}, e.root(), 0}};
  while (!tasks.empty()) {
    const Task t = tasks.back();
    tasks.pop_back();
    if (t.node == Children::npos) {
      out += t.text;
      continue;
    }
    if (precedence(e, t.node, d, in_constant(t.node)) < t.min) {
      out += d.open;
      tasks.push_back(Task{d.close});
    }
    if (arity(e[t.node].op) == 0) {
      out += d.leaf(e[t.node], in_constant(t.node)).text;
      continue;
    }
    const Spelling& s = (*d.table)[static_cast<std::size_t>(e[t.node].op)];
    ACTSEARCH_ASSERT(!s.pattern.empty(), "every operator needs a spelling in every target");
    schedule(e, t.node, s, tasks);
  }
  return out;
}

Expr fold_constants(const Expr& e) {
  const std::vector<bool> constant = constant_only(e);
  const std::vector<std::size_t> parent = parents(e);
  Expr out;
  for (std::size_t i = 0; i < e.size(); ++i) {
    const bool inside = parent[i] != Children::npos && constant[parent[i]];
    if (!constant[i]) {
      out.nodes.push_back(e[i]);
    } else if (!inside) {  // the root of a maximal constant subtree
      out.nodes.push_back(Node{Op::Const, 0, 1, eval_naive(subtree(e, i), 0.0)});
    }
  }
  const bool ok = update_lengths(out.nodes);
  ACTSEARCH_ASSERT(ok, "folding leaves one tree");
  return out;
}

bool uses_op(const Expr& e, Op op) {
  for (const Node& n : e.nodes) {
    if (n.op == op) return true;
  }
  return false;
}

bool uses_params(const Expr& e) { return uses_op(e, Op::Param); }

std::string float_literal(double value) {
  ACTSEARCH_ASSERT(std::isfinite(value), "float_literal needs a finite value");
  std::string text = print_number(value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::vector<double> resolve_params(const Expr& e, std::span<const double> values) {
  const std::size_t n = static_cast<std::size_t>(num_params(e));
  if (values.empty()) return param_inits(e);
  if (values.size() != n) {
    throw Error("expected " + std::to_string(n) + " parameter values, got " +
                std::to_string(values.size()));
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (!std::isfinite(values[k])) {
      throw Error("parameter " + param_name(static_cast<int>(k)) + " is not finite (" +
                  print_number(values[k]) + ")");
    }
  }
  return {values.begin(), values.end()};
}

std::vector<std::string> header_lines(const Source& s) {
  std::vector<std::string> lines{
      std::string(s.name) + ": generated by actsearch export from the expression",
      "  " + print(s.e)};
  if (!s.provenance.empty()) lines.emplace_back(s.provenance);
  if (!s.params.empty()) {
    std::string values = "parameters:";
    for (std::size_t k = 0; k < s.params.size(); ++k) {
      values += (k == 0 ? " " : ", ") + param_name(static_cast<int>(k)) + " = " +
                print_number(s.params[k]);
    }
    lines.push_back(values);
  }
  lines.emplace_back(
      "Semantics are the grammar's: protected primitives use eps = " + print_number(kEps) + ".");
  return lines;
}

}  // namespace actsearch::grammar::export_detail
