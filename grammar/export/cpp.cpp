// The cpp target: one self-contained C++14 header.
#include <cmath>

#include "grammar/derivative.hpp"
#include "grammar/export/emit.hpp"

namespace actsearch::grammar::export_detail {
namespace {

constexpr int kAdd = kPrecedenceAdd, kMul = kPrecedenceMul, kNeg = kPrecedenceNeg;
constexpr int kPow = kPrecedencePow, kAtom = kPrecedenceAtom;

// Helpers live in NAME_detail; std:: functions are written qualified.
// clang-format off
constexpr SpellingTable kCpp{{
  {}, {}, {},                                   // Const, X, Param
  {"-$0", kNeg, {kPow, 0}},                     // Neg
  {"std::abs($0)", kAtom}, {"square($0)", kAtom}, {"cube($0)", kAtom},
  {"std::sqrt($0)", kAtom}, {"safe_sqrt($0)", kAtom}, {"std::exp($0)", kAtom},
  {"std::log($0)", kAtom}, {"safe_log($0)", kAtom}, {"std::sin($0)", kAtom},
  {"std::cos($0)", kAtom}, {"std::sinh($0)", kAtom}, {"std::cosh($0)", kAtom},
  {"std::tanh($0)", kAtom}, {"std::asinh($0)", kAtom}, {"std::atan($0)", kAtom},
  {"sinc($0)", kAtom}, {"sigmoid($0)", kAtom}, {"softplus($0)", kAtom},
  {"std::erf($0)", kAtom}, {"sign($0)", kAtom}, {"step($0)", kAtom}, {"dsinc($0)", kAtom},
  {"$0 + $1", kAdd, {kAdd, kMul}}, {"$0 - $1", kAdd, {kAdd, kMul}},
  {"$0*$1", kMul, {kMul, kNeg}}, {"$0/$1", kMul, {kMul, kNeg}},
  {"safe_div($0, $1)", kAtom}, {"max($0, $1)", kAtom}, {"min($0, $1)", kAtom},
}};

// The helper each operator needs, as primitives.cpp defines it (series thresholds included:
// sinc below 1e-4, dsinc below 1e-3).
struct Helper {
  Op op;
  std::string_view code;
};
constexpr std::array<Helper, 13> kHelpers{{
  {Op::Square, "template <class T>\nT square(T a) {\n  return a * a;\n}\n"},
  {Op::Cube, "template <class T>\nT cube(T a) {\n  return a * a * a;\n}\n"},
  {Op::SafeSqrt, "template <class T>\nT safe_sqrt(T a) {\n  return std::sqrt(std::abs(a) + T(EPS));\n}\n"},
  {Op::SafeLog, "template <class T>\nT safe_log(T a) {\n  return std::log(std::abs(a) + T(EPS));\n}\n"},
  {Op::Sinc, "// sin(a)/a, by its series where the quotient would lose digits.\n"
             "template <class T>\nT sinc(T a) {\n"
             "  return std::abs(a) < T(1e-4) ? T(1) - a * a / T(6) : std::sin(a) / a;\n}\n"},
  {Op::Sigmoid, "// Never overflows: exp of a non-positive number only.\n"
                "template <class T>\nT sigmoid(T a) {\n"
                "  if (a >= T(0)) return T(1) / (T(1) + std::exp(-a));\n"
                "  const T e = std::exp(a);\n  return e / (T(1) + e);\n}\n"},
  {Op::Softplus, "// log(1 + e^a) without overflow.\n"
                 "template <class T>\nT softplus(T a) {\n"
                 "  return (a < T(0) ? T(0) : a) + std::log1p(std::exp(-std::abs(a)));\n}\n"},
  {Op::Sign, "template <class T>\nT sign(T a) {\n"
             "  return a > T(0) ? T(1) : (a < T(0) ? T(-1) : T(0));\n}\n"},
  {Op::Step, "template <class T>\nT step(T a) {\n  return a > T(0) ? T(1) : T(0);\n}\n"},
  {Op::DSinc, "// d sinc / da, by its series near 0.\n"
              "template <class T>\nT dsinc(T a) {\n"
              "  if (std::abs(a) < T(1e-3)) return -a / T(3) + a * a * a / T(30);\n"
              "  return (a * std::cos(a) - std::sin(a)) / (a * a);\n}\n"},
  {Op::SafeDiv, "// |denominator| >= EPS; the sign of b (of a zero too) picks the side.\n"
                "template <class T>\nT safe_div(T a, T b) {\n"
                "  return a / (b + std::copysign(T(EPS), b));\n}\n"},
  {Op::Max, "// Ties and NaN as the grammar: a >= b ? a : b.\n"
            "template <class T>\nT max(T a, T b) {\n  return a >= b ? a : b;\n}\n"},
  {Op::Min, "template <class T>\nT min(T a, T b) {\n  return a <= b ? a : b;\n}\n"},
}};
// clang-format on

Text cpp_leaf(const Node& n, bool) {
  switch (n.op) {
    case Op::X:
      return {"x"};
    case Op::Param:
      return {param_name(n.index)};
    default:
      break;
  }
  if (std::isnan(n.value)) return {"std::numeric_limits<T>::quiet_NaN()"};
  if (std::isinf(n.value)) {
    return n.value > 0 ? Text{"std::numeric_limits<T>::infinity()"}
                       : Text{"-std::numeric_limits<T>::infinity()", kNeg};
  }
  return {"T(" + float_literal(n.value) + ")"};
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string helpers(const Expr& value, const Expr& slope) {
  std::string out;
  for (const Helper& h : kHelpers) {
    if (uses_op(value, h.op) || uses_op(slope, h.op)) {
      out += replace_all(std::string(h.code), "EPS", float_literal(kEps));
      out += '\n';
    }
  }
  return out;
}

// "T x, T beta, T beta1" or, for the public functions, with defaults after each parameter.
std::string parameter_list(const Source& s, bool defaults) {
  std::string out = "T x";
  for (std::size_t k = 0; k < s.params.size(); ++k) {
    out += defaults ? ", std::common_type_t<T> " : ", T ";
    out += param_name(static_cast<int>(k));
    if (defaults) out += " = T(" + float_literal(s.params[k]) + ")";
  }
  return out;
}

std::string argument_list(const Source& s, std::string_view x) {
  std::string out(x);
  for (std::size_t k = 0; k < s.params.size(); ++k) out += ", " + param_name(static_cast<int>(k));
  return out;
}

// A detail function returning `body`; parameters the body does not use are cast to void so
// the header compiles warning-free under -Wextra.
std::string detail_function(const Source& s, std::string_view name, const Expr& body) {
  std::string out =
      "template <class T>\nT " + std::string(name) + "(" + parameter_list(s, false) + ") {\n";
  if (!uses_x(body)) out += "  static_cast<void>(x);\n";
  for (std::size_t k = 0; k < s.params.size(); ++k) {
    bool used = false;
    for (const Node& n : body.nodes) used = used || (n.op == Op::Param && n.index == k);
    if (!used) out += "  static_cast<void>(" + param_name(static_cast<int>(k)) + ");\n";
  }
  const Dialect dialect{&kCpp, cpp_leaf};
  return out + "  return " + emit(body, dialect) + ";\n}\n";
}

std::string public_function(const Source& s, std::string_view suffix, std::string_view inner,
                            std::string_view doc) {
  const std::string name = std::string(s.name) + std::string(suffix);
  return "/// " + std::string(doc) +
         "\ntemplate <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>\n"
         "T " +
         name + "(" + parameter_list(s, true) + ") {\n  return " + std::string(s.name) +
         "_detail::" + std::string(inner) + "<T>(" + argument_list(s, "x") + ");\n}\n";
}

std::string eigen_function(const Source& s, std::string_view suffix, std::string_view inner) {
  std::string params;
  for (std::size_t k = 0; k < s.params.size(); ++k) {
    params += ",\n    typename Derived::Scalar " + param_name(static_cast<int>(k)) +
              " = typename Derived::Scalar(" + float_literal(s.params[k]) + ")";
  }
  return "template <class Derived>\nauto " + std::string(s.name) + std::string(suffix) +
         "(const Eigen::ArrayBase<Derived>& x" + params +
         ") {\n  using T = typename Derived::Scalar;\n  return x.unaryExpr([=](T v) { return " +
         std::string(s.name) + "_detail::" + std::string(inner) + "<T>(" + argument_list(s, "v") +
         "); }).eval();\n}\n";
}

std::string comment(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line.empty() ? "//\n" : "// " + line + "\n";
  return out;
}

}  // namespace

const SpellingTable& cpp_spellings() { return kCpp; }

std::string export_cpp(const Source& s) {
  const Expr value = fold_constants(s.e);
  const Expr slope = fold_constants(derivative(s.e));
  const std::string name(s.name);
  std::vector<std::string> lines = header_lines(s);
  lines.insert(lines.end(), {"", "Self-contained C++14 (standard library only).",
                             name + "(x) and " + name + "_derivative(x) take float or double."});
  if (!s.params.empty()) {
    lines.emplace_back("The parameters follow x, default to the values above and do not take");
    lines.emplace_back("part in deducing T.");
  }
  lines.emplace_back("Include <Eigen/Core> before this header for the overloads on Eigen arrays.");
  std::string out = comment(lines);
  out += "#pragma once\n\n#include <cmath>\n#include <limits>\n#include <type_traits>\n\n";
  out += "namespace " + name + "_detail {\n\n" + helpers(value, slope);
  out += detail_function(s, "value", value) + "\n" + detail_function(s, "derivative", slope);
  out += "\n}  // namespace " + name + "_detail\n\n";
  out += public_function(s, "", "value", name + "(x): the activation at x.") + "\n";
  out += public_function(s, "_derivative", "derivative",
                         "d " + name + " / dx at x (the grammar's kink conventions).");
  out += "\n#ifdef EIGEN_WORLD_VERSION\n/// " + name +
         " and its derivative on each element of an Eigen array (or array expression).\n";
  out += eigen_function(s, "", "value") + "\n" + eigen_function(s, "_derivative", "derivative");
  out += "#endif  // EIGEN_WORLD_VERSION\n";
  return out;
}

}  // namespace actsearch::grammar::export_detail
