#include "search/cli/task_options.hpp"

#include <cmath>
#include <set>
#include <string>
#include <thread>

#include "grammar/error.hpp"

namespace actsearch::cli {
namespace {

// Values given on the command line or in the config file, as opposed to defaults.
bool given(const po::variables_map& vm, const char* name) {
  return vm.count(name) > 0 && !vm[name].defaulted();
}

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

search::TaskConfig global_defaults(const po::variables_map& vm) {
  search::TaskConfig d;
  d.data.path = vm["data-dir"].as<std::string>();
  d.data.train = vm["train"].as<std::size_t>();
  d.data.val = vm["val"].as<std::size_t>();
  d.depth = positive<int>(vm, "depth");
  d.width = positive<std::ptrdiff_t>(vm, "width");
  d.batch = positive<std::ptrdiff_t>(vm, "batch");
  d.residual = vm["residual"].as<bool>();
  d.optimizer = vm["optimizer"].as<std::string>();
  if (d.optimizer != "adam" && d.optimizer != "sgd") {
    throw Error("--optimizer must be adam or sgd, not '" + d.optimizer + "'");
  }
  d.momentum = vm["momentum"].as<double>();
  if (!(d.momentum >= 0.0 && d.momentum < 1.0)) throw Error("--momentum must be in [0, 1)");
  d.screen = {positive<int>(vm, "epochs"), positive<double>(vm, "lr")};
  d.full.epochs = given(vm, "full-epochs") || !given(vm, "epochs")
                      ? positive<int>(vm, "full-epochs")
                      : d.screen.epochs;
  d.full.lr =
      given(vm, "full-lr") || !given(vm, "lr") ? positive<double>(vm, "full-lr") : d.screen.lr;
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

TaskOptions read_task_options(const po::variables_map& vm) {
  TaskOptions out;
  if (vm.count("threads")) {
    out.threads = vm["threads"].as<int>();
    if (out.threads < 1) throw Error("--threads must be at least 1");
  } else {
    out.threads = default_threads();
  }
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

}  // namespace actsearch::cli
