#pragma once
// The summary of a run, computed once from its records: how the search spent its proposals,
// how long it took, and its final stage ranked. summary.json is to_json(RunSummary); the
// reports (search/report/model.hpp) and the table `actsearch search` prints are rendered
// from the same value. tests/data/summary_golden.json holds the JSON shape, checked by a test.

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "grammar/nearest/nearest.hpp"
#include "search/data/record.hpp"
#include "search/data/run_config.hpp"
#include "search/stats/stats.hpp"

namespace actsearch::search {

/// How the search spent its proposals.
struct RunCounts {
  std::size_t trainings = 0;   // trained records of every kind (summary.json: "evaluations")
  std::size_t proposals = 0;   // distinct + duplicates + rejected
  std::size_t distinct = 0;    // distinct functions trained
  std::size_t duplicates = 0;  // proposals of a function seen before
  std::size_t rejected = 0;    // refused by the validity screen
  std::size_t diverged = 0;    // distinct functions with a diverged search training
  std::map<std::string, std::size_t> rejected_by_reason;
};

/// The counts of a run's records; the one place proposals are counted.
RunCounts count_records(std::span<const EvalRecord> records);

/// Timing from the records' clocks, so a run folder gives the same at any time.
struct RunTiming {
  double wall_seconds = 0.0;   // first training's start to last record; NaN: unknown
  double train_seconds = 0.0;  // summed over trainings (CPU time of one thread each)
  double trainings_per_minute = 0.0;
};

/// One function of the final stage: a candidate of the top list or a baseline.
struct FinalStanding {
  int rank = 0;      // position among candidates and baselines together (1 = best)
  std::string name;  // baseline name ("relu", "pwlu"); the expression for candidates
  std::string expr;  // canonical expression; a built-in outside the grammar: its name
  bool baseline = false;
  int proposal = -1;  // candidates: first proposal; -1 for baselines
  std::size_t seeds = 0;
  MeanCI score, val_accuracy, test_accuracy;  // over seeds, each the mean over tasks
  double p_vs_relu = 0.0;  // Welch on per-seed scores (Holm over the top); NaN: undefined
  // The nearest-known analysis, which belongs to the reports: set when `analysed`.
  bool analysed = false;
  grammar::Nearest nearest{"none", {}, 0.0};
  std::string family = "other";
};

struct RunSummary {
  RunCounts counts;
  RunTiming timing;
  std::vector<FinalStanding> top;        // the best --top candidates by final score
  std::vector<FinalStanding> baselines;  // in config order
};

/// The summary of a run configured as `config`, whose tasks have chance losses `chance`
/// (config.tasks order), from its records in journal order. Functions with an incomplete
/// final stage (an interrupted run) are left out of the lists. Scores are the normalised
/// scores of search/stats/scoring.hpp on the final rung's ReLU scale; p_vs_relu is Welch's
/// t-test of the per-seed scores against ReLU's, Holm-corrected over the top list (raw for
/// baselines, NaN for relu itself or without a complete ReLU).
RunSummary summarize_run(const SearchConfig& config, std::span<const double> chance,
                         std::span<const EvalRecord> records);

/// summary.json: the counts, "wall_seconds" and the two lists; statistics are {"mean",
/// "std", "ci95": [lo, hi]}, NaN is null, and "nearest"/"family" of an entry not analysed
/// are null.
nlohmann::json to_json(const RunSummary& summary);

/// {"name", "params": {name: value}, "distance"}; a NaN distance is "nan" (record.hpp).
nlohmann::json to_json(const grammar::Nearest& nearest);

/// The candidates of `summary`'s top list (at most `candidates` of them) and every baseline,
/// in the order of their combined rank, as a terminal table with score, accuracies (mean ±
/// std) and p vs ReLU, rounded for reading (stats/format.hpp). summary_format.cpp.
std::string format_ranking(const RunSummary& summary, std::size_t candidates);

}  // namespace actsearch::search
