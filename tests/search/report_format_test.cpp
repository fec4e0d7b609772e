// The number formats shared by the report renderers.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "search/stats/format.hpp"

namespace actsearch::search::report_format {
namespace {

TEST(ReportFormat, Percentages) {
  EXPECT_EQ(percent(0.87123), "87.12%");
  EXPECT_EQ(percent(NAN), kMissing);
  EXPECT_EQ(percent_ci({3, 0.95, 0.01, {0.925159, 0.974841}}), "95.00% ± 2.48");
  EXPECT_EQ(percent_ci({3, 0.996, 0.0, {0.996, 0.996}}), "99.60% ± 0.00");  // equal seeds
  EXPECT_EQ(percent_ci({1, 0.93, 0.0, {0.93, 0.93}}), "93.00%");            // one seed
  EXPECT_EQ(ci_range({3, 0.95, 0.01, {0.925159, 0.974841}}), "[92.52, 97.48]");
  EXPECT_EQ(points(0.0084), "+0.84 pp");
  EXPECT_EQ(points(-0.02), "-2.00 pp");
}

TEST(ReportFormat, PValuesDistancesDurations) {
  EXPECT_EQ(p_value(0.0306), "0.031");
  EXPECT_EQ(p_value(0.0004), "< 0.001");
  EXPECT_EQ(p_value(NAN), kMissing);
  EXPECT_EQ(distance(0.04249), "0.042");
  EXPECT_EQ(real(1.23456), "1.23");
  EXPECT_EQ(real(-3e-12), "0");
  EXPECT_EQ(duration(42.4), "42 s");
  EXPECT_EQ(duration(192), "3 min 12 s");
  EXPECT_EQ(duration(7500), "2 h 05 min");
  EXPECT_EQ(duration(NAN), kMissing);
}

// At most kDisplayDigits significant digits, even where the decimals would give more.
TEST(ReportFormat, FixedDecimalsUpToFourDigits) {
  EXPECT_EQ(fixed(87.123, 2), "87.12");
  EXPECT_EQ(fixed(99.996, 2), "100.0");
  EXPECT_EQ(fixed(1234.56, 2), "1235");
  EXPECT_EQ(fixed(123456.7, 2), "123457");
  EXPECT_EQ(fixed(2.302585, 4), "2.303");
  EXPECT_EQ(fixed(-12.3456, 3), "-12.35");
  EXPECT_EQ(fixed(0.35123, 4), "0.3512");
  EXPECT_EQ(fixed(0.0012345, 4), "0.0012");
  EXPECT_EQ(fixed(0.0, 4), "0.0000");
  EXPECT_EQ(fixed(INFINITY, 2), "inf");
  EXPECT_EQ(percent(1.0), "100.0%");
  EXPECT_EQ(points(-1.0), "-100.0 pp");
  EXPECT_EQ(points(0.0), "+0.00 pp");
  EXPECT_EQ(ci_range({3, 0.99, 0.01, {0.98, 1.0}}), "[98.00, 100.0]");
  EXPECT_EQ(distance(12.34567), "12.35");
}

TEST(ReportFormat, ExpressionsForReading) {
  EXPECT_EQ(expression("abs(beta=1.9061209042851535)*sin(min(beta1=1.3815938488968647, x))"),
            "abs(beta=1.906)*sin(min(beta1=1.382, x))");
  EXPECT_EQ(expression("relu(x) + 0.5*x"), "relu(x) + 0.5*x");  // nothing to round: as written
  EXPECT_EQ(expression("pwlu"), "pwlu");
  EXPECT_EQ(expression(""), "");
}

TEST(ReportFormat, RoundedConfiguration) {
  const nlohmann::json config = {{"chance_loss", {{"moons", 0.6931471805599453}}},
                                 {"lr", {0.001, 2.302585092994046}},
                                 {"name", "x"},
                                 {"top", 10}};
  EXPECT_EQ(rounded(config).dump(),
            R"({"chance_loss":{"moons":0.6931},"lr":[0.001,2.303],"name":"x","top":10})");
}

}  // namespace
}  // namespace actsearch::search::report_format
