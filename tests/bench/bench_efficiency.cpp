// Search efficiency, measured on real searches (run_search, as `actsearch search` runs them)
// over one fixed space and task, one JSON line per search on stdout. tests/bench/run_bench.py
// runs it for several seeds and strategies, alternating, and prints the medians.
//
//   bench_efficiency --strategy random|evolution --seed S [--budget N] [--rungs R]
//                    [--full-epochs E] [--threads T] --out DIR
//
// Space: free trees of at most 5 nodes over neg, abs, exp, tanh, sigmoid, softplus and add,
// sub, mul, max: about 2,300 distinct functions, the size of the one-core-unit space (4,373),
// which evolution cannot search (it mutates trees). Five of them are Swish-like by the
// nearest-known analysis (x*sigmoid(x), x*tanh(softplus(x)), ...). Task: Fashion-MNIST
// 2,000 train / 2,000 val, 784-32x2-10, batch 64, Adam 3e-3; 2 epochs at rung 0 and
// --full-epochs (default 2) at the full rungs, so a 2-epoch evaluation takes about 0.1 s.
// With --rungs 1 (the default) every candidate gets one full training.
//
// Printed: "trained", the functions trained at the first rung; "first_swish_top5", the
// number of trained evaluations (in proposal order) after which a Swish-like function is
// among the 5 best by validation loss (the score order on one task), or null; the training
// cost of the search phase ("search_sample_epochs": training samples x epochs over all
// rungs, and "search_train_seconds"); and "top1", the best function of the final stage.

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

#include "grammar/error.hpp"
#include "grammar/known.hpp"
#include "grammar/nearest.hpp"
#include "grammar/space.hpp"
#include "search/halving.hpp"
#include "search/journal.hpp"
#include "search/record.hpp"
#include "search/run.hpp"

namespace {

using namespace actsearch;
using namespace actsearch::search;
using Options = std::map<std::string, std::string>;

constexpr int kTop = 5;
constexpr double kTrainSamples = 2000;
constexpr const char* kTask =
    "fashion-mnist train=2000 val=2000 test=1000 epochs=2 depth=2 width=32 batch=64 lr=3e-3 "
    "full-lr=3e-3 full-epochs=";

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
  c.tasks = {parse_task_config(kTask + option(o, "full-epochs", "2"), TaskConfig{})};
  grammar::TreeSpace space{.max_size = 5};
  space.unary = grammar::parse_ops("neg, abs, exp, tanh, sigmoid, softplus", 1);
  space.binary = grammar::parse_ops("add, sub, mul, max", 2);
  c.space = space;
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

// Lower loss first; a non-finite loss (diverged) last.
bool better(const EvalRecord* a, const EvalRecord* b) {
  const bool fa = std::isfinite(a->val_loss), fb = std::isfinite(b->val_loss);
  if (fa != fb) return fa;
  return fa && a->val_loss < b->val_loss;
}

// The count of first-rung evaluations, in proposal order, after which a Swish-like function
// is in the running top kTop; -1 when none is.
int first_swish_in_top(std::vector<const EvalRecord*> screened) {
  std::sort(screened.begin(), screened.end(),
            [](const EvalRecord* a, const EvalRecord* b) { return a->proposal < b->proposal; });
  std::vector<std::pair<const EvalRecord*, bool>> top;  // record, Swish-like
  for (std::size_t n = 0; n < screened.size(); ++n) {
    top.emplace_back(screened[n], swish_like(*screened[n]));
    std::stable_sort(top.begin(), top.end(),
                     [](const auto& a, const auto& b) { return better(a.first, b.first); });
    if (top.size() > kTop) top.pop_back();
    if (std::any_of(top.begin(), top.end(), [](const auto& t) { return t.second; })) {
      return static_cast<int>(n) + 1;
    }
  }
  return -1;
}

nlohmann::json analyse(const SearchConfig& config, const std::filesystem::path& dir,
                       const nlohmann::json& summary) {
  const std::vector<EvalRecord> records =
      records_from_json(read_journal(dir).records, journal_path(dir).string());
  std::vector<const EvalRecord*> screened;
  double sample_epochs = 0.0, seconds = 0.0;
  for (const EvalRecord& r : records) {
    if (r.kind != RecordKind::Eval) continue;
    sample_epochs += kTrainSamples * r.epochs;
    seconds += r.train_seconds;
    if (r.rung == first_rung(config.ladder)) screened.push_back(&r);
  }
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
    nlohmann::json line = analyse(config, dir, result.summary);
    line["wall_seconds"] = wall.count();
    std::cout << line.dump() << std::endl;
    return 0;
  } catch (const actsearch::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
}
