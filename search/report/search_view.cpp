// The search stage of a journal, function by function: what was proposed, refused, trained
// at which rung, with which screening accuracy, and how long its trainings took.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "grammar/expr.hpp"
#include "search/report/detail.hpp"

namespace actsearch::search::report_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double accuracy_of(const EvalRecord& r) { return r.val_accuracy; }
double loss_of(const EvalRecord& r) { return r.val_loss; }

// The Eval records of one function, by rung.
struct Trained {
  int proposal = std::numeric_limits<int>::max();
  std::map<int, std::vector<const EvalRecord*>> by_rung;
  std::string diverged_reason;
  bool diverged = false;
};

CandidateRow trained_row(const std::string& expr, const Trained& t, int screen_rung) {
  CandidateRow row;
  row.expr = expr;
  row.proposal = t.proposal;
  row.status = t.diverged ? EvalStatus::Diverged : EvalStatus::Ok;
  row.reason = t.diverged_reason;
  row.rung = t.by_rung.rbegin()->first;
  for (const auto& [rung, records] : t.by_rung) row.trainings += records.size();
  if (const auto it = t.by_rung.find(screen_rung); it != t.by_rung.end()) {
    row.screen_accuracy = mean_ci(per_seed_means(it->second, accuracy_of));
    row.screen_loss = mean_ci(per_seed_means(it->second, loss_of));
  } else {
    row.screen_accuracy = row.screen_loss = mean_ci({});
  }
  const std::vector<const EvalRecord*>& top = t.by_rung.rbegin()->second;
  row.rung_accuracy = mean_ci(per_seed_means(top, accuracy_of));
  row.params = mean_params(top);
  return row;
}

CandidateRow rejected_row(const EvalRecord& r) {
  CandidateRow row;
  row.expr = r.canonical;
  row.proposal = r.proposal;
  row.status = EvalStatus::Rejected;
  row.reason = r.reason;
  row.screen_accuracy = row.screen_loss = row.rung_accuracy = mean_ci({});
  return row;
}

std::vector<ProgressPoint> progress_of(const std::vector<CandidateRow>& rows) {
  std::vector<ProgressPoint> out;
  double best = -INFINITY;
  for (const CandidateRow& row : rows) {
    if (row.screen_accuracy.n == 0) continue;
    const double a = row.screen_accuracy.mean;
    if (a > best) best = a;
    out.push_back({out.size() + 1, a, std::isfinite(best) ? best : kNaN});
  }
  return out;
}

std::map<int, double> relu_accuracy(std::span<const EvalRecord> records) {
  std::map<int, std::vector<const EvalRecord*>> by_rung;
  for (const EvalRecord& r : records) {
    if (r.kind == RecordKind::Baseline && r.expr == "relu") by_rung[r.rung].push_back(&r);
  }
  std::map<int, double> out;
  for (const auto& [rung, rs] : by_rung) out[rung] = mean(per_seed_means(rs, accuracy_of));
  return out;
}

}  // namespace

std::vector<double> per_seed_means(std::span<const EvalRecord* const> records,
                                   double (*value)(const EvalRecord&)) {
  std::map<int, std::pair<double, int>> sums;  // seed index -> (sum, count)
  for (const EvalRecord* r : records) {
    auto& [sum, count] = sums[r->seed_index];
    sum += value(*r);
    ++count;
  }
  std::vector<double> out;
  for (const auto& [seed, sc] : sums) out.push_back(sc.first / sc.second);
  return out;
}

std::vector<std::pair<std::string, double>> mean_params(
    std::span<const EvalRecord* const> records) {
  std::vector<double> sums;
  std::vector<int> counts;
  for (const EvalRecord* r : records) {
    for (const std::vector<double>& layer : r->params_per_layer) {
      if (layer.size() > sums.size()) sums.resize(layer.size()), counts.resize(layer.size());
      for (std::size_t k = 0; k < layer.size(); ++k) sums[k] += layer[k], ++counts[k];
    }
  }
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t k = 0; k < sums.size(); ++k) {
    out.emplace_back(grammar::param_name(static_cast<int>(k)), sums[k] / counts[k]);
  }
  return out;
}

namespace {

// The journal's records grouped by function.
struct Grouped {
  std::map<std::string, Trained> trained;       // Eval records by canonical
  std::map<std::string, CandidateRow> refused;  // first Rejected record by canonical
  std::map<std::string, double> seconds;        // training time, final stage included
};

Grouped group(std::span<const EvalRecord> records) {
  Grouped g;
  for (const EvalRecord& r : records) {
    if (r.kind == RecordKind::Eval || r.kind == RecordKind::Final) {
      g.seconds[r.canonical] += r.train_seconds;
    }
    if (r.kind == RecordKind::Rejected) g.refused.try_emplace(r.canonical, rejected_row(r));
    if (r.kind != RecordKind::Eval) continue;
    Trained& t = g.trained[r.canonical];
    t.proposal = std::min(t.proposal, r.proposal);
    t.by_rung[r.rung].push_back(&r);
    if (r.status == EvalStatus::Diverged && !t.diverged) {
      t.diverged = true;
      t.diverged_reason = r.reason;
    }
  }
  return g;
}

// The search's first rung: the lowest any function was trained at (0 without trainings).
int screen_rung_of(const std::map<std::string, Trained>& trained) {
  int rung = trained.empty() ? 0 : std::numeric_limits<int>::max();
  for (const auto& [expr, t] : trained) rung = std::min(rung, t.by_rung.begin()->first);
  return rung;
}

}  // namespace

SearchView search_view(std::span<const EvalRecord> records) {
  Grouped g = group(records);
  SearchView view;
  view.screen_rung = screen_rung_of(g.trained);
  for (const auto& [expr, t] : g.trained) {
    view.candidates.push_back(trained_row(expr, t, view.screen_rung));
    view.candidates.back().train_seconds = g.seconds[expr];
  }
  for (auto& [expr, row] : g.refused) view.candidates.push_back(std::move(row));
  std::stable_sort(
      view.candidates.begin(), view.candidates.end(),
      [](const CandidateRow& a, const CandidateRow& b) { return a.proposal < b.proposal; });
  view.progress = progress_of(view.candidates);
  view.relu_accuracy = relu_accuracy(records);
  return view;
}

}  // namespace actsearch::search::report_detail
