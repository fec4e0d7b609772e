// candidates.csv of the hand-written run: one row per distinct function and baseline, every
// row as wide as the header, RFC 4180 quoting.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search/report/csv.hpp"
#include "tests/search/report_fixture.hpp"

namespace actsearch::search {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// An RFC 4180 reader: CRLF records, quoted fields with doubled quotes.
Rows parse_csv(const std::string& text) {
  Rows rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = rows.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"', ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

std::string field(const Rows& rows, std::size_t row, std::string_view column) {
  const auto& columns = csv_columns();
  const auto it = std::find(columns.begin(), columns.end(), column);
  return rows.at(row).at(static_cast<std::size_t>(it - columns.begin()));
}

TEST(ReportCsv, OneRowPerDistinctFunctionAndBaseline) {
  const Rows rows = parse_csv(render_csv(testing::report_model()));
  ASSERT_EQ(rows.size(), 1u + 7u + 2u);
  for (const auto& row : rows) EXPECT_EQ(row.size(), csv_columns().size());
  EXPECT_EQ(rows[0][0], "kind");
  EXPECT_EQ(field(rows, 1, "expr"), "x*sigmoid(beta*x)");
  EXPECT_EQ(field(rows, 1, "screen_val_accuracy"), "0.9");
  EXPECT_EQ(field(rows, 1, "highest_rung"), "1");
  EXPECT_EQ(field(rows, 1, "final_rank"), "1");
  EXPECT_EQ(field(rows, 1, "final_val_accuracy"), "0.95");
  EXPECT_EQ(field(rows, 1, "learned_params"), "beta=1.35");
  EXPECT_EQ(field(rows, 1, "nearest"), "swish");
  EXPECT_EQ(field(rows, 1, "family"), "swish-like");
  EXPECT_EQ(field(rows, 3, "status"), "rejected");
  EXPECT_EQ(field(rows, 3, "screen_val_accuracy"), "");  // undefined: empty
  EXPECT_EQ(field(rows, 5, "status"), "diverged");
  EXPECT_EQ(field(rows, 5, "screen_val_loss"), "inf");
  EXPECT_EQ(field(rows, 8, "kind"), "baseline");
  EXPECT_EQ(field(rows, 8, "expr"), "pwlu");  // baselines by rank
  EXPECT_EQ(field(rows, 9, "expr"), "relu");
  EXPECT_EQ(field(rows, 9, "final_rank"), "4");
  EXPECT_EQ(field(rows, 9, "p_vs_relu"), "");
}

TEST(ReportCsv, Rfc4180Quoting) {
  const std::string csv = render_csv(testing::report_model());
  EXPECT_NE(csv.find(",\"max(x, 0.2*x)\","), std::string::npos);
  EXPECT_NE(csv.find(",\"derivative \"\"not finite\"\", or linear\","), std::string::npos);
  EXPECT_EQ(csv.find('\n') - 1, csv.find("\r\n"));  // CRLF line ends
  const Rows rows = parse_csv(csv);
  EXPECT_EQ(field(rows, 6, "reason"), "derivative \"not finite\", or linear");
}

TEST(ReportCsv, Field) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(""), "");
}

}  // namespace
}  // namespace actsearch::search
