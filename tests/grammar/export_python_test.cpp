// Generated Python run with $ACTSEARCH_PYTHON (default /usr/bin/python3) against the naive
// evaluator on 1,000 points per function: NumPy values and derivatives, PyTorch values and
// autograd derivatives (d/dx and d/dbeta), SymPy values. JAX and TensorFlow are not in
// Debian: their generated code runs with NumPy standing in for jax.numpy and tf (values
// only, no autodiff). A missing module skips its test, or fails it where
// ACTSEARCH_REQUIRE_ORACLES is set.
#include <gtest/gtest.h>

#include "grammar/export/export.hpp"
#include "tests/grammar/export_python_runner.hpp"
#include "tests/grammar/export_testing.hpp"
#include "tests/support/oracles.hpp"

namespace actsearch::grammar {
namespace {

using testing::ExportCase;

// Empty when `module` imports, else why not.
std::string missing(const std::string& module) {
  const testing::ShellResult r =
      testing::shell(actsearch::testing::python() + " -c 'import " + module + "' 2>&1");
  return r.status == 0 ? "" : r.out.empty() ? "exit status " + std::to_string(r.status) : r.out;
}

std::string function_name(std::size_t k) {
  std::string name = "f";
  name += std::to_string(k);
  return name;
}

struct PythonRun {
  std::vector<ExportCase> cases;
  std::vector<double> points;
  testing::ShellResult result;
  std::vector<std::vector<double>> lines;
};

// Exports every case for `target` into a fresh folder and runs the runner there.
PythonRun run(Target target) {
  PythonRun r{testing::export_cases(), testing::export_points(), {}, {}};
  const std::string dir = actsearch::testing::fresh_dir("export", target_name(target));
  for (std::size_t k = 0; k < r.cases.size(); ++k) {
    const Expr e = parse_activation(r.cases[k].text);
    const std::string name = function_name(k);
    testing::write_text(dir + "/" + name + ".py", export_code(e, target, name, r.cases[k].params));
  }
  for (const testing::StubFile& s : testing::kStubs) {
    const std::string path = dir + "/stubs/" + std::string(s.path);
    std::system(("mkdir -p \"$(dirname '" + path + "')\"").c_str());
    testing::write_text(path, std::string(s.code));
  }
  testing::write_text(dir + "/runner.py", std::string(testing::kRunner));
  testing::write_text(dir + "/points.txt", testing::hex_lines(r.points));
  r.result = testing::shell(actsearch::testing::python() + " '" + dir + "/runner.py' " +
                            std::string(target_name(target)) + " '" + dir + "' " +
                            std::to_string(r.cases.size()) + " 2>&1");
  r.lines = testing::parse_lines(r.result.out);
  return r;
}

std::vector<double> params_of(const ExportCase& c, const Expr& e) {
  return c.params.empty() ? param_inits(e) : c.params;
}

// Checks runs that print `per_function` lines of values (then derivatives if 2) per case.
void expect_values(Target target, std::size_t per_function, bool symbolic) {
  const PythonRun r = run(target);
  ASSERT_EQ(r.result.status, 0) << testing::tail(r.result.out);
  ASSERT_EQ(r.lines.size(), r.cases.size() * per_function) << testing::tail(r.result.out);
  testing::Agreement agreement;
  for (std::size_t k = 0; k < r.cases.size(); ++k) {
    const Expr e = parse_activation(r.cases[k].text);
    testing::Computed got{r.lines[k * per_function], {}, {}};
    if (per_function == 2) got.dfdx = r.lines[k * per_function + 1];
    testing::compare(r.cases[k].text, e, params_of(r.cases[k], e), r.points, got, symbolic,
                     agreement);
  }
  EXPECT_EQ(agreement.failure, "");
  std::printf("%s, %zu functions: %s\n", target_name(target).data(), r.cases.size(),
              testing::summary(agreement).c_str());
}

TEST(PythonExport, NumPyValuesAndDerivativesMatchTheNaiveEvaluator) {
  const std::string why = missing("numpy");
  if (!why.empty()) ACTSEARCH_SKIP_OR_FAIL_WITHOUT("NumPy (Debian: python3-numpy)", why);
  expect_values(Target::NumPy, 2, true);
}

TEST(PythonExport, JaxCodeComputesTheValuesWithNumPyStandingInForJax) {
  const std::string why = missing("numpy");
  if (!why.empty()) ACTSEARCH_SKIP_OR_FAIL_WITHOUT("NumPy (Debian: python3-numpy)", why);
  expect_values(Target::Jax, 1, false);
}

TEST(PythonExport, TensorFlowLayerComputesTheValuesWithNumPyStandingInForTf) {
  const std::string why = missing("numpy");
  if (!why.empty()) ACTSEARCH_SKIP_OR_FAIL_WITHOUT("NumPy (Debian: python3-numpy)", why);
  expect_values(Target::TensorFlow, 1, false);
}

TEST(PythonExport, PyTorchValuesAndAutogradDerivativesMatchTheNaiveEvaluator) {
  const std::string why = missing("torch");
  if (!why.empty()) ACTSEARCH_SKIP_OR_FAIL_WITHOUT("PyTorch (Debian: python3-torch)", why);
  const PythonRun r = run(Target::PyTorch);
  ASSERT_EQ(r.result.status, 0) << testing::tail(r.result.out);
  testing::Agreement agreement;
  std::size_t line = 0;
  for (const ExportCase& c : r.cases) {
    const Expr e = parse_activation(c.text);
    const std::vector<double> params = params_of(c, e);
    ASSERT_LE(line + 3 + params.size(), r.lines.size()) << testing::tail(r.result.out);
    EXPECT_EQ(r.lines[line], params) << c.text << ": the module's initial parameter values";
    testing::Computed got{r.lines[line + 1], r.lines[line + 2], {}};
    for (std::size_t k = 0; k < params.size(); ++k) got.dfdp.push_back(r.lines[line + 3 + k]);
    testing::compare(c.text, e, params, r.points, got, false, agreement);
    line += 3 + params.size();
  }
  EXPECT_EQ(line, r.lines.size());
  EXPECT_EQ(agreement.failure, "");
  std::printf("pytorch, %zu functions: %s\n", r.cases.size(), testing::summary(agreement).c_str());
}

// True where a dsinc argument is in its series region (|a| < 1e-3): there the closed form
// (a cos a - sin a)/a^2 that SymPy holds, evaluated in floating point, loses every digit.
bool dsinc_series_region(const Expr& e, double x, std::span<const double> params) {
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e[i].op == Op::DSinc && std::abs(eval_naive(subtree(e, i - 1), x, params)) < 1e-3) {
      return true;
    }
  }
  return false;
}

// SymPy has no IEEE infinities, NaN or signed zeros: values are compared where the grammar's
// value is finite and no safe_div denominator is a (signed) zero; and where lambdify's
// floating-point evaluation of dsinc's closed form has digits left.
TEST(PythonExport, SymPyValuesMatchTheNaiveEvaluatorWhereFinite) {
  const std::string why = missing("sympy");
  if (!why.empty()) ACTSEARCH_SKIP_OR_FAIL_WITHOUT("SymPy (Debian: python3-sympy)", why);
  const PythonRun r = run(Target::SymPy);
  ASSERT_EQ(r.result.status, 0) << testing::tail(r.result.out);
  ASSERT_EQ(r.lines.size(), r.cases.size()) << testing::tail(r.result.out);
  std::size_t compared = 0;
  double worst = 0;
  for (std::size_t k = 0; k < r.cases.size(); ++k) {
    const Expr e = parse_activation(r.cases[k].text);
    const std::vector<double> params = params_of(r.cases[k], e);
    ASSERT_EQ(r.lines[k].size(), r.points.size());
    for (std::size_t i = 0; i < r.points.size(); ++i) {
      const double x = r.points[i], want = eval_naive(e, x, params);
      if (!std::isfinite(want) || testing::zero_safe_div_denominator(e, x, params) ||
          dsinc_series_region(e, x, params)) {
        continue;
      }
      const double err = testing::relative_error(r.lines[k][i], want);
      ASSERT_LE(err, testing::kExportTolerance)
          << r.cases[k].text << " at x = " << x << ": " << r.lines[k][i] << " vs " << want;
      worst = std::max(worst, err);
      ++compared;
    }
  }
  std::printf("sympy, %zu functions: %zu finite values compared, worst relative error %.3g\n",
              r.cases.size(), compared, worst);
}

}  // namespace
}  // namespace actsearch::grammar
