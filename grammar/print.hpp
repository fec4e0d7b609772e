#pragma once
// Infix text of expressions, the inverse of parse(): parse(print(e)) == e for every
// well-formed e with finite constants.

#include <string>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

/// Infix text with minimal parentheses: "(x + 1)*x", "x - (x - 1)", "-x^2", "(-x)^2".
/// Spaces around + and -, none around * and /. A negative constant prints as "-2" (in
/// parentheses where a unary minus would need them), Neg of a constant as "-(2)". The first
/// occurrence of a parameter whose initial value is not exactly 1 prints it: "beta=0.5".
/// Placeholders print as x1, x2. Iterative: any depth prints without recursion.
std::string print(const Expr& e);

/// The shortest text that reads back as exactly `value` (std::to_chars): "0.5", "1e-07".
std::string print_number(double value);

}  // namespace actsearch::grammar
