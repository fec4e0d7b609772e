// Numeric faults in training. Functions that overflow, divide by a number that is (nearly)
// zero in float, or are finite forward but NaN backward are all refused by the screen;
// trained anyway, each ends as a diverged record (never an exception), and the trainings
// around them in the same batch finish normally. A search whose every training diverges
// still finishes.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

#include "grammar/parse.hpp"
#include "grammar/print.hpp"
#include "grammar/program/program.hpp"
#include "search/run/run.hpp"
#include "search/train/batch.hpp"
#include "search/train/evaluator.hpp"

namespace actsearch::search {
namespace {

TaskConfig tiny_task() {
  return parse_task_config(
      "moons train=128 val=64 test=64 depth=2 width=8 batch=32 epochs=2 full-epochs=3 lr=0.01",
      TaskConfig{});
}

// The candidate for `text` as if the screen had passed it, and trained exactly as written:
// not simplified, so that x - x stays a computation that is 0 rather than the constant 0.
Candidate unscreened(const std::string& text) {
  Candidate c = prepare_candidate(text);
  EXPECT_FALSE(c.valid) << text << ": the screen should refuse it";
  c.expr = grammar::parse(text);
  c.canonical = grammar::print(c.expr);
  c.valid = true;
  return c;
}

// f and f' in float, as training computes them.
struct FloatValues {
  std::vector<float> f, df;
};
FloatValues float_values(const Candidate& c) {
  const grammar::Program p(c.expr);
  FloatValues out{{-2.0f, -0.5f, 0.25f, 1.5f, 5.0f}, std::vector<float>(5)};
  p.run(out.f, {}, out.f, out.df);  // in place: f overwrites x
  return out;
}

bool all_finite(const std::vector<float>& v) {
  return std::all_of(v.begin(), v.end(), [](float e) { return std::isfinite(e); });
}

TEST(NumericFaults, ThePathologicalFunctionsFailWhereTheyShould) {
  EXPECT_FALSE(all_finite(float_values(unscreened("exp(exp(x))")).f));  // overflows at x = 5
  // 1e-38*x is (nearly) subnormal in float: x/(1e-38*x) is finite but about 1e38, so the
  // next layer's sums overflow.
  for (const float f : float_values(unscreened("x/(1e-38*x)")).f) EXPECT_GT(std::abs(f), 1e37f);
  // x + sqrt(x - x) is x, but its derivative holds sqrt's infinite slope at 0 times 0: NaN.
  const FloatValues backward_only = float_values(unscreened("x + sqrt(x - x)"));
  EXPECT_TRUE(all_finite(backward_only.f));
  for (const float d : backward_only.df) EXPECT_TRUE(std::isnan(d));
}

TEST(NumericFaults, DivergedTrainingsDoNotStopTheBatch) {
  const std::vector<TaskConfig> tasks = {tiny_task()};
  const std::vector<Candidate> candidates = {
      prepare_candidate("relu"), unscreened("exp(exp(exp(x)))"), unscreened("x/(1e-38*x)"),
      unscreened("x + sqrt(x - x)"), prepare_candidate("x*sigmoid(x)")};
  std::vector<EvalJob> jobs;
  for (const Candidate& c : candidates) {
    for (int seed = 0; seed < 2; ++seed) {
      jobs.push_back({make_request(c, tasks[0], 1, seed, 7), c.input});
    }
  }
  DataCache data;
  std::mutex mutex;
  std::vector<EvalRecord> records;
  const std::atomic<bool> cancel{false};
  run_batch(
      jobs, tasks, data, 2,
      [&](const EvalRecord& r) {
        const std::lock_guard<std::mutex> lock(mutex);
        records.push_back(r);
      },
      cancel);
  ASSERT_EQ(records.size(), jobs.size());
  for (const EvalRecord& r : records) {
    SCOPED_TRACE(r.canonical);
    if (r.canonical == "relu" || r.canonical == "x*sigmoid(x)") {
      EXPECT_EQ(r.status, EvalStatus::Ok);
      EXPECT_TRUE(std::isfinite(r.val_loss));
      EXPECT_GT(r.val_accuracy, 0.5);
      continue;
    }
    EXPECT_EQ(r.status, EvalStatus::Diverged);
    EXPECT_EQ(r.val_loss, std::numeric_limits<double>::infinity());
    EXPECT_EQ(r.val_accuracy, 0.0);
    EXPECT_EQ(r.reason.rfind("diverged in epoch ", 0), 0u) << r.reason;
  }
}

// A huge learning rate makes every training diverge, the baselines' too: the run still
// ends, with every search candidate counted as diverged.
TEST(NumericFaults, ASearchWhereEverythingDivergesFinishes) {
  SearchConfig config;
  TaskConfig task = tiny_task();
  task.optimizer = nn::OptimizerKind::Sgd;
  task.screen.lr = 1e12;
  task.full.lr = 1e12;
  config.tasks = {task};
  config.space = grammar::UnitSpace{1, grammar::parse_units("identity,tanh,exp", 1),
                                    grammar::parse_units("add,mul", 2)};
  config.strategy.name = "random";
  config.budget = 4;
  config.generation = 4;
  config.top = 2;
  config.final_seeds = 2;
  config.baselines = {"relu"};
  config.threads = 2;
  RunOptions options;
  options.dir = std::filesystem::path(ACTSEARCH_TEST_TMP) / "numeric_fault_search";
  std::filesystem::remove_all(options.dir);
  const RunResult result = run_search(config, options, make_trainer(config.tasks, 2));
  ASSERT_TRUE(result.finished);
  EXPECT_EQ(result.summary.counts.distinct, 4u);
  EXPECT_EQ(result.summary.counts.diverged, 4u);
}

}  // namespace
}  // namespace actsearch::search
