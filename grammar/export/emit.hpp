#pragma once
// Internals of code export shared by the target files: operator spellings, the infix
// emitter that turns a postfix expression into target text, constant folding, and the
// pieces every target writes the same way. Not part of the public API.

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/export/export.hpp"

namespace actsearch::grammar::export_detail {

/// How one operator is written in a target. `pattern` holds "$0" (and "$1") where the
/// operands go, e.g. "$0 + $1", "np.exp($0)", "\\frac{$0}{$1}". The result binds with
/// `precedence` (the kPrecedence* scale); operand i is put in parentheses when its own
/// precedence is below `operand_min[i]`. Leaves have an empty pattern.
struct Spelling {
  std::string_view pattern;
  int precedence = kPrecedenceAtom;
  std::array<int, 2> operand_min{0, 0};
};

/// Spellings of one target, indexed by Op.
using SpellingTable = std::array<Spelling, kOpCount>;

/// The spelling of `op` in `target` (empty pattern for leaves).
const Spelling& spelling(Target target, Op op);

/// The tables behind spelling(): C++, LaTeX, and the Python targets (numpy, jax, pytorch,
/// tensorflow, sympy).
const SpellingTable& cpp_spellings();
const SpellingTable& latex_spellings();
const SpellingTable& python_spellings(Target target);

/// Target text of one leaf and how strongly it binds.
struct Text {
  std::string text;
  int precedence = kPrecedenceAtom;
};

/// How a target writes leaves and parentheses. `leaf` gets the node and whether its parent
/// is a constant-only subtree (SymPy writes such numbers as SymPy numbers).
struct Dialect {
  const SpellingTable* table = nullptr;
  Text (*leaf)(const Node& n, bool in_constant_subtree) = nullptr;
  std::string_view open = "(";
  std::string_view close = ")";
};

/// The text of e in `dialect`, with parentheses exactly where the spellings need them:
/// every subtree is evaluated in the order of e (no reassociation), so the text computes
/// what e computes. Iterative: any depth.
std::string emit(const Expr& e, const Dialect& dialect);

/// e with every subtree that uses neither x nor a parameter replaced by its value, computed
/// as eval_naive does (so exactly what the grammar computes in double).
Expr fold_constants(const Expr& e);

/// True when some node of e is `op`.
bool uses_op(const Expr& e, Op op);

/// True when some node of e is a parameter.
bool uses_params(const Expr& e);

/// The shortest decimal that reads back as `value`, always a floating literal ("2.0",
/// "0.5", "1e-07", "-0.0"). `value` must be finite.
std::string float_literal(double value);

/// The parameter values the code uses: `values` if given, else e's initial values. Throws
/// Error "expected N parameter values, got M" or "parameter beta1 is not finite (nan)".
std::vector<double> resolve_params(const Expr& e, std::span<const double> values);

/// What every target is given.
struct Source {
  const Expr& e;
  std::string_view name;
  std::vector<double> params;  // one value per parameter index of e
  std::string_view provenance;
};

/// The first lines every header comment holds, without comment markers: what generated the
/// code, from which expression, the provenance line if any, and the parameter values.
std::vector<std::string> header_lines(const Source& s);

/// Python identifiers and keywords (shared by the Python targets' name checks).
bool is_identifier(std::string_view name);
bool is_python_keyword(std::string_view name);

std::string export_cpp(const Source& s);
std::string export_python(const Source& s, Target target);  // numpy, jax, pytorch, tensorflow
std::string export_latex(const Source& s);
std::string export_sympy(const Source& s);

/// Names the generated code of `target` uses at file scope (module aliases, helpers).
std::span<const std::string_view> reserved_python_names(Target target);

}  // namespace actsearch::grammar::export_detail
