#pragma once
// One task of a run: the data, the network and the two training protocols (screening and
// full) a candidate activation is scored with. The defaults are the Fashion-MNIST task of
// the quick preset with PyTorch's defaults (Linear init, Adam, no normalisation).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "nn/data/task.hpp"
#include "nn/network_kind.hpp"
#include "nn/optimizer.hpp"

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
  nn::NetKind net = nn::NetKind::Mlp;                     // the child network (nn::ModelConfig)
  nn::NormKind norm = nn::NormKind::None;                 // after every dense or conv layer
  int depth = 4;                                          // mlp: hidden blocks
  std::ptrdiff_t width = 128;                             // mlp: units per hidden block
  bool residual = false;                                  // mlp: residual hidden blocks
  std::ptrdiff_t channels = 16;                           // cnn: channels of the first stage
  int blocks = 1;                                         // cnn: layers per stage
  std::ptrdiff_t batch = 128;                             // samples per step
  nn::OptimizerKind optimizer = nn::OptimizerKind::Adam;  // "adam", "adamw" or "sgd"
  double momentum = 0.0;                                  // SGD only (torch.optim.SGD's default 0)
  bool nesterov = false;                                  // SGD only: Nesterov momentum
  double weight_decay = 0.0;      // L2 for SGD and Adam, decoupled for AdamW
  bool cosine = false;            // the learning rate's schedule: constant, or cosine to 0
  int warmup = 0;                 // epochs of linear learning-rate warmup
  TrainSettings screen{3, 1e-3};  // rung 0 of the fidelity schedule
  TrainSettings full{5, 1e-3};    // every later rung, the final stage, eval and baselines
};

// Where a field lives in a TaskConfig and which values its text may have.
template <typename Int>
struct IntSlot {
  Int& (*at)(TaskConfig&);
  Int min;  // the smallest value allowed
};
struct RealSlot {
  double& (*at)(TaskConfig&);
  double min, max_exclusive;  // the values allowed: [min, max_exclusive)
};
struct BoolSlot {
  bool& (*at)(TaskConfig&);  // true, 1, false, 0; in a spec the bare key is true
};
struct NameSlot {
  std::string& (*at)(TaskConfig&);  // any non-empty text
};
struct EnumSlot {
  int (*get)(const TaskConfig&);
  void (*set)(TaskConfig&, int);
  std::span<const std::string_view> names;  // names[i] is the value i
};
using TaskSlot = std::variant<IntSlot<int>, IntSlot<std::int64_t>, IntSlot<std::uint64_t>, RealSlot,
                              BoolSlot, NameSlot, EnumSlot>;

/// One key of a task spec. Their table, task_fields(), is the one description of a task's
/// settings: specs (`task =` in presets, --task) and their messages, config.json,
/// first_difference and the global task options of the command line all read it, so a new
/// setting is one row.
struct TaskField {
  std::string_view key;       // KEY of KEY=VALUE in a spec; the command-line option --KEY
  std::string_view json;      // where config.json keeps it: "depth", "screen/epochs"
  std::string_view expected;  // what a value must be, for messages: "a positive integer"
  std::string_view help;      // the option's help; empty: a spec key only, no option
  std::string_view follows;   // the key whose value this takes when that is set and this not
  TaskSlot slot;
  // A key added after config.json's first format: runs made before it lack the key, so
  // config.json leaves it out while it has its default, and a missing key means that default.
  bool omitted_at_default = false;
};

/// The keys of a task spec, in the order of messages and help.
std::span<const TaskField> task_fields();

/// The keys a task spec accepts, for messages and help: "id, train, val, ...".
std::string_view task_spec_keys();

/// Sets `field` of `c` from its text; false, `c` unchanged, for a value the field refuses.
bool set_field(const TaskField& field, std::string_view text, TaskConfig& c);

/// The value of `field` in `c` as a spec writes it.
std::string field_text(const TaskField& field, const TaskConfig& c);

/// The full protocol follows the screening one: a field whose `follows` key was set while
/// it was not takes that key's value. `was_set(key)` says whether a key was set.
void apply_follows(TaskConfig& c, const std::function<bool(std::string_view)>& was_set);

/// Reads a task spec: a task text as nn::parse_task reads it ("spirals", "csv:PATH",
/// "fashion-mnist:DIR"), then space-separated overrides KEY=VALUE of `defaults`, one per
/// field of task_fields(). The id defaults to the task text; full-epochs and full-lr follow
/// epochs and lr (apply_follows), else keep defaults.full. A folder-reading task
/// (fashion-mnist, mnist) without a folder reads defaults.data.path; defaults.data's sizes
/// and seed are the spec's defaults. Throws actsearch::Error naming the unknown key or the
/// bad value and what was expected.
/// Also refuses settings that do not go together: net=cnn on a task without images, and
/// nesterov without optimizer=sgd and a momentum.
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
