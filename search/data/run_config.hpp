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

namespace actsearch::search {

/// Which strategy, and the knobs of regularised evolution.
struct StrategyConfig {
  std::string name = "random";  // exhaustive | random | evolution
  std::size_t population = 64;  // evolution: P, the population kept
  std::size_t tournament = 8;   // evolution: S, candidates drawn per tournament
  double crossover = 0.2;       // evolution: probability that a child is a crossover

  friend bool operator==(const StrategyConfig&, const StrategyConfig&) = default;
};

/// Throws actsearch::Error for an unknown name ("unknown strategy 'x' (expected
/// exhaustive, random or evolution)"), a population below 2, a tournament outside
/// 1..population, or a crossover probability outside [0, 1].
void validate(const StrategyConfig& config);

/// validate(config) and grammar::validate(space), and whether the strategy can search the
/// space: exhaustive search needs a space small enough to index.
void validate(const StrategyConfig& config, const grammar::Space& space);

// The fidelity ladder of successive halving (search/run/halving.hpp promotes along it):
// rung 0 trains each task's screening protocol with 1 seed; rung 1 its full protocol with 1
// seed; rung r >= 2 the full protocol with eta^(r-1) seeds. With one rung there is no
// halving and the only rung is rung 1 (full protocol, 1 seed). The final stage retrains the
// top candidates and the baselines at rung last + 1 with fresh seeds.

/// Largest --rungs: rung 3 already trains eta^2 seeds per task.
inline constexpr int kMaxRungs = 4;

struct Ladder {
  int rungs = 3;  // 1..kMaxRungs
  int eta = 3;    // >= 2: keep the best 1/eta of each rung

  friend bool operator==(const Ladder&, const Ladder&) = default;
};

/// Throws actsearch::Error for rungs outside 1..kMaxRungs or eta < 2, naming the option.
void validate(const Ladder& ladder);

/// The rung every candidate is trained at first: 0, or 1 when rungs == 1.
int first_rung(const Ladder& ladder);

/// The costliest rung of the search: rungs - 1, or 1 when rungs == 1.
int last_rung(const Ladder& ladder);

/// The rung number of the final stage: last_rung + 1, so its seeds are new.
int final_rung(const Ladder& ladder);

/// Seeds per candidate and task at a search rung: 1 at rungs 0 and 1, eta^(rung-1) above.
int seeds_at(const Ladder& ladder, int rung);

/// The rung whose training serves seed `seed_index` at `rung`: rung 0 for rung 0, else the
/// lowest full rung (>= 1) that trains that seed. Full rungs share one protocol, so a
/// promoted candidate keeps its trainings from the rungs below and only adds seeds.
int source_rung(const Ladder& ladder, int rung, int seed_index);

/// The ReLU family of DESIGN.md as nn built-ins: what `actsearch baselines` trains and what
/// every search compares against by default. All of it, learnable variants included (prelu,
/// swish's beta, pwlu), because a found function must beat the strongest known rival; each
/// name costs final-seeds trainings per task in the final stage.
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
/// that cannot search the space), an empty or
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
