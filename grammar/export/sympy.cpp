// The sympy target: a SymPy expression of real symbols, with the parameter values to
// substitute. Nothing is folded: constants stay as written.
#include "grammar/export/python.hpp"
#include "grammar/print.hpp"

namespace actsearch::grammar::export_detail {

std::string export_sympy(const Source& s) {
  const std::string name(s.name);
  std::string symbols = "x = sp.Symbol(\"x\", real=True)\n";
  std::string values;
  for (std::size_t k = 0; k < s.params.size(); ++k) {
    const std::string p = param_name(static_cast<int>(k));
    symbols += p + " = sp.Symbol(\"" + p + "\", real=True)\n";
    values += (k == 0 ? "" : ", ") + p + ": " + float_literal(s.params[k]);
  }
  std::vector<std::string> lines = header_lines(s);
  lines.insert(lines.end(), {"",
                             name + " is a SymPy expression in x; " + name + ".subs(" + name +
                                 "_params) fixes the parameters;",
                             "sp.diff(" + name + ", x) differentiates it."});
  return python_comment(lines) + "import sympy as sp\n\n" + "eps = sp.Rational(\"" +
         print_number(kEps) + "\")  # the protection constant of safe_log, safe_sqrt, safe_div\n" +
         symbols + "\n\n" + python_helpers(Target::SymPy, {&s.e}) + name + " = " +
         emit(s.e, Dialect{&python_spellings(Target::SymPy), sympy_leaf}) + "\n" + name +
         "_params = {" + values + "}\n";
}

}  // namespace actsearch::grammar::export_detail
