#include "search/cli/search_options.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <limits>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/base/text.hpp"
#include "search/cli/space_options.hpp"
#include "search/cli/task_options.hpp"
#include "search/run/run.hpp"

namespace actsearch::cli {
namespace {

// A count option as the configuration holds it. search::validate has the one rule for each
// count, so a negative count becomes 0, which no rule accepts either.
template <typename T>
T count_option(const po::variables_map& vm, const char* name) {
  const long long v = vm[name].as<long long>();
  if (v <= 0) return 0;
  constexpr T kMax = std::numeric_limits<T>::max();
  return static_cast<unsigned long long>(v) > static_cast<unsigned long long>(kMax)
             ? kMax
             : static_cast<T>(v);
}

// Sets the fields of `c` the search options name: every one (a new run, option defaults
// included), or with `given_only` those given.
void read_search_options(const po::variables_map& vm, bool given_only, search::SearchConfig& c) {
  const auto use = [&](const char* name) { return !given_only || given(vm, name); };
  if (use("strategy")) c.strategy.name = vm["strategy"].as<std::string>();
  if (use("population")) c.strategy.population = count_option<std::size_t>(vm, "population");
  if (use("tournament")) c.strategy.tournament = count_option<std::size_t>(vm, "tournament");
  if (use("crossover")) c.strategy.crossover = vm["crossover"].as<double>();
  if (use("budget")) c.budget = count_option<std::size_t>(vm, "budget");
  if (use("time-limit")) c.time_limit = vm["time-limit"].as<double>();
  if (use("generation")) c.generation = count_option<std::size_t>(vm, "generation");
  if (use("rungs")) c.ladder.rungs = vm["rungs"].as<int>();
  if (use("eta")) c.ladder.eta = vm["eta"].as<int>();
  if (use("top")) c.top = count_option<std::size_t>(vm, "top");
  if (use("final-seeds")) c.final_seeds = count_option<int>(vm, "final-seeds");
  if (use("baselines")) {
    const auto names = split_list(vm["baselines"].as<std::string>(), "--baselines");
    c.baselines.assign(names.begin(), names.end());
  }
}

// A global task option given (--epochs 3) must equal the value of every task it sets: the
// tasks whose --task spec (when given) leaves that key to it. Runs after check_resumable, so
// the specs are the run's tasks.
void check_global_task_options(const po::variables_map& vm,
                               const std::vector<search::TaskConfig>& run, const std::string& dir) {
  const std::vector<search::TaskConfig> specs = read_task_specs_over(vm, run, false);
  const std::vector<search::TaskConfig> command = read_task_specs_over(vm, run, true);
  for (std::size_t t = 0; t < run.size(); ++t) {
    const auto d = search::first_difference(specs[t], command[t]);
    if (!d) continue;
    const std::string option = d->key == "path" ? "--data-dir" : "--" + d->key;
    throw Error(fmt::format("cannot resume {}: {} differs (run has {} {}={}, command has {} {})",
                            dir, option, run[t].id, d->key, d->run, option, d->command));
  }
}

}  // namespace

po::options_description search_options_description() {
  const search::SearchConfig d;
  po::options_description o("search options");
  auto add = o.add_options();
  add("out", po::value<std::string>(), "run folder to write (required)");
  add("resume", po::bool_switch(),
      "continue the run in --out with the configuration in its config.json. Options given "
      "must equal the run's, except these, which may change on resume: --threads, "
      "--time-limit, --budget, --top, --quiet (and the number of MPI ranks)");
  add("quiet", po::bool_switch(), "no progress on stderr");
  add("dry-run", po::bool_switch(), "print the resolved configuration as JSON; train nothing");
  add("strategy", po::value<std::string>()->default_value(d.strategy.name),
      "exhaustive, random or evolution");
  add("population", po::value<long long>()->default_value(64), "evolution: population size");
  add("tournament", po::value<long long>()->default_value(8), "evolution: tournament size");
  add("crossover", po::value<double>()->default_value(0.2, "0.2"),
      "evolution: probability of a crossover child");
  add("budget", po::value<long long>()->default_value(100),
      "distinct candidates to train at the first rung");
  add("time-limit", po::value<double>()->default_value(0.0, "0"),
      "stop proposing after this many seconds (0: no limit)");
  add("generation", po::value<long long>()->default_value(16),
      "proposals per generation, trained as one batch (independent of --threads)");
  add("rungs", po::value<int>()->default_value(d.ladder.rungs),
      "fidelity rungs of successive halving (1: no halving)");
  add("eta", po::value<int>()->default_value(d.ladder.eta), "keep the best 1/eta of each rung");
  add("top", po::value<long long>()->default_value(10), "candidates in the final stage");
  add("final-seeds", po::value<long long>()->default_value(d.final_seeds),
      "seeds per task in the final stage");
  add("baselines",
      po::value<std::string>()->default_value(fmt::format("{}", fmt::join(d.baselines, ","))),
      "baselines of the final stage, comma-separated");
  return o;
}

search::SearchConfig read_search_config(const po::variables_map& vm) {
  const TaskOptions tasks = read_task_options(vm);
  search::SearchConfig c;
  c.tasks = tasks.tasks;
  c.seed = tasks.seed;
  c.threads = tasks.threads;
  c.space = space_from(vm);
  read_search_options(vm, false, c);
  return c;
}

search::SearchConfig resumed_search_config(const po::variables_map& vm,
                                           const search::SearchConfig& run,
                                           const std::filesystem::path& dir) {
  search::SearchConfig c = run;
  c.tasks = read_task_specs_over(vm, run.tasks, false);
  c.space = space_from(vm, run.space);
  read_search_options(vm, true, c);
  if (given(vm, "seed")) c.seed = vm["seed"].as<std::uint64_t>();
  if (given(vm, "threads")) c.threads = read_threads(vm);
  search::check_resumable(run, c, dir.string());
  check_global_task_options(vm, run.tasks, dir.string());
  return c;
}

}  // namespace actsearch::cli
