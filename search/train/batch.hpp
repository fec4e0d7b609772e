#pragma once
// Many trainings at once: oneTBB runs the requests of a batch in parallel, each training
// single-threaded, and hands every record over as soon as it is finished.

#include <atomic>
#include <functional>
#include <span>

#include "search/data/record.hpp"
#include "search/data/task_config.hpp"
#include "search/train/data_cache.hpp"

namespace actsearch::search {

/// Runs `jobs` with evaluate() on a tbb::task_arena of `threads` threads, taking each job's
/// task config from `tasks` (by request.task) and its data from `data`. Jobs start costliest
/// first (by the size of their training), each thread taking the next one when it is free.
/// Each finished record goes to `on_record` at once, from the worker thread that trained it
/// (callers serialise: on_record may run concurrently with itself). A job not yet started
/// when `cancel` is set is skipped (no record). Records do not depend on `threads` or on the
/// order jobs finish in. A task id not in `tasks` or data that cannot be loaded throws before
/// any training starts. The first exception of a job or of on_record (a full disk) stops
/// further jobs from starting and is rethrown once the jobs in flight have finished; no
/// exception escapes a worker.
void run_batch(std::span<const EvalJob> jobs, std::span<const TaskConfig> tasks, DataCache& data,
               int threads, const std::function<void(const EvalRecord&)>& on_record,
               const std::atomic<bool>& cancel);

/// The config of task `id` in `tasks`; throws actsearch::Error when there is none.
const TaskConfig& find_task(std::span<const TaskConfig> tasks, std::string_view id);

}  // namespace actsearch::search
