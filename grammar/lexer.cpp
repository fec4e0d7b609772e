#include "grammar/lexer.hpp"

#include <cctype>
#include <charconv>
#include <system_error>

#include "grammar/base/error.hpp"

namespace actsearch::grammar {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

TokenKind punctuation(char c) {
  switch (c) {
    case '+':
      return TokenKind::Plus;
    case '-':
      return TokenKind::Minus;
    case '*':
      return TokenKind::Star;
    case '/':
      return TokenKind::Slash;
    case '^':
      return TokenKind::Caret;
    case '(':
      return TokenKind::LParen;
    case ')':
      return TokenKind::RParen;
    case ',':
      return TokenKind::Comma;
    case '=':
      return TokenKind::Equals;
    default:
      return TokenKind::End;
  }
}

// A number token is the maximal run of name characters and dots (plus an exponent sign),
// so "2x" and "1.2.3" are reported whole instead of splitting into surprising tokens.
Token number(std::string_view text, std::size_t begin) {
  std::size_t end = begin;
  while (end < text.size()) {
    const char c = text[end];
    const bool exponent_sign =
        (c == '+' || c == '-') && (text[end - 1] == 'e' || text[end - 1] == 'E');
    if (!is_name_char(c) && c != '.' && !exponent_sign) break;
    ++end;
  }
  const std::string_view digits = text.substr(begin, end - begin);
  Token t{TokenKind::Number, begin, end, 0.0};
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), t.value);
  if (ec == std::errc::result_out_of_range) {
    throw ParseError(t.column(), "number '" + std::string(digits) + "' out of range");
  }
  if (ec != std::errc() || ptr != digits.data() + digits.size()) {
    throw ParseError(t.column(), "malformed number '" + std::string(digits) + "'");
  }
  return t;
}

[[noreturn]] void unexpected_character(char c, std::size_t column) {
  const auto byte = static_cast<unsigned char>(c);
  if (std::isprint(byte)) {
    throw ParseError(column, std::string("unexpected character '") + c + "'");
  }
  constexpr std::string_view kHex = "0123456789ABCDEF";
  throw ParseError(column, std::string("unexpected byte 0x") + kHex[byte >> 4] + kHex[byte & 15]);
}

}  // namespace

Token lex(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  if (pos == text.size()) return Token{TokenKind::End, pos, pos, 0.0};
  const char c = text[pos];
  if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number(text, pos);
  if (is_name_start(c)) {
    std::size_t end = pos + 1;
    while (end < text.size() && is_name_char(text[end])) ++end;
    return Token{TokenKind::Name, pos, end, 0.0};
  }
  const TokenKind kind = punctuation(c);
  if (kind == TokenKind::End) unexpected_character(c, pos + 1);
  return Token{kind, pos, pos + 1, 0.0};
}

std::string describe(std::string_view text, const Token& token) {
  if (token.kind == TokenKind::End) return "end of input";
  std::string quoted(1, '\'');  // built by appending: GCC 12 misreports "'" + string
  quoted += text.substr(token.begin, token.end - token.begin);
  quoted += '\'';
  return quoted;
}

}  // namespace actsearch::grammar
