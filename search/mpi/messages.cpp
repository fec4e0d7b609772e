#include "search/mpi/messages.hpp"

#include <stdexcept>

#include "grammar/base/error.hpp"

namespace actsearch::search::mpi {
namespace {

const nlohmann::json& key(const nlohmann::json& j, const char* name) {
  if (!j.is_object() || !j.contains(name)) throw Error(std::string("key '") + name + "' missing");
  return j.at(name);
}

RecordKind trained_kind(const nlohmann::json& j) {
  for (RecordKind k : {RecordKind::Eval, RecordKind::Final, RecordKind::Baseline}) {
    if (j.is_string() && j.get<std::string>() == to_string(k)) return k;
  }
  throw Error("key 'kind' is not a trained kind");
}

}  // namespace

nlohmann::json to_json(const EvalJob& job) {
  return {{"request", to_json(job.request)},
          {"input", job.candidate->input},
          {"kind", to_string(job.kind)},
          {"measure_test", job.measure_test}};
}

WireJob wire_job_from_json(const nlohmann::json& j) {
  WireJob w;
  w.request = request_from_json(key(j, "request"));
  const nlohmann::json& input = key(j, "input");
  const nlohmann::json& measure = key(j, "measure_test");
  if (!input.is_string()) throw Error("key 'input' is not a string");
  if (!measure.is_boolean()) throw Error("key 'measure_test' is not a boolean");
  w.input = input.get<std::string>();
  w.kind = trained_kind(key(j, "kind"));
  w.measure_test = measure.get<bool>();
  return w;
}

nlohmann::json hello_json(std::span<const TaskConfig> tasks) {
  nlohmann::json list = nlohmann::json::array();
  for (const TaskConfig& t : tasks) list.push_back(to_json(t));
  return {{"tasks", list}};
}

std::vector<TaskConfig> tasks_from_hello(const nlohmann::json& j) {
  std::vector<TaskConfig> tasks;
  for (const nlohmann::json& t : key(j, "tasks")) tasks.push_back(task_config_from_json(t));
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
