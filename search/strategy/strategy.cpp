#include "search/strategy/strategy.hpp"

#include "grammar/base/random.hpp"

namespace actsearch::search {
namespace {

// Keeps the strategy's random stream apart from every other use of the run seed.
constexpr std::uint64_t kStrategyDomain = 0x5374726174656779ULL;  // "Strategy"

}  // namespace

std::unique_ptr<Strategy> make_strategy(const StrategyConfig& config, const grammar::Space& space,
                                        std::uint64_t seed) {
  validate(config, space);
  const std::uint64_t strategy_seed = grammar::splitmix64(seed ^ kStrategyDomain);
  if (config.name == "exhaustive") return make_exhaustive(space);
  if (config.name == "random") return make_random(space, strategy_seed);
  return make_evolution(space, config, strategy_seed);
}

}  // namespace actsearch::search
