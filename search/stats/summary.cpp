#include "search/stats/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "search/stats/scoring.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json stats_json(const MeanCI& s) {
  return {{"mean", number(s.mean)},
          {"std", number(s.std)},
          {"ci95", json::array({number(s.ci95.lo), number(s.ci95.hi)})}};
}

// The final-stage trainings of one function: runs[t][i] is task t, seed i (null: missing).
// A candidate is named by its canonical form, a baseline by the name it was given.
struct FinalRuns {
  RecordKind kind = RecordKind::Final;
  std::string name;
  std::string canonical;
  int proposal = -1;
  std::vector<std::vector<const EvalRecord*>> runs;

  bool complete() const {
    for (const auto& task : runs) {
      for (const EvalRecord* r : task) {
        if (r == nullptr) return false;
      }
    }
    return true;
  }
};

using FinalKey = std::pair<RecordKind, std::string>;

std::map<FinalKey, FinalRuns> final_runs(const SearchConfig& config,
                                         std::span<const EvalRecord> records) {
  std::map<std::string, std::size_t> task_index;
  for (std::size_t t = 0; t < config.tasks.size(); ++t) task_index[config.tasks[t].id] = t;
  const int rung = final_rung(config.ladder);
  std::map<FinalKey, FinalRuns> out;
  for (const EvalRecord& r : records) {
    if ((r.kind != RecordKind::Final && r.kind != RecordKind::Baseline) || r.rung != rung ||
        !task_index.count(r.task) || r.seed_index < 0 || r.seed_index >= config.final_seeds) {
      continue;
    }
    const std::string& name = r.kind == RecordKind::Baseline ? r.expr : r.canonical;
    FinalRuns& f = out[{r.kind, name}];
    if (f.runs.empty()) {
      f = {r.kind, name, r.canonical, r.proposal,
           std::vector<std::vector<const EvalRecord*>>(
               config.tasks.size(), std::vector<const EvalRecord*>(config.final_seeds))};
    }
    const EvalRecord*& slot = f.runs[task_index[r.task]][static_cast<std::size_t>(r.seed_index)];
    if (slot == nullptr) slot = &r;
  }
  return out;
}

// One function's per-seed samples (each the mean over tasks) and its test against ReLU.
struct Scored {
  const FinalRuns* f = nullptr;
  std::vector<double> score, val_accuracy, test_accuracy;
  double mean = NAN;
  double p = NAN;
  int rank = 0;
};

std::vector<double> per_seed_mean(const FinalRuns& f, double (*value)(const EvalRecord&)) {
  std::vector<double> out(f.runs.front().size(), 0.0);
  for (const auto& task : f.runs) {
    for (std::size_t i = 0; i < task.size(); ++i) out[i] += value(*task[i]);
  }
  for (double& v : out) v /= static_cast<double>(f.runs.size());
  return out;
}

Scored scored(const FinalRuns& f, std::span<const TaskScale> scales) {
  std::vector<std::vector<double>> losses;
  for (const auto& task : f.runs) {
    losses.emplace_back();
    for (const EvalRecord* r : task) losses.back().push_back(r->val_loss);
  }
  Scored s;
  s.f = &f;
  s.score = per_seed_scores(losses, scales);
  s.val_accuracy = per_seed_mean(f, [](const EvalRecord& r) { return r.val_accuracy; });
  s.test_accuracy =
      per_seed_mean(f, [](const EvalRecord& r) { return r.test_accuracy.value_or(NAN); });
  s.mean = mean(s.score);
  return s;
}

// Best first: higher mean score, NaN last, then earlier proposal, then name.
bool better(const Scored& a, const Scored& b) {
  const double ma = std::isnan(a.mean) ? -INFINITY : a.mean;
  const double mb = std::isnan(b.mean) ? -INFINITY : b.mean;
  if (ma != mb) return ma > mb;
  if (a.f->proposal != b.f->proposal) return a.f->proposal < b.f->proposal;
  return a.f->name < b.f->name;
}

// The standing of a scored function, its statistics over the per-seed samples.
FinalStanding standing_of(const Scored& s) {
  FinalStanding out;
  out.rank = s.rank;
  out.baseline = s.f->kind == RecordKind::Baseline;
  out.name = s.f->name;
  out.expr = out.baseline ? s.f->canonical : s.f->name;
  out.proposal = out.baseline ? -1 : s.f->proposal;
  out.seeds = s.score.size();
  out.score = mean_ci(s.score);
  out.val_accuracy = mean_ci(s.val_accuracy);
  out.test_accuracy = mean_ci(s.test_accuracy);
  out.p_vs_relu = s.p;
  return out;
}

// ReLU's final losses per task set the scale of every final score.
std::vector<TaskScale> final_scales(const std::map<FinalKey, FinalRuns>& runs,
                                    std::span<const double> chance) {
  std::vector<std::vector<double>> relu_losses(chance.size());
  const auto relu = runs.find({RecordKind::Baseline, "relu"});
  if (relu != runs.end() && relu->second.complete()) {
    for (std::size_t t = 0; t < chance.size(); ++t) {
      for (const EvalRecord* r : relu->second.runs[t]) relu_losses[t].push_back(r->val_loss);
    }
  }
  return task_scales(chance, relu_losses);
}

// p-values against ReLU: Holm-adjusted over the candidates, raw for baselines, none for
// ReLU itself or when ReLU has no complete final stage.
void test_against_relu(std::vector<Scored>& top, std::vector<Scored>& baselines) {
  const Scored* relu = nullptr;
  for (const Scored& b : baselines) {
    if (b.f->name == "relu") relu = &b;
  }
  if (relu == nullptr) return;
  std::vector<double> raw;
  for (const Scored& s : top) raw.push_back(welch_t_test(s.score, relu->score).p);
  const std::vector<double> adjusted = holm_adjust(raw);
  for (std::size_t i = 0; i < top.size(); ++i) top[i].p = adjusted[i];
  for (Scored& b : baselines) {
    if (&b != relu) b.p = welch_t_test(b.score, relu->score).p;
  }
}

void rank_together(std::vector<Scored>& top, std::vector<Scored>& baselines) {
  std::vector<Scored*> all;
  for (Scored& s : top) all.push_back(&s);
  for (Scored& s : baselines) all.push_back(&s);
  std::stable_sort(all.begin(), all.end(),
                   [](const Scored* a, const Scored* b) { return better(*a, *b); });
  for (std::size_t i = 0; i < all.size(); ++i) all[i]->rank = static_cast<int>(i) + 1;
}

RunTiming timing_of(std::span<const EvalRecord> records, std::size_t trainings) {
  double first = INFINITY, last = -INFINITY, train = 0.0;
  for (const EvalRecord& r : records) {
    if (is_trained(r.kind)) train += r.train_seconds;
    if (!(r.unix_time > 0.0)) continue;
    last = std::max(last, r.unix_time);
    first = std::min(first, is_trained(r.kind) ? r.unix_time - r.train_seconds : r.unix_time);
  }
  RunTiming t{kNaN, train, kNaN};
  if (last >= first) t.wall_seconds = last - first;
  if (t.wall_seconds > 0.0) t.trainings_per_minute = 60.0 * trainings / t.wall_seconds;
  return t;
}

json standing_json(const FinalStanding& f) {
  json j = {{"rank", f.rank},
            {"expr", f.expr},
            {"seeds", f.seeds},
            {"score", stats_json(f.score)},
            {"val_accuracy", stats_json(f.val_accuracy)},
            {"test_accuracy", stats_json(f.test_accuracy)},
            {"p_vs_relu", number(f.p_vs_relu)}};
  if (f.baseline) {
    j["name"] = f.name;
  } else {
    j["proposal"] = f.proposal;
    j["nearest"] = f.analysed ? to_json(f.nearest) : json(nullptr);
    j["family"] = f.analysed ? json(f.family) : json(nullptr);
  }
  return j;
}

}  // namespace

RunCounts count_records(std::span<const EvalRecord> records) {
  RunCounts c;
  std::set<std::string> distinct, diverged;
  for (const EvalRecord& r : records) {
    if (is_trained(r.kind)) ++c.trainings;
    if (r.kind == RecordKind::Duplicate) ++c.duplicates;
    if (r.kind == RecordKind::Rejected) {
      ++c.rejected;
      ++c.rejected_by_reason[r.reason];
    }
    if (r.kind == RecordKind::Eval) {
      distinct.insert(r.canonical);
      if (r.status == EvalStatus::Diverged) diverged.insert(r.canonical);
    }
  }
  c.distinct = distinct.size();
  c.diverged = diverged.size();
  c.proposals = c.distinct + c.duplicates + c.rejected;
  return c;
}

RunSummary summarize_run(const SearchConfig& config, std::span<const double> chance,
                         std::span<const EvalRecord> records) {
  const std::map<FinalKey, FinalRuns> runs = final_runs(config, records);
  const std::vector<TaskScale> scales = final_scales(runs, chance);
  std::vector<Scored> top, baselines;
  for (const auto& [key, f] : runs) {
    if (key.first == RecordKind::Final && f.complete()) top.push_back(scored(f, scales));
  }
  std::sort(top.begin(), top.end(), better);
  if (top.size() > config.top) top.resize(config.top);
  for (const std::string& name : config.baselines) {
    const auto it = runs.find({RecordKind::Baseline, name});
    if (it != runs.end() && it->second.complete()) baselines.push_back(scored(it->second, scales));
  }
  test_against_relu(top, baselines);
  rank_together(top, baselines);
  RunSummary out;
  out.counts = count_records(records);
  out.timing = timing_of(records, out.counts.trainings);
  for (const Scored& s : top) out.top.push_back(standing_of(s));
  for (const Scored& s : baselines) out.baselines.push_back(standing_of(s));
  return out;
}

json to_json(const RunSummary& s) {
  const RunCounts& c = s.counts;
  json out = {{"evaluations", c.trainings},
              {"proposals", c.proposals},
              {"distinct", c.distinct},
              {"duplicates", c.duplicates},
              {"rejected", c.rejected},
              {"diverged", c.diverged},
              {"wall_seconds", number(s.timing.wall_seconds)},
              {"top", json::array()},
              {"baselines", json::array()}};
  for (const FinalStanding& f : s.top) out["top"].push_back(standing_json(f));
  for (const FinalStanding& f : s.baselines) out["baselines"].push_back(standing_json(f));
  return out;
}

json to_json(const grammar::Nearest& nearest) {
  json params = json::object();
  for (const auto& [name, value] : nearest.params) params[name] = real_to_json(value);
  return {{"name", nearest.name}, {"params", params}, {"distance", real_to_json(nearest.distance)}};
}

}  // namespace actsearch::search
