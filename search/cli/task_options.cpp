#include "search/cli/task_options.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <variant>

#include "grammar/base/error.hpp"
#include "nn/data/task.hpp"

namespace actsearch::cli {
namespace {

// Sets the fields of `t` the global task options name: every one (the defaults of a new
// run's specs, option defaults included), or with `given_only` those given.
void apply_globals(const po::variables_map& vm, bool given_only, search::TaskConfig& t) {
  const auto use = [&](const std::string& name) { return !given_only || given(vm, name.c_str()); };
  if (use("data-dir") && nn::reads_folder(t.data.kind)) {
    t.data.path = vm["data-dir"].as<std::string>();
  }
  for (const search::TaskField& f : search::task_fields()) {
    const std::string option(f.key);
    if (f.help.empty() || !use(option)) continue;
    const std::string text = std::holds_alternative<search::BoolSlot>(f.slot)
                                 ? (vm[option].as<bool>() ? "true" : "false")
                                 : vm[option].as<std::string>();
    if (!search::set_field(f, text, t)) {
      throw Error("bad value '" + text + "' for --" + option + " (expected " +
                  std::string(f.expected) + ")");
    }
  }
}

search::TaskConfig global_defaults(const po::variables_map& vm) {
  search::TaskConfig d;
  apply_globals(vm, false, d);
  // As in a spec, the full protocol follows the screening one when only that is given.
  search::apply_follows(d,
                        [&](std::string_view key) { return given(vm, std::string(key).c_str()); });
  return d;
}

// The global task options, one per field of the task table that has help.
void add_field_options(po::options_description& o) {
  const search::TaskConfig d;
  for (const search::TaskField& f : search::task_fields()) {
    if (f.help.empty()) continue;
    const std::string option(f.key);
    if (std::holds_alternative<search::BoolSlot>(f.slot)) {
      o.add_options()(option.c_str(), po::bool_switch(), std::string(f.help).c_str());
    } else {
      o.add_options()(option.c_str(),
                      po::value<std::string>()->default_value(search::field_text(f, d)),
                      std::string(f.help).c_str());
    }
  }
}

int default_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

}  // namespace

po::options_description task_options_description() {
  po::options_description o("task options");
  o.add_options()("task", po::value<std::vector<std::string>>()->composing(),
                  "task SPEC, repeatable: a task (fashion-mnist, mnist, spirals, moons, "
                  "circles, xor, checkerboard, sine, csv:PATH) then KEY=VALUE overrides, e.g. "
                  "'spirals train=2000 epochs=30 lr=3e-3' (default: fashion-mnist)")(
      "data-dir", po::value<std::string>()->default_value(""),
      "folder of the Fashion-MNIST files (default: the Debian package's)");
  add_field_options(o);
  o.add_options()("seed", po::value<std::uint64_t>()->default_value(0), "run seed")(
      "threads", po::value<int>(), "parallel trainings (default: all cores)");
  return o;
}

int read_threads(const po::variables_map& vm) {
  if (!vm.count("threads")) return default_threads();
  const int threads = vm["threads"].as<int>();
  if (threads < 1) throw Error("--threads must be at least 1");
  return threads;
}

TaskOptions read_task_options(const po::variables_map& vm) {
  TaskOptions out;
  out.threads = read_threads(vm);
  out.seed = vm["seed"].as<std::uint64_t>();
  const search::TaskConfig defaults = global_defaults(vm);
  const std::vector<std::string> specs = vm.count("task")
                                             ? vm["task"].as<std::vector<std::string>>()
                                             : std::vector<std::string>{"fashion-mnist"};
  std::set<std::string> ids;
  for (const std::string& spec : specs) {
    out.tasks.push_back(search::parse_task_config(spec, defaults));
    if (!ids.insert(out.tasks.back().id).second) {
      throw Error("task id '" + out.tasks.back().id +
                  "' given twice (add id=NAME to a --task to tell them apart)");
    }
  }
  return out;
}

std::vector<search::TaskConfig> read_task_specs_over(const po::variables_map& vm,
                                                     const std::vector<search::TaskConfig>& run,
                                                     bool globals) {
  std::vector<search::TaskConfig> bases = run;
  if (globals) {
    for (search::TaskConfig& t : bases) apply_globals(vm, true, t);
  }
  if (!given(vm, "task")) return bases;
  std::vector<search::TaskConfig> out;
  for (const std::string& spec : vm["task"].as<std::vector<std::string>>()) {
    const std::string id = search::parse_task_config(spec, {}).id;
    const auto same = std::find_if(run.begin(), run.end(),
                                   [&](const search::TaskConfig& t) { return t.id == id; });
    out.push_back(search::parse_task_config(
        spec, same == run.end() ? search::TaskConfig{} : bases[same - run.begin()]));
  }
  return out;
}

}  // namespace actsearch::cli
