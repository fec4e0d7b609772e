#pragma once
// One entry point from a task description (what --task, --data-dir, --train, --val, --test
// and --data-seed say) to the data, for the search engine and the CLI.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace actsearch::nn {

struct Split;  // nn/data/dataset.hpp: what load_task returns, without Eigen for every includer

/// Where Fashion-MNIST is read when a task names no folder (Debian's dataset-fashion-mnist).
inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// Largest train + val + test of a generated task, so that a typo cannot exhaust memory.
inline constexpr std::size_t kMaxGeneratedSamples = 10'000'000;

/// A task as the user describes it.
struct TaskSpec {
  /// fashion-mnist | mnist | spirals | moons | circles | xor | checkerboard | sine |
  /// regression | csv
  std::string kind;
  /// fashion-mnist, mnist: the data folder ("" = kFashionMnistDir; mnist requires one).
  /// csv: the CSV file.
  std::string path;
  /// Split sizes, 0 = the task's default: fashion-mnist and mnist 10000 / 2000 / 10000,
  /// generated tasks 2000 / 500 / 1000, csv 60% / 20% of the rows / the rows left.
  std::size_t train = 0, val = 0, test = 0;
  /// Generated tasks only: the same seed gives the same points. Files ignore it.
  std::uint64_t data_seed = 0;
  /// csv only: the last column is a float target (regression), not a class index.
  bool regression = false;
};

/// The accepted task texts, for messages and help: "fashion-mnist, mnist, spirals, ...".
std::string_view valid_tasks();

/// Reads a --task value: a kind ("spirals", "fashion-mnist"), "csv:PATH" (classification),
/// "csv-regression:PATH", or "fashion-mnist:DIR" / "mnist:DIR". Sizes and seed stay 0.
/// Throws actsearch::Error for an unknown kind (listing the valid ones), csv without a path,
/// and a path after a generated kind.
TaskSpec parse_task(std::string_view text);

/// Whether a task of this kind holds images (fashion-mnist, mnist), which conv nets need.
bool has_images(std::string_view kind);

/// Whether a task of this kind reads a data folder (fashion-mnist, mnist): --data-dir names it.
bool reads_folder(std::string_view kind);

/// Loads or generates the task. Splits: fashion-mnist and mnist as load_fashion_mnist (train
/// = first rows of the training file, val = its last rows, test = first rows of t10k);
/// generated tasks make train + val + test samples from data_seed and take them in that
/// order; csv takes the first `train` rows, the next `val` rows, then the next `test` rows
/// (all the remaining rows, possibly none, when test is 0). Every split is named after the
/// task. Throws actsearch::Error for an unknown kind, missing or bad files, sizes larger
/// than the data, and an empty train or val split.
Split load_task(const TaskSpec& spec);

}  // namespace actsearch::nn
