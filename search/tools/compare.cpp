#include "search/tools/compare.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include "grammar/base/error.hpp"
#include "nn/activation.hpp"
#include "search/stats/scoring.hpp"
#include "search/train/batch.hpp"
#include "search/train/evaluator.hpp"
#include "search/train/program_activation.hpp"

namespace actsearch::search {
namespace {

constexpr int kFullRung = 1;

// Per candidate, the index of the first valid candidate of the same function (itself for
// a rejected one).
std::vector<std::size_t> first_of_each_function(std::span<const Candidate> candidates) {
  std::map<std::uint64_t, std::size_t> first;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    out.push_back(candidates[i].valid ? first.emplace(candidates[i].fingerprint, i).first->second
                                      : i);
  }
  return out;
}

std::vector<std::string> param_names_of(const Candidate& c) {
  if (c.builtin) return nn::make_builtin(c.canonical)->param_names();
  return ProgramActivation(c.expr, c.canonical).param_names();
}

// The mean over the seeds that did not diverge of each layer's parameters.
std::vector<std::vector<double>> mean_params(const std::vector<const EvalRecord*>& records) {
  std::vector<std::vector<double>> sum;
  int n = 0;
  for (const EvalRecord* r : records) {
    if (r->status != EvalStatus::Ok) continue;
    if (n++ == 0) {
      sum = r->params_per_layer;
      continue;
    }
    for (std::size_t l = 0; l < sum.size(); ++l) {
      for (std::size_t k = 0; k < sum[l].size(); ++k) sum[l][k] += r->params_per_layer[l][k];
    }
  }
  for (auto& layer : sum) {
    for (double& v : layer) v /= n;
  }
  return sum;
}

// Figures of one function on one task from its records, ordered by seed index.
TaskFigures task_figures(const std::string& task, std::vector<const EvalRecord*> records) {
  std::sort(records.begin(), records.end(),
            [](const EvalRecord* a, const EvalRecord* b) { return a->seed_index < b->seed_index; });
  TaskFigures f;
  f.task = task;
  for (const EvalRecord* r : records) {
    f.val_accuracy.push_back(r->val_accuracy);
    f.val_loss.push_back(r->val_loss);
    f.train_seconds += r->train_seconds;
  }
  f.params_per_layer = mean_params(records);
  return f;
}

std::vector<EvalJob> make_jobs(std::span<const Candidate> candidates,
                               const std::vector<std::size_t>& first,
                               const CompareOptions& options) {
  std::vector<EvalJob> jobs;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (first[i] != i || !candidates[i].valid) continue;
    for (const TaskConfig& task : options.tasks) {
      for (int s = 0; s < options.seeds; ++s) {
        jobs.push_back({make_request(candidates[i], task, kFullRung, s, options.run_seed),
                        candidates[i].input, RecordKind::Eval, false});
      }
    }
  }
  return jobs;
}

std::vector<EvalRecord> train_all(std::span<const EvalJob> jobs, const CompareOptions& options,
                                  DataCache& data) {
  std::vector<EvalRecord> records;
  std::mutex mutex;
  const std::atomic<bool> cancel{false};
  run_batch(
      jobs, options.tasks, data, options.threads,
      [&](const EvalRecord& r) {
        const std::lock_guard lock(mutex);
        records.push_back(r);
      },
      cancel);
  return records;
}

void add_scores(std::vector<FunctionResult>& results, const CompareOptions& options,
                DataCache& data) {
  const auto relu = std::find_if(results.begin(), results.end(), [](const FunctionResult& f) {
    return f.candidate.builtin && f.candidate.canonical == "relu";
  });
  if (relu == results.end()) return;
  std::vector<double> chance;
  std::vector<std::vector<double>> relu_losses;
  for (std::size_t t = 0; t < options.tasks.size(); ++t) {
    chance.push_back(chance_loss(data.get(options.tasks[t].data).val));
    relu_losses.push_back(relu->tasks[t].val_loss);
  }
  const std::vector<TaskScale> scales = task_scales(chance, relu_losses);
  for (FunctionResult& f : results) {
    if (f.status == EvalStatus::Rejected) continue;
    std::vector<std::vector<double>> losses;
    for (std::size_t t = 0; t < f.tasks.size(); ++t) {
      f.tasks[t].score = task_score(f.tasks[t].val_loss, scales[t]);
      losses.push_back(f.tasks[t].val_loss);
    }
    f.score = score(losses, scales);
    f.seed_scores = per_seed_scores(losses, scales);
  }
}

void check(const CompareOptions& options) {
  if (options.tasks.empty()) throw Error("no task to train on");
  if (options.seeds < 1) throw Error("--seeds must be at least 1");
  if (options.threads < 1) throw Error("--threads must be at least 1");
}

}  // namespace

std::vector<FunctionResult> compare_functions(std::span<const Candidate> candidates,
                                              const CompareOptions& options, DataCache& data) {
  check(options);
  for (const TaskConfig& task : options.tasks) data.get(task.data);  // bad data fails early
  const std::vector<std::size_t> first = first_of_each_function(candidates);
  const std::vector<EvalRecord> records =
      train_all(make_jobs(candidates, first, options), options, data);
  std::vector<FunctionResult> results;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    FunctionResult f;
    f.candidate = candidates[i];
    if (!f.candidate.valid) {
      f.status = EvalStatus::Rejected;
      results.push_back(std::move(f));
      continue;
    }
    f.param_names = param_names_of(f.candidate);
    for (const TaskConfig& task : options.tasks) {
      std::vector<const EvalRecord*> mine;
      for (const EvalRecord& r : records) {
        if (r.fingerprint == candidates[first[i]].fingerprint && r.task == task.id) {
          mine.push_back(&r);
          if (r.status == EvalStatus::Diverged) f.status = EvalStatus::Diverged;
        }
      }
      f.tasks.push_back(task_figures(task.id, std::move(mine)));
    }
    results.push_back(std::move(f));
  }
  add_scores(results, options, data);
  return results;
}

std::vector<double> mean_over_tasks(const FunctionResult& f,
                                    std::vector<double> TaskFigures::*values) {
  if (f.tasks.empty()) return {};
  std::vector<double> out((f.tasks[0].*values).size(), 0.0);
  for (const TaskFigures& t : f.tasks) {
    for (std::size_t i = 0; i < out.size(); ++i) out[i] += (t.*values)[i];
  }
  for (double& v : out) v /= static_cast<double>(f.tasks.size());
  return out;
}

}  // namespace actsearch::search
