#pragma once
// The content of the messages between ranks: plain JSON, the same as the journal's (an
// EvalRequest's and an EvalRecord's to_json), so a record crosses the network bit for bit.

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "search/data/record.hpp"
#include "search/data/task_config.hpp"
#include "search/train/batch.hpp"

namespace actsearch::search::mpi {

/// A job as a worker receives it: the request, the text the candidate was proposed as (the
/// record's "expr"), and what run_batch's EvalJob says besides. The worker rebuilds the
/// candidate from request.expr, the canonical text (parse(print(e)) == e).
struct WireJob {
  EvalRequest request;
  std::string input;
  RecordKind kind = RecordKind::Eval;
  bool measure_test = false;
};

/// {"request": to_json(request), "input", "kind", "measure_test"}.
nlohmann::json to_json(const EvalJob& job);
/// The inverse of to_json; throws actsearch::Error naming a missing or mistyped key.
WireJob wire_job_from_json(const nlohmann::json& j);

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
