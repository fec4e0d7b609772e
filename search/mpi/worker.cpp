#include "search/mpi/worker.hpp"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "grammar/base/error.hpp"
#include "search/mpi/messages.hpp"
#include "search/mpi/transport.hpp"
#include "search/train/batch.hpp"
#include "search/train/data_cache.hpp"
#include "search/train/evaluator.hpp"

namespace actsearch::search::mpi {
namespace {

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

EvalRecord train(const EvalJob& job, std::span<const TaskConfig> tasks, DataCache& data) {
  const TaskConfig& task = find_task(tasks, job.request.task);
  return evaluate(job, task, data.get(task.data));
}

class Worker {
 public:
  explicit Worker(int threads)
      : threads_(threads),
        // The arena's threads all come from TBB's pool, which by default holds one thread
        // fewer than the cores: allow `threads` of them, whatever the machine.
        parallelism_(tbb::global_control::max_allowed_parallelism,
                     static_cast<std::size_t>(threads) + 1),
        arena_(threads, 0) {}

  void serve() {
    const Message hello = receive(0, outbox_);
    ACTSEARCH_ASSERT(hello.tag == Tag::Hello, "rank 0 greets every worker first");
    tasks_ = tasks_from_hello(nlohmann::json::parse(hello.text));
    outbox_.send(0, Tag::Ready, dump({{"threads", threads_}}));
    bool stop = false;
    Backoff backoff;
    while (true) {
      send_finished(stop);
      if (stop && in_flight_ == 0) break;
      if (std::optional<Message> m = stop ? std::nullopt : try_receive(0)) {
        if (m->tag == Tag::Job) start(std::move(m->text));
        stop = m->tag == Tag::Stop;
        backoff.reset();
        continue;
      }
      outbox_.progress();
      std::unique_lock lock(mutex_);
      finished_cv_.wait_for(lock, backoff.next(), [this] { return !finished_.empty(); });
    }
  }

 private:
  // Trains in the arena; the result (or failure) joins finished_. Nothing escapes the task.
  void start(std::string text) {
    ++in_flight_;
    arena_.enqueue([this, text = std::move(text)] {
      std::pair<Tag, std::string> out;
      try {
        out = {Tag::Record,
               dump(to_json(train(job_from_json(nlohmann::json::parse(text)), tasks_, data_)))};
      } catch (const Error& e) {
        out = {Tag::Failure, dump(failure_json(e.what(), true))};
      } catch (const std::exception& e) {
        out = {Tag::Failure, dump(failure_json(e.what(), false))};
      }
      const std::lock_guard lock(mutex_);
      finished_.push_back(std::move(out));
      finished_cv_.notify_one();
    });
  }

  // Sends the finished results to rank 0; after a stop nobody listens, so they are dropped.
  void send_finished(bool stop) {
    std::vector<std::pair<Tag, std::string>> finished;
    {
      const std::lock_guard lock(mutex_);
      finished.swap(finished_);
    }
    in_flight_ -= finished.size();
    if (stop) return;
    for (auto& [tag, text] : finished) outbox_.send(0, tag, std::move(text));
  }

  int threads_;
  tbb::global_control parallelism_;
  tbb::task_arena arena_;
  std::vector<TaskConfig> tasks_;
  DataCache data_;
  Outbox outbox_;
  std::size_t in_flight_ = 0;  // jobs started whose result has not been taken
  std::mutex mutex_;           // guards finished_
  std::condition_variable finished_cv_;
  std::vector<std::pair<Tag, std::string>> finished_;
};

}  // namespace

void serve(int threads) {
  ACTSEARCH_ASSERT(threads >= 1, "at least one thread");
  Worker worker(threads);
  worker.serve();
}

}  // namespace actsearch::search::mpi
