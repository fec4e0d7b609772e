// --resume: does a command continue the run's search? The first difference is named by the
// option a user would change to cause it.

#include <optional>
#include <string>

#include "grammar/error.hpp"
#include "search/run_config.hpp"

namespace actsearch::search {
namespace {

using nlohmann::json;

// The first place two JSON values differ: a path of keys ("screen.epochs") and the two
// values there. Arrays of different lengths differ as wholes.
struct Difference {
  std::string path;
  json run;
  json command;
};

std::optional<Difference> first_difference(const json& a, const json& b) {
  if (a == b) return std::nullopt;
  if (a.is_object() && b.is_object()) {
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key)) return Difference{key, value, nullptr};
      if (auto d = first_difference(value, b.at(key))) {
        d->path = d->path.empty() ? key : key + "." + d->path;
        return d;
      }
    }
    for (const auto& [key, value] : b.items()) {
      if (!a.contains(key)) return Difference{key, nullptr, value};
    }
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (auto d = first_difference(a[i], b[i])) {
        const json& id = a[i].is_object() && a[i].contains("id") ? a[i]["id"] : json(i);
        const std::string name = id.is_string() ? id.get<std::string>() : id.dump();
        d->path = d->path.empty() ? name : name + " " + d->path;
        return d;
      }
    }
  }
  return Difference{"", a, b};
}

std::string shown(const std::string& path, const json& value) {
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  return path.empty() ? text : path + " " + text;
}

// The option the user would change to cause a difference at `key` (a config.json key) and
// `path` below it.
std::string option_for(const std::string& key, const std::string& path) {
  const std::string head = path.substr(0, path.find('.'));
  if (key == "tasks") return "--task";
  if (key == "space") {
    if (head == "kind") return "the search space";
    if (head == "max_size") return "--max-size";
    if (head == "max_depth") return "--max-depth";
    return "--" + head;  // units, unary, binary
  }
  if (key == "strategy") return head == "name" ? "--strategy" : "--" + head;
  if (key == "final_seeds") return "--final-seeds";
  return "--" + key;  // seed, generation, rungs, eta, baselines
}

std::string task_ids(const std::vector<TaskConfig>& tasks) {
  std::string out;
  for (const TaskConfig& t : tasks) out += (out.empty() ? "" : ", ") + t.id;
  return std::to_string(tasks.size()) + (tasks.size() == 1 ? " task (" : " tasks (") + out + ")";
}

}  // namespace

void check_resumable(const SearchConfig& run, const SearchConfig& command,
                     std::string_view run_dir) {
  const std::string prefix = "cannot resume " + std::string(run_dir) + ": ";
  if (run.tasks.size() != command.tasks.size()) {
    throw Error(prefix + "--task differs (run has " + task_ids(run.tasks) + ", command has " +
                task_ids(command.tasks) + ")");
  }
  const json a = to_json(run);
  const json b = to_json(command);
  for (const char* key : {"tasks", "space", "strategy", "seed", "generation", "rungs", "eta",
                          "final_seeds", "baselines"}) {
    const auto d = first_difference(a.at(key), b.at(key));
    if (!d) continue;
    // A task field is named by task and key; other options name what differs themselves.
    const std::string path = key == std::string("tasks") ? d->path : "";
    throw Error(prefix + option_for(key, d->path) + " differs (run has " + shown(path, d->run) +
                ", command has " + shown(path, d->command) + ")");
  }
}

}  // namespace actsearch::search
