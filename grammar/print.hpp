#pragma once
// Infix text of expressions, the inverse of parse(): parse(print(e)) == e for every
// well-formed e with finite constants.

#include <string>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

/// How print() writes numbers.
struct PrintOptions {
  /// Significant digits of constants and initial values, for text people read
  /// ("beta=1.906"); 0 writes each exactly, so that the text parses back to `e`.
  int digits = 0;
};

/// Infix text with minimal parentheses: "(x + 1)*x", "x - (x - 1)", "-x^2", "(-x)^2".
/// Spaces around + and -, none around * and /. A negative constant prints as "-2" (in
/// parentheses where a unary minus would need them), Neg of a constant as "-(2)". The first
/// occurrence of a parameter whose initial value is not exactly 1 prints it: "beta=0.5".
/// Placeholders print as x1, x2. Numbers print as print_number(value, options.digits).
/// Iterative: any depth prints without recursion.
std::string print(const Expr& e, const PrintOptions& options = {});

/// With `digits` 0, the shortest text that reads back as exactly `value` (std::to_chars):
/// "0.5", "1e-07". Otherwise `value` rounded to `digits` significant digits, as printf's
/// "%.*g" writes it: 1.9061209042851535 -> "1.906", 12345 -> "1.235e+04", 0.5 -> "0.5".
std::string print_number(double value, int digits = 0);

}  // namespace actsearch::grammar
