#include "search/cli/search_output.hpp"

#include <iostream>

#include "search/stats/format.hpp"

namespace actsearch::cli {

ProgressDisplay::ProgressDisplay(bool quiet) : quiet_(quiet), tty_(search::stderr_is_terminal()) {}

void ProgressDisplay::update(const search::RunProgress& p) {
  if (quiet_) return;
  if (progress_ && p.phase != phase_) finish();
  if (!progress_) {
    if (p.phase == search::RunProgress::Phase::Final) std::cerr << "final stage\n";
    search::ProgressOptions options;
    options.initial_done = p.replayed;
    progress_ = std::make_unique<search::Progress>(p.total, tty_, false, std::cerr, options);
    phase_ = p.phase;
  }
  progress_->update(p.done, p.best_score, search::report_format::expression(p.best_expr));
}

void ProgressDisplay::finish() {
  if (progress_) progress_->finish();
  progress_.reset();
}

}  // namespace actsearch::cli
