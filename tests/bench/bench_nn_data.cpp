// Loading Fashion-MNIST: decompressing the training images alone, the W1 subsets
// (10,000 / 2,000 / 10,000) and the full set (60,000 train, 10,000 test). Process CPU time is
// reported beside wall time because the machines we run on are often shared.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "nn/data/file_bytes.hpp"
#include "nn/data/mnist.hpp"
#include "nn/data/task.hpp"

namespace {

using namespace actsearch::nn;

bool skip_without_data(benchmark::State& state) {
  if (std::filesystem::is_directory(kFashionMnistDir)) return false;
  state.SkipWithError("Fashion-MNIST is not installed (Debian's dataset-fashion-mnist)");
  return true;
}

void BM_DecompressTrainImages(benchmark::State& state) {
  if (skip_without_data(state)) return;
  const std::string path = std::string(kFashionMnistDir) + "/train-images-idx3-ubyte.gz";
  for (auto _ : state) benchmark::DoNotOptimize(read_file_bytes(path).data());
}

void BM_LoadFashionMnist(benchmark::State& state) {
  if (skip_without_data(state)) return;
  const auto train = static_cast<std::size_t>(state.range(0));
  const auto val = static_cast<std::size_t>(state.range(1));
  for (auto _ : state) {
    const Split s = load_fashion_mnist(kFashionMnistDir, train, val, 10000);
    benchmark::DoNotOptimize(s.train.x.data());
  }
}

BENCHMARK(BM_DecompressTrainImages)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_LoadFashionMnist)
    ->ArgNames({"train", "val"})
    ->Args({10000, 2000})
    ->Args({60000, 0})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();

}  // namespace

BENCHMARK_MAIN();
