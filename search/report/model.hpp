#pragma once
// What the reports of a run show, built from the run folder alone (config.json, the journal
// and the summary derived from it), so a report can be rebuilt at any time, also while a run
// is going or after it stopped early. The renderers (markdown, html, csv) only format this
// model.
//
// Sources: the final-stage statistics (ranks, means, 95% CIs, p-values against ReLU) and
// the counts come from the run's summary (search/stats/summary.hpp) and are not recomputed
// here; the search-stage view (every distinct function, its screening accuracy, progress,
// Pareto front), learned parameters, curves and the nearest-known analysis come from the
// journal's records.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "grammar/nearest/nearest.hpp"
#include "search/data/record.hpp"
#include "search/stats/stats.hpp"
#include "search/stats/summary.hpp"

namespace actsearch::search {

/// A function sampled for plotting on x in [-5, 5]; df is empty when unknown.
struct Curve {
  std::vector<double> x, f, df;
};

/// One row of a ranked table: a final-stage candidate or baseline as the summary ranks it,
/// or a provisional row, described from its records.
struct RankedFunction : FinalStanding {
  std::size_t complexity = 0;  // 0 when there is no expression
  double delta_relu = 0.0;     // mean val accuracy minus ReLU's; NaN without ReLU
  bool provisional = false;    // from the search stage: the final stage has not run
  int rung = -1;               // provisional rows: the rung their statistics come from
  std::vector<std::pair<std::string, double>> params;  // learned, mean over seeds and layers
  Curve curve;                // f and f' at the learned parameters (empty: no expression)
  std::vector<Curve> layers;  // learned shape per hidden layer of the best seed
  std::vector<std::vector<double>> layer_params;  // its parameters: [layer][k]
};

/// One distinct function proposed by the search (a row of candidates.csv).
struct CandidateRow {
  std::string expr;  // canonical
  std::size_t complexity = 0;
  int proposal = -1;                   // first proposal of this function
  EvalStatus status = EvalStatus::Ok;  // Ok, Diverged or Rejected
  std::string reason;                  // why rejected or diverged
  int rung = -1;                       // highest rung trained; -1: never trained
  std::size_t trainings = 0;           // search-stage trainings (all rungs)
  MeanCI screen_accuracy;              // at the screening rung: per seed the mean over tasks
  MeanCI screen_loss;                  // val loss at the screening rung, same shape
  MeanCI rung_accuracy;                // at the highest rung
  double train_seconds = 0.0;          // all trainings of the function, final stage included
  int final_index = -1;                // its row in ReportModel::finals; -1: not retrained
  std::vector<std::pair<std::string, double>> params;  // learned at the highest rung
  grammar::Nearest nearest{"none", {}, 0.0};
  std::string family = "other";
};

/// One point of the best-so-far plot: the n-th distinct function screened.
struct ProgressPoint {
  std::size_t evaluation = 0;  // 1-based, in proposal order
  double accuracy = 0.0;       // its screening accuracy
  double best = 0.0;           // best screening accuracy up to here
};

struct ReportModel {
  std::string run_name;   // the run folder's name
  nlohmann::json config;  // config.json as written
  bool final_stage_done = false;
  std::size_t top_k = 0;                  // rows and plots of the ranked table
  RunSummary summary;                     // the final stage's lists analysed (nearest, family)
  std::vector<RankedFunction> top;        // best first; provisional rows when no final stage
  std::vector<RankedFunction> finals;     // every final-stage candidate (top holds top_k)
  std::vector<RankedFunction> baselines;  // by rank
  std::vector<CandidateRow> candidates;   // every distinct function, by first proposal
  std::vector<ProgressPoint> progress;
  std::vector<std::size_t> pareto;    // indices into candidates: the accuracy/complexity front
  int screen_rung = 0;                // the search's first rung (0, or 1 without halving)
  double relu_screen_accuracy = 0.0;  // ReLU's accuracy there; NaN when not trained
  Curve relu_curve, swish_curve;      // drawn faintly behind every plot
};

/// The model of a run. `config` is config.json, `records` the journal's records, `summary`
/// their summary (summarize_run; empty lists when the final stage has not run), `top_k` how
/// many candidates to rank and plot.
ReportModel build_report_model(std::string run_name, const nlohmann::json& config,
                               std::span<const EvalRecord> records, RunSummary summary,
                               std::size_t top_k);

/// Indices of the rows on the Pareto front of screening accuracy (higher is better) against
/// complexity (lower is better), by increasing complexity; rows without a screening accuracy
/// or an expression are left out, and of equal rows the first proposed is kept.
std::vector<std::size_t> pareto_front(const std::vector<CandidateRow>& rows);

/// "beta 1.62, beta1 0.3"; "N learned parameters" beyond four of them; "" for none.
std::string params_text(const std::vector<std::pair<std::string, double>>& params);

/// Sentences saying whether swish-like and piecewise-linear functions were found, their
/// best ranks and how they compare with ReLU (plain text; backquotes mark expressions).
std::vector<std::string> rediscovery_sentences(const ReportModel& model);

}  // namespace actsearch::search
