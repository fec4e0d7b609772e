// compare_functions, what `actsearch eval` and `baselines` run: each function trains once per
// task and seed however often it is given, rejected ones not at all, and relu among them
// scores everything.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "grammar/base/error.hpp"
#include "search/data/task_config.hpp"
#include "search/tools/compare.hpp"
#include "tests/support/error_of.hpp"

namespace actsearch::search {
namespace {

using actsearch::testing::error_of;

CompareOptions tiny_options(int seeds) {
  CompareOptions o;
  o.tasks = {parse_task_config(
      "moons train=200 val=100 test=100 depth=1 width=8 batch=32 epochs=1 full-epochs=2",
      TaskConfig{})};
  o.seeds = seeds;
  o.run_seed = 3;
  o.threads = 2;
  return o;
}

TEST(Compare, EachFunctionTrainsPerSeedAndAFunctionGivenTwiceSharesItsFigures) {
  const std::vector<Candidate> candidates{prepare_candidate("tanh(x)"),
                                          prepare_candidate("x*sigmoid(x)"),
                                          prepare_candidate("sigmoid(x)*x")};
  DataCache data;
  const std::vector<FunctionResult> r = compare_functions(candidates, tiny_options(2), data);
  ASSERT_EQ(r.size(), 3u);
  for (const FunctionResult& f : r) {
    EXPECT_EQ(f.status, EvalStatus::Ok) << f.candidate.input;
    ASSERT_EQ(f.tasks.size(), 1u);
    EXPECT_EQ(f.tasks[0].task, "moons");
    EXPECT_EQ(f.tasks[0].val_loss.size(), 2u) << f.candidate.input;
    EXPECT_FALSE(f.score.has_value());  // no relu: nothing to scale by
  }
  EXPECT_EQ(r[2].candidate.input, "sigmoid(x)*x");  // results in the candidates' order
  EXPECT_EQ(r[2].tasks[0].val_loss, r[1].tasks[0].val_loss);
  EXPECT_EQ(r[2].tasks[0].train_seconds, r[1].tasks[0].train_seconds);  // the same trainings
  EXPECT_NE(r[0].tasks[0].val_loss, r[1].tasks[0].val_loss);
  EXPECT_EQ(mean_over_tasks(r[0], &TaskFigures::val_loss), r[0].tasks[0].val_loss);
}

TEST(Compare, RejectedFunctionsDoNotTrain) {
  const std::vector<Candidate> candidates{prepare_candidate("3*x"), prepare_candidate("tanh(x)")};
  ASSERT_FALSE(candidates[0].valid);
  DataCache data;
  const std::vector<FunctionResult> r = compare_functions(candidates, tiny_options(1), data);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].status, EvalStatus::Rejected);
  EXPECT_TRUE(r[0].tasks.empty());
  EXPECT_EQ(r[1].status, EvalStatus::Ok);
}

// Chance scores 0 and relu 1 on every task, so relu's own score is 1.
TEST(Compare, WithReluEveryFunctionIsScored) {
  const std::vector<Candidate> candidates{prepare_candidate("relu"), prepare_candidate("tanh(x)")};
  DataCache data;
  const std::vector<FunctionResult> r = compare_functions(candidates, tiny_options(2), data);
  ASSERT_EQ(r.size(), 2u);
  ASSERT_TRUE(r[0].score.has_value());
  EXPECT_NEAR(*r[0].score, 1.0, 1e-9);
  ASSERT_TRUE(r[1].score.has_value());
  EXPECT_TRUE(std::isfinite(*r[1].score));
  EXPECT_EQ(r[1].seed_scores.size(), 2u);
  ASSERT_TRUE(r[1].tasks[0].score.has_value());
}

TEST(Compare, BadOptionsAreErrorsBeforeAnyTraining) {
  const std::vector<Candidate> candidates{prepare_candidate("tanh(x)")};
  DataCache data;
  CompareOptions no_task = tiny_options(1);
  no_task.tasks.clear();
  EXPECT_EQ(error_of([&] { compare_functions(candidates, no_task, data); }), "no task to train on");
  CompareOptions no_seed = tiny_options(0);
  EXPECT_EQ(error_of([&] { compare_functions(candidates, no_seed, data); }),
            "--seeds must be at least 1");
  CompareOptions no_thread = tiny_options(1);
  no_thread.threads = 0;
  EXPECT_EQ(error_of([&] { compare_functions(candidates, no_thread, data); }),
            "--threads must be at least 1");
}

}  // namespace
}  // namespace actsearch::search
