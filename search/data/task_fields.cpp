// The table of a task's settings and the one reading of each kind of value.
#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "grammar/base/text.hpp"
#include "search/data/task_config.hpp"

namespace actsearch::search {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTiny = std::numeric_limits<double>::min();  // the smallest positive normal

// Indexed by nn::OptimizerKind, nn::NetKind, nn::NormKind.
constexpr std::string_view kOptimizers[] = {"sgd", "adam", "adamw"};
static_assert(static_cast<int>(nn::OptimizerKind::Sgd) == 0 &&
              static_cast<int>(nn::OptimizerKind::Adam) == 1 &&
              static_cast<int>(nn::OptimizerKind::AdamW) == 2);
constexpr std::string_view kNets[] = {"mlp", "cnn"};
static_assert(static_cast<int>(nn::NetKind::Mlp) == 0 && static_cast<int>(nn::NetKind::Cnn) == 1);
constexpr std::string_view kNorms[] = {"none", "batch", "layer"};
static_assert(static_cast<int>(nn::NormKind::None) == 0 &&
              static_cast<int>(nn::NormKind::Batch) == 1 &&
              static_cast<int>(nn::NormKind::Layer) == 2);
constexpr std::string_view kSchedules[] = {"constant", "cosine"};

constexpr EnumSlot kOptimizerSlot{
    [](const TaskConfig& c) { return static_cast<int>(c.optimizer); },
    [](TaskConfig& c, int i) { c.optimizer = static_cast<nn::OptimizerKind>(i); }, kOptimizers};
constexpr EnumSlot kNetSlot{[](const TaskConfig& c) { return static_cast<int>(c.net); },
                            [](TaskConfig& c, int i) { c.net = static_cast<nn::NetKind>(i); },
                            kNets};
constexpr EnumSlot kNormSlot{[](const TaskConfig& c) { return static_cast<int>(c.norm); },
                             [](TaskConfig& c, int i) { c.norm = static_cast<nn::NormKind>(i); },
                             kNorms};
constexpr EnumSlot kScheduleSlot{[](const TaskConfig& c) { return c.cosine ? 1 : 0; },
                                 [](TaskConfig& c, int i) { c.cosine = i == 1; }, kSchedules};

// clang-format off
const TaskField kFields[] = {
  {"id", "id", "a name", "", "", NameSlot{[](TaskConfig& c) -> std::string& { return c.id; }}},
  {"train", "data/train", "a sample count", "training samples (0: the task's)", "",
   IntSlot<std::uint64_t>{[](TaskConfig& c) -> std::uint64_t& { return c.data.train; }, 0}},
  {"val", "data/val", "a sample count", "validation samples (0: the task's)", "",
   IntSlot<std::uint64_t>{[](TaskConfig& c) -> std::uint64_t& { return c.data.val; }, 0}},
  {"test", "data/test", "a sample count", "", "",
   IntSlot<std::uint64_t>{[](TaskConfig& c) -> std::uint64_t& { return c.data.test; }, 0}},
  {"data-seed", "data/data_seed", "an unsigned integer", "", "",
   IntSlot<std::uint64_t>{[](TaskConfig& c) -> std::uint64_t& { return c.data.data_seed; }, 0}},
  {"depth", "depth", "a positive integer", "hidden layers", "",
   IntSlot<int>{[](TaskConfig& c) -> int& { return c.depth; }, 1}},
  {"width", "width", "a positive integer", "units per hidden layer", "",
   IntSlot<std::int64_t>{[](TaskConfig& c) -> std::int64_t& { return c.width; }, 1}},
  {"batch", "batch", "a positive integer", "samples per step", "",
   IntSlot<std::int64_t>{[](TaskConfig& c) -> std::int64_t& { return c.batch; }, 1}},
  {"residual", "residual", "true or false", "residual hidden layers", "",
   BoolSlot{[](TaskConfig& c) -> bool& { return c.residual; }}},
  {"net", "net", "mlp or cnn", "", "", kNetSlot, true},
  {"norm", "norm", "none, batch or layer", "", "", kNormSlot, true},
  {"channels", "channels", "a positive integer", "", "",
   IntSlot<std::int64_t>{[](TaskConfig& c) -> std::int64_t& { return c.channels; }, 1}, true},
  {"blocks", "blocks", "a positive integer", "", "",
   IntSlot<int>{[](TaskConfig& c) -> int& { return c.blocks; }, 1}, true},
  {"optimizer", "optimizer", "adam, adamw or sgd", "adam, adamw or sgd", "", kOptimizerSlot},
  {"momentum", "momentum", "a number in [0, 1)", "SGD momentum", "",
   RealSlot{[](TaskConfig& c) -> double& { return c.momentum; }, 0.0, 1.0}},
  {"nesterov", "nesterov", "true or false", "", "",
   BoolSlot{[](TaskConfig& c) -> bool& { return c.nesterov; }}, true},
  {"weight-decay", "weight_decay", "a number, 0 or more", "", "",
   RealSlot{[](TaskConfig& c) -> double& { return c.weight_decay; }, 0.0, kInf}, true},
  {"schedule", "schedule", "constant or cosine", "", "", kScheduleSlot, true},
  {"warmup", "warmup", "an epoch count, 0 or more", "", "",
   IntSlot<int>{[](TaskConfig& c) -> int& { return c.warmup; }, 0}, true},
  {"epochs", "screen/epochs", "a positive integer", "epochs when screening", "",
   IntSlot<int>{[](TaskConfig& c) -> int& { return c.screen.epochs; }, 1}},
  {"lr", "screen/lr", "a positive number", "learning rate", "",
   RealSlot{[](TaskConfig& c) -> double& { return c.screen.lr; }, kTiny, kInf}},
  {"full-epochs", "full/epochs", "a positive integer",
   "epochs of full trainings (default: --epochs when given)", "epochs",
   IntSlot<int>{[](TaskConfig& c) -> int& { return c.full.epochs; }, 1}},
  {"full-lr", "full/lr", "a positive number",
   "learning rate of full trainings (default: --lr when given)", "lr",
   RealSlot{[](TaskConfig& c) -> double& { return c.full.lr; }, kTiny, kInf}},
};
// clang-format on

template <typename Int>
bool set_value(const IntSlot<Int>& slot, std::string_view text, TaskConfig& c) {
  Int v{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || v < slot.min) return false;
  slot.at(c) = v;
  return true;
}

bool set_value(const RealSlot& slot, std::string_view text, TaskConfig& c) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || !(v >= slot.min) ||
      !(v < slot.max_exclusive)) {
    return false;
  }
  slot.at(c) = v;
  return true;
}

bool set_value(const BoolSlot& slot, std::string_view text, TaskConfig& c) {
  if (text != "true" && text != "1" && text != "false" && text != "0") return false;
  slot.at(c) = text == "true" || text == "1";
  return true;
}

bool set_value(const NameSlot& slot, std::string_view text, TaskConfig& c) {
  if (text.empty()) return false;
  slot.at(c) = std::string(text);
  return true;
}

bool set_value(const EnumSlot& slot, std::string_view text, TaskConfig& c) {
  for (std::size_t i = 0; i < slot.names.size(); ++i) {
    if (slot.names[i] == text) {
      slot.set(c, static_cast<int>(i));
      return true;
    }
  }
  return false;
}

template <typename Int>
std::string text_of(const IntSlot<Int>& slot, TaskConfig& c) {
  return std::to_string(slot.at(c));
}
std::string text_of(const RealSlot& slot, TaskConfig& c) { return fmt::format("{}", slot.at(c)); }
std::string text_of(const BoolSlot& slot, TaskConfig& c) { return slot.at(c) ? "true" : "false"; }
std::string text_of(const NameSlot& slot, TaskConfig& c) { return slot.at(c); }
std::string text_of(const EnumSlot& slot, TaskConfig& c) {
  return std::string(slot.names[static_cast<std::size_t>(slot.get(c))]);
}

const TaskField& field_named(std::string_view key) {
  for (const TaskField& f : kFields) {
    if (f.key == key) return f;
  }
  ACTSEARCH_ASSERT(false, "a follows key names a field of the table");
  return kFields[0];
}

}  // namespace

std::span<const TaskField> task_fields() { return kFields; }

std::string_view task_spec_keys() {
  static const std::string keys = [] {
    std::vector<std::string> names;
    for (const TaskField& f : kFields) names.emplace_back(f.key);
    return joined(names, ", ");
  }();
  return keys;
}

bool set_field(const TaskField& field, std::string_view text, TaskConfig& c) {
  return std::visit([&](const auto& slot) { return set_value(slot, text, c); }, field.slot);
}

std::string field_text(const TaskField& field, const TaskConfig& c) {
  TaskConfig copy = c;  // the slots' accessors serve writing too
  return std::visit([&](const auto& slot) { return text_of(slot, copy); }, field.slot);
}

void apply_follows(TaskConfig& c, const std::function<bool(std::string_view)>& was_set) {
  for (const TaskField& f : kFields) {
    if (f.follows.empty() || !was_set(f.follows) || was_set(f.key)) continue;
    const bool same_range = set_field(f, field_text(field_named(f.follows), c), c);
    ACTSEARCH_ASSERT(same_range, "a field allows every value of the field it follows");
  }
}

}  // namespace actsearch::search
