#include "search/mpi/messages.hpp"

#include <stdexcept>

#include "grammar/base/error.hpp"
#include "search/data/json_read.hpp"

namespace actsearch::search::mpi {

nlohmann::json hello_json(std::span<const TaskConfig> tasks) {
  nlohmann::json list = nlohmann::json::array();
  for (const TaskConfig& t : tasks) list.push_back(to_json(t));
  return {{"tasks", list}};
}

std::vector<TaskConfig> tasks_from_hello(const nlohmann::json& j) {
  std::vector<TaskConfig> tasks;
  for (const nlohmann::json& t : get_array(j, "tasks")) tasks.push_back(task_config_from_json(t));
  return tasks;
}

nlohmann::json failure_json(const std::string& what, bool usage) {
  return {{"error", what}, {"usage", usage}};
}

void throw_failure(const nlohmann::json& j, int rank) {
  // Named by rank: a worker can lack what rank 0 has (a data file on its own disk).
  const std::string what =
      "rank " + std::to_string(rank) + ": " + j.value("error", std::string("unknown failure"));
  if (j.value("usage", false)) throw Error(what);
  throw std::runtime_error(what);
}

}  // namespace actsearch::search::mpi
