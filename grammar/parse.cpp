#include "grammar/parse.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/callables.hpp"
#include "grammar/lexer.hpp"
#include "grammar/print.hpp"
#include "grammar/units.hpp"

namespace actsearch::grammar {
namespace {

constexpr int kMaxParamIndex = 255;

// The explicit initial value of a parameter, once some occurrence has given one.
struct Init {
  double value = 1.0;
  bool given = false;
};

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// beta -> 0, beta1 ... beta255 -> 1 ... 255; other words (beta0, beta07, betax) are not
// parameters, so each parameter has exactly one spelling.
std::optional<int> param_index(std::string_view word, const Token& token) {
  if (!word.starts_with("beta")) return std::nullopt;
  const std::string_view digits = word.substr(4);
  if (digits.empty()) return 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  if (digits[0] == '0') return std::nullopt;
  int k = 0;
  for (std::size_t i = 0; i < digits.size() && k <= kMaxParamIndex; ++i)
    k = 10 * k + (digits[i] - '0');
  if (k > kMaxParamIndex) {
    throw ParseError(token.column(), "parameter '" + std::string(word) +
                                         "' out of range (beta, beta1, ..., beta255)");
  }
  return k;
}

std::string arguments(int n) {
  return std::to_string(n) + (n == 1 ? " argument" : " arguments");
}

// Recursive descent over the grammar in parse.hpp, appending postfix nodes as it goes:
// operands are complete subtrees on the node vector when their operator is pushed.
class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options) : text_(text), options_(options) {}

  Expr run() {
    if (text_.size() > kMaxExpressionLength) {
      throw ParseError(kMaxExpressionLength + 1,
                       "input longer than " + std::to_string(kMaxExpressionLength) + " characters");
    }
    tok_ = lex(text_, 0);
    sum();
    if (tok_.kind != TokenKind::End) fail("an operator or end of input");
    for (Node& n : nodes_) {
      if (n.op == Op::Param) n.value = inits_[n.index].value;
    }
    return Expr{std::move(nodes_)};
  }

 private:
  void advance() { tok_ = lex(text_, tok_.end); }

  [[noreturn]] void fail(std::string_view expected) const {
    throw ParseError(tok_.column(),
                     "expected " + std::string(expected) + " but found " + describe(text_, tok_));
  }

  // Bounds the recursion so that deeply nested input fails cleanly, never by overflowing
  // the stack.
  void enter() {
    if (++depth_ > kMaxNesting) {
      throw ParseError(tok_.column(),
                       "expression nested deeper than " + std::to_string(kMaxNesting) + " levels");
    }
  }
  void leave() { --depth_; }

  void leaf(Op op, double value = 0.0, int index = 0) {
    nodes_.push_back(Node{op, static_cast<std::uint8_t>(index), 1, value});
  }

  // Appends an operator whose operands are the last one or two subtrees.
  void push(Op op) {
    std::uint32_t length = 1 + nodes_.back().length;
    if (arity(op) == 2) length += nodes_[nodes_.size() - length].length;
    nodes_.push_back(Node{op, 0, length, 0.0});
  }

  void sum() {
    product();
    while (tok_.kind == TokenKind::Plus || tok_.kind == TokenKind::Minus) {
      const Op op = tok_.kind == TokenKind::Plus ? Op::Add : Op::Sub;
      advance();
      product();
      push(op);
    }
  }

  void product() {
    unary();
    while (tok_.kind == TokenKind::Star || tok_.kind == TokenKind::Slash) {
      const Op op = tok_.kind == TokenKind::Star ? Op::Mul : Op::Div;
      advance();
      unary();
      push(op);
    }
  }

  void unary() {
    if (tok_.kind != TokenKind::Minus) return power();
    const Token number = lex(text_, tok_.end);
    if (number.kind == TokenKind::Number) {
      const Token after = lex(text_, number.end);
      if (after.kind != TokenKind::Caret) {
        leaf(Op::Const, -number.value);
        tok_ = after;
        return;
      }
    }
    enter();
    advance();
    unary();
    push(Op::Neg);
    leave();
  }

  void power() {
    atom();
    while (tok_.kind == TokenKind::Caret) {
      advance();
      if (tok_.kind != TokenKind::Number || (tok_.value != 2.0 && tok_.value != 3.0)) {
        fail("exponent 2 or 3");
      }
      push(tok_.value == 2.0 ? Op::Square : Op::Cube);
      advance();
    }
  }

  void atom() {
    switch (tok_.kind) {
      case TokenKind::Number:
        leaf(Op::Const, tok_.value);
        advance();
        return;
      case TokenKind::LParen:
        enter();
        advance();
        sum();
        if (tok_.kind != TokenKind::RParen) fail("')'");
        advance();
        leave();
        return;
      case TokenKind::Name:
        return name();
      default:
        fail("an expression");
    }
  }

  void name() {
    const Token token = tok_;
    const std::string_view word = text_.substr(token.begin, token.end - token.begin);
    advance();
    if (word == "x") return leaf(Op::X);
    if (options_.placeholders && (word == "x1" || word == "x2")) {
      return leaf(Op::X, 0.0, word[1] - '0');
    }
    if (const std::optional<int> k = param_index(word, token)) return parameter(*k, token);
    if (tok_.kind == TokenKind::LParen) return call(token, word);
    if (callable_by_name(word)) fail("'('");
    throw ParseError(token.column(), "unknown name '" + std::string(word) +
                                         "' (the input is x; parameters are beta, beta1, ...)");
  }

  void parameter(int k, const Token& token) {
    leaf(Op::Param, 1.0, k);
    if (tok_.kind != TokenKind::Equals) return;
    advance();
    const bool negative = tok_.kind == TokenKind::Minus;
    if (negative) advance();
    if (tok_.kind != TokenKind::Number) fail("a number");
    const double value = negative ? -tok_.value : tok_.value;
    Init& init = inits_[static_cast<std::size_t>(k)];
    if (init.given && !same_bits(init.value, value)) {
      throw ParseError(token.column(), "conflicting initial values for " + param_name(k) + ": " +
                                           print_number(init.value) + " and " +
                                           print_number(value));
    }
    init = Init{value, true};
    advance();
  }

  void call(const Token& token, std::string_view word) {
    const std::optional<Callable> f = callable_by_name(word);
    if (!f) unknown_function(token, word);
    enter();
    advance();
    const std::size_t first = nodes_.size();
    int count = 0;
    for (;;) {
      sum();
      ++count;
      if (tok_.kind != TokenKind::Comma) break;
      advance();
    }
    if (tok_.kind != TokenKind::RParen) fail(count < f->arity ? "',' or ')'" : "')'");
    if (count != f->arity) {
      throw ParseError(token.column(), "'" + std::string(word) + "' takes " + arguments(f->arity) +
                                           " but was given " + std::to_string(count));
    }
    advance();
    leave();
    if (f->op) return push(*f->op);
    expand(*f->unit, first);
  }

  [[noreturn]] static void unknown_function(const Token& token, std::string_view word) {
    std::string detail = "unknown function '" + std::string(word) + "'";
    if (const std::optional<std::string_view> guess = closest_callable(word)) {
      detail += " (did you mean '" + std::string(*guess) + "'?)";
    }
    throw ParseError(token.column(), detail);
  }

  // Replaces the arguments of a sugar unit call (the subtrees from `first` on) by the
  // unit's template applied to them.
  void expand(const Unit& unit, std::size_t first) {
    const auto at = [this](std::size_t i) {
      return nodes_.begin() + static_cast<std::ptrdiff_t>(i);
    };
    std::vector<Expr> args;
    const std::size_t split =
        unit.arity == 1 ? nodes_.size() : nodes_.size() - nodes_.back().length;
    args.push_back(Expr{{at(first), at(split)}});
    if (unit.arity == 2) args.push_back(Expr{{at(split), nodes_.end()}});
    nodes_.resize(first);
    int next_param = 0;
    const Expr expanded = instantiate(unit, args, next_param);
    nodes_.insert(nodes_.end(), expanded.nodes.begin(), expanded.nodes.end());
  }

  std::string_view text_;
  ParseOptions options_;
  Token tok_;
  std::vector<Node> nodes_;
  std::array<Init, kMaxParamIndex + 1> inits_{};
  int depth_ = 0;
};

}  // namespace

Expr parse(std::string_view text, const ParseOptions& options) {
  return Parser(text, options).run();
}

}  // namespace actsearch::grammar
