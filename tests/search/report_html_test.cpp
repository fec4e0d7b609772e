// report.html of the hand-written run: well-formed XHTML, self-contained, one plot per
// ranked function and one learned-shape plot per function with parameters.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "search/report/html.hpp"
#include "search/report/svg.hpp"
#include "tests/search/report_fixture.hpp"
#include "tests/support/display_digits.hpp"
#include "tests/support/xml_check.hpp"

namespace actsearch::search {
namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t i = text.find(part); i != std::string::npos; i = text.find(part, i + 1)) ++n;
  return n;
}

TEST(XmlCheck, CatchesWhatItShould) {
  using testing::xml_error;
  EXPECT_EQ(xml_error("<a><b x=\"1\"/>t &amp; &#160;</a>"), "");
  EXPECT_NE(xml_error("<a><b></a></b>"), "");
  EXPECT_NE(xml_error("<a>&nbsp;</a>"), "");
  EXPECT_NE(xml_error("<a x=1></a>"), "");
  EXPECT_NE(xml_error("<a></a><b></b>"), "");
  EXPECT_NE(xml_error("<a><br></a>"), "");
}

TEST(ReportHtml, IsWellFormedAndSelfContained) {
  const std::string html = render_html(testing::report_model());
  EXPECT_EQ(testing::xml_error(html), "");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  // The only URL is the SVG and XHTML namespace names, which are never fetched.
  EXPECT_EQ(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/"));
  std::ofstream(std::string(ACTSEARCH_TEST_TMP) + "/report_fixture.html") << html;
}

// What the page shows (tables, captions, sentences, tooltips, tick labels) holds no
// number of more than 4 significant digits, though the run wrote them with 17.
TEST(ReportHtml, NoVisibleNumberShowsMoreThanFourDigits) {
  for (const bool final_stage : {true, false}) {
    const std::string html = render_html(testing::long_numbers_model(final_stage));
    EXPECT_EQ(testing::xml_error(html), "");
    const std::string text = testing::visible_text(html);
    EXPECT_EQ(testing::long_numbers(text), std::vector<std::string>{}) << text;
    EXPECT_NE(text.find("x*sigmoid(beta=1.906*x)"), std::string::npos) << text;
    EXPECT_NE(text.find("max(x, 0.2183*x)"), std::string::npos) << text;
  }
  const std::string text = testing::visible_text(render_html(testing::long_numbers_model()));
  EXPECT_NE(text.find("0.6931"), std::string::npos) << text;  // the configuration's chance loss
  EXPECT_NE(text.find("candidates.csv and summary.json hold them exactly"), std::string::npos);
}

TEST(DisplayDigits, FindsLongNumbersInVisibleText) {
  const std::string text =
      testing::visible_text("<p title=\"1.23456\">a<b>2.5</b></p><style>p{x:1.23456}</style>");
  EXPECT_EQ(text.find("1.23456"), std::string::npos) << text;
  EXPECT_NE(text.find("2.5"), std::string::npos) << text;
  EXPECT_EQ(testing::long_numbers("1.9061209042851535 0.9500 100.0 1e-07 beta12345 x 0.1.0 "
                                  "00000000000000a0 1.23456."),
            (std::vector<std::string>{"1.9061209042851535", "1.23456"}));
}

TEST(ReportHtml, OnePlotPerRankedFunction) {
  for (const std::size_t k : {1u, 2u, 3u}) {
    const std::string html = render_html(testing::report_model(k));
    EXPECT_EQ(count(html, "id=\"fn"), k);
    EXPECT_EQ(count(html, "class=\"f\""), k);
  }
}

TEST(ReportHtml, LearnedShapesForFunctionsWithParameters) {
  const std::string html = render_html(testing::report_model());
  // The swish (beta) and the PWLU baseline, two layers each.
  EXPECT_EQ(count(html, "id=\"layers"), 2u);
  EXPECT_EQ(count(html, "class=\"layer\""), 4u);
  EXPECT_NE(html.find("<code>x*sigmoid(beta*x)</code> \u2014 2 layers; beta by layer: 1.3, 1.7"),
            std::string::npos);
}

TEST(ReportHtml, TablesAndSections) {
  const std::string html = render_html(testing::report_model());
  for (const char* id : {"rediscovery", "ranking", "shapes", "learned", "baselines", "search",
                         "rejections", "config"}) {
    EXPECT_NE(html.find(std::string("<section id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(html.find("<td class=\"expr\"><code>x*sigmoid(beta*x)</code></td>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"pill fam-swish-like\">swish-like</span>"), std::string::npos);
  EXPECT_NE(html.find("<td>derivative &quot;not finite&quot;, or linear</td>"), std::string::npos);
  EXPECT_NE(html.find("<p>1 swish-like function was found among the 5 trained. The best, "
                      "<code>x*sigmoid(beta*x)</code>"),
            std::string::npos);
}

TEST(ReportHtml, ProvisionalRunIsWellFormedToo) {
  const std::string html = render_html(testing::report_model(3, false));
  EXPECT_EQ(testing::xml_error(html), "");
  EXPECT_NE(html.find("status partial"), std::string::npos);
  EXPECT_EQ(count(html, "id=\"fn"), 3u);
}

TEST(ReportHtml, ExpressionsAreEscaped) {
  ReportModel m = testing::report_model();
  m.top[0].expr = "x<y & \"z\"";
  const std::string html = render_html(m);
  EXPECT_EQ(testing::xml_error(html), "");
  EXPECT_NE(html.find("x&lt;y &amp; &quot;z&quot;"), std::string::npos);
}

TEST(Svg, NiceTicks) {
  EXPECT_EQ(svg::ticks(-5, 5), (std::vector<double>{-4, -2, 0, 2, 4}));
  EXPECT_EQ(svg::ticks(0.8, 0.96), (std::vector<double>{0.8, 0.85, 0.9, 0.95}));
  EXPECT_TRUE(svg::ticks(1, 1).empty());
}

TEST(Svg, RangeCoversTheFiniteValues) {
  const std::vector<double> a{1.0, NAN, 3.0}, b{INFINITY, 2.0};
  const svg::Range r = svg::fit_range({&a, &b}, true);
  EXPECT_DOUBLE_EQ(r.lo, -0.15);
  EXPECT_DOUBLE_EQ(r.hi, 3.15);
}

TEST(Svg, NonFiniteValuesBreakTheLine) {
  svg::Plot p;
  p.id = "t";
  p.lines.push_back({{0.0, 0.25, 0.5, 0.75}, {0.0, NAN, 0.5, 0.75}, "f", ""});
  const std::string out = svg::render(p);
  EXPECT_EQ(testing::xml_error(out), "");
  EXPECT_EQ(count(out, " M"), 1u);  // a second subpath after the gap
}

}  // namespace
}  // namespace actsearch::search
