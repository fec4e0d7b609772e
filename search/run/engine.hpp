#pragma once
// The inside of run_search: one search's state as it runs or replays. Not a public API:
// run.cpp drives it, tests go through run_search.

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "search/run/registry.hpp"
#include "search/run/result_store.hpp"
#include "search/run/run.hpp"
#include "search/stats/scoring.hpp"
#include "search/strategy/strategy.hpp"

namespace actsearch::search {

/// What run_search prepares before the search starts; the references must outlive the
/// Engine.
struct PreparedRun {
  const SearchConfig& config;
  const Trainer& trainer;
  ResultStore& store;
  std::vector<double> chance;        // C_t of config.tasks[t]
  std::vector<Candidate> baselines;  // ready to train, relu first
};

class Engine {
 public:
  /// Cancelled when options.cancel (if any) is set.
  Engine(PreparedRun run, const RunOptions& options);

  /// Proposes and trains until the budget is spent, the strategy is exhausted, the time
  /// limit has passed or proposals stall. False when cancelled.
  bool search();

  /// Retrains the top candidates and the baselines. False when cancelled.
  bool final_stage();

  std::size_t trained() const;  // trainings this process ran
  int proposals() const { return registry_.proposals(); }

 private:
  // A trainable candidate: one of the registry's valid functions or a baseline.
  struct Entry {
    const Candidate* candidate = nullptr;
    int proposal = -1;                   // first proposal; -1 for baselines
    RecordKind kind = RecordKind::Eval;  // of its trainings: Eval, Final or Baseline
  };

  // One generation's proposals and the new trainable functions among them.
  struct Generation {
    std::vector<Registration> registrations;
    std::vector<Entry> fresh;
  };

  Generation next_generation();
  void observe(const Generation& g);
  std::vector<EvalJob> jobs_for(const Entry& e, int rung) const;
  bool train(const std::vector<Entry>& entries, int rung);
  std::vector<std::vector<double>> losses(const Entry& e, int rung) const;
  bool train_relu(int rung);
  double score_at(const Entry& e, int rung) const;
  bool promote();
  double strategy_score(const Registration& r) const;
  std::vector<Entry> ranked_for_final() const;
  Entry entry(std::size_t function) const;
  bool time_up() const;
  bool is_progress_unit(const EvalRecord& r) const;
  void on_trained(const EvalRecord& r);
  void report_progress();
  RunProgress progress_state() const;
  void start_phase(RunProgress::Phase phase, std::size_t total);

  const SearchConfig& config_;
  const Trainer& trainer_;
  ResultStore& store_;
  std::vector<double> chance_;
  std::vector<Candidate> baselines_;
  const std::atomic<bool>& cancel_;
  const RunOptions& options_;
  double start_ = 0.0;

  std::unique_ptr<Strategy> strategy_;
  Registry registry_;
  std::map<int, std::vector<TaskScale>> scales_;        // rung -> ReLU's scale per task
  std::map<int, std::vector<std::size_t>> at_rung_;     // rung -> functions trained there
  std::map<int, std::set<std::size_t>> promoted_;       // rung -> functions promoted from it
  std::map<std::size_t, std::map<int, double>> score_;  // function -> rung -> score
  std::size_t first_rung_trained_ = 0;  // distinct functions trained at the first rung
  std::size_t stalled_ = 0;             // proposals since the last new trainable function

  std::mutex progress_mutex_;  // guards the progress fields below
  RunProgress::Phase phase_ = RunProgress::Phase::Search;
  std::size_t phase_total_ = 0;
  std::size_t progress_done_ = 0;
  std::size_t replayed_ = 0;
  double best_score_;
  std::string best_expr_;
  std::atomic<std::size_t> trained_{0};
};

}  // namespace actsearch::search
