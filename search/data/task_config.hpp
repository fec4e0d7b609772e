#pragma once
// One task of a run: the data, the network and the two training protocols (screening and
// full) a candidate activation is scored with. The defaults are the Fashion-MNIST task of
// the quick preset with PyTorch's defaults (Linear init, Adam, no normalisation).

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "nn/data/task.hpp"

namespace actsearch::search {

/// Epochs and learning rate of one training protocol.
struct TrainSettings {
  int epochs = 3;
  double lr = 1e-3;

  friend bool operator==(const TrainSettings&, const TrainSettings&) = default;
};

struct TaskConfig {
  std::string id = "fashion-mnist";  // unique within a run: journal records name it
  nn::TaskSpec data = nn::parse_task("fashion-mnist");
  int depth = 4;                   // hidden blocks of the MLP
  std::ptrdiff_t width = 128;      // units per hidden block
  bool residual = false;           // residual hidden blocks
  std::ptrdiff_t batch = 128;      // samples per step
  std::string optimizer = "adam";  // "adam" | "sgd"
  double momentum = 0.0;           // SGD only (torch.optim.SGD's default 0)
  TrainSettings screen{3, 1e-3};   // rung 0 of the fidelity schedule
  TrainSettings full{5, 1e-3};     // every later rung, the final stage, eval and baselines
};

/// The keys a task spec accepts, for messages and help.
std::string_view task_spec_keys();

/// Reads a task spec: a task text as nn::parse_task reads it ("spirals", "csv:PATH",
/// "fashion-mnist:DIR"), then space-separated overrides KEY=VALUE of `defaults`: id, train,
/// val, test, data-seed, depth, width, batch, residual (true|false, or the bare word),
/// optimizer (adam|sgd), momentum, epochs, lr, full-epochs, full-lr. The id defaults to the
/// task text. full-epochs (full-lr) defaults to the spec's epochs (lr) when the spec sets
/// that, else to defaults.full. A folder-reading task (fashion-mnist, mnist) without a folder
/// reads defaults.data.path; defaults.data's sizes and seed are the spec's defaults.
/// Throws actsearch::Error naming the unknown key or the bad value and what was expected.
TaskConfig parse_task_config(std::string_view spec, const TaskConfig& defaults);

/// Where two tasks first differ, in the words of a task spec: `key` is a spec key (train,
/// epochs, full-lr, ...), "data" (the task text: "moons", "csv-regression") or "path" (the
/// folder or file read, '' for the default); the values as a spec would write them.
struct TaskDifference {
  std::string key;
  std::string run;
  std::string command;
};

/// The first difference of every field but the id; none when the two train alike.
std::optional<TaskDifference> first_difference(const TaskConfig& run, const TaskConfig& command);

/// For config.json: every field. from_json throws actsearch::Error naming a missing or
/// mistyped key.
nlohmann::json to_json(const TaskConfig& config);
TaskConfig task_config_from_json(const nlohmann::json& j);

}  // namespace actsearch::search
