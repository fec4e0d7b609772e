// report.md of the hand-written run: the tables hold the expected rows, character for
// character, and a run without final stage says so.
#include <gtest/gtest.h>

#include <string>

#include "search/report/markdown.hpp"
#include "tests/search/report_fixture.hpp"
#include "tests/support/display_digits.hpp"

namespace actsearch::search {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ReportMarkdown, RankedTableRows) {
  const std::string md = render_markdown(testing::report_model());
  // Half-widths of the CIs: 2.48 pp (val), 1.24 and 1.90 pp (test).
  EXPECT_TRUE(has(md,
                  "| 1 | `x*sigmoid(beta*x)` | 6 | 95.00% ± 2.48 | 3 | +3.00 pp | 0.002 | "
                  "95.00% ± 1.24 | beta 1.4 | swish (beta 1.4) | 0.000 | swish-like |\n"))
      << md;
  EXPECT_TRUE(has(md,
                  "| 3 | `max(x, 0.2*x)` | 5 | 93.00% ± 2.48 | 3 | +1.00 pp | 0.070 | "
                  "92.33% ± 1.90 | – | leaky_relu (a 0.2) | 0.000 | piecewise-linear |\n"))
      << md;
  EXPECT_TRUE(
      has(md, "| 5 | `sin(x)` | 2 | 90.00% ± 2.48 | 3 | -2.00 pp | 0.002 | 89.17% ± 1.90 |"))
      << md;
}

TEST(ReportMarkdown, BaselinesTable) {
  const std::string md = render_markdown(testing::report_model());
  EXPECT_TRUE(has(md, "| 4 | relu | 92.00% ± 2.48 | 3 | +0.00 pp | – | 91.17% ± 1.90 | – |\n"))
      << md;
  EXPECT_TRUE(has(md,
                  "| 2 | pwlu | 94.00% ± 2.48 | 3 | +2.00 pp | 0.008 | 93.17% ± 1.90 | 21 "
                  "learned parameters |\n"))
      << md;
}

TEST(ReportMarkdown, CountsTimingProgressAndPareto) {
  const std::string md = render_markdown(testing::report_model());
  EXPECT_TRUE(has(md,
                  "- 8 proposals: 5 distinct functions trained, 1 duplicates, 2 rejected by the "
                  "screen, 1 diverged\n"))
      << md;
  EXPECT_TRUE(has(md, "  - rejected, constant: 1\n")) << md;
  EXPECT_TRUE(has(md, "- 23 trainings in 44 s wall time (31.7 trainings/min, 46 s of training)"))
      << md;
  EXPECT_TRUE(has(md, "| Evaluation | Best screening accuracy |\n|---:|---:|\n| 1 | 90.00% |\n\n"))
      << md;
  EXPECT_TRUE(has(md,
                  "| 2 | 80.00% | `sin(x)` | periodic |\n| 5 | 88.00% | `max(x, 0.2*x)` | "
                  "piecewise-linear |\n| 6 | 90.00% | `x*sigmoid(beta*x)` | swish-like |\n"))
      << md;
}

TEST(ReportMarkdown, RediscoveryAndConfiguration) {
  const std::string md = render_markdown(testing::report_model());
  EXPECT_TRUE(has(md, "## Rediscovery\n\n1 swish-like function was found")) << md;
  EXPECT_TRUE(has(md, "## Configuration\n\n```json\n{\n  \"final_seeds\": 3,")) << md;
  EXPECT_TRUE(has(md, "Final stage complete")) << md;
}

TEST(ReportMarkdown, ProvisionalRunSaysSo) {
  const std::string md = render_markdown(testing::report_model(3, false));
  EXPECT_TRUE(has(md, "**The final stage has not run**")) << md;
  EXPECT_TRUE(has(md, "No baseline has a complete final stage yet.")) << md;
  EXPECT_TRUE(has(md, "| 1 | `x*sigmoid(beta*x)` | 6 | 93.00% | 1 | +3.00 pp | – | – |")) << md;
}

// Parameters, constants and the configuration's chance loss are written with 17 digits in
// the run; the report shows at most 4, and says where the exact values are.
TEST(ReportMarkdown, NoNumberShowsMoreThanFourDigits) {
  for (const bool final_stage : {true, false}) {
    const std::string md = render_markdown(testing::long_numbers_model(final_stage));
    EXPECT_EQ(testing::long_numbers(md), std::vector<std::string>{}) << md;
    EXPECT_TRUE(has(md, "`x*sigmoid(beta=1.906*x)`")) << md;
    EXPECT_TRUE(has(md, "`max(x, 0.2183*x)`")) << md;
  }
  const std::string md = render_markdown(testing::long_numbers_model());
  EXPECT_TRUE(has(md, "| 1 | `x*sigmoid(beta=1.906*x)` | 6 | 95.00% ± 2.48 |")) << md;
  EXPECT_TRUE(has(md, "\"moons\": 0.6931")) << md;
  EXPECT_TRUE(has(md, "candidates.csv and summary.json hold them exactly")) << md;
}

TEST(ReportMarkdown, PipesInCellsAreEscaped) {
  ReportModel m = testing::report_model();
  m.top[0].expr = "a|b";
  EXPECT_TRUE(has(render_markdown(m), "| `a\\|b` |"));
}

}  // namespace
}  // namespace actsearch::search
