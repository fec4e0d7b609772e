// The two outputs of `actsearch eval` and `actsearch baselines`: JSON lines and a table.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "grammar/base/error.hpp"
#include "search/stats/format.hpp"
#include "search/tools/compare.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;
namespace rf = report_format;

json summary_json(std::span<const double> xs) {
  const MeanCI s = mean_ci(xs);
  return {{"mean", real_to_json(s.mean)},
          {"std", real_to_json(s.std)},
          {"ci95", json::array({real_to_json(s.ci95.lo), real_to_json(s.ci95.hi)})}};
}

// Per parameter, the mean over every task's layers (each already a mean over seeds).
std::vector<double> mean_params(const FunctionResult& f) {
  std::vector<double> sum(f.param_names.size(), 0.0);
  int layers = 0;
  for (const TaskFigures& t : f.tasks) {
    for (const std::vector<double>& layer : t.params_per_layer) {
      ACTSEARCH_ASSERT(layer.size() == sum.size(), "one value per parameter name");
      for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += layer[k];
      ++layers;
    }
  }
  for (double& v : sum) v = layers > 0 ? v / layers : std::nan("");
  return sum;
}

json params_json(const std::vector<std::string>& names, const std::vector<double>& values) {
  json j = json::object();
  for (std::size_t k = 0; k < names.size(); ++k) j[names[k]] = real_to_json(values[k]);
  return j;
}

json task_json(const TaskFigures& t) {
  json layers = json::array();
  for (const std::vector<double>& layer : t.params_per_layer) {
    json values = json::array();
    for (const double v : layer) values.push_back(real_to_json(v));
    layers.push_back(std::move(values));
  }
  json j = {{"val_accuracy", summary_json(t.val_accuracy)},
            {"val_loss", summary_json(t.val_loss)},
            {"params_per_layer", std::move(layers)},
            {"train_seconds", real_to_json(t.train_seconds)}};
  if (t.score) j["score"] = real_to_json(*t.score);
  return j;
}

double train_seconds(const FunctionResult& f) {
  double s = 0.0;
  for (const TaskFigures& t : f.tasks) s += t.train_seconds;
  return s;
}

std::string params_text(const FunctionResult& f) {
  if (f.param_names.empty() || f.status == EvalStatus::Rejected) return "";
  if (f.param_names.size() > 3) return fmt::format("{} learned", f.param_names.size());
  const std::vector<double> values = mean_params(f);
  std::string out;
  for (std::size_t k = 0; k < values.size(); ++k) {
    out += fmt::format("{}{}={:.3g}", k > 0 ? " " : "", f.param_names[k], values[k]);
  }
  return out;
}

std::string mean_ci_text(std::span<const double> xs, int decimals) {
  const MeanCI s = mean_ci(xs);
  return fmt::format("{} ± {}", rf::fixed(s.mean, decimals),
                     rf::fixed((s.ci95.hi - s.ci95.lo) / 2, decimals));
}

}  // namespace

json to_json(const FunctionResult& f, int seeds) {
  json j = {{"expr", f.candidate.input},
            {"canonical", f.candidate.canonical},
            {"status", std::string(to_string(f.status))}};
  if (f.status == EvalStatus::Rejected) {
    j["seeds"] = 0;
    j["reason"] = f.candidate.reason;
    return j;
  }
  j["seeds"] = seeds;
  j["val_accuracy"] = summary_json(mean_over_tasks(f, &TaskFigures::val_accuracy));
  j["val_loss"] = summary_json(mean_over_tasks(f, &TaskFigures::val_loss));
  j["params"] = params_json(f.param_names, mean_params(f));
  j["train_seconds"] = real_to_json(train_seconds(f));
  if (f.score) j["score"] = real_to_json(*f.score);
  if (f.status == EvalStatus::Diverged) j["reason"] = "diverged on some seeds";
  if (f.tasks.size() > 1) {
    json tasks = json::object();
    for (const TaskFigures& t : f.tasks) tasks[t.task] = task_json(t);
    j["tasks"] = std::move(tasks);
  }
  return j;
}

std::string format_table(std::span<const FunctionResult> results, int seeds) {
  const bool scored = std::any_of(results.begin(), results.end(),
                                  [](const FunctionResult& f) { return f.score.has_value(); });
  std::string out = fmt::format("{:<24} {:<24} {:<9} {:>18} {:>16} {:>7} {:<20} {:>8}\n", "expr",
                                "canonical", "status", "val accuracy", "val loss",
                                scored ? "score" : "", "learned", "seconds");
  for (const FunctionResult& f : results) {
    if (f.status == EvalStatus::Rejected) {
      out += fmt::format("{:<24} {:<24} {:<9} {}\n", rf::expression(f.candidate.input),
                         rf::expression(f.candidate.canonical), "rejected", f.candidate.reason);
      continue;
    }
    out += fmt::format(
        "{:<24} {:<24} {:<9} {:>18} {:>16} {:>7} {:<20} {:>8}\n", rf::expression(f.candidate.input),
        rf::expression(f.candidate.canonical), to_string(f.status),
        mean_ci_text(mean_over_tasks(f, &TaskFigures::val_accuracy), 4),
        mean_ci_text(mean_over_tasks(f, &TaskFigures::val_loss), 4),
        f.score ? rf::fixed(*f.score, 3) : "", params_text(f), rf::fixed(train_seconds(f), 2));
  }
  out += fmt::format("{} seed{} per function and task; accuracy and loss: mean ± 95% CI{}\n", seeds,
                     seeds == 1 ? "" : "s",
                     scored ? "; score: validation loss scaled to chance 0, relu 1" : "");
  return out;
}

}  // namespace actsearch::search
