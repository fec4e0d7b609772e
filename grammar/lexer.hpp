#pragma once
// The tokens of the infix expression syntax (internal to the parser). Lexing is lazy:
// the parser asks for one token at a time, so errors come out left to right.

#include <cstddef>
#include <string>
#include <string_view>

namespace actsearch::grammar {

enum class TokenKind {
  End,
  Number,
  Name,
  Plus,
  Minus,
  Star,
  Slash,
  Caret,
  LParen,
  RParen,
  Comma,
  Equals
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::size_t begin = 0;  // offset of the first character in the text
  std::size_t end = 0;    // one past the last character
  double value = 0.0;     // Number: its value (never negative: minus is a separate token)

  std::size_t column() const { return begin + 1; }
};

/// The token starting at or after `pos` (whitespace skipped). Throws ParseError for a
/// character outside the syntax, a malformed number ("1.2.3", "2x") or one out of the
/// range of double ("1e999", "1e-400").
Token lex(std::string_view text, std::size_t pos);

/// How an error message names a token: "end of input" or the token's text in quotes.
std::string describe(std::string_view text, const Token& token);

}  // namespace actsearch::grammar
