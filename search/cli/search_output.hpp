#pragma once
// What `actsearch search` shows on stderr while it runs; the ranking it prints at the end is
// search::format_ranking.

#include <memory>

#include "search/run/run.hpp"
#include "search/tools/progress.hpp"

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

}  // namespace actsearch::cli
