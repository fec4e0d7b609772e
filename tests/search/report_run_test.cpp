// Reports rebuilt from a run folder: config.json plus the hand-written journal of
// tests/search/report_fixture.hpp. The ranked table's statistics come from the run's summary and
// are checked against values computed here from the journal's numbers with Boost.Math directly;
// the files are written; a torn last line is ignored; `actsearch report` prints the chosen
// format and exits 2 on a folder that is not a run.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/export/export.hpp"
#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "search/data/journal.hpp"
#include "search/data/run_config.hpp"
#include "search/report/report.hpp"
#include "search/stats/summary.hpp"
#include "search/tools/export_source.hpp"
#include "tests/search/report_fixture.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/display_digits.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using actsearch::testing::fresh_dir;
using V = std::vector<double>;

// The fixture's run: one task (moons, chance loss ln 2), two rungs, top 3, three final seeds,
// baselines relu and pwlu.
fs::path make_run(const std::string& name, const std::string& journal = testing::kReportJournal) {
  const fs::path dir = fresh_dir("report", name + "_" + std::to_string(::getpid()));
  write_config(dir, run_config_json(testing::report_config(), {std::log(2.0)}));
  std::ofstream(journal_path(dir)) << journal;
  return dir;
}

double mean_of(const V& v) { return std::accumulate(v.begin(), v.end(), 0.0) / v.size(); }

double var_of(const V& v) {
  const double m = mean_of(v);
  double s = 0.0;
  for (const double x : v) s += (x - m) * (x - m);
  return s / (v.size() - 1);
}

double half_width(const V& v) {
  const double t = boost::math::quantile(boost::math::students_t(v.size() - 1.0), 0.975);
  return t * std::sqrt(var_of(v) / v.size());
}

double welch_p(const V& a, const V& b) {
  const double va = var_of(a) / a.size(), vb = var_of(b) / b.size();
  const double t = (mean_of(a) - mean_of(b)) / std::sqrt(va + vb);
  const double dof = (va + vb) * (va + vb) / (va * va / (a.size() - 1) + vb * vb / (b.size() - 1));
  return 2.0 *
         boost::math::cdf(boost::math::complement(boost::math::students_t(dof), std::fabs(t)));
}

// Scores of the fixture's final losses: (ln 2 - L) / (ln 2 - mean ReLU loss).
V scores(const V& losses) {
  const double c = std::log(2.0), relu = (0.22 + 0.23 + 0.21) / 3.0;
  V out;
  for (const double l : losses) out.push_back((c - l) / (c - relu));
  return out;
}

TEST(ReportRun, RankedTableMatchesIndependentStatistics) {
  const ReportModel m = load_run_report(make_run("stats"));
  ASSERT_TRUE(m.final_stage_done);
  ASSERT_EQ(m.top.size(), 3u);
  const V acc[] = {{0.95, 0.96, 0.94}, {0.93, 0.92, 0.94}, {0.90, 0.91, 0.89}};
  const V loss[] = {{0.15, 0.14, 0.16}, {0.20, 0.21, 0.19}, {0.30, 0.29, 0.31}};
  const V relu = scores({0.22, 0.23, 0.21});
  V raw;
  for (const V& l : loss) raw.push_back(welch_p(scores(l), relu));
  // Holm over three: the smallest raw p is sin's (index 2), then the swish's, then leaky's.
  ASSERT_LT(raw[2], raw[0]);
  ASSERT_LT(raw[0], raw[1]);
  const double holm[] = {std::max(3 * raw[2], 2 * raw[0]),
                         std::max({3 * raw[2], 2 * raw[0], raw[1]}), 3 * raw[2]};
  const int ranks[] = {1, 3, 5};  // pwlu is #2, relu #4
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(m.top[i].expr);
    EXPECT_EQ(m.top[i].rank, ranks[i]);
    EXPECT_NEAR(m.top[i].val_accuracy.mean, mean_of(acc[i]), 1e-12);
    EXPECT_NEAR(m.top[i].val_accuracy.ci95.hi - m.top[i].val_accuracy.mean, half_width(acc[i]),
                1e-12);
    EXPECT_NEAR(m.top[i].score.mean, mean_of(scores(loss[i])), 1e-12);
    EXPECT_NEAR(m.top[i].p_vs_relu, std::min(1.0, holm[i]), 1e-9);
    EXPECT_NEAR(m.top[i].delta_relu, mean_of(acc[i]) - 0.92, 1e-12);
  }
  ASSERT_EQ(m.baselines.size(), 2u);
  EXPECT_EQ(m.baselines[0].rank, 2);  // pwlu
  EXPECT_EQ(m.baselines[1].rank, 4);  // relu
  EXPECT_NEAR(m.baselines[0].p_vs_relu, welch_p(scores({0.18, 0.19, 0.17}), relu), 1e-9);
}

TEST(ReportRun, MarkdownRowsFromTheJournal) {
  const std::string md = render(load_run_report(make_run("md")), ReportFormat::Markdown);
  EXPECT_NE(md.find("| 1 | `x*sigmoid(beta*x)` | 6 | 95.00% ± 2.48 | 3 | +3.00 pp | 0.002 | "
                    "95.00% ± 1.24 | beta 1.4 | swish (beta 1.4) | 0.000 | swish-like |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| 4 | relu | 92.00% ± 2.48 | 3 | +0.00 pp | – | 91.17% ± 1.90 | – |\n"),
            std::string::npos)
      << md;
}

TEST(ReportRun, WritesTheFourFiles) {
  const fs::path dir = make_run("files");
  write_reports(dir, load_run_report(dir, 2));
  for (const char* file : {"report.md", "report.html", "candidates.csv", "summary.json"}) {
    EXPECT_TRUE(fs::exists(dir / file)) << file;
    EXPECT_FALSE(fs::exists(dir / (std::string(file) + ".tmp"))) << file;
  }
  std::ifstream in(dir / "summary.json");
  const nlohmann::json summary = nlohmann::json::parse(in);
  EXPECT_EQ(summary["top"][0]["nearest"]["name"], "swish");
  EXPECT_EQ(summary["top"][0]["family"], "swish-like");
  EXPECT_EQ(summary["top"][1]["family"], "piecewise-linear");
  EXPECT_DOUBLE_EQ(summary["wall_seconds"].get<double>(), 43.5);  // from the records' clocks
}

std::string file_text(const fs::path& path) {
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  return text.str();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The initial value of the first parameter of an expression text.
double first_init(const std::string& text) { return grammar::param_inits(grammar::parse(text))[0]; }

// What programs read keeps every digit the run wrote: config.json, the journal,
// summary.json, candidates.csv and the exported code give back the very same doubles.
TEST(ReportRun, MachineOutputsKeepEveryDigit) {
  const fs::path dir = make_run("exact", testing::with_long_numbers(testing::kReportJournal));
  write_reports(dir, load_run_report(dir));
  EXPECT_EQ(read_config(dir)["chance_loss"]["moons"].get<double>(), std::log(2.0));

  const std::vector<EvalRecord> records = read_records(dir);
  const fs::path copy = make_run("exact_copy", "");
  {
    JournalWriter journal(copy);
    for (const EvalRecord& r : records) journal.append(to_json(r));
  }
  EXPECT_EQ(read_records(copy), records);
  EXPECT_EQ(records[11].params_per_layer[0][0], 1.2345678901234567);  // the first final record

  const nlohmann::json summary = nlohmann::json::parse(file_text(dir / "summary.json"));
  const std::string swish = summary["top"][0]["expr"].get<std::string>();
  EXPECT_EQ(swish, "x*sigmoid(beta=1.9061209042851535*x)");
  EXPECT_EQ(first_init(swish), 1.9061209042851535);
  EXPECT_EQ(summary["top"][1]["expr"], "max(x, 0.21834567890123457*x)");
  const ReportModel r = load_run_report(dir);
  EXPECT_EQ(summary["top"][0]["score"]["ci95"][0].get<double>(), r.top[0].score.ci95.lo);

  const std::string csv = file_text(dir / "candidates.csv");
  EXPECT_TRUE(has(csv, "x*sigmoid(beta=1.9061209042851535*x)")) << csv;
  EXPECT_TRUE(has(csv, "0.21834567890123457*x")) << csv;
  EXPECT_TRUE(has(csv, "beta=" + grammar::print_number(r.candidates[0].params[0].second))) << csv;
  EXPECT_TRUE(has(csv, grammar::print_number(r.top[0].score.mean))) << csv;

  const ExportSource best = run_function(dir, 1);
  EXPECT_EQ(grammar::param_inits(best.expr)[0], 1.9061209042851535);
  ASSERT_EQ(best.params.size(), 1u);
  EXPECT_TRUE(has(grammar::export_code(best.expr, grammar::Target::NumPy, "f", best.params),
                  grammar::print_number(best.params[0])));
  const ExportSource leaky = run_function(dir, 3);
  EXPECT_TRUE(
      has(grammar::export_code(leaky.expr, grammar::Target::Cpp, "f"), "0.21834567890123457"));
}

// The table `actsearch search` prints when it ends shows what a person reads.
TEST(ReportRun, SearchRankingShowsAtMostFourDigits) {
  const ReportModel r =
      load_run_report(make_run("ranking", testing::with_long_numbers(testing::kReportJournal)));
  const std::string table = format_ranking(r.summary, 10);
  EXPECT_EQ(testing::long_numbers(table), std::vector<std::string>{}) << table;
  EXPECT_TRUE(has(table, "x*sigmoid(beta=1.906*x)")) << table;
  EXPECT_TRUE(has(table, "max(x, 0.2183*x)")) << table;
  EXPECT_TRUE(has(table, "relu (baseline)")) << table;
}

TEST(ReportRun, TornLastLineIsIgnored) {
  const fs::path dir = make_run("torn", testing::kReportJournal + "{\"kind\":\"eval\",\"sta");
  const ReportModel r = load_run_report(dir);
  EXPECT_EQ(r.summary.counts.trainings, 23u);
  EXPECT_TRUE(r.final_stage_done);
}

TEST(ReportRun, StoppedBeforeTheFinalStage) {
  const std::string journal =
      testing::kReportJournal.substr(0, testing::kReportJournal.find("{\"kind\":\"final\""));
  const ReportModel r = load_run_report(make_run("early", journal));
  EXPECT_FALSE(r.final_stage_done);
  EXPECT_EQ(r.top.size(), 3u);
  EXPECT_TRUE(r.top[0].provisional);
  EXPECT_NE(render(r, ReportFormat::Markdown).find("**The final stage has not run**"),
            std::string::npos);
}

TEST(ReportRun, Formats) {
  EXPECT_EQ(parse_report_format("md"), ReportFormat::Markdown);
  EXPECT_EQ(parse_report_format("json"), ReportFormat::Json);
  try {
    parse_report_format("xml");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "unknown report format 'xml' (expected md, html, csv or json)");
  }
}

TEST(CliReport, PrintsTheChosenFormat) {
  const fs::path dir = make_run("cli");
  const testing::CliResult md = testing::run_cli("report '" + dir.string() + "'");
  ASSERT_EQ(md.status, 0) << md.err;
  EXPECT_EQ(md.out.rfind("# actsearch run `" + dir.filename().string() + "`", 0), 0u) << md.out;
  const testing::CliResult csv =
      testing::run_cli("report '" + dir.string() + "' --format csv --top 1");
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("kind,expr,complexity,", 0), 0u);
  const testing::CliResult json = testing::run_cli("report '" + dir.string() + "' --format json");
  ASSERT_EQ(json.status, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["top"].size(), 3u);
  EXPECT_TRUE(fs::exists(dir / "report.html"));
}

TEST(CliReport, NotARunExitsTwo) {
  const fs::path dir = fresh_dir("report", "not_a_run_" + std::to_string(::getpid()));
  const testing::CliResult r = testing::run_cli("report '" + dir.string() + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "error: " + dir.string() + " is not an actsearch run: no config.json\n");
  EXPECT_TRUE(r.out.empty());
  const testing::CliResult bad =
      testing::run_cli("report '" + make_run("fmt").string() + "' --format xml");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err, "error: unknown report format 'xml' (expected md, html, csv or json)\n");
}

}  // namespace
}  // namespace actsearch::search
