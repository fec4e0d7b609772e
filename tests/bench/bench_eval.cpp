// The cost of running an expression through the Program adapter instead of nn's
// hand-written kernels: one evaluate() per iteration on workload W1 (Fashion-MNIST 10,000
// train / 2,000 val, 784-128x4-10, batch 128, Adam 1e-3, 5 epochs) and on a W2-sized
// spirals task (2,000 / 500, 2-32x3-2, batch 64, 30 epochs), single-threaded. Compare CPU
// times on a shared machine: wall time there counts other processes' work too. Each pair
// (silu / x*sigmoid(x), relu / max(x, 0), swish / x*sigmoid(beta*x)) is one function run
// by nn's kernel and by the adapter. An iteration also scores the validation set once.
//
//   bench_eval --benchmark_filter=W1 --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "search/train/candidate.hpp"
#include "search/train/data_cache.hpp"
#include "search/train/evaluator.hpp"

namespace {

using namespace actsearch::search;

TaskConfig workload(const std::string& name) {
  if (name == "W1") {
    return parse_task_config(
        "fashion-mnist id=W1 train=10000 val=2000 test=1 depth=4 width=128 batch=128 epochs=5",
        TaskConfig{});
  }
  return parse_task_config(
      "spirals id=W2 train=2000 val=500 test=1 depth=3 width=32 batch=64 epochs=30", TaskConfig{});
}

DataCache& cache() {
  static DataCache data;
  return data;
}

void BM_Evaluate(benchmark::State& state, const std::string& task_name, const std::string& fn) {
  const TaskConfig task = workload(task_name);
  const actsearch::nn::Split& data = cache().get(task.data);
  const Candidate candidate = prepare_candidate(fn);
  double accuracy = 0.0;
  for (auto _ : state) {
    const EvalRecord r =
        evaluate({make_request(candidate, task, 0, 0, 0), candidate.input, RecordKind::Eval, false},
                 task, data);
    accuracy = r.val_accuracy;
  }
  const double samples = static_cast<double>(data.train.size()) * task.screen.epochs;
  state.counters["samples_per_s"] =
      benchmark::Counter(samples, benchmark::Counter::kIsIterationInvariantRate);  // per CPU s
  state.counters["val_accuracy"] = accuracy;
}

void register_all() {
  const char* functions[] = {"silu",      "x*sigmoid(x)", "relu",
                             "max(x, 0)", "swish",        "x*sigmoid(beta*x)"};
  for (const char* task : {"W1", "W2"}) {
    for (const char* fn : functions) {
      benchmark::RegisterBenchmark((std::string(task) + "/" + fn).c_str(), BM_Evaluate, task, fn)
          ->Unit(benchmark::kMillisecond)
          ->Iterations(1);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
