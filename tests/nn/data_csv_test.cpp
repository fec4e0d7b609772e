// CSV loader: headers, layout tolerance, classification and regression, and one exact error
// per kind of bad file.
#include <gtest/gtest.h>

#include "nn/data/csv.hpp"
#include "tests/nn/data_files.hpp"

namespace actsearch::nn {
namespace {

using testing::error_of;
using testing::fresh_dir;

std::string parse_error(const std::string& text, bool regression = false) {
  return error_of([&] { parse_csv(text, "f.csv", regression); });
}

TEST(NnDataCsv, ReadsFeaturesAndLabelsWithAHeader) {
  const Dataset d = parse_csv("x0,x1,label\n0.5,-1,2\n1e-3, 2.25 ,0\n", "f.csv", false);
  ASSERT_EQ(d.features(), 2);
  ASSERT_EQ(d.size(), 2);
  EXPECT_EQ(d.x(0, 0), 0.5f);
  EXPECT_EQ(d.x(1, 0), -1.0f);
  EXPECT_EQ(d.x(0, 1), 1e-3f);
  EXPECT_EQ(d.x(1, 1), 2.25f);
  EXPECT_EQ(d.labels, (std::vector<std::int32_t>{2, 0}));
  EXPECT_EQ(d.classes, 3);
  EXPECT_EQ(d.name, "f.csv");
}

TEST(NnDataCsv, FirstLineIsDataWhenAllNumeric) {
  const Dataset d = parse_csv("1,2,1\n3,4,0\n", "f.csv", false);
  EXPECT_EQ(d.size(), 2);
  EXPECT_EQ(d.x(0, 0), 1.0f);
}

TEST(NnDataCsv, ToleratesCrlfBlankLinesAndIntegralFloatLabels) {
  const Dataset d = parse_csv("\r\na,b\r\n+1.5,3.0\r\n\n-2,1\r\n\r\n\n", "f.csv", false);
  EXPECT_EQ(d.size(), 2);
  EXPECT_EQ(d.x(0, 0), 1.5f);
  EXPECT_EQ(d.labels, (std::vector<std::int32_t>{3, 1}));
  EXPECT_EQ(d.classes, 4);
}

TEST(NnDataCsv, RegressionTargets) {
  const Dataset d = parse_csv("x,y\n0.5,-1.25\n2,0.1\n", "f.csv", true);
  EXPECT_FALSE(d.is_classification());
  ASSERT_EQ(d.targets.rows(), 1);
  ASSERT_EQ(d.targets.cols(), 2);
  EXPECT_EQ(d.targets(0, 0), -1.25f);
  EXPECT_EQ(d.targets(0, 1), 0.1f);
  EXPECT_EQ(d.outputs(), 1);
  EXPECT_TRUE(d.labels.empty());
}

TEST(NnDataCsv, LoadsPlainAndGzipFiles) {
  const std::string dir = fresh_dir("nn_data");
  const std::string text = "0.25,0.75,1\n-0.5,0.125,0\n";
  testing::write_file(dir + "/d.csv", text);
  testing::write_gzip(dir + "/d.csv.gz", testing::Bytes(text.begin(), text.end()));
  const Dataset plain = load_csv(dir + "/d.csv");
  const Dataset gz = load_csv(dir + "/d.csv.gz");
  EXPECT_EQ(plain.x, gz.x);
  EXPECT_EQ(plain.labels, gz.labels);
  EXPECT_EQ(plain.name, dir + "/d.csv");
  EXPECT_EQ(plain.x(1, 1), 0.125f);
}

TEST(NnDataCsv, MissingFile) {
  const std::string dir = fresh_dir("nn_data");
  EXPECT_EQ(error_of([&] { load_csv(dir + "/none.csv"); }), dir + "/none.csv: no such file");
}

TEST(NnDataCsv, EmptyFile) {
  EXPECT_EQ(parse_error(""), "f.csv: empty file");
  EXPECT_EQ(parse_error("\n \r\n\n"), "f.csv: empty file");
}

TEST(NnDataCsv, HeaderWithoutRows) {
  EXPECT_EQ(parse_error("x0,x1,label\n\n"), "f.csv: no data rows");
}

TEST(NnDataCsv, RaggedRows) {
  EXPECT_EQ(parse_error("x0,x1,label\n1,2,0\n1,2\n"), "f.csv:3: 2 fields, expected 3 as on line 1");
  EXPECT_EQ(parse_error("\n1,2,0\n1,2,0,4\n"), "f.csv:3: 4 fields, expected 3 as on line 2");
  EXPECT_EQ(parse_error("1,2,0\n1,2,\n"), "f.csv:2: field 3 is not a number: ''");
}

TEST(NnDataCsv, NonNumericFields) {
  EXPECT_EQ(parse_error("a,b,c\n1,2,0\n3,abc,1\n"), "f.csv:3: field 2 is not a number: 'abc'");
  EXPECT_EQ(parse_error("1,2,0\n1,2,cat\n"), "f.csv:2: field 3 is not a number: 'cat'");
  EXPECT_EQ(parse_error("1,2,0\n1 2,2,0\n"), "f.csv:2: field 1 is not a number: '1 2'");
  EXPECT_EQ(parse_error("1,2,0\n\"1\",2,0\n"), "f.csv:2: field 1 is not a number: '\"1\"'");
}

TEST(NnDataCsv, MessagesShowFieldsOnOneReadableLine) {
  EXPECT_EQ(parse_error("1,2,0\n1,\x01\xff\r2,0\n"),
            "f.csv:2: field 2 is not a number: '\\x01\\xff\\x0d2'");
  // Built by appending: GCC 12 at -O3 with AVX-512 takes `"..." + std::string(50, 'a')` for
  // an out-of-bounds memcpy (a false -Warray-bounds inside libstdc++).
  std::string csv = "1,2,0\n";
  csv.append(50, 'a').append(",2,0\n");
  std::string message = "f.csv:2: field 1 is not a number: '";
  message.append(40, 'a').append("...'");
  EXPECT_EQ(parse_error(csv), message);
}

TEST(NnDataCsv, NonFiniteValues) {
  EXPECT_EQ(parse_error("1,nan,0\n"), "f.csv:1: field 2 is not a finite float: 'nan'");
  EXPECT_EQ(parse_error("1,2,0\n-inf,2,0\n"), "f.csv:2: field 1 is not a finite float: '-inf'");
  EXPECT_EQ(parse_error("1,1e39,0\n"), "f.csv:1: field 2 is not a finite float: '1e39'");
  EXPECT_EQ(parse_error("1,2,inf\n", true), "f.csv:1: field 3 is not a finite float: 'inf'");
}

TEST(NnDataCsv, LabelsMustBeClassIndices) {
  EXPECT_EQ(parse_error("1,2,0\n1,2,-1\n"),
            "f.csv:2: label '-1' is not a class index (an integer from 0 to 9999)");
  EXPECT_EQ(parse_error("1,2,1.5\n"),
            "f.csv:1: label '1.5' is not a class index (an integer from 0 to 9999)");
  EXPECT_EQ(parse_error("1,2,10000\n"),
            "f.csv:1: label '10000' is not a class index (an integer from 0 to 9999)");
  EXPECT_EQ(parse_error("1,2,nan\n"),
            "f.csv:1: label 'nan' is not a class index (an integer from 0 to 9999)");
  EXPECT_EQ(parse_csv("1,2,1.5\n", "f.csv", true).targets(0, 0), 1.5f);
}

TEST(NnDataCsv, NeedsAFeatureAndALabel) {
  EXPECT_EQ(parse_error("label\n1\n"),
            "f.csv:1: 1 field; need the features and then the label (at least 2 fields)");
  EXPECT_EQ(parse_error("\n3\n"),
            "f.csv:2: 1 field; need the features and then the label (at least 2 fields)");
}

}  // namespace
}  // namespace actsearch::nn
