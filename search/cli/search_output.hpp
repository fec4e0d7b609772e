#pragma once
// What `actsearch search` shows: progress on stderr while it runs, the ranking at the end.

#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>

#include "search/progress.hpp"
#include "search/run.hpp"

namespace actsearch::cli {

/// A progress bar (terminal) or periodic line (log) on stderr per phase of a run: the search
/// counts first-rung trainings, the final stage its trainings. Quiet prints nothing.
class ProgressDisplay {
 public:
  explicit ProgressDisplay(bool quiet);
  /// Shows `p`; a new phase finishes the previous one's display. Calls must not overlap.
  void update(const search::RunProgress& p);
  /// Completes the current line.
  void finish();

 private:
  bool quiet_;
  bool tty_;
  search::RunProgress::Phase phase_ = search::RunProgress::Phase::Search;
  std::unique_ptr<search::Progress> progress_;
};

/// The candidates of summary.json's "top" (at most `candidates` of them) and every baseline,
/// in the order of their combined rank, as a table with score, accuracies and p vs ReLU.
void print_ranking(std::ostream& out, const nlohmann::json& summary, std::size_t candidates);

}  // namespace actsearch::cli
