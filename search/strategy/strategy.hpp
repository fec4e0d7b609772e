#pragma once
// Search strategies: where the next candidates come from. A strategy is a deterministic
// function of its seed and of the scores it has observed, so a run replays exactly on
// resume. The run loop asks for a batch, trains it, then reports every proposal's score.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "grammar/expr.hpp"
#include "grammar/space/space.hpp"
#include "search/data/run_config.hpp"

namespace actsearch::search {

/// The one interface of search strategies.
class Strategy {
 public:
  virtual ~Strategy() = default;

  /// Up to n new proposals; fewer only when the strategy is exhausted.
  virtual std::vector<grammar::Expr> propose(std::size_t n) = 0;

  /// The scores of the first scores.size() proposals of the last propose() call, in order:
  /// a duplicate carries its original's score, a rejected proposal -inf. Proposals past
  /// scores.size() were not used (the run stopped proposing) and are forgotten.
  virtual void observe(std::span<const double> scores) = 0;

  /// True when propose() will return nothing more.
  virtual bool exhausted() const = 0;
};

/// Every member of the space in index order (grammar::at). The space must be small enough
/// to index (validate(StrategyConfig, Space) checks it).
std::unique_ptr<Strategy> make_exhaustive(const grammar::Space& space);

/// Uniform samples of the space (grammar::sample) from a generator seeded by `seed`.
/// Never exhausted.
std::unique_ptr<Strategy> make_random(const grammar::Space& space, std::uint64_t seed);

/// Regularised (aging) evolution (Real, Aggarwal, Huang, Le 2019): the first P proposals are
/// uniform samples; each later child is a mutation of a tournament winner (best of S drawn
/// from the population) or, with probability `crossover`, the crossover of two winners.
/// Observed children join the population and the oldest members leave, so it holds the P
/// most recent proposals. Over a tree space, mutation and crossover act on subtrees within
/// its limits; over a core-unit space, on the member's choices (a mutation changes one
/// unary, binary or input choice, a crossover takes each choice from either parent).
/// Never exhausted.
std::unique_ptr<Strategy> make_evolution(const grammar::Space& space, const StrategyConfig& config,
                                         std::uint64_t seed);

/// The strategy `config` names over `space`, seeded by the run seed. Validates (as
/// validate(config, space) says).
std::unique_ptr<Strategy> make_strategy(const StrategyConfig& config, const grammar::Space& space,
                                        std::uint64_t seed);

}  // namespace actsearch::search
