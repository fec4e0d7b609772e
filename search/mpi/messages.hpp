#pragma once
// The content of the messages between ranks: plain JSON, the same as the journal's (an
// EvalJob's and an EvalRecord's to_json, search/data/record.hpp), so a record crosses the
// network bit for bit. These are the messages besides jobs and records.

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "search/data/record.hpp"
#include "search/data/task_config.hpp"

namespace actsearch::search::mpi {

/// Hello: {"tasks": [to_json(TaskConfig)...]}; the worker trains every job on these.
nlohmann::json hello_json(std::span<const TaskConfig> tasks);
std::vector<TaskConfig> tasks_from_hello(const nlohmann::json& j);

/// Failure: {"error": what(), "usage": whether it was an actsearch::Error}, so rank 0
/// rethrows it with the exit status a single process would give.
nlohmann::json failure_json(const std::string& what, bool usage);
/// Throws the failure `j` of worker `rank`, its message prefixed with "rank N: ":
/// actsearch::Error when usage, else std::runtime_error.
[[noreturn]] void throw_failure(const nlohmann::json& j, int rank);

}  // namespace actsearch::search::mpi
