#include "search/report/model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "grammar/known.hpp"
#include "grammar/nearest/nearest.hpp"
#include "grammar/parse.hpp"
#include "nn/activation.hpp"
#include "search/report/detail.hpp"
#include "search/stats/format.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;
using namespace report_detail;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The records behind a ranked row: Final records by canonical, Baseline records by name,
// or for a provisional row the Eval records at its rung.
std::vector<const EvalRecord*> records_of(std::span<const EvalRecord> records,
                                          const RankedFunction& f) {
  std::vector<const EvalRecord*> out;
  for (const EvalRecord& r : records) {
    const bool match = f.baseline ? r.kind == RecordKind::Baseline && r.expr == f.name
                       : f.provisional
                           ? r.kind == RecordKind::Eval && r.canonical == f.expr && r.rung == f.rung
                           : r.kind == RecordKind::Final && r.canonical == f.expr;
    if (match) out.push_back(&r);
  }
  if (f.baseline) {  // baselines are also trained at each rung: keep the final rung only
    int rung = -1;
    for (const EvalRecord* r : out) rung = std::max(rung, r->rung);
    std::erase_if(out, [&](const EvalRecord* r) { return r->rung != rung; });
  }
  return out;
}

// The record of the best seed (highest mean val accuracy over tasks) on the first task it
// has in record order; null when there are no records.
const EvalRecord* best_seed_record(std::span<const EvalRecord* const> rs) {
  std::vector<int> seeds;
  for (const EvalRecord* r : rs) seeds.push_back(r->seed_index);
  std::sort(seeds.begin(), seeds.end());
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
  if (seeds.empty()) return nullptr;
  const std::vector<double> per_seed =
      per_seed_means(rs, [](const EvalRecord& r) { return r.val_accuracy; });
  const auto best = std::max_element(per_seed.begin(), per_seed.end()) - per_seed.begin();
  for (const EvalRecord* r : rs) {
    if (r->seed_index == seeds[static_cast<std::size_t>(best)]) return r;
  }
  return nullptr;
}

// The learned parameters and shape per hidden layer of the best seed, sampled by
// `sample(params)`.
template <class Sample>
void add_layers(RankedFunction& f, std::span<const EvalRecord* const> rs, Sample sample) {
  if (const EvalRecord* r = best_seed_record(rs)) {
    f.layer_params = r->params_per_layer;
    for (const std::vector<double>& layer : r->params_per_layer) f.layers.push_back(sample(layer));
  }
}

// The nearest-known analysis of `e` at `params` (their initial values when the count
// differs).
void analyse(RankedFunction& f, const grammar::Expr& e, std::vector<double> params) {
  f.complexity = grammar::complexity(e);
  if (params.size() != static_cast<std::size_t>(grammar::num_params(e))) params.clear();
  f.nearest = grammar::nearest_known(e, params);
  f.family = grammar::family_of(e, f.nearest, params);
}

// A baseline that is an nn built-in: curves from nn (PWLU has no expression); the analysis
// from the grammar's expression of the same name when there is one.
void describe_builtin(RankedFunction& f, std::span<const EvalRecord* const> rs) {
  const std::vector<std::string> names = builtin_param_names(f.name);
  for (std::size_t k = 0; k < f.params.size() && k < names.size(); ++k) {
    f.params[k].first = names[k];
  }
  const std::vector<double> params = values_of(f.params);
  f.curve = sample_builtin(f.name, params, true);
  if (!names.empty()) {
    add_layers(f, rs,
               [&](const std::vector<double>& p) { return sample_builtin(f.name, p, false); });
  }
  grammar::Expr e;
  if (grammar::known_by_name(f.name) && expression_of(f.name, e)) analyse(f, e, params);
}

// Learned parameters, curves and the nearest-known analysis of a ranked row.
void describe(RankedFunction& f, std::span<const EvalRecord* const> rs) {
  f.analysed = true;
  f.params = mean_params(rs);
  if (f.baseline && nn::is_builtin(f.name)) return describe_builtin(f, rs);
  grammar::Expr e;
  if (!expression_of(f.baseline ? f.name : f.expr, e)) return;
  const std::vector<double> params = values_of(f.params);
  f.curve = sample_curve(e, params, true);
  analyse(f, e, params);
  if (grammar::num_params(e) > 0) {
    add_layers(f, rs, [&](const std::vector<double>& p) { return sample_curve(e, p, false); });
  }
}

// Without a final stage: the best functions of the search, by highest rung reached, then
// accuracy there, then proposal order.
std::vector<RankedFunction> provisional_top(const SearchView& view, std::size_t top_k) {
  std::vector<const CandidateRow*> rows;
  for (const CandidateRow& row : view.candidates) {
    if (row.rung >= 0 && std::isfinite(row.rung_accuracy.mean)) rows.push_back(&row);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const CandidateRow* a, const CandidateRow* b) {
    if (a->rung != b->rung) return a->rung > b->rung;
    return a->rung_accuracy.mean > b->rung_accuracy.mean;
  });
  std::vector<RankedFunction> out;
  for (std::size_t i = 0; i < rows.size() && i < top_k; ++i) {
    RankedFunction f;
    f.rank = static_cast<int>(i) + 1;
    f.name = f.expr = rows[i]->expr;
    f.provisional = true;
    f.rung = rows[i]->rung;
    f.seeds = rows[i]->rung_accuracy.n;
    f.val_accuracy = rows[i]->rung_accuracy;
    f.test_accuracy = f.score = mean_ci({});
    f.p_vs_relu = kNaN;
    const auto relu = view.relu_accuracy.find(rows[i]->rung);
    f.delta_relu = relu == view.relu_accuracy.end() ? kNaN : f.val_accuracy.mean - relu->second;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::vector<std::size_t> pareto_front(const std::vector<CandidateRow>& rows) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].complexity > 0 && std::isfinite(rows[i].screen_accuracy.mean)) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (rows[a].complexity != rows[b].complexity) return rows[a].complexity < rows[b].complexity;
    return rows[a].screen_accuracy.mean > rows[b].screen_accuracy.mean;
  });
  std::vector<std::size_t> front;
  double best = -INFINITY;
  for (const std::size_t i : order) {
    if (rows[i].screen_accuracy.mean > best) {
      front.push_back(i);
      best = rows[i].screen_accuracy.mean;
    }
  }
  return front;
}

std::string params_text(const std::vector<std::pair<std::string, double>>& params) {
  constexpr std::size_t kListed = 4;
  if (params.size() > kListed) return std::to_string(params.size()) + " learned parameters";
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += ", ";
    out += name + " " + report_format::real(value);
  }
  return out;
}

namespace {

RankedFunction ranked(const FinalStanding& standing) {
  RankedFunction f;
  static_cast<FinalStanding&>(f) = standing;
  return f;
}

// The final stage as the summary ranks it, each row described from its records; the
// summary's top list gets the analysis of its rows, which summary.json shows.
void add_final_stage(ReportModel& m, std::span<const EvalRecord> records) {
  for (const FinalStanding& f : m.summary.top) m.finals.push_back(ranked(f));
  for (const FinalStanding& f : m.summary.baselines) m.baselines.push_back(ranked(f));
  double relu_accuracy = kNaN;
  for (const RankedFunction& b : m.baselines) {
    if (b.name == "relu") relu_accuracy = b.val_accuracy.mean;
  }
  for (std::vector<RankedFunction>* list : {&m.finals, &m.baselines}) {
    for (RankedFunction& f : *list) {
      f.delta_relu = f.val_accuracy.mean - relu_accuracy;
      describe(f, records_of(records, f));
    }
  }
  for (std::size_t i = 0; i < m.finals.size(); ++i) m.summary.top[i] = m.finals[i];
  m.final_stage_done = !m.finals.empty();
  std::stable_sort(
      m.baselines.begin(), m.baselines.end(),
      [](const RankedFunction& a, const RankedFunction& b) { return a.rank < b.rank; });
}

}  // namespace

ReportModel build_report_model(std::string run_name, const json& config,
                               std::span<const EvalRecord> records, RunSummary summary,
                               std::size_t top_k) {
  ReportModel m;
  m.run_name = std::move(run_name);
  m.config = config;
  m.top_k = top_k;
  m.summary = std::move(summary);
  SearchView view = search_view(records);
  analyse_candidates(view.candidates);
  add_final_stage(m, records);
  if (m.final_stage_done) {
    m.top.assign(m.finals.begin(), m.finals.begin() + std::min(top_k, m.finals.size()));
  } else {
    m.top = provisional_top(view, top_k);
    for (RankedFunction& f : m.top) describe(f, records_of(records, f));
  }
  for (CandidateRow& row : view.candidates) {
    for (std::size_t i = 0; i < m.finals.size(); ++i) {
      if (m.finals[i].expr == row.expr) row.final_index = static_cast<int>(i);
    }
  }
  m.candidates = std::move(view.candidates);
  m.progress = std::move(view.progress);
  m.pareto = pareto_front(m.candidates);
  m.screen_rung = view.screen_rung;
  const auto relu0 = view.relu_accuracy.find(view.screen_rung);
  m.relu_screen_accuracy = relu0 == view.relu_accuracy.end() ? kNaN : relu0->second;
  m.relu_curve = sample_curve(grammar::parse_activation("relu"), {}, true);
  m.swish_curve = sample_curve(grammar::parse_activation("silu"), {}, true);
  return m;
}

}  // namespace actsearch::search
