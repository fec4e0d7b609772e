// evaluate(): a sane, deterministic record on a tiny task; divergence as a status; the test
// split only on request. run_batch(): records independent of the thread count, costliest
// trainings first, cancellation and errors. DataCache: one load per task.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>
#include <tuple>

#include "grammar/base/error.hpp"
#include "search/data/seed.hpp"
#include "search/train/batch.hpp"
#include "search/train/evaluator.hpp"

namespace actsearch::search {
namespace {

TaskConfig tiny(std::string_view spec) {
  return parse_task_config(std::string(spec) +
                               " train=200 val=100 test=100 depth=2 width=8 batch=32 epochs=2 "
                               "full-epochs=3 lr=0.01",
                           TaskConfig{});
}

EvalRecord without_time(EvalRecord r) {
  r.train_seconds = 0.0;
  return r;
}

TEST(Evaluate, TinyTaskGivesASaneRecord) {
  const TaskConfig task = tiny("moons");
  DataCache cache;
  const nn::Split& data = cache.get(task.data);
  const Candidate relu = prepare_candidate("relu");
  EvalRequest request = make_request(relu, task, 1, 2, 42);
  request.proposal = 5;
  EXPECT_EQ(request.epochs, 3);
  EXPECT_EQ(request.seed, derive_seed(42, relu.fingerprint, 2, 1));
  const EvalRecord r = evaluate({request, relu.input, RecordKind::Eval, false}, task, data);
  EXPECT_EQ(r.kind, RecordKind::Eval);
  EXPECT_EQ(r.status, EvalStatus::Ok);
  EXPECT_EQ(r.expr, "relu");
  EXPECT_EQ(r.canonical, "relu");
  EXPECT_EQ(r.fingerprint, relu.fingerprint);
  EXPECT_EQ(r.task, "moons");
  EXPECT_EQ(std::tie(r.rung, r.epochs, r.seed_index, r.proposal), std::tuple(1, 3, 2, 5));
  EXPECT_EQ(r.seed, request.seed);
  EXPECT_TRUE(std::isfinite(r.val_loss));
  EXPECT_LT(r.val_loss, std::log(2.0));
  EXPECT_GT(r.val_accuracy, 0.7);
  EXPECT_LE(r.val_accuracy, 1.0);
  EXPECT_TRUE(std::isfinite(r.train_loss));
  EXPECT_GT(r.train_seconds, 0.0);
  EXPECT_EQ(r.val_loss_curve.size(), 3u);
  EXPECT_EQ(r.val_loss_curve.back(), r.val_loss);
  EXPECT_EQ(r.params_per_layer, (std::vector<std::vector<double>>{{}, {}}));
  EXPECT_FALSE(r.test_accuracy.has_value());
  EXPECT_TRUE(r.reason.empty());
}

TEST(Evaluate, TheRecordCarriesTheJobsKindAndInput) {
  const TaskConfig task = tiny("xor");
  DataCache cache;
  const Candidate c = prepare_candidate("tanh(x)*x");
  const EvalJob job{make_request(c, task, 1, 0, 4), "tanh(x)*x", RecordKind::Baseline, false};
  const EvalRecord r = evaluate(job, task, cache.get(task.data));
  EXPECT_EQ(r.kind, RecordKind::Baseline);
  EXPECT_EQ(r.expr, "tanh(x)*x");
  EXPECT_EQ(r.canonical, c.canonical);
  EvalJob typed = job;
  typed.request.expr = "x * tanh( x )";  // not printed text: the job names no known function
  EXPECT_THROW(evaluate(typed, task, cache.get(task.data)), std::runtime_error);
}

TEST(Evaluate, RungZeroScreensWithItsOwnSettings) {
  const TaskConfig task = tiny("xor");
  DataCache cache;
  const Candidate c = prepare_candidate("x*tanh(x)");
  const EvalRequest request = make_request(c, task, 0, 0, 1);
  EXPECT_EQ(request.epochs, 2);
  const EvalRecord r =
      evaluate({request, c.input, RecordKind::Eval, false}, task, cache.get(task.data));
  EXPECT_EQ(r.status, EvalStatus::Ok);
  EXPECT_EQ(r.epochs, 2);
  EXPECT_TRUE(r.val_loss_curve.empty());
  EXPECT_TRUE(r.params_per_layer[0].empty());
}

TEST(Evaluate, SameRequestSameRecord) {
  const TaskConfig task = tiny("spirals");
  DataCache cache;
  const Candidate c = prepare_candidate("x*sigmoid(beta*x)");
  const EvalRequest request = make_request(c, task, 1, 0, 3);
  const EvalRecord a =
      evaluate({request, c.input, RecordKind::Eval, true}, task, cache.get(task.data));
  const EvalRecord b =
      evaluate({request, c.input, RecordKind::Eval, true}, task, cache.get(task.data));
  EXPECT_EQ(without_time(a), without_time(b));
  const EvalRecord other =
      evaluate({make_request(c, task, 1, 1, 3), c.input, RecordKind::Eval, true}, task,
               cache.get(task.data));
  EXPECT_NE(other.val_loss, a.val_loss);
}

TEST(Evaluate, MeasuresTheTestSplitOnlyWhenAsked) {
  const TaskConfig task = tiny("circles");
  DataCache cache;
  const Candidate c = prepare_candidate("relu");
  const EvalRecord r = evaluate({make_request(c, task, 1, 0, 0), c.input, RecordKind::Eval, true},
                                task, cache.get(task.data));
  ASSERT_TRUE(r.test_accuracy.has_value());
  EXPECT_GT(*r.test_accuracy, 0.3);
  EXPECT_LE(*r.test_accuracy, 1.0);
}

TEST(Evaluate, DivergenceIsAStatusNotAnException) {
  const TaskConfig task = tiny("moons");
  DataCache cache;
  Candidate c = prepare_candidate("exp(exp(x))");
  EXPECT_FALSE(c.valid);  // the screen would have caught it; train it anyway
  c.valid = true;
  const EvalRecord r = evaluate({make_request(c, task, 1, 0, 0), c.input, RecordKind::Eval, true},
                                task, cache.get(task.data));
  EXPECT_EQ(r.status, EvalStatus::Diverged);
  EXPECT_EQ(r.val_loss, std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.val_accuracy, 0.0);
  EXPECT_EQ(r.test_accuracy, 0.0);
  EXPECT_EQ(r.reason.rfind("diverged in epoch ", 0), 0u) << r.reason;
}

TEST(Evaluate, HugeLearningRateDivergesToo) {
  TaskConfig task = tiny("moons");
  task.optimizer = nn::OptimizerKind::Sgd;
  task.full.lr = 1e8;
  DataCache cache;
  const Candidate c = prepare_candidate("x^2");
  const EvalRecord r = evaluate({make_request(c, task, 1, 0, 0), c.input, RecordKind::Eval, false},
                                task, cache.get(task.data));
  EXPECT_EQ(r.status, EvalStatus::Diverged);
  EXPECT_EQ(r.val_loss, std::numeric_limits<double>::infinity());
}

TEST(DataCache, LoadsEachSplitOnce) {
  DataCache cache;
  const TaskConfig a = tiny("moons");
  TaskConfig b = a;
  b.id = "moons-wide";
  b.width = 16;
  const nn::Split& first = cache.get(a.data);
  EXPECT_EQ(&cache.get(b.data), &first);
  EXPECT_EQ(first.train.size(), 200);
  b.data.data_seed = 1;
  EXPECT_NE(&cache.get(b.data), &first);
  nn::TaskSpec bad = a.data;
  bad.kind = "csv";
  bad.path = "/nonexistent.csv";
  EXPECT_THROW(cache.get(bad), Error);
}

struct Batch {
  std::vector<TaskConfig> tasks{tiny("moons"), tiny("xor")};
  std::vector<Candidate> candidates{prepare_candidate("relu"), prepare_candidate("x*sigmoid(x)"),
                                    prepare_candidate("tanh(x) + beta*x")};
  std::vector<EvalJob> jobs;

  Batch() {
    for (const Candidate& c : candidates) {
      for (const TaskConfig& t : tasks) {
        for (int s = 0; s < 2; ++s) {
          jobs.push_back({make_request(c, t, 1, s, 9), c.input, RecordKind::Final, s == 1});
        }
      }
    }
  }

  std::vector<EvalRecord> run(int threads, DataCache& cache) const {
    std::vector<EvalRecord> out;
    std::mutex mutex;
    const std::atomic<bool> cancel{false};
    run_batch(
        jobs, tasks, cache, threads,
        [&](const EvalRecord& r) {
          const std::lock_guard lock(mutex);
          out.push_back(without_time(r));
        },
        cancel);
    std::sort(out.begin(), out.end(), [](const EvalRecord& a, const EvalRecord& b) {
      return std::tie(a.canonical, a.task, a.seed_index) <
             std::tie(b.canonical, b.task, b.seed_index);
    });
    return out;
  }
};

TEST(RunBatch, RecordsDoNotDependOnTheThreadCount) {
  const Batch batch;
  DataCache cache;
  const std::vector<EvalRecord> one = batch.run(1, cache);
  const std::vector<EvalRecord> two = batch.run(2, cache);
  ASSERT_EQ(one.size(), batch.jobs.size());
  EXPECT_EQ(one, two);
  for (const EvalRecord& r : one) {
    EXPECT_EQ(r.kind, RecordKind::Final);
    EXPECT_EQ(r.test_accuracy.has_value(), r.seed_index == 1);
  }
}

TEST(RunBatch, StartsTheCostliestTrainingsFirst) {
  // Larger trainings first, so no thread is left with a long one at the end of a batch.
  std::vector<TaskConfig> tasks{tiny("moons"), tiny("moons"), tiny("moons")};
  tasks[0].id = "small";
  tasks[1].id = "wide";
  tasks[1].width = 32;
  tasks[2].id = "longer";
  tasks[2].screen.epochs = 4;
  const Candidate relu = prepare_candidate("relu");
  std::vector<EvalJob> jobs;
  for (int s = 0; s < 2; ++s) {
    for (const TaskConfig& t : tasks) jobs.push_back({make_request(relu, t, 0, s, 9), relu.input});
  }
  DataCache cache;
  std::vector<std::string> order;
  const std::atomic<bool> cancel{false};
  run_batch(
      jobs, tasks, cache, 1, [&](const EvalRecord& r) { order.push_back(r.task); }, cancel);
  EXPECT_EQ(order,
            (std::vector<std::string>{"wide", "wide", "longer", "longer", "small", "small"}));
}

TEST(RunBatch, CancelledBeforeTheStartTrainsNothing) {
  const Batch batch;
  DataCache cache;
  const std::atomic<bool> cancel{true};
  int records = 0;
  run_batch(
      batch.jobs, batch.tasks, cache, 2, [&](const EvalRecord&) { ++records; }, cancel);
  EXPECT_EQ(records, 0);
}

TEST(RunBatch, FirstErrorIsRethrownAfterTheBatch) {
  Batch batch;
  batch.jobs[3].request.task = "nosuchtask";
  DataCache cache;
  const std::atomic<bool> cancel{false};
  try {
    run_batch(
        batch.jobs, batch.tasks, cache, 2, [](const EvalRecord&) {}, cancel);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "no task 'nosuchtask' in this run");
  }
  const Batch fine;
  std::atomic<int> calls{0};
  EXPECT_THROW(run_batch(
                   fine.jobs, fine.tasks, cache, 2,
                   [&](const EvalRecord&) {
                     ++calls;
                     throw std::runtime_error("disk full");
                   },
                   cancel),
               std::runtime_error);
  EXPECT_LE(calls.load(), 2);  // at most the trainings already in flight
}

}  // namespace
}  // namespace actsearch::search
