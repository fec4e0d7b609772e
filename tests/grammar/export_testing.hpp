#pragma once
// Helpers for the export tests: the functions and points every generated code is checked
// on, the oracle's values there, running generated code through a shell, and comparing.

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/eval_naive.hpp"
#include "grammar/known.hpp"
#include "grammar/print.hpp"
#include "tests/support/expr_testing.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::grammar::testing {

/// One function to export: text (or a known name) and the parameter values to export with
/// (empty: the expression's initial values).
struct ExportCase {
  std::string text;
  std::vector<double> params;
};

/// A varied set: learnable parameters, every protected primitive, sinc near 0, max/min ties,
/// kinks, known activations, x-independent results, folded constants, signed zeros, each
/// operator alone, and random expressions over every operator.
inline std::vector<ExportCase> export_cases() {
  std::vector<ExportCase> cases = {
      {"x*sigmoid(beta*x)", {1.7}},
      {"safe_log(x) + 0.5*safe_sqrt(x - beta) + safe_div(x, x - 1)", {0.3}},
      {"sinc(x) + dsinc(x) - sinc(3*x)", {}},
      {"max(x, beta*x) - min(sin(x), beta1)", {0.2, -0.4}},
      {"sign(x)*abs(x)^2 + step(x - 0.5) + abs(x)", {}},
      {"exp(-x^2)*cos(x) + asinh(x)*atan(x) + erf(x)/cosh(x) + sinh(x)/10 + softplus(-x)^3", {}},
      {"x^3/(1 + x^2) + sqrt(x^2 + 1) - log(1 + exp(x))", {}},
      {"beta", {2.5}},
      {"beta*x + beta1", {-0.75, 0.125}},
      {"x*exp(2) + max(1, 2)*x - min(x, sqrt(2)) + safe_div(1, 0)", {}},
      {"safe_div(x, -x) + safe_div(1, x) - safe_div(x, beta2)", {1.0, 1.0, -0.0}},
      {"mish", {}},
      {"gelu", {}},
      {"gelu_tanh", {}},
      {"selu", {}},
      {"hardswish", {}},
      {"prelu", {0.1}},
  };
  for (const OpInfo& i : kOps) {
    const std::string n(i.name);
    if (i.arity == 1) cases.push_back({n + "(1.3*x - 0.2)", {}});
    if (i.arity == 2) cases.push_back({n + "(x, 0.5*x + beta)", {0.25}});
  }
  RandomExpr random(20240611);
  for (int k = 0; k < 12; ++k) {
    const Expr e = random(4);
    cases.push_back({print(e), {}});
  }
  return cases;
}

/// 1,000 points: a grid over [-6, 6] plus the places where conventions matter (both zeros,
/// both sides of the sinc and dsinc series thresholds, ties, poles, large magnitudes).
inline std::vector<double> export_points() {
  std::vector<double> xs = {0.0,  -0.0,  1e-300, -1e-300, 1e-8,    -1e-8, 5e-5,  -5e-5, 9.99e-5,
                            1e-4, -1e-4, 2e-4,   -2e-4,   9.99e-4, 1e-3,  -1e-3, 2e-3,  -2e-3,
                            0.5,  -0.5,  1.0,    -1.0,    20.0,    -20.0, 50.0,  -50.0};
  const std::size_t grid = 1000 - xs.size();
  for (std::size_t i = 0; i < grid; ++i) {
    xs.push_back(-6.0 + 12.0 * static_cast<double>(i) / static_cast<double>(grid - 1));
  }
  return xs;
}

/// True when some dsinc in e has an argument of exactly zero at x: there the symbolic
/// derivative's dsinc' = -sinc - 2 dsinc / a is 0/0 (derivative.hpp), the oracle's -1/3.
inline bool zero_dsinc_argument(const Expr& e, double x, std::span<const double> params) {
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e[i].op == Op::DSinc && eval_naive(subtree(e, i - 1), x, params) == 0.0) return true;
  }
  return false;
}

/// Where a derivative is comparable: every subtree finite with finite derivatives, and no
/// safe_div denominator exactly zero (where the symbolic derivative's simplification may
/// flip the zero's sign, see simplify.hpp). A `symbolic` derivative (grammar::derivative, as
/// cpp and numpy write it) is also not compared where a dsinc argument is exactly zero.
inline bool derivative_comparable(const Expr& e, double x, std::span<const double> params,
                                  bool symbolic) {
  return std::isfinite(max_intermediate(e, x, params)) && derivatives_finite(e, x, params) &&
         !zero_safe_div_denominator(e, x, params) &&
         !(symbolic && zero_dsinc_argument(e, x, params));
}

inline constexpr double kExportTolerance = 1e-6;

/// Relative error of `got` against `want`, with magnitudes below 1e-6 counted as 1e-6 (so
/// rounding noise around a zero, e.g. from a different libm, is not a relative error of
/// 100%). Equal NaN-ness and equal
/// infinities count as 0; a mismatch there as infinity.
inline double relative_error(double got, double want) {
  if (std::isnan(want) || std::isnan(got))
    return std::isnan(want) == std::isnan(got) ? 0 : INFINITY;
  if (std::isinf(want) || std::isinf(got)) return got == want ? 0 : INFINITY;
  return std::abs(got - want) / std::max(std::abs(want), 1e-6);
}

/// How generated code agreed with the oracle over a set of functions and points.
struct Agreement {
  double worst_f = 0, worst_d = 0;  // largest relative errors of values and derivatives
  std::size_t values = 0;           // values compared
  std::size_t derivatives = 0;      // derivatives compared (d/dx and d/dbeta_k)
  std::size_t skipped = 0;          // derivatives that differ where they are not comparable
  std::string failure;              // the first disagreement, empty when none
};

/// What generated code computed for one function at `xs`: values, d/dx (may be empty) and
/// d/dbeta_k per parameter k (may be empty).
struct Computed {
  std::vector<double> f, dfdx;
  std::vector<std::vector<double>> dfdp;
};

/// Compares `got` with eval_naive_with_derivatives. A derivative that disagrees counts as
/// skipped where derivative_comparable() says it is not comparable, else as the failure.
inline void compare(const std::string& label, const Expr& e, std::span<const double> params,
                    const std::vector<double>& xs, const Computed& got, bool symbolic,
                    Agreement& a) {
  auto fail = [&](const std::string& what, double x, double g, double w) {
    if (!a.failure.empty()) return;
    std::ostringstream out;
    out.precision(17);
    out << label << ": " << what << " at x = " << x << " is " << g << ", expected " << w;
    a.failure = out.str();
  };
  auto derivative = [&](const std::string& what, double x, double g, double w) {
    const double err = relative_error(g, w);
    if (err <= kExportTolerance) {
      a.worst_d = std::max(a.worst_d, err);
      ++a.derivatives;
    } else if (!derivative_comparable(e, x, params, symbolic)) {
      ++a.skipped;
    } else {
      fail(what, x, g, w);
    }
  };
  if (got.f.size() != xs.size()) return fail("number of values", 0, got.f.size(), xs.size());
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const NaiveResult want = eval_naive_with_derivatives(e, xs[i], params);
    const double err = relative_error(got.f[i], want.f);
    if (err > kExportTolerance) fail("f", xs[i], got.f[i], want.f);
    a.worst_f = std::max(a.worst_f, err);
    ++a.values;
    if (!got.dfdx.empty()) derivative("df/dx", xs[i], got.dfdx[i], want.dfdx);
    for (std::size_t k = 0; k < got.dfdp.size(); ++k) {
      derivative("df/d" + param_name(static_cast<int>(k)), xs[i], got.dfdp[k][i], want.dfdp[k]);
    }
  }
}

/// One line for the test log: what was compared and the worst errors.
inline std::string summary(const Agreement& a) {
  std::ostringstream out;
  out.precision(3);
  out << a.values << " values (worst relative error " << a.worst_f << "), " << a.derivatives
      << " derivatives (worst " << a.worst_d << "), " << a.skipped
      << " derivatives skipped where not comparable";
  return out.str();
}

/// Runs `command` through the shell; its exit status and standard output.
struct ShellResult {
  int status = -1;
  std::string out;
};
inline ShellResult shell(const std::string& command) {
  ShellResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 65536> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    r.out.append(buffer.data(), n);
  const int raw = ::pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

/// The last lines of a long output, for failure messages.
inline std::string tail(const std::string& text, std::size_t chars = 3000) {
  return text.size() <= chars ? text : "..." + text.substr(text.size() - chars);
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

/// The points as hex floats, one per line, so every reader gets the exact doubles.
inline std::string hex_lines(const std::vector<double>& xs) {
  std::string out;
  for (const double x : xs) {
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%a\n", x);
    out += buffer.data();
  }
  return out;
}

/// The numbers of each line of a program's output (decimal, hex, nan, inf).
inline std::vector<std::vector<double>> parse_lines(const std::string& text) {
  std::vector<std::vector<double>> out;
  std::istringstream in(text);
  std::string line, word;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    out.emplace_back();
    while (words >> word) out.back().push_back(std::strtod(word.c_str(), nullptr));
  }
  return out;
}

/// Whitespace-separated numbers (decimal, hex, nan, inf) of a program's output.
inline std::vector<double> parse_numbers(const std::string& text) {
  std::vector<double> out;
  std::istringstream in(text);
  std::string word;
  while (in >> word) out.push_back(std::strtod(word.c_str(), nullptr));
  return out;
}

}  // namespace actsearch::grammar::testing
