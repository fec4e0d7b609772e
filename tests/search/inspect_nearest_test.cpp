// The nearest-known analysis in `inspect`: JSON keys, values and the text lines.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "grammar/nearest/nearest.hpp"
#include "search/report/nearest_format.hpp"
#include "search/tools/inspect.hpp"
#include "tests/support/cli_runner.hpp"

namespace actsearch::search {
namespace {

TEST(InspectNearest, JsonNamesTheFitAndFamily) {
  const nlohmann::json j = inspect_json("x*sigmoid(1.7*x)");
  EXPECT_EQ(j["nearest"]["name"], "swish");
  EXPECT_NEAR(j["nearest"]["params"]["beta"].get<double>(), 1.7, 0.05);
  EXPECT_LT(j["nearest"]["distance"].get<double>(), 1e-3);
  EXPECT_EQ(j["family"], "swish-like");
}

TEST(InspectNearest, UndefinedDistanceIsTheStringNan) {
  const nlohmann::json j = inspect_json("log(x)");
  EXPECT_EQ(j["nearest"]["name"], "none");
  EXPECT_EQ(j["nearest"]["distance"], "nan");
  EXPECT_EQ(j["family"], "other");
}

TEST(InspectNearest, TextHasNearestAndFamilyLines) {
  const std::string text = inspect_text(inspect_json("max(x, 0.2*x)"));
  EXPECT_NE(text.find("nearest      leaky_relu (a 0.2) at distance 0.0000\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("family       piecewise-linear\n"), std::string::npos) << text;
}

TEST(InspectNearest, CliJsonCarriesTheKeys) {
  const testing::CliResult r = testing::run_cli("inspect tanh --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["nearest"]["name"], "tanh");
  EXPECT_EQ(j["family"], "saturating");
}

TEST(NearestFormat, DescribeRoundsNoiseToZero) {
  const grammar::Nearest relu{"leaky_relu", {{"a", -2.1e-9}}, 0.0};
  EXPECT_EQ(describe(relu), "leaky_relu (a 0)");
  const grammar::Nearest pwl{"piecewise_linear", {{"t1", 0.5}, {"s1", 0.1}, {"s2", 1.25}}, 0.0};
  EXPECT_EQ(describe(pwl), "piecewise_linear (t1 0.5, s1 0.1, s2 1.25)");
  EXPECT_EQ(describe({"tanh", {}, 0.02}), "tanh");
}

}  // namespace
}  // namespace actsearch::search
