#include "nn/data/task.hpp"

#include "grammar/base/error.hpp"
#include "nn/data/csv.hpp"
#include "nn/data/dataset.hpp"
#include "nn/data/mnist.hpp"
#include "nn/data/synthetic.hpp"

namespace actsearch::nn {
namespace {

struct Generator {
  std::string_view kind;
  Dataset (*make)(std::size_t n, std::uint64_t seed);  // with the task's default noise
};

constexpr Generator kGenerators[] = {
    {"spirals", [](std::size_t n, std::uint64_t s) { return make_spirals(n, s); }},
    {"moons", [](std::size_t n, std::uint64_t s) { return make_moons(n, s); }},
    {"circles", [](std::size_t n, std::uint64_t s) { return make_circles(n, s); }},
    {"xor", [](std::size_t n, std::uint64_t s) { return make_xor(n, s); }},
    {"checkerboard", [](std::size_t n, std::uint64_t s) { return make_checkerboard(n, s); }},
    {"sine", [](std::size_t n, std::uint64_t s) { return make_sine(n, s); }},
    {"regression", [](std::size_t n, std::uint64_t s) { return make_regression(n, s); }},
};

const Generator* find_generator(std::string_view kind) {
  for (const Generator& g : kGenerators) {
    if (g.kind == kind) return &g;
  }
  return nullptr;
}

[[noreturn]] void unknown_task(std::string_view text) {
  throw Error("unknown task '" + std::string(text) + "' (valid: " + std::string(valid_tasks()) +
              ")");
}

std::size_t or_default(std::size_t value, std::size_t fallback) {
  return value != 0 ? value : fallback;
}

Split named(Split split, const std::string& name) {
  split.train.name = split.val.name = split.test.name = name;
  return split;
}

Split load_mnist_task(const TaskSpec& spec) {
  std::string dir = spec.path;
  if (dir.empty()) {
    if (spec.kind == "mnist") throw Error("task 'mnist' needs its data folder (--data-dir)");
    dir = kFashionMnistDir;
  }
  return named(load_fashion_mnist(dir, or_default(spec.train, 10000), or_default(spec.val, 2000),
                                  or_default(spec.test, 10000)),
               spec.kind);
}

Split generate_task(const Generator& g, const TaskSpec& spec) {
  const std::size_t train = or_default(spec.train, 2000);
  const std::size_t val = or_default(spec.val, 500);
  const std::size_t test = or_default(spec.test, 1000);
  if (train > kMaxGeneratedSamples || val > kMaxGeneratedSamples - train ||
      test > kMaxGeneratedSamples - train - val) {
    throw Error("task '" + std::string(g.kind) + "': train + val + test exceeds the " +
                std::to_string(kMaxGeneratedSamples) + " samples a generated task may have");
  }
  const Dataset all = g.make(train + val + test, spec.data_seed);
  const auto tr = static_cast<Eigen::Index>(train);
  const auto va = static_cast<Eigen::Index>(val);
  return named({slice(all, 0, tr), slice(all, tr, va), slice(all, tr + va, all.size() - tr - va)},
               std::string(g.kind));
}

Split load_csv_task(const TaskSpec& spec) {
  if (spec.path.empty()) throw Error("task 'csv' needs a file: csv:PATH");
  const Dataset all = load_csv(spec.path, spec.regression);
  const auto rows = static_cast<std::size_t>(all.size());
  const std::size_t train = or_default(spec.train, rows * 3 / 5);
  const std::size_t val = or_default(spec.val, rows / 5);
  if (train > rows || val > rows - train || spec.test > rows - train - val) {
    throw Error(spec.path + ": train " + std::to_string(train) + " + val " + std::to_string(val) +
                (spec.test > 0 ? " + test " + std::to_string(spec.test) : std::string()) +
                " exceeds its " + std::to_string(rows) + " data rows");
  }
  if (train == 0 || val == 0) {
    throw Error(spec.path + ": " + std::to_string(rows) +
                " data rows are too few for non-empty train and val splits");
  }
  const std::size_t test = spec.test > 0 ? spec.test : rows - train - val;
  const auto tr = static_cast<Eigen::Index>(train);
  const auto va = static_cast<Eigen::Index>(val);
  return named(
      {slice(all, 0, tr), slice(all, tr, va), slice(all, tr + va, static_cast<Eigen::Index>(test))},
      "csv:" + spec.path);
}

}  // namespace

std::string_view valid_tasks() {
  return "fashion-mnist, mnist, spirals, moons, circles, xor, checkerboard, sine, regression, "
         "csv:PATH, csv-regression:PATH";
}

bool reads_folder(std::string_view kind) { return kind == "fashion-mnist" || kind == "mnist"; }

// The folder tasks are the IDX image sets; every other task is a table of features.
bool has_images(std::string_view kind) { return reads_folder(kind); }

TaskSpec parse_task(std::string_view text) {
  const std::size_t colon = text.find(':');
  const std::string_view kind = text.substr(0, colon);
  TaskSpec spec;
  spec.kind = std::string(kind);
  if (colon != std::string_view::npos) spec.path = std::string(text.substr(colon + 1));
  if (kind == "csv" || kind == "csv-regression") {
    spec.kind = "csv";
    spec.regression = kind == "csv-regression";
    if (spec.path.empty()) {
      throw Error("task '" + std::string(kind) + "' needs a file: " + std::string(kind) + ":PATH");
    }
  } else if (find_generator(kind) != nullptr) {
    if (colon != std::string_view::npos) {
      throw Error("task '" + spec.kind + "' takes no path: '" + std::string(text) + "'");
    }
  } else if (!reads_folder(kind)) {
    unknown_task(text);
  }
  return spec;
}

Split load_task(const TaskSpec& spec) {
  if (reads_folder(spec.kind)) return load_mnist_task(spec);
  if (spec.kind == "csv") return load_csv_task(spec);
  if (const Generator* g = find_generator(spec.kind)) return generate_task(*g, spec);
  unknown_task(spec.kind);
}

}  // namespace actsearch::nn
