// The final stage: the best candidates of the search and the baselines, retrained under one
// protocol with fresh seeds; the only trainings that measure the test split.

#include <algorithm>
#include <cmath>

#include "search/data/run_config.hpp"
#include "search/run/engine.hpp"

namespace actsearch::search {

// Every trained function, best first: highest rung reached, then score at that rung (NaN
// last), then earlier proposal; the first --top of them.
std::vector<Engine::Entry> Engine::ranked_for_final() const {
  struct Standing {
    int rung;
    double score;
    int proposal;
    std::size_t function;
  };
  std::vector<Standing> all;
  for (const auto& [function, by_rung] : score_) {
    const auto& [rung, s] = *by_rung.rbegin();
    all.push_back(
        {rung, std::isnan(s) ? -INFINITY : s, registry_.first_proposal(function), function});
  }
  std::sort(all.begin(), all.end(), [](const Standing& a, const Standing& b) {
    if (a.rung != b.rung) return a.rung > b.rung;
    if (a.score != b.score) return a.score > b.score;
    return a.proposal < b.proposal;
  });
  std::vector<Entry> top;
  for (std::size_t i = 0; i < all.size() && i < config_.top; ++i) {
    Entry e = entry(all[i].function);
    e.kind = RecordKind::Final;
    top.push_back(e);
  }
  return top;
}

bool Engine::final_stage() {
  std::vector<Entry> entries = ranked_for_final();
  for (const Candidate& b : baselines_) entries.push_back({&b, -1, RecordKind::Baseline});
  start_phase(RunProgress::Phase::Final, entries.size() * config_.tasks.size() *
                                             static_cast<std::size_t>(config_.final_seeds));
  const bool done = train(entries, final_rung(config_.ladder));
  report_progress();
  return done;
}

}  // namespace actsearch::search
