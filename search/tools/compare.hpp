#pragma once
// Scoring a handful of functions under one protocol: what `actsearch eval` and
// `actsearch baselines` do. Every function trains at the tasks' full settings with seeds
// 0..N-1, all trainings in one parallel batch.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "search/data/record.hpp"
#include "search/data/task_config.hpp"
#include "search/stats/stats.hpp"
#include "search/train/candidate.hpp"
#include "search/train/data_cache.hpp"

namespace actsearch::search {

struct CompareOptions {
  std::vector<TaskConfig> tasks;  // at least one
  int seeds = 3;                  // >= 1
  std::uint64_t run_seed = 0;
  int threads = 1;  // >= 1
};

/// The figures of one function on one task, over its seeds.
struct TaskFigures {
  std::string task;                  // task id
  std::vector<double> val_accuracy;  // per seed (0 for a diverged seed)
  std::vector<double> val_loss;      // per seed (+inf for a diverged seed)
  /// Learned parameters per hidden layer, mean over the seeds that did not diverge.
  std::vector<std::vector<double>> params_per_layer;
  double train_seconds = 0.0;   // summed over seeds
  std::optional<double> score;  // when relu was compared too
};

/// One function: its candidate and, unless rejected, its trainings.
struct FunctionResult {
  Candidate candidate;
  EvalStatus status = EvalStatus::Ok;    // Diverged when any seed diverged; Rejected: no training
  std::vector<TaskFigures> tasks;        // in the order of CompareOptions::tasks
  std::vector<std::string> param_names;  // of the activation's learnable parameters
  std::optional<double> score;           // mean over tasks, when relu was compared too
  std::vector<double> seed_scores;       // per seed, when relu was compared too
};

/// Trains every valid candidate on every task with seeds 0..seeds-1 at rung 1 (full
/// settings; seed = derive_seed(run_seed, fingerprint, seed index, 1)); candidates with the
/// same fingerprint train once and share the figures; rejected ones do not train. When a
/// candidate is the built-in relu, every function gets scores (search/stats/scoring.hpp). Throws
/// actsearch::Error for bad options or data (nothing is trained then).
std::vector<FunctionResult> compare_functions(std::span<const Candidate> candidates,
                                              const CompareOptions& options, DataCache& data);

/// Per seed i, the mean over tasks of values[t][i]: the samples behind a function's
/// mean, std and CI.
std::vector<double> mean_over_tasks(const FunctionResult& f,
                                    std::vector<double> TaskFigures::*values);

/// One JSON object per function as DESIGN.md specifies for `eval --json`: expr, canonical,
/// status, seeds, val_accuracy and val_loss ({mean, std, ci95: [lo, hi]} over the per-seed
/// means over tasks), params (name -> mean over layers, seeds and tasks), train_seconds,
/// plus score when scored, tasks (id -> per-task figures) when there are several, reason
/// when rejected or diverged.
nlohmann::json to_json(const FunctionResult& f, int seeds);

/// An aligned text table of the results for a terminal.
std::string format_table(std::span<const FunctionResult> results, int seeds);

}  // namespace actsearch::search
