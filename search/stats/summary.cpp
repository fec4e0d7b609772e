#include "search/stats/summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "search/data/journal.hpp"
#include "search/stats/scoring.hpp"
#include "search/stats/stats.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json stats_json(std::span<const double> xs) {
  const Summary s = summarize(xs);
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

json entry_json(const Scored& s) {
  return {{"rank", s.rank},
          {"seeds", s.score.size()},
          {"score", stats_json(s.score)},
          {"val_accuracy", stats_json(s.val_accuracy)},
          {"test_accuracy", stats_json(s.test_accuracy)},
          {"p_vs_relu", number(s.p)}};
}

}  // namespace

namespace {

// The search's bookkeeping: how many proposals were new, repeated, refused, diverged.
json counts_json(std::span<const EvalRecord> records) {
  std::size_t evaluations = 0, duplicates = 0, rejected = 0;
  std::set<std::string> distinct, diverged;
  for (const EvalRecord& r : records) {
    if (is_trained(r.kind)) ++evaluations;
    if (r.kind == RecordKind::Duplicate) ++duplicates;
    if (r.kind == RecordKind::Rejected) ++rejected;
    if (r.kind == RecordKind::Eval) {
      distinct.insert(r.canonical);
      if (r.status == EvalStatus::Diverged) diverged.insert(r.canonical);
    }
  }
  return {{"evaluations", evaluations},  {"proposals", distinct.size() + duplicates + rejected},
          {"distinct", distinct.size()}, {"duplicates", duplicates},
          {"rejected", rejected},        {"diverged", diverged.size()}};
}

std::vector<TaskScale> relu_scales(const std::map<FinalKey, FinalRuns>& runs,
                                   std::span<const double> chance) {
  std::vector<TaskScale> scales;
  const auto relu = runs.find({RecordKind::Baseline, "relu"});
  for (std::size_t t = 0; t < chance.size(); ++t) {
    std::vector<double> losses;
    if (relu != runs.end() && relu->second.complete()) {
      for (const EvalRecord* r : relu->second.runs[t]) losses.push_back(r->val_loss);
    }
    scales.push_back(task_scale(chance[t], losses));  // no ReLU: NaN scale, NaN scores
  }
  return scales;
}

}  // namespace

namespace {

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

json lists_json(const std::vector<Scored>& top, const std::vector<Scored>& baselines) {
  json out = {{"top", json::array()}, {"baselines", json::array()}};
  for (const Scored& s : top) {
    json e = entry_json(s);
    e["expr"] = s.f->name;
    e["proposal"] = s.f->proposal;
    e["nearest"] = nullptr;
    e["family"] = nullptr;
    out["top"].push_back(e);
  }
  for (const Scored& s : baselines) {
    json e = entry_json(s);
    e["name"] = s.f->name;
    e["expr"] = s.f->canonical;
    out["baselines"].push_back(e);
  }
  return out;
}

}  // namespace

json build_summary(const SearchConfig& config, std::span<const double> chance,
                   std::span<const EvalRecord> records, std::optional<double> wall_seconds) {
  const std::map<FinalKey, FinalRuns> runs = final_runs(config, records);
  const std::vector<TaskScale> scales = relu_scales(runs, chance);
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
  json out = counts_json(records);
  out["wall_seconds"] = wall_seconds ? json(*wall_seconds) : json(nullptr);
  const json lists = lists_json(top, baselines);
  out["top"] = lists["top"];
  out["baselines"] = lists["baselines"];
  return out;
}

std::filesystem::path summary_path(const std::filesystem::path& dir) {
  return dir / "summary.json";
}

json summarize_run(const std::filesystem::path& dir, std::optional<double> wall_seconds) {
  const json config_json = read_config(dir);
  const SearchConfig config = search_config_from_json(config_json);
  const std::vector<EvalRecord> records =
      records_from_json(read_journal(dir).records, journal_path(dir).string());
  return build_summary(config, chance_from_json(config_json, config), records, wall_seconds);
}

}  // namespace actsearch::search
