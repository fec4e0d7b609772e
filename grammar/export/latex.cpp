// The latex target: the function and its derivative in an align* environment, with the
// protected primitives written out (|a| + \varepsilon) and a legend of the named functions.
#include <cmath>

#include "grammar/derivative.hpp"
#include "grammar/export/emit.hpp"
#include "grammar/print.hpp"

namespace actsearch::grammar::export_detail {
namespace {

constexpr int kAdd = kPrecedenceAdd, kMul = kPrecedenceMul, kNeg = kPrecedenceNeg;
constexpr int kPow = kPrecedencePow, kAtom = kPrecedenceAtom;

// \frac binds like a unary minus: no parentheses after \cdot, parentheses under a power.
// clang-format off
constexpr SpellingTable kLatex{{
  {}, {}, {},
  {"-$0", kNeg, {kPow, 0}},
  {"\\left\\lvert $0 \\right\\rvert", kAtom},
  {"$0^{2}", kPow, {kAtom, 0}},
  {"$0^{3}", kPow, {kAtom, 0}},
  {"\\sqrt{$0}", kAtom},
  {"\\sqrt{\\left\\lvert $0 \\right\\rvert + \\varepsilon}", kAtom},
  {"e^{$0}", kPow},
  {"\\ln\\left($0\\right)", kAtom},
  {"\\ln\\left(\\left\\lvert $0 \\right\\rvert + \\varepsilon\\right)", kAtom},
  {"\\sin\\left($0\\right)", kAtom},
  {"\\cos\\left($0\\right)", kAtom},
  {"\\sinh\\left($0\\right)", kAtom},
  {"\\cosh\\left($0\\right)", kAtom},
  {"\\tanh\\left($0\\right)", kAtom},
  {"\\operatorname{arsinh}\\left($0\\right)", kAtom},
  {"\\arctan\\left($0\\right)", kAtom},
  {"\\operatorname{sinc}\\left($0\\right)", kAtom},
  {"\\sigma\\left($0\\right)", kAtom},
  {"\\operatorname{softplus}\\left($0\\right)", kAtom},
  {"\\operatorname{erf}\\left($0\\right)", kAtom},
  {"\\operatorname{sgn}\\left($0\\right)", kAtom},
  {"\\operatorname{step}\\left($0\\right)", kAtom},
  {"\\operatorname{sinc}'\\left($0\\right)", kAtom},
  {"$0 + $1", kAdd, {kAdd, kMul}},
  {"$0 - $1", kAdd, {kAdd, kMul}},
  {"$0 \\cdot $1", kMul, {kMul, kNeg}},
  {"\\frac{$0}{$1}", kNeg},
  {"\\frac{$0}{$1 + \\varepsilon \\operatorname{sgn}^{+}\\left($1\\right)}", kNeg, {0, kAdd}},
  {"\\max\\left($0, $1\\right)", kAtom},
  {"\\min\\left($0, $1\\right)", kAtom},
}};
// clang-format on

// What the named functions mean, for the operators that need it.
struct Legend {
  Op op;
  std::string_view text;
};
constexpr Legend kLegend[] = {
    {Op::Sinc, "\\operatorname{sinc}(z) = \\sin(z)/z, \\operatorname{sinc}(0) = 1"},
    {Op::Sigmoid, "\\sigma(z) = 1/(1 + e^{-z})"},
    {Op::Softplus, "\\operatorname{softplus}(z) = \\ln(1 + e^{z})"},
    {Op::Sign, "\\operatorname{sgn}(z) \\in \\{-1, 0, 1\\}, \\operatorname{sgn}(0) = 0"},
    {Op::Step, "\\operatorname{step}(z) = 1 for z > 0, else 0"},
    {Op::DSinc, "\\operatorname{sinc}'(z) = (z\\cos z - \\sin z)/z^2, 0 at z = 0"},
    {Op::SafeDiv, "\\operatorname{sgn}^{+}(z) = 1 for z >= +0, -1 for z <= -0"},
};

std::string param_symbol(int k) { return k == 0 ? "\\beta" : "\\beta_{" + std::to_string(k) + "}"; }

// "1e-07" -> "1 \cdot 10^{-7}"; "0.5" stays.
std::string latex_number(double value) {
  const std::string text = print_number(std::abs(value));
  const std::size_t e = text.find('e');
  if (e == std::string::npos) return text;
  const int exponent = std::stoi(text.substr(e + 1));
  return text.substr(0, e) + " \\cdot 10^{" + std::to_string(exponent) + "}";
}

Text latex_leaf(const Node& n, bool) {
  if (n.op == Op::X) return {"x"};
  if (n.op == Op::Param) return {param_symbol(n.index)};
  if (std::isnan(n.value)) return {"\\mathrm{NaN}"};
  const std::string magnitude = std::isinf(n.value) ? "\\infty" : latex_number(n.value);
  const bool product = magnitude.find("\\cdot") != std::string::npos;
  if (std::signbit(n.value)) return {"-" + magnitude, kNeg};
  return {magnitude, product ? kMul : kAtom};
}

std::string escaped(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c == '_') out += '\\';
    out += c;
  }
  return out;
}

bool uses_protected(const Expr& e) {
  return uses_op(e, Op::SafeLog) || uses_op(e, Op::SafeSqrt) || uses_op(e, Op::SafeDiv);
}

std::vector<std::string> legend(const Expr& value, const Expr& slope) {
  std::vector<std::string> lines;
  if (uses_protected(value) || uses_protected(slope)) {
    lines.push_back("\\varepsilon = " + latex_number(kEps));
  }
  for (const Legend& l : kLegend) {
    if (uses_op(value, l.op) || uses_op(slope, l.op)) lines.emplace_back(l.text);
  }
  return lines;
}

}  // namespace

const SpellingTable& latex_spellings() { return kLatex; }

std::string export_latex(const Source& s) {
  const Expr slope = derivative(s.e);
  const Dialect dialect{&kLatex, latex_leaf, "\\left(", "\\right)"};
  const std::string name = "\\operatorname{" + escaped(s.name) + "}";
  std::string out;
  std::vector<std::string> lines = header_lines(s);
  for (const std::string& l : legend(s.e, slope)) lines.push_back("where " + l);
  for (const std::string& line : lines) out += "% " + line + "\n";
  out += "\\begin{align*}\n  " + name + "(x) &= " + emit(s.e, dialect) + " \\\\\n  " + name +
         "'(x) &= " + emit(slope, dialect);
  if (!s.params.empty()) {
    out += " \\\\\n  &\\text{with } ";
    for (std::size_t k = 0; k < s.params.size(); ++k) {
      out += (k == 0 ? "" : ",\\ ") + param_symbol(static_cast<int>(k)) + " = " +
             (s.params[k] < 0 ? "-" : "") + latex_number(s.params[k]);
    }
  }
  return out + "\n\\end{align*}\n";
}

}  // namespace actsearch::grammar::export_detail
