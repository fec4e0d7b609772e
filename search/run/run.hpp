#pragma once
// A search run, start to finish: proposals, dedupe, trainings by rung with promotions, the
// final stage, summary.json and the reports. The run is a deterministic function of its
// configuration and the journal is a cache of its trainings: --resume runs the same loop
// again from the start, answering every training the journal holds from it, so a killed and
// resumed run ends exactly where an uninterrupted one would. Only --time-limit and Ctrl-C
// (cancel) depend on the clock; they cut a run short and change nothing else.

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "search/data/record.hpp"
#include "search/data/run_config.hpp"
#include "search/data/task_config.hpp"
#include "search/stats/summary.hpp"

namespace actsearch::search {

/// Receives each finished training; may be called from several threads at once.
using RecordSink = std::function<void(const EvalRecord&)>;

/// What the run needs from training: the real evaluator (make_trainer) or a fake in tests.
struct Trainer {
  /// The loss of chance on a task's validation split (C_t of search/stats/scoring.hpp). Throws
  /// actsearch::Error for data that cannot be loaded.
  std::function<double(const TaskConfig&)> chance_loss;
  /// Trains `jobs` as run_batch does: each record goes to the sink as soon as it is
  /// finished; jobs not started when `cancel` is set are skipped; the first failure
  /// (including one thrown by the sink) is rethrown after the jobs in flight.
  std::function<void(std::span<const EvalJob> jobs, const RecordSink& sink,
                     const std::atomic<bool>& cancel)>
      run;
};

/// The real trainer: run_batch on `threads` threads over data loaded once (DataCache).
Trainer make_trainer(std::vector<TaskConfig> tasks, int threads);

/// Where a run is, for a progress display.
struct RunProgress {
  enum class Phase { Search, Final } phase = Phase::Search;
  std::size_t done = 0;      // Search: first-rung trainings; Final: final-stage trainings
  std::size_t replayed = 0;  // of `done`, answered from the journal rather than trained
  std::size_t total = 0;     // of the phase (Search: budget x tasks x seeds)
  double best_score = 0.0;   // best first-rung score so far; NaN before any
  std::string best_expr;
};

struct RunOptions {
  std::filesystem::path dir;  // the run folder
  bool resume = false;        // continue the run in `dir` (else `dir` must hold no run)
  /// With resume: the run's own configuration when the caller has read it (read_run_config),
  /// so config.json is read once; empty: run_search reads it.
  std::optional<SearchConfig> run_config;
  /// Set (e.g. by SIGINT) to stop: trainings in flight finish, nothing new starts.
  const std::atomic<bool>* cancel = nullptr;
  /// Progress; called from the calling thread or, one call at a time, from trainer threads.
  std::function<void(const RunProgress&)> on_progress;
  /// Monotonic seconds for --time-limit; empty means std::chrono::steady_clock.
  std::function<double()> clock;
};

struct RunResult {
  bool finished = false;      // false: cancelled, the run is resumable
  RunSummary summary;         // when finished: what summary.json holds
  std::size_t trained = 0;    // trainings this process ran
  std::size_t proposals = 0;  // proposals made (replayed ones included)
};

/// The configuration of the run in `dir` (its config.json), for --resume. Throws
/// actsearch::Error: "DIR is a file, not a run folder", "DIR is not an actsearch run", or
/// a config.json this build cannot read.
SearchConfig read_run_config(const std::filesystem::path& dir);

/// Checks a run folder before any work: `dir` must not be a file; without resume it must
/// not hold a run ("DIR already holds a run; use --resume to continue it"); with resume it
/// must be one ("DIR is not an actsearch run") whose config allows `command`
/// (check_resumable). Throws actsearch::Error.
void check_run_dir(const std::filesystem::path& dir, bool resume, const SearchConfig& command);

/// Runs (or resumes) the search of `config` in options.dir: validates, loads the data
/// (chance losses), writes config.json, trains, and on completion summarises its records
/// (read from the journal once, at the start, then kept) and writes summary.json and the
/// reports (search/report/report.hpp).
/// Throws actsearch::Error for a bad configuration or folder, unloadable data or a journal
/// that cannot be written; the journal then holds every training that finished.
RunResult run_search(const SearchConfig& config, const RunOptions& options, const Trainer& trainer);

}  // namespace actsearch::search
