// `actsearch eval EXPR...` and `actsearch baselines`: train functions under one protocol
// and print their figures.
#include <algorithm>
#include <iostream>

#include "grammar/base/error.hpp"
#include "grammar/base/text.hpp"
#include "nn/activation.hpp"
#include "search/cli/command.hpp"
#include "search/cli/task_options.hpp"
#include "search/data/run_config.hpp"
#include "search/tools/compare.hpp"

namespace actsearch::cli {
namespace {

po::options_description common_options() {
  po::options_description o("options");
  o.add_options()("seeds", po::value<int>()->default_value(3), "seeds per function and task")(
      "json", po::bool_switch(), "print one JSON object per function instead of a table");
  o.add(task_options_description());
  return o;
}

int compare_and_print(const std::vector<search::Candidate>& candidates,
                      const po::variables_map& vm) {
  const TaskOptions task_options = read_task_options(vm);
  search::CompareOptions options;
  options.tasks = task_options.tasks;
  options.seeds = vm["seeds"].as<int>();
  options.run_seed = task_options.seed;
  options.threads = task_options.threads;
  search::DataCache data;
  const std::vector<search::FunctionResult> results =
      search::compare_functions(candidates, options, data);
  if (vm["json"].as<bool>()) {
    for (const search::FunctionResult& f : results) {
      std::cout << search::to_json(f, options.seeds).dump() << "\n";
    }
  } else {
    std::cout << search::format_table(results, options.seeds);
  }
  return 0;
}

}  // namespace

int run_eval(const Args& args) {
  po::options_description options = common_options();
  options.add_options()("expr", po::value<std::vector<std::string>>(),
                        "functions: expressions or names (relu, swish, ...)");
  po::positional_options_description positional;
  positional.add("expr", -1);
  po::variables_map vm;
  if (!parse_options(args, "EXPR... [options]", options, positional, vm)) return 0;
  if (!vm.count("expr"))
    throw Error("eval needs at least one expression (see 'actsearch eval --help')");
  std::vector<search::Candidate> candidates;
  for (const std::string& text : vm["expr"].as<std::vector<std::string>>()) {
    candidates.push_back(search::prepare_candidate(text));
  }
  return compare_and_print(candidates, vm);
}

int run_baselines(const Args& args) {
  po::options_description options = common_options();
  options.add_options()(
      "only", po::value<std::string>()->default_value(joined(search::default_baselines(), ",")),
      "comma-separated built-in activations to train");
  po::variables_map vm;
  if (!parse_options(args, "[options]", options, {}, vm)) return 0;
  const std::vector<std::string>& valid = nn::builtin_names();
  std::vector<search::Candidate> candidates;
  for (const std::string_view name : split_list(vm["only"].as<std::string>(), "--only")) {
    if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
      throw Error("unknown baseline '" + std::string(name) + "' (valid: " + joined(valid, ", ") +
                  ")");
    }
    candidates.push_back(search::prepare_candidate(name));
  }
  return compare_and_print(candidates, vm);
}

}  // namespace actsearch::cli
