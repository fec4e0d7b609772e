#include "search/data/run_config.hpp"

#include <fmt/format.h>

#include <set>

#include "grammar/base/error.hpp"
#include "grammar/base/text.hpp"
#include "grammar/units.hpp"
#include "search/data/json_read.hpp"
#include "search/data/record.hpp"
#include "search/data/version.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;

void require(bool ok, const std::string& message) {
  if (!ok) throw Error(message);
}

json unit_names(const std::vector<grammar::Unit>& units) {
  json names = json::array();
  for (const grammar::Unit& u : units) names.push_back(std::string(u.name));
  return names;
}

json op_names(const std::vector<grammar::Op>& ops) {
  json names = json::array();
  for (grammar::Op op : ops) names.push_back(std::string(grammar::name(op)));
  return names;
}

// A JSON list of names back as the comma-separated list the grammar parses.
std::string names_list(const json& j, std::string_view key) {
  return joined(get_strings(j, key), ",");
}

void validate_baselines(const std::vector<std::string>& baselines) {
  std::set<std::string> seen;
  for (const std::string& name : baselines) {
    require(!name.empty(), "--baselines holds an empty name");
    require(seen.insert(name).second, "--baselines lists '" + name + "' twice");
  }
}

}  // namespace

void validate(const StrategyConfig& config) {
  require(config.name == "exhaustive" || config.name == "random" || config.name == "evolution",
          "unknown strategy '" + config.name + "' (expected exhaustive, random or evolution)");
  require(config.population >= 2, "--population must be at least 2");
  require(config.tournament >= 1 && config.tournament <= config.population,
          "--tournament must be between 1 and the population size (" +
              std::to_string(config.population) + ")");
  require(config.crossover >= 0.0 && config.crossover <= 1.0,
          "--crossover must be a probability between 0 and 1");
}

void validate(const StrategyConfig& config, const grammar::Space& space) {
  validate(config);
  grammar::validate(space);
  require(config.name != "exhaustive" || !grammar::count(space).overflow,
          "the search space is too large for exhaustive search");
}

void validate(const Ladder& ladder) {
  require(ladder.rungs >= 1 && ladder.rungs <= kMaxRungs,
          fmt::format("--rungs must be between 1 and {}, not {}", kMaxRungs, ladder.rungs));
  require(ladder.eta >= 2, fmt::format("--eta must be at least 2, not {}", ladder.eta));
}

int first_rung(const Ladder& ladder) { return ladder.rungs == 1 ? 1 : 0; }

int last_rung(const Ladder& ladder) { return ladder.rungs == 1 ? 1 : ladder.rungs - 1; }

int final_rung(const Ladder& ladder) { return last_rung(ladder) + 1; }

int seeds_at(const Ladder& ladder, int rung) {
  int seeds = 1;
  for (int r = 2; r <= rung; ++r) seeds *= ladder.eta;
  return seeds;
}

int source_rung(const Ladder& ladder, int rung, int seed_index) {
  if (rung == 0) return 0;
  int r = 1;
  while (seed_index >= seeds_at(ladder, r)) ++r;
  return r;
}

std::vector<std::string> default_baselines() {
  return {"relu",  "leaky_relu", "prelu",    "elu",       "selu", "gelu",    "silu",
          "swish", "mish",       "softplus", "hardswish", "tanh", "sigmoid", "pwlu"};
}

void validate(const SearchConfig& c) {
  require(!c.tasks.empty(), "a search needs at least one --task");
  std::set<std::string> ids;
  for (const TaskConfig& t : c.tasks) {
    require(ids.insert(t.id).second, "task id '" + t.id + "' given twice");
  }
  require(c.budget >= 1, "--budget must be at least 1");
  require(c.time_limit >= 0.0, "--time-limit must be a number of seconds, 0 or more");
  require(c.generation >= 1, "--generation must be at least 1");
  require(c.top >= 1, "--top must be at least 1");
  require(c.final_seeds >= 2, "--final-seeds must be at least 2");
  require(c.threads >= 1, "--threads must be at least 1");
  validate(c.ladder);
  validate(c.strategy, c.space);

  validate_baselines(c.baselines);
}

json to_json(const grammar::Space& space) {
  if (const auto* u = std::get_if<grammar::UnitSpace>(&space)) {
    return {{"kind", "units"},
            {"units", u->units},
            {"unary", unit_names(u->unary)},
            {"binary", unit_names(u->binary)}};
  }
  const auto& t = std::get<grammar::TreeSpace>(space);
  return {{"kind", "trees"},
          {"max_size", t.max_size},
          {"max_depth", t.max_depth},
          {"unary", op_names(t.unary)},
          {"binary", op_names(t.binary)}};
}

grammar::Space space_from_json(const json& j) {
  constexpr std::string_view kKinds[] = {"units", "trees"};
  if (get_enum(j, "kind", kKinds) == 0) {
    grammar::UnitSpace u;
    u.units = get_int(j, "units");
    u.unary = grammar::parse_units(names_list(j, "unary"), 1);
    u.binary = grammar::parse_units(names_list(j, "binary"), 2);
    grammar::validate(u);
    return u;
  }
  grammar::TreeSpace t;
  t.max_size = get_integer<std::uint64_t>(j, "max_size");
  t.max_depth = get_integer<std::uint64_t>(j, "max_depth");
  t.unary = grammar::parse_ops(names_list(j, "unary"), 1);
  t.binary = grammar::parse_ops(names_list(j, "binary"), 2);
  grammar::validate(t);
  return t;
}

json to_json(const SearchConfig& c) {
  json tasks = json::array();
  for (const TaskConfig& t : c.tasks) tasks.push_back(to_json(t));
  return {{"version", std::string(version())},
          {"tasks", tasks},
          {"space", to_json(c.space)},
          {"strategy",
           {{"name", c.strategy.name},
            {"population", c.strategy.population},
            {"tournament", c.strategy.tournament},
            {"crossover", c.strategy.crossover}}},
          {"budget", c.budget},
          {"time_limit", c.time_limit},
          {"generation", c.generation},
          {"rungs", c.ladder.rungs},
          {"eta", c.ladder.eta},
          {"top", c.top},
          {"final_seeds", c.final_seeds},
          {"baselines", c.baselines},
          {"seed", format_hex64(c.seed)},
          {"threads", c.threads}};
}

SearchConfig search_config_from_json(const json& j) {
  SearchConfig c;
  for (const json& t : get_array(j, "tasks")) c.tasks.push_back(task_config_from_json(t));
  c.space = space_from_json(get_object(j, "space"));
  const json& s = get_object(j, "strategy");
  c.strategy = {get_string(s, "name"), get_integer<std::uint64_t>(s, "population"),
                get_integer<std::uint64_t>(s, "tournament"), get_real(s, "crossover")};
  c.budget = get_integer<std::uint64_t>(j, "budget");
  c.time_limit = get_real(j, "time_limit");
  c.generation = get_integer<std::uint64_t>(j, "generation");
  c.ladder = {get_int(j, "rungs"), get_int(j, "eta")};
  c.top = get_integer<std::uint64_t>(j, "top");
  c.final_seeds = get_int(j, "final_seeds");
  c.baselines = get_strings(j, "baselines");
  c.seed = get_hex64(j, "seed");
  c.threads = get_int(j, "threads");
  return c;
}

nlohmann::json run_config_json(const SearchConfig& config, const std::vector<double>& chance) {
  nlohmann::json j = to_json(config);
  nlohmann::json by_task = nlohmann::json::object();
  for (std::size_t t = 0; t < config.tasks.size(); ++t) {
    by_task[config.tasks[t].id] = real_to_json(chance[t]);
  }
  j["chance_loss"] = by_task;
  return j;
}

std::vector<double> chance_from_json(const nlohmann::json& j, const SearchConfig& config) {
  const nlohmann::json& by_task = get_object(j, "chance_loss");
  std::vector<double> out;
  for (const TaskConfig& t : config.tasks) {
    if (!by_task.contains(t.id)) throw Error("key 'chance_loss." + t.id + "' missing");
    out.push_back(real_from_json(by_task.at(t.id), "chance_loss." + t.id));
  }
  return out;
}

}  // namespace actsearch::search
