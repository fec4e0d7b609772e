// The generated C++ headers, compiled with the system compiler (strict warnings, C++14) and
// run: values and derivatives, scalar and Eigen overloads, against the naive evaluator on
// 1,000 points per function.
#include <gtest/gtest.h>

#include <algorithm>

#include "grammar/export/export.hpp"
#include "tests/grammar/export_testing.hpp"

namespace actsearch::grammar {
namespace {

using testing::ExportCase;

constexpr const char* kCompile =
    "g++ -std=c++14 -O1 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror "
    "$(pkg-config --cflags-only-I eigen3 | sed 's/-I/-isystem /g')";

// "f<k>". (Built with += : GCC 12 warns falsely, -Wrestrict, on "literal" + std::string.)
std::string function_name(std::size_t k) {
  std::string name = "f";
  name += std::to_string(k);
  return name;
}

// Includes <Eigen/Core> first, then every header; prints, per function and point,
// f, f', and the Eigen overloads' f and f' as hex floats.
std::string driver(std::size_t functions) {
  std::string out = "#include <Eigen/Core>\n#include <cstdio>\n#include <vector>\n";
  for (std::size_t k = 0; k < functions; ++k) out += "#include \"" + function_name(k) + ".hpp\"\n";
  out +=
      "int main() {\n  std::vector<double> xs;\n  double v = 0;\n"
      "  while (std::scanf(\"%la\", &v) == 1) xs.push_back(v);\n"
      "  const Eigen::ArrayXd ax = Eigen::Map<const Eigen::ArrayXd>(xs.data(), "
      "static_cast<Eigen::Index>(xs.size()));\n";
  for (std::size_t k = 0; k < functions; ++k) {
    const std::string f = function_name(k);
    out += "  {\n    const Eigen::ArrayXd fe = " + f + "(ax), de = " + f + "_derivative(ax);\n" +
           "    for (std::size_t i = 0; i < xs.size(); ++i) {\n" +
           "      const auto j = static_cast<Eigen::Index>(i);\n" +
           "      std::printf(\"%a %a %a %a\\n\", " + f + "(xs[i]), " + f +
           "_derivative(xs[i]), fe[j], de[j]);\n    }\n" +
           "    std::printf(\"%a\\n\", static_cast<double>(" + f + "(0.5f) + " + f +
           "_derivative(0.5f)));\n  }\n";
  }
  return out + "}\n";
}

// What one function's run printed: f, f', and the Eigen overloads' f and f' per point.
struct Printed {
  std::vector<double> f, df, eigen_f, eigen_df;
};

// Function k's block of `numbers`: 4 per point, then the float instantiation's one number.
Printed printed(const std::vector<double>& numbers, std::size_t k, std::size_t n) {
  const std::size_t block = 4 * n + 1;
  Printed p;
  for (std::size_t i = 0; i < n && (k + 1) * block <= numbers.size(); ++i) {
    const double* row = &numbers[k * block + 4 * i];
    p.f.push_back(row[0]);
    p.df.push_back(row[1]);
    p.eigen_f.push_back(row[2]);
    p.eigen_df.push_back(row[3]);
  }
  return p;
}

// Writes f0.hpp, f1.hpp, ... for `cases` into `dir`.
void write_headers(const std::string& dir, const std::vector<ExportCase>& cases) {
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const std::string name = function_name(k);
    testing::write_text(dir + "/" + name + ".hpp", export_code(parse_activation(cases[k].text),
                                                               Target::Cpp, name, cases[k].params));
  }
}

// One test, one compilation (about 10 s of CPU): ctest runs each test in its own process.
TEST(CppExport, HeadersCompileStrictlyAndMatchTheNaiveEvaluator) {
  const std::vector<ExportCase> cases = testing::export_cases();
  const std::vector<double> points = testing::export_points();
  const std::string dir = actsearch::testing::fresh_dir("export", "cpp");
  write_headers(dir, cases);
  testing::write_text(dir + "/main.cpp", driver(cases.size()));
  testing::write_text(dir + "/points.txt", testing::hex_lines(points));
  const testing::ShellResult compiled =
      testing::shell(std::string(kCompile) + " '" + dir + "/main.cpp' -o '" + dir + "/main' 2>&1");
  ASSERT_EQ(compiled.status, 0) << testing::tail(compiled.out);
  const testing::ShellResult run = testing::shell("'" + dir + "/main' < '" + dir + "/points.txt'");
  ASSERT_EQ(run.status, 0);
  const std::vector<double> numbers = testing::parse_numbers(run.out);
  ASSERT_EQ(numbers.size(), cases.size() * (4 * points.size() + 1));
  testing::Agreement agreement;
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Expr e = parse_activation(cases[k].text);
    const std::vector<double> params = cases[k].params.empty() ? param_inits(e) : cases[k].params;
    const Printed p = printed(numbers, k, points.size());
    testing::compare(cases[k].text, e, params, points, {p.f, p.df, {}}, true, agreement);
    // The Eigen overloads run the same scalar code: identical results, NaN where NaN.
    for (std::size_t i = 0; i < p.f.size(); ++i) {
      ASSERT_EQ(testing::relative_error(p.eigen_f[i], p.f[i]), 0.0) << cases[k].text;
      ASSERT_EQ(testing::relative_error(p.eigen_df[i], p.df[i]), 0.0) << cases[k].text;
    }
  }
  EXPECT_EQ(agreement.failure, "");
  std::printf("cpp, %zu functions: %s\n", cases.size(), testing::summary(agreement).c_str());
}

TEST(CppExport, HeadersCompileWithoutEigen) {
  const std::string dir = actsearch::testing::fresh_dir("export", "cpp_no_eigen");
  write_headers(dir, {{"x*sigmoid(beta*x)", {1.5}}, {"safe_log(x) + max(x, 0)", {}}});
  testing::write_text(dir + "/main.cpp",
                      "#include \"f0.hpp\"\n#include \"f1.hpp\"\n"
                      "int main() { return f0(1.0) > 0 && f1_derivative(2.0f) > 0 ? 0 : 1; }\n");
  const testing::ShellResult r = testing::shell(
      "g++ -std=c++14 -Wall -Wextra -Wpedantic -Werror -fsyntax-only '" + dir + "/main.cpp' 2>&1");
  EXPECT_EQ(r.status, 0) << r.out;
}

}  // namespace
}  // namespace actsearch::grammar
