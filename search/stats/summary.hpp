#pragma once
// summary.json of a run, derived from its journal alone (plus config.json), so `report` can
// rebuild it at any time and a resumed run gives the same one as an uninterrupted run.
//
// Shape (DESIGN.md; more keys may be added):
//   {"evaluations": trainings in the journal (every kind),
//    "proposals": distinct + duplicates + rejected,
//    "distinct": distinct functions trained, "duplicates": proposals of a function seen
//    before, "rejected": new functions the screen refused, "diverged": distinct functions
//    with a diverged search training,
//    "wall_seconds": this process's run time, or null,
//    "top": [{"rank", "expr", "proposal", "seeds", "score", "val_accuracy", "test_accuracy",
//             "p_vs_relu", "nearest", "family"}],
//    "baselines": [{"rank", "name", "expr", "seeds", "score", "val_accuracy",
//                   "test_accuracy", "p_vs_relu"}]}
// Both lists hold the final stage: "top" its candidates (the best --top by final score,
// best first), "baselines" the baselines in config order. "rank" is the position in the
// combined ranking of both lists by mean final score, so the baselines' places among the
// candidates show. score / val_accuracy / test_accuracy are {"mean", "std", "ci95": [lo, hi]}
// over the final seeds, per seed the mean over tasks; the score is the normalised score of
// search/stats/scoring.hpp (chance 0, ReLU 1). p_vs_relu is Welch's t-test of the per-seed scores
// against ReLU's, Holm-corrected over "top" (raw for baselines, null for relu itself).
// "nearest" and "family" are null (the nearest-known analysis belongs to the reports).
// Undefined numbers (NaN) are null.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "search/data/record.hpp"
#include "search/data/run_config.hpp"

namespace actsearch::search {

/// The summary of a run configured as `config`, whose tasks have chance losses `chance`
/// (config.tasks order), from its journal's records. Functions with an incomplete final
/// stage (an interrupted run) are left out of the lists.
nlohmann::json build_summary(const SearchConfig& config, std::span<const double> chance,
                             std::span<const EvalRecord> records,
                             std::optional<double> wall_seconds);

/// build_summary from DIR/config.json and DIR/journal.jsonl. Throws actsearch::Error for a
/// folder that is not a run or a damaged journal.
nlohmann::json summarize_run(const std::filesystem::path& dir,
                             std::optional<double> wall_seconds = std::nullopt);

/// DIR/summary.json.
std::filesystem::path summary_path(const std::filesystem::path& dir);

/// The candidates of `summary`'s "top" (at most `candidates` of them) and every baseline, in
/// the order of their combined rank, as a terminal table with score, accuracies (mean ± std)
/// and p vs ReLU, rounded for reading (stats/format.hpp). summary_format.cpp.
std::string format_ranking(const nlohmann::json& summary, std::size_t candidates);

}  // namespace actsearch::search
