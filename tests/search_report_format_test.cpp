// The number formats shared by the report renderers.
#include <gtest/gtest.h>

#include <cmath>

#include "search/report_format.hpp"

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

}  // namespace
}  // namespace actsearch::search::report_format
