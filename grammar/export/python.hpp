#pragma once
// Internals shared by the Python targets (numpy, jax, pytorch, tensorflow, sympy): their
// leaves, the helper functions their code defines, and Python comment blocks. Not part of
// the public API.

#include <initializer_list>
#include <string>
#include <vector>

#include "grammar/export/emit.hpp"

namespace actsearch::grammar::export_detail {

/// Leaves in Python code: x, beta_k by name, numbers as float literals, math.inf/math.nan.
Text python_leaf(const Node& n, bool in_constant_subtree);

/// Leaves in SymPy code: like python_leaf, but integers stay integers, infinity is sp.oo, and
/// a number inside a constant-only subtree is a SymPy number (so 1/0 is zoo, not an error).
Text sympy_leaf(const Node& n, bool in_constant_subtree);

/// The definitions of the helper functions (_sigmoid, _safe_div, ...) that `exprs` use in
/// `target`, in table order, each followed by two blank lines.
std::string python_helpers(Target target, std::initializer_list<const Expr*> exprs);

/// `lines` as Python comments.
std::string python_comment(const std::vector<std::string>& lines);

/// "import math\n" when `code` uses the math module, else "".
std::string math_import(const std::string& code);

}  // namespace actsearch::grammar::export_detail
