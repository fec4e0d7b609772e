#include "grammar/print.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <vector>

#include "grammar/base/error.hpp"

namespace actsearch::grammar {
namespace {

// Binding strength of the text printed for a node. A negative constant reads like a unary
// minus ("-2"), so it binds like one.
int precedence(const Node& n) {
  if (n.op == Op::Const && std::signbit(n.value)) return kPrecedenceNeg;
  return info(n.op).precedence;
}

// Work items of the iterative printer, popped from the back of a stack.
struct Task {
  enum Kind { Visit, Text, Symbol } kind = Visit;
  std::size_t node = 0;   // Visit: the node; Symbol: the infix operator
  bool parens = false;    // Visit: wrap the node's text in parentheses
  std::string_view text;  // Text: literal text
};

class Printer {
 public:
  Printer(const Expr& e, int digits) : e_(e), digits_(digits) {}

  std::string run() {
    stack_.push_back(Task{Task::Visit, e_.root(), false, {}});
    while (!stack_.empty()) {
      const Task t = stack_.back();
      stack_.pop_back();
      switch (t.kind) {
        case Task::Visit:
          visit(t.node, t.parens);
          break;
        case Task::Text:
          out_ += t.text;
          break;
        case Task::Symbol:
          symbol(e_[t.node].op);
          break;
      }
    }
    return std::move(out_);
  }

 private:
  void later_text(std::string_view text) { stack_.push_back(Task{Task::Text, 0, false, text}); }
  void later_visit(std::size_t i, bool parens) {
    stack_.push_back(Task{Task::Visit, i, parens, {}});
  }

  void symbol(Op op) {
    const OpInfo& i = info(op);
    if (i.precedence == kPrecedenceAdd) {
      out_ += ' ';
      out_ += i.symbol;
      out_ += ' ';
    } else {
      out_ += i.symbol;
    }
  }

  // Emits what comes first and schedules the rest: the stack runs in reverse push order.
  void visit(std::size_t i, bool parens) {
    if (parens) {
      out_ += '(';
      later_text(")");
    }
    const Node& n = e_[i];
    const OpInfo& op = info(n.op);
    const Children c = children(e_, i);
    switch (op.notation) {
      case Notation::Leaf:
        return leaf(n);
      case Notation::Prefix:
        out_ += op.symbol;
        return later_visit(c.left,
                           e_[c.left].op == Op::Const || precedence(e_[c.left]) < op.precedence);
      case Notation::Postfix:
        later_text(op.symbol);
        return later_visit(c.left, precedence(e_[c.left]) <= kPrecedenceNeg);
      case Notation::Infix:
        later_visit(c.right, precedence(e_[c.right]) <= op.precedence);
        stack_.push_back(Task{Task::Symbol, i, false, {}});
        return later_visit(c.left, precedence(e_[c.left]) < op.precedence);
      case Notation::Call:
        out_ += op.name;
        out_ += '(';
        later_text(")");
        if (c.right != Children::npos) {
          later_visit(c.right, false);
          later_text(", ");
        }
        return later_visit(c.left, false);
    }
  }

  void leaf(const Node& n) {
    switch (n.op) {
      case Op::Const:
        out_ += print_number(n.value, digits_);
        return;
      case Op::X:
        out_ += 'x';
        if (n.index > 0) out_ += std::to_string(n.index);
        return;
      default:
        out_ += param_name(n.index);
        if (!seen_[n.index] && n.value != 1.0) {
          out_ += '=';
          out_ += print_number(n.value, digits_);
        }
        seen_[n.index] = true;
    }
  }

  const Expr& e_;
  int digits_;
  std::vector<Task> stack_;
  std::string out_;
  std::array<bool, 256> seen_{};  // parameters already printed (left to right = postfix order)
};

}  // namespace

std::string print(const Expr& e, const PrintOptions& options) {
  ACTSEARCH_ASSERT(!e.nodes.empty(), "print needs a non-empty expression");
  return Printer(e, options.digits).run();
}

std::string print_number(double value, int digits) {
  ACTSEARCH_ASSERT(digits >= 0 && digits <= 17, "digits in 0..17");
  std::array<char, 32> buffer{};
  char* const end = buffer.data() + buffer.size();
  const auto result =
      digits == 0 ? std::to_chars(buffer.data(), end, value)
                  : std::to_chars(buffer.data(), end, value, std::chars_format::general, digits);
  return std::string(buffer.data(), result.ptr);
}

}  // namespace actsearch::grammar
