#include "search/data/task_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "grammar/base/error.hpp"
#include "search/data/json_read.hpp"

namespace actsearch::search {
namespace {

constexpr std::string_view kKeys =
    "id, train, val, test, data-seed, depth, width, batch, residual, optimizer, momentum, "
    "epochs, lr, full-epochs, full-lr";

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t begin = text.find_first_not_of(" \t", i);
    if (begin == std::string_view::npos) break;
    const std::size_t end = std::min(text.find_first_of(" \t", begin), text.size());
    words.push_back(text.substr(begin, end - begin));
    i = end;
  }
  return words;
}

// Reading one KEY=VALUE of a spec; errors name the spec, the key and what was expected.
class Overrides {
 public:
  explicit Overrides(std::string_view spec) : spec_(spec) {}

  [[noreturn]] void fail(std::string_view key, std::string_view value,
                         std::string_view expected) const {
    throw Error("task '" + std::string(spec_) + "': bad value '" + std::string(value) + "' for " +
                std::string(key) + " (expected " + std::string(expected) + ")");
  }

  template <typename Int>
  Int integer(std::string_view key, std::string_view value, Int min, std::string_view what) const {
    Int v{};
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc{} || end != value.data() + value.size() || v < min) fail(key, value, what);
    return v;
  }

  double real(std::string_view key, std::string_view value, double min, double max_exclusive,
              std::string_view what) const {
    double v = 0.0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc{} || end != value.data() + value.size() || !(v >= min) ||
        !(v < max_exclusive)) {
      fail(key, value, what);
    }
    return v;
  }

  bool boolean(std::string_view key, std::string_view value) const {
    if (value == "true" || value == "1") return true;
    if (value == "false" || value == "0") return false;
    fail(key, value, "true or false");
  }

 private:
  std::string_view spec_;
};

constexpr double kInf = std::numeric_limits<double>::infinity();

// The protocol fields a spec set: the full protocol follows the spec's screening values
// unless the spec sets it too.
struct Applied {
  bool epochs = false, lr = false, full_epochs = false, full_lr = false;
};

// Sets the field named `key`; false for an unknown key.
bool apply(const Overrides& o, std::string_view key, std::string_view value, TaskConfig& c,
           Applied& applied) {
  if (key == "id") {
    if (value.empty()) o.fail(key, value, "a name");
    c.id = std::string(value);
  } else if (key == "train") {
    c.data.train = o.integer<std::size_t>(key, value, 0, "a sample count");
  } else if (key == "val") {
    c.data.val = o.integer<std::size_t>(key, value, 0, "a sample count");
  } else if (key == "test") {
    c.data.test = o.integer<std::size_t>(key, value, 0, "a sample count");
  } else if (key == "data-seed") {
    c.data.data_seed = o.integer<std::uint64_t>(key, value, 0, "an unsigned integer");
  } else if (key == "depth") {
    c.depth = o.integer<int>(key, value, 1, "a positive integer");
  } else if (key == "width") {
    c.width = o.integer<std::ptrdiff_t>(key, value, 1, "a positive integer");
  } else if (key == "batch") {
    c.batch = o.integer<std::ptrdiff_t>(key, value, 1, "a positive integer");
  } else if (key == "residual") {
    c.residual = o.boolean(key, value);
  } else if (key == "optimizer") {
    if (value != "adam" && value != "sgd") o.fail(key, value, "adam or sgd");
    c.optimizer = std::string(value);
  } else if (key == "momentum") {
    c.momentum = o.real(key, value, 0.0, 1.0, "a number in [0, 1)");
  } else if (key == "epochs") {
    c.screen.epochs = o.integer<int>(key, value, 1, "a positive integer");
    applied.epochs = true;
  } else if (key == "lr") {
    c.screen.lr = o.real(key, value, std::numeric_limits<double>::min(), kInf, "a positive number");
    applied.lr = true;
  } else if (key == "full-epochs") {
    c.full.epochs = o.integer<int>(key, value, 1, "a positive integer");
    applied.full_epochs = true;
  } else if (key == "full-lr") {
    c.full.lr = o.real(key, value, std::numeric_limits<double>::min(), kInf, "a positive number");
    applied.full_lr = true;
  } else {
    return false;
  }
  return true;
}

// "KEY=VALUE" split at the first '='; the bare word "residual" means residual=true.
std::pair<std::string_view, std::string_view> key_value(std::string_view spec,
                                                        std::string_view word) {
  const std::size_t eq = word.find('=');
  if (eq != std::string_view::npos) return {word.substr(0, eq), word.substr(eq + 1)};
  if (word == "residual") return {word, "true"};
  throw Error("task '" + std::string(spec) + "': expected KEY=VALUE, found '" + std::string(word) +
              "'");
}

nlohmann::json settings_json(const TrainSettings& s) {
  return {{"epochs", s.epochs}, {"lr", s.lr}};
}

TrainSettings settings_from_json(const nlohmann::json& j) {
  return {get_int(j, "epochs"), get_real(j, "lr")};
}

// Every field but the id, as a spec writes it: the task text and its folder or file, then
// the spec keys in the order of kKeys.
std::vector<std::pair<std::string_view, std::string>> spec_words(const TaskConfig& c) {
  const nn::TaskSpec& d = c.data;
  return {{"data", d.regression ? d.kind + "-regression" : d.kind},
          {"path", d.path.empty() ? "''" : d.path},
          {"train", std::to_string(d.train)},
          {"val", std::to_string(d.val)},
          {"test", std::to_string(d.test)},
          {"data-seed", std::to_string(d.data_seed)},
          {"depth", std::to_string(c.depth)},
          {"width", std::to_string(c.width)},
          {"batch", std::to_string(c.batch)},
          {"residual", c.residual ? "true" : "false"},
          {"optimizer", c.optimizer},
          {"momentum", fmt::format("{}", c.momentum)},
          {"epochs", std::to_string(c.screen.epochs)},
          {"lr", fmt::format("{}", c.screen.lr)},
          {"full-epochs", std::to_string(c.full.epochs)},
          {"full-lr", fmt::format("{}", c.full.lr)}};
}

}  // namespace

std::string_view task_spec_keys() { return kKeys; }

std::optional<TaskDifference> first_difference(const TaskConfig& run, const TaskConfig& command) {
  const auto a = spec_words(run);
  const auto b = spec_words(command);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].second != b[i].second) {
      return TaskDifference{std::string(a[i].first), a[i].second, b[i].second};
    }
  }
  return std::nullopt;
}

TaskConfig parse_task_config(std::string_view spec, const TaskConfig& defaults) {
  const std::vector<std::string_view> words = split_words(spec);
  if (words.empty()) throw Error("empty task spec (expected a task such as 'spirals')");
  TaskConfig c = defaults;
  c.id = std::string(words[0]);
  c.data = nn::parse_task(words[0]);
  if (c.data.path.empty() && nn::reads_folder(c.data.kind)) c.data.path = defaults.data.path;
  c.data.train = defaults.data.train;
  c.data.val = defaults.data.val;
  c.data.test = defaults.data.test;
  c.data.data_seed = defaults.data.data_seed;

  const Overrides overrides(spec);
  Applied applied;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto [key, value] = key_value(spec, words[i]);
    if (!apply(overrides, key, value, c, applied)) {
      throw Error("task '" + std::string(spec) + "': unknown key '" + std::string(key) +
                  "' (valid: " + std::string(kKeys) + ")");
    }
  }
  if (applied.epochs && !applied.full_epochs) c.full.epochs = c.screen.epochs;
  if (applied.lr && !applied.full_lr) c.full.lr = c.screen.lr;
  return c;
}

nlohmann::json to_json(const TaskConfig& c) {
  const nn::TaskSpec& d = c.data;
  return {{"id", c.id},
          {"data",
           {{"kind", d.kind},
            {"path", d.path},
            {"train", d.train},
            {"val", d.val},
            {"test", d.test},
            {"data_seed", d.data_seed},
            {"regression", d.regression}}},
          {"depth", c.depth},
          {"width", c.width},
          {"residual", c.residual},
          {"batch", c.batch},
          {"optimizer", c.optimizer},
          {"momentum", c.momentum},
          {"screen", settings_json(c.screen)},
          {"full", settings_json(c.full)}};
}

TaskConfig task_config_from_json(const nlohmann::json& j) {
  TaskConfig c;
  c.id = get_string(j, "id");
  const nlohmann::json& data = get_object(j, "data");
  c.data.kind = get_string(data, "kind");
  c.data.path = get_string(data, "path");
  c.data.train = get_integer<std::uint64_t>(data, "train");
  c.data.val = get_integer<std::uint64_t>(data, "val");
  c.data.test = get_integer<std::uint64_t>(data, "test");
  c.data.data_seed = get_integer<std::uint64_t>(data, "data_seed");
  c.data.regression = get_bool(data, "regression");
  c.depth = get_int(j, "depth");
  c.width = get_integer<std::int64_t>(j, "width");
  c.residual = get_bool(j, "residual");
  c.batch = get_integer<std::int64_t>(j, "batch");
  c.optimizer = get_string(j, "optimizer");
  c.momentum = get_real(j, "momentum");
  c.screen = settings_from_json(get_object(j, "screen"));
  c.full = settings_from_json(get_object(j, "full"));
  return c;
}

}  // namespace actsearch::search
