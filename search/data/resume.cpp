// --resume: does a command continue the run's search? The first difference is named by the
// option a user would change to cause it, with both values written as they would be typed.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <utility>
#include <vector>

#include "grammar/base/error.hpp"
#include "search/data/run_config.hpp"

namespace actsearch::search {
namespace {

using Words = std::vector<std::pair<std::string, std::string>>;

// The names of a space's primitives, as --unary and --binary list them.
std::string names(const nlohmann::json& space, const char* key) {
  return fmt::format("{}", fmt::join(space.at(key).get<std::vector<std::string>>(), ","));
}

// The options that define the search beside the tasks, with their values; the options that
// may change on resume (budget, time limit, top K, threads) are left out.
Words option_words(const SearchConfig& c) {
  const nlohmann::json space = to_json(c.space);
  Words w;
  if (std::holds_alternative<grammar::UnitSpace>(c.space)) {
    w.emplace_back("--units", space.at("units").dump());
  } else {
    w.emplace_back("--max-size", space.at("max_size").dump());
    w.emplace_back("--max-depth", space.at("max_depth").dump());
  }
  w.emplace_back("--unary", names(space, "unary"));
  w.emplace_back("--binary", names(space, "binary"));
  w.emplace_back("--strategy", c.strategy.name);
  w.emplace_back("--population", std::to_string(c.strategy.population));
  w.emplace_back("--tournament", std::to_string(c.strategy.tournament));
  w.emplace_back("--crossover", fmt::format("{}", c.strategy.crossover));
  w.emplace_back("--generation", std::to_string(c.generation));
  w.emplace_back("--rungs", std::to_string(c.ladder.rungs));
  w.emplace_back("--eta", std::to_string(c.ladder.eta));
  w.emplace_back("--final-seeds", std::to_string(c.final_seeds));
  w.emplace_back("--baselines", fmt::format("{}", fmt::join(c.baselines, ",")));
  w.emplace_back("--seed", std::to_string(c.seed));
  return w;
}

std::string space_kind(const grammar::Space& space) {
  return std::holds_alternative<grammar::UnitSpace>(space) ? "core units (--units)"
                                                           : "free trees (--max-size)";
}

std::string task_ids(const std::vector<TaskConfig>& tasks) {
  std::vector<std::string> ids;
  for (const TaskConfig& t : tasks) ids.push_back(t.id);
  return fmt::format("{} task{} ({})", tasks.size(), tasks.size() == 1 ? "" : "s",
                     fmt::join(ids, ", "));
}

void check_tasks(const std::vector<TaskConfig>& run, const std::vector<TaskConfig>& command,
                 const std::string& prefix) {
  bool same_ids = run.size() == command.size();
  for (std::size_t t = 0; same_ids && t < run.size(); ++t) same_ids = run[t].id == command[t].id;
  if (!same_ids) {
    throw Error(fmt::format("{}--task differs (run has {}, command has {})", prefix, task_ids(run),
                            task_ids(command)));
  }
  for (std::size_t t = 0; t < run.size(); ++t) {
    if (const auto d = first_difference(run[t], command[t])) {
      throw Error(fmt::format("{}--task differs (run has {} {}={}, command has {} {}={})", prefix,
                              run[t].id, d->key, d->run, run[t].id, d->key, d->command));
    }
  }
}

}  // namespace

void check_resumable(const SearchConfig& run, const SearchConfig& command,
                     std::string_view run_dir) {
  const std::string prefix = fmt::format("cannot resume {}: ", run_dir);
  check_tasks(run.tasks, command.tasks, prefix);
  if (run.space.index() != command.space.index()) {
    throw Error(fmt::format("{}the search space differs (run has {}, command has {})", prefix,
                            space_kind(run.space), space_kind(command.space)));
  }
  const Words a = option_words(run);
  const Words b = option_words(command);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].second != b[i].second) {
      throw Error(fmt::format("{}{} differs (run has {}, command has {})", prefix, a[i].first,
                              a[i].second, b[i].second));
    }
  }
}

}  // namespace actsearch::search
