#include "grammar/export/export.hpp"

#include <algorithm>
#include <cctype>

#include "grammar/base/error.hpp"
#include "grammar/export/emit.hpp"

namespace actsearch::grammar {
namespace {

using export_detail::is_identifier;
using export_detail::is_python_keyword;

// C++20 keywords and alternative tokens.
constexpr std::string_view kCppKeywords[] = {"alignas",       "alignof",     "and",
                                             "and_eq",        "asm",         "auto",
                                             "bitand",        "bitor",       "bool",
                                             "break",         "case",        "catch",
                                             "char",          "char8_t",     "char16_t",
                                             "char32_t",      "class",       "compl",
                                             "concept",       "const",       "consteval",
                                             "constexpr",     "constinit",   "const_cast",
                                             "continue",      "co_await",    "co_return",
                                             "co_yield",      "decltype",    "default",
                                             "delete",        "do",          "double",
                                             "dynamic_cast",  "else",        "enum",
                                             "explicit",      "export",      "extern",
                                             "false",         "float",       "for",
                                             "friend",        "goto",        "if",
                                             "inline",        "int",         "long",
                                             "mutable",       "namespace",   "new",
                                             "noexcept",      "not",         "not_eq",
                                             "nullptr",       "operator",    "or",
                                             "or_eq",         "private",     "protected",
                                             "public",        "register",    "reinterpret_cast",
                                             "requires",      "return",      "short",
                                             "signed",        "sizeof",      "static",
                                             "static_assert", "static_cast", "struct",
                                             "switch",        "template",    "this",
                                             "thread_local",  "throw",       "true",
                                             "try",           "typedef",     "typeid",
                                             "typename",      "union",       "unsigned",
                                             "using",         "virtual",     "void",
                                             "volatile",      "wchar_t",     "while",
                                             "xor",           "xor_eq"};

// Names the C++ header itself uses at namespace scope or as its template parameter.
constexpr std::string_view kCppReserved[] = {"T", "std", "Eigen", "main"};

bool contains(std::span<const std::string_view> list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

[[noreturn]] void invalid(std::string_view name, std::string_view language,
                          std::string_view why = {}) {
  std::string message = "'" + std::string(name) + "' is not a valid " + std::string(language);
  if (!why.empty()) message += " (" + std::string(why) + ")";
  throw Error(message);
}

[[noreturn]] void reserved(std::string_view name, Target target) {
  throw Error("'" + std::string(name) + "' is reserved in the generated " +
              std::string(target_name(target)) + " code");
}

void check_cpp_name(std::string_view name) {
  if (!is_identifier(name) || contains(kCppKeywords, name)) invalid(name, "C++ identifier");
  if (name.front() == '_' || name.find("__") != std::string_view::npos) {
    invalid(name, "C++ identifier", "names with a leading '_' or '__' are reserved");
  }
  if (contains(kCppReserved, name)) reserved(name, Target::Cpp);
}

void check_python_name(Target target, std::string_view name) {
  if (!is_identifier(name) || is_python_keyword(name)) invalid(name, "Python identifier");
  if (contains(export_detail::reserved_python_names(target), name)) reserved(name, target);
  // SymPy code binds the parameters' symbols to their names (beta, beta1, ...).
  const bool parameter_like =
      name.substr(0, 4) == "beta" && std::all_of(name.begin() + 4, name.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      });
  if (target == Target::SymPy && parameter_like) reserved(name, target);
}

}  // namespace

std::string_view target_name(Target target) {
  switch (target) {
    case Target::Cpp:
      return "cpp";
    case Target::PyTorch:
      return "pytorch";
    case Target::Jax:
      return "jax";
    case Target::NumPy:
      return "numpy";
    case Target::TensorFlow:
      return "tensorflow";
    case Target::LaTeX:
      return "latex";
    case Target::SymPy:
      return "sympy";
  }
  return "";
}

Target target_by_name(std::string_view name) {
  for (const Target t : kTargets) {
    if (target_name(t) == name) return t;
  }
  throw Error("unknown export target '" + std::string(name) +
              "' (choose cpp, pytorch, jax, numpy, tensorflow, latex or sympy)");
}

void check_export_name(Target target, std::string_view name) {
  switch (target) {
    case Target::Cpp:
      return check_cpp_name(name);
    case Target::LaTeX:
      if (!is_identifier(name) || name.front() == '_') {
        invalid(name, "LaTeX name", "letters, digits and '_', starting with a letter");
      }
      return;
    default:
      return check_python_name(target, name);
  }
}

std::string export_code(const Expr& e, Target target, std::string_view name,
                        std::span<const double> param_values, std::string_view provenance) {
  ACTSEARCH_ASSERT(well_formed(e), "export_code needs a well-formed expression");
  check_export_name(target, name);
  const export_detail::Source source{e, name, export_detail::resolve_params(e, param_values),
                                     provenance};
  switch (target) {
    case Target::Cpp:
      return export_detail::export_cpp(source);
    case Target::LaTeX:
      return export_detail::export_latex(source);
    case Target::SymPy:
      return export_detail::export_sympy(source);
    default:
      return export_detail::export_python(source, target);
  }
}

namespace export_detail {

const Spelling& spelling(Target target, Op op) {
  const auto i = static_cast<std::size_t>(op);
  switch (target) {
    case Target::Cpp:
      return cpp_spellings()[i];
    case Target::LaTeX:
      return latex_spellings()[i];
    default:
      return python_spellings(target)[i];
  }
}

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && (std::isalnum(u) || c == '_');
  });
}

bool is_python_keyword(std::string_view name) {
  static constexpr std::string_view kKeywords[] = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  return contains(kKeywords, name);
}

}  // namespace export_detail

}  // namespace actsearch::grammar
