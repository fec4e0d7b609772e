// The report model of a hand-written run: counts, timing, the search-stage rows, progress,
// Pareto front, the final stage as the summary ranks it, learned parameters, curves and
// the nearest-known analysis, and the provisional ranking of a run without a final stage.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "grammar/base/error.hpp"
#include "search/report/model.hpp"
#include "tests/search/report_fixture.hpp"

namespace actsearch::search {
namespace {

using testing::report_model;

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The value of a curve at x = 5 (its last sample) and x = -5 (its first).
double at_plus5(const Curve& c) { return c.f.back(); }
double at_minus5(const Curve& c) { return c.f.front(); }

TEST(ReportModel, CountsProposalsByKind) {
  const ReportModel m = report_model();
  EXPECT_EQ(m.summary.counts.proposals, 8u);
  EXPECT_EQ(m.summary.counts.distinct, 5u);
  EXPECT_EQ(m.summary.counts.duplicates, 1u);
  EXPECT_EQ(m.summary.counts.rejected, 2u);
  EXPECT_EQ(m.summary.counts.diverged, 1u);
  EXPECT_EQ(m.summary.counts.trainings, 23u);
  ASSERT_EQ(m.summary.counts.rejected_by_reason.size(), 2u);
  EXPECT_EQ(m.summary.counts.rejected_by_reason.at("constant"), 1u);
}

TEST(ReportModel, TimingFromTheRecordsClocks) {
  const ReportModel m = report_model();
  // First training started at 1700000002 - 2 s; the last record is at 1700000043.5.
  EXPECT_DOUBLE_EQ(m.summary.timing.wall_seconds, 43.5);
  EXPECT_DOUBLE_EQ(m.summary.timing.train_seconds, 46.0);
  EXPECT_DOUBLE_EQ(m.summary.timing.trainings_per_minute, 60.0 * 23 / 43.5);
}

TEST(ReportModel, OneRowPerDistinctFunctionInProposalOrder) {
  const ReportModel m = report_model();
  const std::vector<std::string> expected{
      "x*sigmoid(beta*x)", "max(x, 0.2*x)", "0", "sin(x)", "exp(x)", "2*x", "x^2"};
  ASSERT_EQ(m.candidates.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(m.candidates[i].expr, expected[i]);
  const CandidateRow& swish = m.candidates[0];
  EXPECT_EQ(swish.status, EvalStatus::Ok);
  EXPECT_EQ(swish.rung, 1);
  EXPECT_EQ(swish.trainings, 2u);
  EXPECT_EQ(swish.complexity, 6u);
  EXPECT_DOUBLE_EQ(swish.screen_accuracy.mean, 0.9);
  EXPECT_DOUBLE_EQ(swish.rung_accuracy.mean, 0.93);
  EXPECT_DOUBLE_EQ(swish.train_seconds, 10.0);  // two search trainings, three final ones
  ASSERT_EQ(swish.params.size(), 1u);
  EXPECT_DOUBLE_EQ(swish.params[0].second, 1.35);  // rung 1, layers 1.2 and 1.5
  EXPECT_EQ(swish.final_index, 0);
  EXPECT_EQ(m.candidates[2].status, EvalStatus::Rejected);
  EXPECT_EQ(m.candidates[2].reason, "constant");
  EXPECT_EQ(m.candidates[2].rung, -1);
  EXPECT_EQ(m.candidates[4].status, EvalStatus::Diverged);
  EXPECT_EQ(m.candidates[4].reason, "loss not finite");
  EXPECT_EQ(m.candidates[6].final_index, -1);
}

TEST(ReportModel, ProgressAndParetoFront) {
  const ReportModel m = report_model();
  ASSERT_EQ(m.progress.size(), 5u);
  const double accuracy[] = {0.9, 0.88, 0.8, 0.5, 0.6};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(m.progress[i].evaluation, i + 1);
    EXPECT_DOUBLE_EQ(m.progress[i].accuracy, accuracy[i]);
    EXPECT_DOUBLE_EQ(m.progress[i].best, 0.9);
  }
  // sin(x) is the best of size 2, then max(x, 0.2*x) at 5 nodes and the swish at 6.
  EXPECT_EQ(m.pareto, (std::vector<std::size_t>{3, 1, 0}));
  EXPECT_EQ(m.screen_rung, 0);
  EXPECT_DOUBLE_EQ(m.relu_screen_accuracy, 0.85);
}

TEST(ReportModel, FinalStageRanksFromTheSummary) {
  const ReportModel m = report_model();
  ASSERT_TRUE(m.final_stage_done);
  ASSERT_EQ(m.top.size(), 3u);
  EXPECT_EQ(m.top[0].expr, "x*sigmoid(beta*x)");
  EXPECT_EQ(m.top[0].rank, 1);
  EXPECT_EQ(m.top[1].rank, 3);
  EXPECT_EQ(m.top[2].rank, 5);
  EXPECT_DOUBLE_EQ(m.top[0].val_accuracy.mean, 0.95);
  EXPECT_DOUBLE_EQ(m.top[0].val_accuracy.ci95.lo, 0.925159);
  EXPECT_DOUBLE_EQ(m.top[0].p_vs_relu, 0.002033);
  EXPECT_NEAR(m.top[0].delta_relu, 0.03, 1e-12);
  EXPECT_NEAR(m.top[2].delta_relu, -0.02, 1e-12);
  ASSERT_EQ(m.baselines.size(), 2u);
  EXPECT_EQ(m.baselines[0].name, "pwlu");  // by rank: pwlu #2, relu #4
  EXPECT_EQ(m.baselines[1].name, "relu");
  EXPECT_TRUE(std::isnan(m.baselines[1].p_vs_relu));
  EXPECT_NEAR(m.baselines[0].delta_relu, 0.02, 1e-12);
}

TEST(ReportModel, LearnedParametersAndShapes) {
  const ReportModel m = report_model();
  const RankedFunction& swish = m.top[0];
  ASSERT_EQ(swish.params.size(), 1u);
  EXPECT_EQ(swish.params[0].first, "beta");
  EXPECT_NEAR(swish.params[0].second, 1.4, 1e-12);  // seeds x layers
  EXPECT_NEAR(at_plus5(swish.curve), 5.0 * sigmoid(5.0 * 1.4), 1e-12);
  ASSERT_EQ(swish.curve.df.size(), swish.curve.f.size());
  // The best seed is seed 1 (96%): its layers learned beta 1.3 and 1.7.
  ASSERT_EQ(swish.layers.size(), 2u);
  EXPECT_NEAR(at_plus5(swish.layers[0]), 5.0 * sigmoid(5.0 * 1.3), 1e-12);
  EXPECT_NEAR(at_plus5(swish.layers[1]), 5.0 * sigmoid(5.0 * 1.7), 1e-12);
  EXPECT_TRUE(m.top[1].layers.empty());  // no parameters
}

TEST(ReportModel, BuiltinBaselinesPlotThroughNn) {
  const ReportModel m = report_model();
  const RankedFunction& pwlu = m.baselines[0];
  ASSERT_EQ(pwlu.params.size(), 21u);
  EXPECT_EQ(pwlu.params[0].first, "left");
  EXPECT_DOUBLE_EQ(pwlu.params[2].second, -0.25);  // slope_left: 0 and -0.5 over layers
  ASSERT_EQ(pwlu.layers.size(), 2u);
  EXPECT_NEAR(at_minus5(pwlu.layers[0]), 0.0, 1e-6);  // ReLU shape, flat on the left
  EXPECT_NEAR(at_minus5(pwlu.layers[1]), 3.4, 1e-5);  // U shape: 2.4 + (-2)(-0.5)
  EXPECT_EQ(pwlu.nearest.name, "none");               // no grammar expression
  EXPECT_EQ(m.baselines[1].nearest.name, "leaky_relu");
  EXPECT_EQ(m.baselines[1].complexity, 3u);  // max(x, 0)
}

TEST(ReportModel, NearestKnownAtTheLearnedParameters) {
  const ReportModel m = report_model();
  EXPECT_EQ(m.top[0].nearest.name, "swish");
  ASSERT_EQ(m.top[0].nearest.params.size(), 1u);
  EXPECT_NEAR(m.top[0].nearest.params[0].second, 1.4, 0.05);
  EXPECT_EQ(m.top[0].family, "swish-like");
  EXPECT_EQ(m.top[1].nearest.name, "leaky_relu");
  EXPECT_EQ(m.top[1].family, "piecewise-linear");
  EXPECT_EQ(m.top[2].family, "periodic");
  EXPECT_EQ(m.candidates[6].family, "other");  // x^2
}

TEST(ReportModel, TopKLimitsTheRankedRowsOnly) {
  const ReportModel m = report_model(2);
  EXPECT_EQ(m.top.size(), 2u);
  EXPECT_EQ(m.finals.size(), 3u);
  EXPECT_EQ(m.candidates[3].final_index, 2);  // sin(x) keeps its final-stage row
}

TEST(ReportModel, WithoutFinalStageTheRankingIsProvisional) {
  const ReportModel m = report_model(3, false);
  EXPECT_FALSE(m.final_stage_done);
  EXPECT_TRUE(m.baselines.empty());
  ASSERT_EQ(m.top.size(), 3u);
  // Highest rung first (the swish reached rung 1), then accuracy at the rung reached.
  EXPECT_EQ(m.top[0].expr, "x*sigmoid(beta*x)");
  EXPECT_EQ(m.top[1].expr, "max(x, 0.2*x)");
  EXPECT_EQ(m.top[2].expr, "sin(x)");
  EXPECT_EQ(m.top[1].rank, 2);
  EXPECT_TRUE(m.top[0].provisional);
  EXPECT_NEAR(m.top[0].delta_relu, 0.93 - 0.9, 1e-12);   // ReLU at rung 1
  EXPECT_NEAR(m.top[1].delta_relu, 0.88 - 0.85, 1e-12);  // ReLU at rung 0
  EXPECT_TRUE(std::isnan(m.top[0].p_vs_relu));
  ASSERT_EQ(m.top[0].layers.size(), 1u + 1u);
  EXPECT_NEAR(at_plus5(m.top[0].layers[1]), 5.0 * sigmoid(5.0 * 1.5), 1e-12);
}

TEST(ReportModel, RediscoverySentences) {
  const std::vector<std::string> s = rediscovery_sentences(report_model());
  ASSERT_EQ(s.size(), 3u);
  EXPECT_NE(s[0].find("1 swish-like function was found among the 5 trained"), std::string::npos)
      << s[0];
  EXPECT_NE(s[0].find("`x*sigmoid(beta*x)`"), std::string::npos) << s[0];
  EXPECT_NE(s[0].find("is #1 in the final ranking"), std::string::npos) << s[0];
  EXPECT_NE(s[0].find("+3.00 pp against ReLU"), std::string::npos) << s[0];
  EXPECT_NE(s[0].find("significant: p = 0.002"), std::string::npos) << s[0];
  EXPECT_NE(s[1].find("`max(x, 0.2*x)`"), std::string::npos) << s[1];
  EXPECT_NE(s[1].find("is #3"), std::string::npos) << s[1];
  EXPECT_NE(s[1].find("not significant: p = 0.070"), std::string::npos) << s[1];
  EXPECT_NE(s[2].find("ReLU itself is #4 of 5"), std::string::npos) << s[2];
}

TEST(ReportModel, RediscoveryWhenNothingWasFound) {
  ReportModel m = report_model(3, false);
  for (CandidateRow& c : m.candidates) c.family = "other";
  for (RankedFunction& f : m.top) f.family = "other";
  const std::vector<std::string> s = rediscovery_sentences(m);
  EXPECT_EQ(s[0], "No swish-like function was found among the 5 functions trained.");
  EXPECT_NE(s[2].find("final stage has not run"), std::string::npos);
}

TEST(ReportModel, ParamsText) {
  EXPECT_EQ(params_text({}), "");
  EXPECT_EQ(params_text({{"beta", 1.4}, {"beta1", -0.25}}), "beta 1.4, beta1 -0.25");
  EXPECT_EQ(params_text(std::vector<std::pair<std::string, double>>(21, {"y", 0.0})),
            "21 learned parameters");
}

}  // namespace
}  // namespace actsearch::search
