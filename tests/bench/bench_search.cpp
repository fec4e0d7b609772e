// The search engine's throughput and savings.
// - Rung0/threads:N: evaluations per second (wall clock) of the quick preset's rung-0
//   workload, 8 candidates of its space on its two tasks (Fashion-MNIST 20,000 / 10,000,
//   784-128x4-10, 3 epochs; spirals 2,000 / 5,000, 2-32x3-2, 30 epochs), run as one batch on
//   N threads. The speedup from 1 to 2 threads is the parallel efficiency of the engine;
//   run it on an otherwise idle machine.
// - Registry: what the registry saves before any training on random proposals of that
//   space: the fraction of duplicates and of screen rejections, and its cost per proposal.
//
//   bench_search --benchmark_filter=Rung0
#include <benchmark/benchmark.h>

#include <atomic>
#include <random>

#include "grammar/space/space.hpp"
#include "search/data/run_config.hpp"
#include "search/data/task_config.hpp"
#include "search/run/registry.hpp"
#include "search/train/batch.hpp"
#include "search/train/evaluator.hpp"

namespace {

using namespace actsearch;
using namespace actsearch::search;

std::vector<TaskConfig> quick_tasks() {
  return {parse_task_config("fashion-mnist train=20000 val=10000 test=1 epochs=3 batch=128 "
                            "depth=4 width=128 lr=1e-3",
                            TaskConfig{}),
          parse_task_config("spirals train=2000 val=5000 test=1 epochs=30 lr=3e-3 depth=3 "
                            "width=32 batch=64",
                            TaskConfig{})};
}

// The first `n` new, valid functions of random proposals from the one-unit space.
std::vector<Candidate> candidates(std::size_t n) {
  std::mt19937_64 rng(1);
  Registry registry;
  std::vector<Candidate> out;
  while (out.size() < n) {
    const Registration r = registry.add(grammar::sample(grammar::UnitSpace{}, rng));
    if (r.kind == RecordKind::Eval) out.push_back(registry.function(r.function_index));
  }
  return out;
}

void BM_Rung0(benchmark::State& state) {
  static DataCache data;
  const std::vector<TaskConfig> tasks = quick_tasks();
  for (const TaskConfig& t : tasks) data.get(t.data);  // loading is not timed
  const std::vector<Candidate> functions = candidates(8);
  std::vector<EvalJob> jobs;
  for (const Candidate& c : functions) {
    for (const TaskConfig& t : tasks) {
      EvalJob job;
      job.request = make_request(c, t, 0, 0, 1);
      job.input = c.input;
      jobs.push_back(job);
    }
  }
  const std::atomic<bool> cancel{false};
  for (auto _ : state) {
    run_batch(
        jobs, tasks, data, static_cast<int>(state.range(0)), [](const EvalRecord&) {}, cancel);
  }
  state.counters["evaluations_per_s"] = benchmark::Counter(
      static_cast<double>(functions.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Rung0)->Arg(1)->Arg(2)->ArgName("threads")->Iterations(1)->UseRealTime()->Unit(
    benchmark::kSecond);

void BM_Registry(benchmark::State& state) {
  std::size_t proposals = 0, duplicates = 0, rejected = 0;
  for (auto _ : state) {
    std::mt19937_64 rng(2);
    Registry registry;
    for (int i = 0; i < 2000; ++i) {
      const Registration r = registry.add(grammar::sample(grammar::UnitSpace{}, rng));
      duplicates += r.kind == RecordKind::Duplicate;
      rejected += r.kind == RecordKind::Rejected;
    }
    proposals += 2000;
  }
  state.counters["duplicate_fraction"] = static_cast<double>(duplicates) / proposals;
  state.counters["rejected_fraction"] = static_cast<double>(rejected) / proposals;
  state.counters["proposals_per_s"] =
      benchmark::Counter(static_cast<double>(proposals), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Registry)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
