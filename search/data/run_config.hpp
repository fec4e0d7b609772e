#pragma once
// What a search is asked to do: tasks, space, strategy, budget, fidelity ladder, final stage.
// config.json of a run holds it in full, so a run folder says how it was made and --resume
// can tell whether a command continues the same search.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/space/space.hpp"
#include "search/data/task_config.hpp"
#include "search/run/halving.hpp"
#include "search/strategy/strategy.hpp"

namespace actsearch::search {

/// The ReLU family every run compares against by default.
std::vector<std::string> default_baselines();

struct SearchConfig {
  std::vector<TaskConfig> tasks;                // at least one; ids unique
  grammar::Space space = grammar::UnitSpace{};  // what is searched
  StrategyConfig strategy;
  std::size_t budget = 100;     // distinct valid proposals trained at the first rung
  double time_limit = 0.0;      // seconds after which no more proposals are made; 0 = none
  std::size_t generation = 16;  // proposals per generation, independent of threads
  Ladder ladder;                // successive halving
  std::size_t top = 10;         // candidates retrained in the final stage
  int final_seeds = 5;          // seeds per task in the final stage
  std::vector<std::string> baselines = default_baselines();  // built-in or known names
  std::uint64_t seed = 0;  // the run seed: strategy and every training seed derive from it
  int threads = 1;         // parallel trainings; never changes a result

  friend bool operator==(const SearchConfig&, const SearchConfig&) = default;
};

/// Throws actsearch::Error naming the option for an invalid configuration: no task, a
/// repeated task id, budget 0, a negative or NaN time limit, batch 0, top 0, final seeds
/// below 2 (a t-test needs two), threads 0, a bad ladder, strategy or space (or a strategy
/// that cannot search the space, as make_strategy says), an empty or
/// repeated baseline name. Unknown baseline names are found when the run prepares them.
void validate(const SearchConfig& config);

/// config.json's content (write_config adds the format). Seeds are 16-digit hex strings.
nlohmann::json to_json(const SearchConfig& config);
nlohmann::json to_json(const grammar::Space& space);

/// Decoders: throw actsearch::Error naming a missing or mistyped key.
SearchConfig search_config_from_json(const nlohmann::json& j);
grammar::Space space_from_json(const nlohmann::json& j);

/// Whether `command` continues the search of the run in `run_dir` configured as `run`.
/// Budget, time limit, top K and threads may change; anything else changes the search, and
/// the first difference is named by its option with both values as typed: "cannot resume
/// runs/x: --task differs (run has spirals epochs=30, command has spirals epochs=3)", "...:
/// --unary differs (run has tanh,sin, command has tanh)". Throws actsearch::Error.
void check_resumable(const SearchConfig& run, const SearchConfig& command,
                     std::string_view run_dir);

/// config.json of a run: to_json(config) plus the chance loss C_t of each task measured on
/// its data ("chance_loss": {task id: C_t}), so scores can be recomputed from the run folder
/// alone.
nlohmann::json run_config_json(const SearchConfig& config, const std::vector<double>& chance);

/// The chance losses of config.json, in the order of config.tasks. Throws actsearch::Error
/// naming a missing task.
std::vector<double> chance_from_json(const nlohmann::json& j, const SearchConfig& config);

}  // namespace actsearch::search
