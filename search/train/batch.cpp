#include "search/train/batch.hpp"

#include <tbb/task_arena.h>

#include <algorithm>
#include <exception>
#include <map>
#include <mutex>
#include <numeric>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "search/train/evaluator.hpp"
#include "search/train/parallel.hpp"

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

// Multiply-adds of one training up to a constant factor: the network's forward and
// backward passes (`per_sample` each) over the training split for every epoch, and one
// forward pass over the validation split (and the test split when it is measured).
double training_cost(const EvalJob& job, double per_sample, const nn::Split& data) {
  const double passes = 3.0 * job.request.epochs * static_cast<double>(data.train.size()) +
                        static_cast<double>(data.val.size()) +
                        (job.measure_test ? static_cast<double>(data.test.size()) : 0.0);
  return per_sample * passes;
}

// Job indices, costliest first: started in this order, the threads finish together instead of
// one of them running a long training alone at the end of the batch.
std::vector<std::size_t> longest_first(std::span<const EvalJob> jobs,
                                       std::span<const TaskConfig* const> task_of,
                                       std::span<const nn::Split* const> data_of) {
  // A task's network is built once to count its multiply-adds, not once per job.
  std::map<const TaskConfig*, double> per_sample;
  std::vector<double> cost(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    auto [it, added] = per_sample.try_emplace(task_of[i], 0.0);
    if (added) {
      it->second =
          static_cast<double>(nn::macs_per_sample(model_config(*task_of[i], data_of[i]->train)));
    }
    cost[i] = training_cost(jobs[i], it->second, *data_of[i]);
  }
  std::vector<std::size_t> order(jobs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
  return order;
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
  // Loading here (once per split, through the cache) puts a bad data file's error before any
  // training starts.
  std::vector<const TaskConfig*> task_of(jobs.size());
  std::vector<const nn::Split*> data_of(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    task_of[i] = &find_task(tasks, jobs[i].request.task);
    data_of[i] = &data.get(task_of[i]->data);
  }
  const std::vector<std::size_t> order = longest_first(jobs, task_of, data_of);
  FirstError error;
  std::atomic<std::size_t> next{0};
  tbb::task_arena arena(threads);
  arena.execute([&] {
    // One loop per thread, each taking the next job in cost order when it is free.
    parallel_for_each_index(static_cast<std::size_t>(threads), [&](std::size_t) {
      for (std::size_t k = next++; k < order.size(); k = next++) {
        if (cancel.load() || error.failed()) return;
        const std::size_t i = order[k];
        try {
          on_record(evaluate(jobs[i], *task_of[i], *data_of[i]));
        } catch (...) {
          error.store(std::current_exception());
        }
      }
    });
  });
  error.rethrow();
}

}  // namespace actsearch::search
