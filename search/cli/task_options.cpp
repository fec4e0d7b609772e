#include "search/cli/task_options.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <thread>

#include "grammar/base/error.hpp"
#include "nn/data/task.hpp"

namespace actsearch::cli {
namespace {

template <typename T>
T positive(const po::variables_map& vm, const char* name) {
  const T v = vm[name].as<T>();
  // "inf" and "nan" read as doubles; an infinite learning rate is as bad as a negative one.
  if (!std::isfinite(static_cast<double>(v))) {
    throw Error(std::string("--") + name + " must be a finite number");
  }
  if (!(v > 0)) throw Error(std::string("--") + name + " must be positive");
  return v;
}

// Sets the fields of `t` the global task options name: every one (the defaults of a new
// run's specs, option defaults included), or with `given_only` those given.
void apply_globals(const po::variables_map& vm, bool given_only, search::TaskConfig& t) {
  const auto use = [&](const char* name) { return !given_only || given(vm, name); };
  if (use("data-dir") && nn::reads_folder(t.data.kind)) {
    t.data.path = vm["data-dir"].as<std::string>();
  }
  if (use("train")) t.data.train = vm["train"].as<std::size_t>();
  if (use("val")) t.data.val = vm["val"].as<std::size_t>();
  if (use("depth")) t.depth = positive<int>(vm, "depth");
  if (use("width")) t.width = positive<std::ptrdiff_t>(vm, "width");
  if (use("batch")) t.batch = positive<std::ptrdiff_t>(vm, "batch");
  if (use("residual")) t.residual = vm["residual"].as<bool>();
  if (use("optimizer")) {
    t.optimizer = vm["optimizer"].as<std::string>();
    if (t.optimizer != "adam" && t.optimizer != "sgd") {
      throw Error("--optimizer must be adam or sgd, not '" + t.optimizer + "'");
    }
  }
  if (use("momentum")) {
    t.momentum = vm["momentum"].as<double>();
    if (!(t.momentum >= 0.0 && t.momentum < 1.0)) throw Error("--momentum must be in [0, 1)");
  }
  if (use("epochs")) t.screen.epochs = positive<int>(vm, "epochs");
  if (use("lr")) t.screen.lr = positive<double>(vm, "lr");
  if (use("full-epochs")) t.full.epochs = positive<int>(vm, "full-epochs");
  if (use("full-lr")) t.full.lr = positive<double>(vm, "full-lr");
}

search::TaskConfig global_defaults(const po::variables_map& vm) {
  search::TaskConfig d;
  apply_globals(vm, false, d);
  // As in a spec, the full protocol follows the screening one when only that is given.
  if (given(vm, "epochs") && !given(vm, "full-epochs")) d.full.epochs = d.screen.epochs;
  if (given(vm, "lr") && !given(vm, "full-lr")) d.full.lr = d.screen.lr;
  return d;
}

int default_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

}  // namespace

po::options_description task_options_description() {
  const search::TaskConfig d;
  po::options_description o("task options");
  o.add_options()("task", po::value<std::vector<std::string>>()->composing(),
                  "task SPEC, repeatable: a task (fashion-mnist, mnist, spirals, moons, "
                  "circles, xor, checkerboard, sine, csv:PATH) then KEY=VALUE overrides, e.g. "
                  "'spirals train=2000 epochs=30 lr=3e-3' (default: fashion-mnist)")(
      "data-dir", po::value<std::string>()->default_value(""),
      "folder of the Fashion-MNIST files (default: the Debian package's)")(
      "train", po::value<std::size_t>()->default_value(0), "training samples (0: the task's)")(
      "val", po::value<std::size_t>()->default_value(0), "validation samples (0: the task's)")(
      "epochs", po::value<int>()->default_value(d.screen.epochs), "epochs when screening")(
      "full-epochs", po::value<int>()->default_value(d.full.epochs),
      "epochs of full trainings (default: --epochs when given)")(
      "lr", po::value<double>()->default_value(d.screen.lr, "0.001"), "learning rate")(
      "full-lr", po::value<double>()->default_value(d.full.lr, "0.001"),
      "learning rate of full trainings (default: --lr when given)")(
      "batch", po::value<std::ptrdiff_t>()->default_value(d.batch), "samples per step")(
      "depth", po::value<int>()->default_value(d.depth), "hidden layers")(
      "width", po::value<std::ptrdiff_t>()->default_value(d.width), "units per hidden layer")(
      "residual", po::bool_switch(), "residual hidden layers")(
      "optimizer", po::value<std::string>()->default_value(d.optimizer), "adam or sgd")(
      "momentum", po::value<double>()->default_value(d.momentum), "SGD momentum")(
      "seed", po::value<std::uint64_t>()->default_value(0), "run seed")(
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
