// Training throughput and accuracy of nn/ on the workloads of ../shared/peers/README.md,
// one thread, one JSON line per run on stdout (tests/bench/compare_torch.py runs the
// PyTorch peer beside it and prints the ratios).
//
//   bench_train --workload w1 [--seeds 0,1,2] [--data-dir DIR] [--activation relu]
//   bench_train --workload w2 --spirals FILE.csv [--seeds 0,1,2]
//   bench_train --workload fmnist-full [--epochs 20]
//   bench_train --workload w3|w4|w5 [--seeds 0,1,2]
//
// w1: Fashion-MNIST 10,000 train / 2,000 val (last rows of the training file), 784-128x4-10,
//     batch 128, Adam 1e-3, 5 epochs. w2: the peer's two spirals (--dump-spirals CSV, train
//     rows first) 2,000 / 500, 2-32x3-2, batch 64, Adam 1e-3, 200 epochs. fmnist-full: all
//     60,000 training images, scored on the 10,000 test images, one hidden layer of 100 ReLU.
// w3, w4, w5: the normalised workloads of ../shared/peers/torch_cnn.py on w1's data, batch
//     128, Adam: w3 the MLP of w1 with batch norm (lr 1e-3, 5 epochs); w4 the conv net with
//     16 channels, one block per stage and batch norm (lr 3e-3, 3 epochs); w5 the same with
//     two blocks per stage, residual (lr 3e-3, 2 epochs).
// As in the peer, only the training loop is timed and the validation set is scored once,
// after the last epoch.

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "nn/data/csv.hpp"
#include "nn/data/mnist.hpp"
#include "nn/data/task.hpp"
#include "nn/trainer.hpp"

namespace {

using namespace actsearch;

struct Workload {
  nn::Split data;
  nn::ModelConfig model;
  nn::TrainConfig train;
  bool score_on_test = false;
};

using Options = std::map<std::string, std::string>;

std::string option(const Options& o, const std::string& key, const std::string& fallback) {
  const auto it = o.find(key);
  return it == o.end() ? fallback : it->second;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    if (key.rfind("--", 0) != 0 || i + 1 >= argc)
      throw Error("expected --option VALUE, got " + key);
    o[key.substr(2)] = argv[++i];
  }
  return o;
}

// The peer's spirals CSV: x0,x1,label with the training rows first.
nn::Split load_spirals(const std::string& path, Eigen::Index n_train, Eigen::Index n_val) {
  const nn::Dataset all = nn::load_csv(path);
  if (all.size() != n_train + n_val) {
    throw Error(path + ": expected " + std::to_string(n_train + n_val) + " rows");
  }
  std::vector<Eigen::Index> train_rows, val_rows;
  for (Eigen::Index i = 0; i < all.size(); ++i) (i < n_train ? train_rows : val_rows).push_back(i);
  return {nn::select(all, train_rows), nn::select(all, val_rows), {}};
}

Workload make_workload(const Options& o) {
  const std::string name = option(o, "workload", "w1");
  const std::string dir = option(o, "data-dir", nn::kFashionMnistDir);
  Workload w;
  w.train.lr = 1e-3;
  w.train.evaluate_every_epoch = false;
  if (name == "w1") {
    w.data = nn::load_fashion_mnist(dir, 10000, 2000, 0);
    w.model = {.inputs = 784, .outputs = 10, .depth = 4, .width = 128};
    w.train.epochs = 5;
    w.train.batch = 128;
  } else if (name == "w3" || name == "w4" || name == "w5") {
    w.data = nn::load_fashion_mnist(dir, 10000, 2000, 0);
    w.model = {.inputs = 784, .outputs = 10, .norm = nn::NormKind::Batch, .depth = 4,
               .width = 128, .image = w.data.train.image};
    if (name != "w3") {
      w.model.net = nn::NetKind::Cnn;
      w.model.blocks = name == "w4" ? 1 : 2;
      w.train.lr = 3e-3;
    }
    w.train.epochs = name == "w3" ? 5 : name == "w4" ? 3 : 2;
    w.train.batch = 128;
  } else if (name == "w2") {
    w.data = load_spirals(option(o, "spirals", ""), 2000, 500);
    w.model = {.inputs = 2, .outputs = 2, .depth = 3, .width = 32};
    w.train.epochs = 200;
    w.train.batch = 64;
  } else if (name == "fmnist-full") {
    w.data = nn::load_fashion_mnist(dir, 60000, 0, 10000);
    w.model = {.inputs = 784, .outputs = 10, .depth = 1, .width = 100};
    w.train.epochs = 20;
    w.train.batch = 128;
    w.score_on_test = true;
  } else {
    throw Error("unknown workload '" + name + "'; valid: w1, w2, w3, w4, w5, fmnist-full");
  }
  w.train.epochs = std::stoi(option(o, "epochs", std::to_string(w.train.epochs)));
  return w;
}

std::vector<std::uint64_t> seeds(const Options& o) {
  std::vector<std::uint64_t> out;
  std::stringstream list(option(o, "seeds", "0,1,2"));
  for (std::string s; std::getline(list, s, ',');) out.push_back(std::stoull(s));
  return out;
}

// The process's peak resident memory so far: data, network and training buffers.
double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void run(const Workload& w, const std::string& workload, const std::string& act_name,
         std::uint64_t seed) {
  const auto act = nn::make_builtin(act_name);
  nn::Model model(w.model, *act);
  nn::TrainConfig config = w.train;
  config.seed = seed;
  const std::clock_t cpu_start = std::clock();
  const nn::TrainResult r =
      train(model, w.data.train, w.score_on_test ? w.data.test : w.data.val, config);
  // CPU time of training and the final evaluation: on a shared machine it shows the work
  // done, where the wall clock also counts the time other processes held the core.
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double samples = static_cast<double>(w.data.train.size()) * config.epochs;
  const double macs = static_cast<double>(model.macs_per_sample());
  // No dL/dx for the input layer: the exact count leaves it out, the nominal one does not.
  const double first = static_cast<double>(
      w.model.net == nn::NetKind::Cnn ? model.conv(0).macs()
                                      : w.model.inputs * (w.model.depth > 0 ? w.model.width
                                                                           : w.model.outputs));
  std::printf(
      "{\"workload\": \"%s\", \"activation\": \"%s\", \"seed\": %llu, \"status\": \"%s\", "
      "\"%s_accuracy\": %.6f, \"%s_loss\": %.6f, \"train_seconds\": %.4f, "
      "\"seconds_per_epoch\": %.5f, \"samples_per_second\": %.1f, \"gflops_nominal\": %.3f, "
      "\"gflops_exact\": %.3f, \"cpu_seconds\": %.4f, \"params\": %lld, \"macs_per_sample\": "
      "%lld, \"peak_rss_mib\": %.1f, \"simd\": \"%s\"}\n",
      workload.c_str(), act_name.c_str(), static_cast<unsigned long long>(seed),
      r.status == nn::TrainStatus::Ok ? "ok" : "diverged", w.score_on_test ? "test" : "val",
      r.val_accuracy, w.score_on_test ? "test" : "val", r.val_loss, r.train_seconds,
      r.train_seconds / config.epochs, samples / r.train_seconds,
      6 * macs * samples / r.train_seconds / 1e9,
      (6 * macs - 2 * first) * samples / r.train_seconds / 1e9, cpu,
      static_cast<long long>(model.num_params()), static_cast<long long>(model.macs_per_sample()), peak_rss_mib(),
      Eigen::SimdInstructionSetsInUse());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const Workload w = make_workload(o);
    for (const std::uint64_t seed : seeds(o)) {
      run(w, option(o, "workload", "w1"), option(o, "activation", "relu"), seed);
    }
    return 0;
  } catch (const actsearch::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
