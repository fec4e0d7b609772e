// The search loop: proposals, dedupe, first-rung trainings, promotions up the ladder.

#include "search/run/engine.hpp"

#include <cmath>
#include <limits>

#include "grammar/base/clock.hpp"
#include "grammar/base/error.hpp"
#include "search/run/halving.hpp"
#include "search/train/evaluator.hpp"

namespace actsearch::search {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Proposals in a row without a new trainable function before the search gives up: the space
// (or the region evolution has converged to) holds fewer distinct functions than the budget
// asks for.
constexpr std::size_t kStallProposals = 1000;

// The cancel flag of a run that cannot be cancelled.
const std::atomic<bool> kNeverCancelled{false};

}  // namespace

Engine::Engine(PreparedRun run, const RunOptions& options)
    : config_(run.config),
      trainer_(run.trainer),
      store_(run.store),
      chance_(std::move(run.chance)),
      baselines_(std::move(run.baselines)),
      cancel_(options.cancel != nullptr ? *options.cancel : kNeverCancelled),
      options_(options),
      strategy_(make_strategy(config_.strategy, config_.space, config_.seed)),
      best_score_(kNaN) {
  start_ = options_.clock ? options_.clock() : steady_seconds();
}

std::size_t Engine::trained() const { return trained_.load(); }

Engine::Entry Engine::entry(std::size_t function) const {
  return {&registry_.function(function), registry_.first_proposal(function), RecordKind::Eval};
}

bool Engine::time_up() const {
  if (config_.time_limit <= 0.0) return false;
  const double now = options_.clock ? options_.clock() : steady_seconds();
  return now - start_ >= config_.time_limit;
}

void Engine::report_progress() {
  const std::lock_guard lock(progress_mutex_);
  if (options_.on_progress) {
    options_.on_progress(progress_state());
  }
}

// The progress fields as one value; progress_mutex_ must be held.
RunProgress Engine::progress_state() const {
  RunProgress p;
  p.phase = phase_;
  p.done = progress_done_;
  p.replayed = replayed_;
  p.total = phase_total_;
  p.best_score = best_score_;
  p.best_expr = best_expr_;
  return p;
}

// Whether a training is one unit of the current phase's progress.
bool Engine::is_progress_unit(const EvalRecord& r) const {
  if (phase_ == RunProgress::Phase::Final) return r.rung == final_rung(config_.ladder);
  return r.kind == RecordKind::Eval && r.rung == first_rung(config_.ladder);
}

void Engine::on_trained(const EvalRecord& r) {
  ++trained_;
  if (!is_progress_unit(r)) return;
  const std::lock_guard lock(progress_mutex_);
  ++progress_done_;
  if (options_.on_progress) {
    options_.on_progress(progress_state());
  }
}

// The trainings behind `rung` for one candidate: every task, the rung's seeds. Search rungs
// take each seed's training from its source rung (full rungs share trainings); the final
// rung trains --final-seeds fresh seeds and measures the test split.
std::vector<EvalJob> Engine::jobs_for(const Entry& e, int rung) const {
  const bool is_final = rung == final_rung(config_.ladder);
  const int seeds = is_final ? config_.final_seeds : seeds_at(config_.ladder, rung);
  std::vector<EvalJob> jobs;
  for (const TaskConfig& task : config_.tasks) {
    for (int i = 0; i < seeds; ++i) {
      const int source = is_final ? rung : source_rung(config_.ladder, rung, i);
      EvalJob job{make_request(*e.candidate, task, source, i, config_.seed), e.candidate->input,
                  e.kind, is_final};
      job.request.proposal = e.proposal;
      jobs.push_back(job);
    }
  }
  return jobs;
}

// Trains what the journal does not answer yet. False when cancelled.
bool Engine::train(const std::vector<Entry>& entries, int rung) {
  std::vector<EvalJob> missing;
  for (const Entry& e : entries) {
    for (const EvalJob& job : jobs_for(e, rung)) {
      const EvalRecord* memo = store_.find(job.request, job.kind);
      if (memo == nullptr) {
        missing.push_back(job);
      } else if (is_progress_unit(*memo)) {
        const std::lock_guard lock(progress_mutex_);
        ++progress_done_;
        ++replayed_;
      }
    }
  }
  if (cancel_.load()) return false;
  if (missing.empty()) return true;
  trainer_.run(
      missing,
      [this](const EvalRecord& r) {
        store_.add(r);
        on_trained(r);
      },
      cancel_);
  return !cancel_.load();
}

std::vector<std::vector<double>> Engine::losses(const Entry& e, int rung) const {
  std::vector<std::vector<double>> out(config_.tasks.size());
  const std::vector<EvalJob> jobs = jobs_for(e, rung);
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const EvalRecord* r = store_.find(jobs[j].request, e.kind);
    ACTSEARCH_ASSERT(r != nullptr, "losses are read after training");
    out[j / (jobs.size() / config_.tasks.size())].push_back(r->val_loss);
  }
  return out;
}

// Trains ReLU at `rung` (once): its losses set the scale every score at that rung is
// measured on. False when cancelled.
bool Engine::train_relu(int rung) {
  if (scales_.count(rung)) return true;
  const Entry relu{&baselines_.front(), -1, RecordKind::Baseline};
  if (!train({relu}, rung)) return false;
  scales_[rung] = task_scales(chance_, losses(relu, rung));
  return true;
}

double Engine::score_at(const Entry& e, int rung) const {
  return score(losses(e, rung), scales_.at(rung));
}

void Engine::start_phase(RunProgress::Phase phase, std::size_t total) {
  const std::lock_guard lock(progress_mutex_);
  phase_ = phase;
  phase_total_ = total;
  progress_done_ = 0;
  replayed_ = 0;
}

// What the strategy learns of a proposal: its function's first-rung score, -inf when the
// function failed the screen.
double Engine::strategy_score(const Registration& r) const {
  if (!registry_.function(r.function_index).valid) return -std::numeric_limits<double>::infinity();
  return score_.at(r.function_index).at(first_rung(config_.ladder));
}

// Promotes the top 1/eta of each rung (successive halving), rung by rung, so a candidate can
// climb several rungs after one batch. False when cancelled.
bool Engine::promote() {
  for (int rung = first_rung(config_.ladder); rung < last_rung(config_.ladder); ++rung) {
    std::vector<RungEntry> standing;
    const std::vector<std::size_t>& trained = at_rung_[rung];
    for (std::size_t f : trained) {
      standing.push_back(
          {score_[f][rung], registry_.first_proposal(f), promoted_[rung].count(f) > 0});
    }
    const std::vector<std::size_t> chosen = promotions(standing, config_.ladder.eta);
    if (chosen.empty()) continue;
    std::vector<Entry> up;
    for (std::size_t i : chosen) up.push_back(entry(trained[i]));
    if (!train_relu(rung + 1) || !train(up, rung + 1)) return false;
    for (std::size_t i : chosen) {
      const std::size_t f = trained[i];
      promoted_[rung].insert(f);
      at_rung_[rung + 1].push_back(f);
      score_[f][rung + 1] = score_at(entry(f), rung + 1);
    }
  }
  return true;
}

// The next generation: proposals registered until the budget is reached; a proposal that
// trains nothing is journaled at once (unless a replayed journal has it).
Engine::Generation Engine::next_generation() {
  Generation g;
  for (const grammar::Expr& e : strategy_->propose(config_.generation)) {
    if (first_rung_trained_ + g.fresh.size() >= config_.budget) break;
    const Registration r = registry_.add(e);
    g.registrations.push_back(r);
    if (r.kind == RecordKind::Eval) {
      g.fresh.push_back(entry(r.function_index));
      stalled_ = 0;
    } else {
      ++stalled_;
      if (!store_.has_untrained(r.proposal)) store_.add(r.record);
    }
  }
  return g;
}

// Scores the generation's new functions at the first rung and tells the strategy.
void Engine::observe(const Generation& g) {
  const int first = first_rung(config_.ladder);
  for (const Registration& r : g.registrations) {
    if (r.kind != RecordKind::Eval) continue;
    const double s = score_at(entry(r.function_index), first);
    score_[r.function_index][first] = s;
    at_rung_[first].push_back(r.function_index);
    const std::lock_guard lock(progress_mutex_);
    if (std::isnan(best_score_) || s > best_score_) {
      best_score_ = s;
      best_expr_ = registry_.function(r.function_index).canonical;
    }
  }
  first_rung_trained_ += g.fresh.size();
  std::vector<double> scores;
  for (const Registration& r : g.registrations) scores.push_back(strategy_score(r));
  strategy_->observe(scores);
}

bool Engine::search() {
  const int first = first_rung(config_.ladder);
  start_phase(RunProgress::Phase::Search,
              config_.budget * config_.tasks.size() *
                  static_cast<std::size_t>(seeds_at(config_.ladder, first)));
  if (!train_relu(first)) return false;
  while (first_rung_trained_ < config_.budget && !strategy_->exhausted() && !time_up() &&
         stalled_ < kStallProposals) {
    const Generation g = next_generation();
    if (!train(g.fresh, first)) return false;
    observe(g);
    if (!promote()) return false;
    report_progress();
  }
  return !cancel_.load();
}

}  // namespace actsearch::search
