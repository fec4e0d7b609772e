#pragma once
// The infix syntax of expressions, e.g. "x*sigmoid(beta=0.5*x) + max(x, 0)^2".
//
//   sum     := product (('+' | '-') product)*          left associative
//   product := unary (('*' | '/') unary)*              left associative; '/' is Op::Div
//   unary   := '-' unary | power                       -x^2 is -(x^2)
//   power   := atom ('^2' | '^3')*                     Square, Cube
//   atom    := number | x | beta[k]['=' ['-'] number] | name '(' sum (',' sum)* ')' | '(' sum ')'
//
// A minus directly followed by a number literal (not itself raised to a power) is a
// negative constant: "-2*x" holds Const(-2), "-2^2" is Neg(Square(2)). Nothing is folded or
// simplified, so parse(print(e)) == e for every well-formed e with finite constants.

#include <cstddef>
#include <string_view>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

/// Inputs longer than this are rejected before scanning.
inline constexpr std::size_t kMaxExpressionLength = 100'000;
/// Parentheses, call arguments and unary minus nest at most this deep.
inline constexpr int kMaxNesting = 200;

struct ParseOptions {
  bool placeholders = false;  // allow x1, x2 (X nodes with index 1, 2) for unit templates
};

/// The expression written in `text`. Parameters are beta (index 0), beta1 ... beta255; one
/// occurrence may give the initial value (beta=0.5), stored in every node of that
/// parameter (default 1). Calls: every operator with arity >= 1 by its table name, plus
/// the parameter-free units as sugar (relu(a) is max(a, 0)). Throws ParseError naming the
/// 1-based column and what was expected.
Expr parse(std::string_view text, const ParseOptions& options = {});

}  // namespace actsearch::grammar
