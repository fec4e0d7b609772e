// Search efficiency, measured on real searches (run_search, as `actsearch search` runs them)
// over one fixed space and task set, one JSON line per search on stdout.
// tests/bench/run_bench.py runs it for several seeds and strategies, alternating, and prints
// the medians.
//
//   bench_efficiency --strategy random|evolution --seed S [--budget N] [--rungs R]
//                    [--full-scale F] [--threads T] --out DIR
//
// Space: the Swish paper's one-core-unit space (6,760 members, 4,373 distinct functions).
// Tasks, scored as every search scores them (validation loss scaled to chance 0 and ReLU 1,
// averaged over the tasks): Fashion-MNIST 2,000 train / 2,000 val, 784-32x2-10, batch 64,
// Adam 3e-3, 2 epochs; two spirals 1,000 / 1,000, 2-32x3-2, batch 64, Adam 3e-3, 30 epochs.
// One task alone rewards its quirks: on this Fashion-MNIST task alone near-linear functions
// such as x + asinh(x) win, while with the spirals beside it ReLU, GELU and Swish lead (as
// in the quick preset). Together they take about 0.1 s per function. --full-scale F trains
// the full rungs F times as many epochs (default 1). With --rungs 1 (the default) every
// candidate gets one full training.
//
// Printed: "trained", the functions trained at the first rung; "first_swish_top5", the
// number of trained functions (in proposal order) after which a Swish-like function (by the
// report's nearest-known analysis) is among the 5 best by score, or null; the training cost
// of the search phase ("search_sample_epochs": training samples x epochs over all rungs and
// tasks, and "search_train_seconds"); and "top1", the best function of the final stage.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/known.hpp"
#include "grammar/nearest/nearest.hpp"
#include "grammar/space/space.hpp"
#include "search/data/journal.hpp"
#include "search/data/record.hpp"
#include "search/data/run_config.hpp"
#include "search/run/run.hpp"
#include "search/stats/scoring.hpp"
#include "search/train/batch.hpp"

namespace {

using namespace actsearch;
using namespace actsearch::search;
using Options = std::map<std::string, std::string>;

constexpr int kTop = 5;

struct BenchTask {
  const char* id;
  const char* spec;  // without epochs: those come from --full-scale
  int epochs;        // at the first rung
  double chance;     // ln K
};

const std::vector<BenchTask>& bench_tasks() {
  static const std::vector<BenchTask> tasks{
      {"fashion-mnist",
       "fashion-mnist train=2000 val=2000 test=1000 depth=2 width=32 batch=64 lr=3e-3 "
       "full-lr=3e-3",
       2, std::log(10.0)},
      {"spirals",
       "spirals train=1000 val=1000 test=1000 depth=3 width=32 batch=64 lr=3e-3 full-lr=3e-3", 30,
       std::log(2.0)},
  };
  return tasks;
}

std::string option(const Options& o, const std::string& key, const std::string& fallback) {
  const auto it = o.find(key);
  return it == o.end() ? fallback : it->second;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    if (key.rfind("--", 0) != 0 || i + 1 >= argc) {
      throw Error("expected --option VALUE, got " + key);
    }
    o[key.substr(2)] = argv[++i];
  }
  return o;
}

SearchConfig make_config(const Options& o) {
  SearchConfig c;
  const int scale = std::stoi(option(o, "full-scale", "1"));
  for (const BenchTask& t : bench_tasks()) {
    c.tasks.push_back(parse_task_config(std::string(t.spec) +
                                            " epochs=" + std::to_string(t.epochs) +
                                            " full-epochs=" + std::to_string(t.epochs * scale),
                                        TaskConfig{}));
    c.tasks.back().id = t.id;
  }
  c.space = grammar::UnitSpace{};
  c.strategy.name = option(o, "strategy", "random");
  c.strategy.population = 16;  // small: evolution starts selecting after 16 evaluations
  c.strategy.tournament = 4;
  c.budget = std::stoul(option(o, "budget", "200"));
  c.generation = 8;
  c.ladder = {.rungs = std::stoi(option(o, "rungs", "1")), .eta = 3};
  c.top = 3;
  c.final_seeds = 2;
  c.baselines = {"relu"};
  c.seed = std::stoull(option(o, "seed", "0"));
  c.threads = std::stoi(option(o, "threads", "2"));
  return c;
}

// Whether the function `r` trained is Swish-like, at its learned parameters (mean over the
// hidden layers), as the report's nearest-known analysis judges it.
bool swish_like(const EvalRecord& r) {
  const grammar::Expr e = grammar::parse_activation(r.canonical);
  std::vector<double> params;
  for (const std::vector<double>& layer : r.params_per_layer) {
    params.resize(layer.size(), 0.0);
    for (std::size_t k = 0; k < layer.size(); ++k) {
      params[k] += layer[k] / static_cast<double>(r.params_per_layer.size());
    }
  }
  if (params.size() != static_cast<std::size_t>(grammar::num_params(e))) params.clear();
  return grammar::family_of(e, grammar::nearest_known(e, params), params) == "swish-like";
}

// One function at the first rung: its score over the tasks, and whether it is Swish-like.
struct Screened {
  int proposal = 0;
  double score = 0.0;
  bool swish = false;
};

// The first-rung functions with their scores, as the engine scores them: per task against
// ReLU's first-rung loss (the one seed of rung 0).
std::vector<Screened> screened_functions(const std::vector<EvalRecord>& records, int rung) {
  std::map<std::string, double> relu;  // task -> loss
  std::map<std::uint64_t, std::vector<const EvalRecord*>> by_function;
  for (const EvalRecord& r : records) {
    if (r.rung != rung) continue;
    if (r.kind == RecordKind::Baseline && r.canonical == "relu") relu[r.task] = r.val_loss;
    if (r.kind == RecordKind::Eval) by_function[r.fingerprint].push_back(&r);
  }
  if (by_function.empty()) return {};
  std::vector<double> chance;
  std::vector<std::vector<double>> relu_losses;
  for (const BenchTask& t : bench_tasks()) {
    chance.push_back(t.chance);
    relu_losses.push_back({relu.at(t.id)});
  }
  const std::vector<TaskScale> scales = task_scales(chance, relu_losses);
  std::vector<Screened> out;
  for (const auto& [fingerprint, trained] : by_function) {
    std::vector<std::vector<double>> losses;
    for (const BenchTask& t : bench_tasks()) {
      const auto it = std::find_if(trained.begin(), trained.end(),
                                   [&](const EvalRecord* r) { return r->task == t.id; });
      if (it == trained.end()) throw Error("a function lacks its " + std::string(t.id) + " record");
      losses.push_back({(*it)->val_loss});
    }
    const double s = score(losses, scales);
    out.push_back(
        {trained.front()->proposal, std::isnan(s) ? -INFINITY : s, swish_like(*trained.front())});
  }
  return out;
}

// The count of first-rung functions, in proposal order, after which a Swish-like function is
// in the running top kTop by score; -1 when none is.
int first_swish_in_top(std::vector<Screened> screened) {
  std::sort(screened.begin(), screened.end(),
            [](const Screened& a, const Screened& b) { return a.proposal < b.proposal; });
  std::vector<Screened> top;
  for (std::size_t n = 0; n < screened.size(); ++n) {
    top.push_back(screened[n]);
    std::stable_sort(top.begin(), top.end(),
                     [](const Screened& a, const Screened& b) { return a.score > b.score; });
    if (top.size() > kTop) top.pop_back();
    if (std::any_of(top.begin(), top.end(), [](const Screened& t) { return t.swish; })) {
      return static_cast<int>(n) + 1;
    }
  }
  return -1;
}

nlohmann::json analyse(const SearchConfig& config, const std::filesystem::path& dir,
                       const nlohmann::json& summary) {
  const std::vector<EvalRecord> records = read_records(dir);
  double sample_epochs = 0.0, seconds = 0.0;
  for (const EvalRecord& r : records) {
    if (r.kind != RecordKind::Eval) continue;
    sample_epochs += static_cast<double>(find_task(config.tasks, r.task).data.train) * r.epochs;
    seconds += r.train_seconds;
  }
  const std::vector<Screened> screened = screened_functions(records, first_rung(config.ladder));
  const int first = first_swish_in_top(screened);
  return {{"strategy", config.strategy.name},
          {"seed", config.seed},
          {"rungs", config.ladder.rungs},
          {"trained", screened.size()},
          {"first_swish_top5", first < 0 ? nlohmann::json() : nlohmann::json(first)},
          {"search_sample_epochs", sample_epochs},
          {"search_train_seconds", seconds},
          {"top1", summary.at("top").at(0).at("expr")}};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const SearchConfig config = make_config(o);
    const std::filesystem::path dir = option(o, "out", "");
    if (dir.empty()) throw Error("--out DIR is required");
    std::filesystem::remove_all(dir);
    RunOptions run;
    run.dir = dir;
    const auto start = std::chrono::steady_clock::now();
    const RunResult result = run_search(config, run, make_trainer(config.tasks, config.threads));
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    nlohmann::json line = analyse(config, dir, to_json(result.summary));
    line["wall_seconds"] = wall.count();
    std::cout << line.dump() << std::endl;
    return 0;
  } catch (const actsearch::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
