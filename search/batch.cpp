#include "search/batch.hpp"

#include <tbb/task_arena.h>

#include <exception>
#include <mutex>
#include <string>

#include "grammar/error.hpp"
#include "search/evaluator.hpp"
#include "search/parallel.hpp"

namespace actsearch::search {
namespace {

// The first error of a batch; later ones are dropped (they are usually its consequences).
class FirstError {
 public:
  void store(std::exception_ptr e) {
    const std::lock_guard lock(mutex_);
    if (!error_) error_ = std::move(e);
    failed_.store(true);
  }
  bool failed() const { return failed_.load(); }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
  std::atomic<bool> failed_{false};
};

void run_job(const EvalJob& job, std::span<const TaskConfig> tasks, DataCache& data,
             const std::function<void(const EvalRecord&)>& on_record) {
  ACTSEARCH_ASSERT(job.candidate != nullptr, "a job names its candidate");
  const TaskConfig& task = find_task(tasks, job.request.task);
  EvalRecord record =
      evaluate(job.request, *job.candidate, task, data.get(task.data), job.measure_test);
  record.kind = job.kind;
  on_record(record);
}

}  // namespace

const TaskConfig& find_task(std::span<const TaskConfig> tasks, std::string_view id) {
  for (const TaskConfig& t : tasks) {
    if (t.id == id) return t;
  }
  throw Error("no task '" + std::string(id) + "' in this run");
}

void run_batch(std::span<const EvalJob> jobs, std::span<const TaskConfig> tasks, DataCache& data,
               int threads, const std::function<void(const EvalRecord&)>& on_record,
               const std::atomic<bool>& cancel) {
  ACTSEARCH_ASSERT(threads >= 1, "at least one thread");
  FirstError error;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    parallel_for_each_index(jobs.size(), [&](std::size_t i) {
      if (cancel.load() || error.failed()) return;
      try {
        run_job(jobs[i], tasks, data, on_record);
      } catch (...) {
        error.store(std::current_exception());
      }
    });
  });
  error.rethrow();
}

}  // namespace actsearch::search
