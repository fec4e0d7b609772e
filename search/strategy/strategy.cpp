#include "search/strategy/strategy.hpp"

#include "grammar/base/error.hpp"
#include "search/data/seed.hpp"

namespace actsearch::search {
namespace {

// Keeps the strategy's random stream apart from every other use of the run seed.
constexpr std::uint64_t kStrategyDomain = 0x5374726174656779ULL;  // "Strategy"

}  // namespace

std::string_view strategy_names() { return "exhaustive, random, evolution"; }

void validate(const StrategyConfig& config) {
  if (config.name != "exhaustive" && config.name != "random" && config.name != "evolution") {
    throw Error("unknown strategy '" + config.name +
                "' (expected exhaustive, random or evolution)");
  }
  if (config.population < 2) throw Error("--population must be at least 2");
  if (config.tournament < 1 || config.tournament > config.population) {
    throw Error("--tournament must be between 1 and the population size (" +
                std::to_string(config.population) + ")");
  }
  if (!(config.crossover >= 0.0 && config.crossover <= 1.0)) {
    throw Error("--crossover must be a probability between 0 and 1");
  }
}

std::unique_ptr<Strategy> make_strategy(const StrategyConfig& config, const grammar::Space& space,
                                        std::uint64_t seed) {
  validate(config);
  grammar::validate(space);
  const std::uint64_t strategy_seed = splitmix64(seed ^ kStrategyDomain);
  if (config.name == "exhaustive") return make_exhaustive(space);
  if (config.name == "random") return make_random(space, strategy_seed);
  return make_evolution(space, config, strategy_seed);
}

}  // namespace actsearch::search
