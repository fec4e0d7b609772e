#include "search/data/task_config.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "grammar/base/error.hpp"
#include "search/data/json_read.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;

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

const TaskField* find_field(std::string_view key) {
  for (const TaskField& f : task_fields()) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

[[noreturn]] void bad_spec(std::string_view spec, const std::string& what) {
  throw Error("task '" + std::string(spec) + "': " + what);
}

// Settings each valid alone that do not go together.
void check_combination(std::string_view spec, const TaskConfig& c) {
  if (c.net == nn::NetKind::Cnn && !nn::has_images(c.data.kind)) {
    bad_spec(spec, "net=cnn needs images (fashion-mnist or mnist), not " + c.data.kind);
  }
  if (c.nesterov && (c.optimizer != nn::OptimizerKind::Sgd || c.momentum == 0.0)) {
    bad_spec(spec, "nesterov needs optimizer=sgd and a momentum above 0");
  }
}

// "KEY=VALUE" split at the first '='; the bare key of a bool field means KEY=true.
std::pair<std::string_view, std::string_view> key_value(std::string_view spec,
                                                        std::string_view word) {
  const std::size_t eq = word.find('=');
  if (eq != std::string_view::npos) return {word.substr(0, eq), word.substr(eq + 1)};
  const TaskField* f = find_field(word);
  if (f && std::holds_alternative<BoolSlot>(f->slot)) return {word, "true"};
  bad_spec(spec, "expected KEY=VALUE, found '" + std::string(word) + "'");
}

// The object holding a field in config.json ("screen" for "screen/epochs") and the key in it.
std::pair<std::string_view, std::string_view> json_place(const TaskField& f) {
  const std::size_t slash = f.json.find('/');
  if (slash == std::string_view::npos) return {{}, f.json};
  return {f.json.substr(0, slash), f.json.substr(slash + 1)};
}

template <typename Int>
json json_of(const IntSlot<Int>& slot, TaskConfig& c) {
  return slot.at(c);
}
json json_of(const RealSlot& slot, TaskConfig& c) { return slot.at(c); }
json json_of(const BoolSlot& slot, TaskConfig& c) { return slot.at(c); }
json json_of(const NameSlot& slot, TaskConfig& c) { return slot.at(c); }
json json_of(const EnumSlot& slot, TaskConfig& c) {
  return slot.names[static_cast<std::size_t>(slot.get(c))];
}

template <typename Int>
void read_json(const IntSlot<Int>& slot, const json& j, std::string_view key, TaskConfig& c) {
  slot.at(c) = get_integer<Int>(j, key);
}
void read_json(const RealSlot& slot, const json& j, std::string_view key, TaskConfig& c) {
  slot.at(c) = get_real(j, key);
}
void read_json(const BoolSlot& slot, const json& j, std::string_view key, TaskConfig& c) {
  slot.at(c) = get_bool(j, key);
}
void read_json(const NameSlot& slot, const json& j, std::string_view key, TaskConfig& c) {
  slot.at(c) = get_string(j, key);
}
void read_json(const EnumSlot& slot, const json& j, std::string_view key, TaskConfig& c) {
  slot.set(c, static_cast<int>(get_enum(j, key, slot.names)));
}

// Every field but the id, as a spec writes it: the task text and its folder or file, then
// the fields in table order.
std::vector<std::pair<std::string_view, std::string>> spec_words(const TaskConfig& c) {
  const nn::TaskSpec& d = c.data;
  std::vector<std::pair<std::string_view, std::string>> words = {
      {"data", d.regression ? d.kind + "-regression" : d.kind},
      {"path", d.path.empty() ? "''" : d.path}};
  for (const TaskField& f : task_fields()) {
    if (f.key != "id") words.emplace_back(f.key, field_text(f, c));
  }
  return words;
}

}  // namespace

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

  std::vector<std::string_view> set;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto [key, value] = key_value(spec, words[i]);
    const TaskField* f = find_field(key);
    if (!f) {
      bad_spec(spec, "unknown key '" + std::string(key) +
                         "' (valid: " + std::string(task_spec_keys()) + ")");
    }
    if (!set_field(*f, value, c)) {
      bad_spec(spec, "bad value '" + std::string(value) + "' for " + std::string(key) +
                         " (expected " + std::string(f->expected) + ")");
    }
    set.push_back(key);
  }
  apply_follows(
      c, [&](std::string_view key) { return std::find(set.begin(), set.end(), key) != set.end(); });
  check_combination(spec, c);
  return c;
}

json to_json(const TaskConfig& c) {
  const nn::TaskSpec& d = c.data;
  json j = {{"data", {{"kind", d.kind}, {"path", d.path}, {"regression", d.regression}}}};
  TaskConfig copy = c;  // the slots' accessors serve writing too
  const TaskConfig defaults;
  for (const TaskField& f : task_fields()) {
    if (f.omitted_at_default && field_text(f, c) == field_text(f, defaults)) continue;
    const auto [object, key] = json_place(f);
    json& parent = object.empty() ? j : j[std::string(object)];
    parent[std::string(key)] =
        std::visit([&](const auto& slot) { return json_of(slot, copy); }, f.slot);
  }
  return j;
}

TaskConfig task_config_from_json(const json& j) {
  TaskConfig c;
  const json& data = get_object(j, "data");
  c.data.kind = get_string(data, "kind");
  c.data.path = get_string(data, "path");
  c.data.regression = get_bool(data, "regression");
  for (const TaskField& f : task_fields()) {
    const auto [object, name] = json_place(f);
    const json& parent = object.empty() ? j : get_object(j, object);
    if (f.omitted_at_default && !parent.contains(name)) continue;
    // A named copy: clang 14 cannot capture a structured binding in a lambda (C++20 can).
    const std::string_view key = name;
    std::visit([&](const auto& slot) { read_json(slot, parent, key, c); }, f.slot);
  }
  return c;
}

}  // namespace actsearch::search
