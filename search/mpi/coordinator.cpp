#include "search/mpi/coordinator.hpp"

#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

#include "grammar/base/error.hpp"
#include "search/mpi/messages.hpp"
#include "search/mpi/transport.hpp"

namespace actsearch::search::mpi {
namespace {

class Coordinator {
 public:
  Coordinator(const Session& session, std::span<const TaskConfig> tasks)
      : free_(static_cast<std::size_t>(session.size()), 0) {
    const std::string hello = hello_json(tasks).dump();
    for (int w = 1; w < session.size(); ++w) outbox_.send(w, Tag::Hello, hello);
    for (int greeted = 1; greeted < session.size(); ++greeted) {
      const Message m = receive(-1, outbox_);
      ACTSEARCH_ASSERT(m.tag == Tag::Ready, "a worker answers the hello with ready");
      free_[static_cast<std::size_t>(m.source)] =
          nlohmann::json::parse(m.text).at("threads").get<int>();
    }
  }

  ~Coordinator() {
    for (std::size_t w = 1; w < free_.size(); ++w) outbox_.send(static_cast<int>(w), Tag::Stop, "");
  }

  Coordinator(const Coordinator&) = delete;
  Coordinator& operator=(const Coordinator&) = delete;

  void run(std::span<const EvalJob> jobs, const RecordSink& sink, const std::atomic<bool>& cancel) {
    Batch b{jobs, cancel};
    error_ = nullptr;
    hand_out(b);
    while (b.in_flight > 0) {
      const Message m = receive(-1, outbox_);
      ++free_[static_cast<std::size_t>(m.source)];
      --b.in_flight;
      // The freed thread gets its next job before the record is journaled (an fsync), so
      // the workers train while rank 0 waits for the disk.
      hand_out(b);
      handle(m, sink);
    }
    if (error_) std::rethrow_exception(error_);
  }

 private:
  struct Batch {
    std::span<const EvalJob> jobs;
    const std::atomic<bool>& cancel;
    std::size_t next = 0;       // the first job not handed out
    std::size_t in_flight = 0;  // handed out, record not back yet
  };

  // Hands out jobs to free worker threads until none is free or none is left; nothing once
  // the batch has failed or is cancelled.
  void hand_out(Batch& b) {
    for (int w = free_worker(); w > 0 && b.next < b.jobs.size(); w = free_worker()) {
      if (error_ != nullptr || b.cancel.load()) return;
      outbox_.send(w, Tag::Job, to_json(b.jobs[b.next++]).dump());
      --free_[static_cast<std::size_t>(w)];
      ++b.in_flight;
    }
  }

  // The worker with the most free threads (the lowest rank among equals); 0 when all are busy.
  int free_worker() const {
    int best = 0;
    for (std::size_t w = 1; w < free_.size(); ++w) {
      if (free_[w] > 0 && (best == 0 || free_[w] > free_[static_cast<std::size_t>(best)])) {
        best = static_cast<int>(w);
      }
    }
    return best;
  }

  // A returned job: its record to the sink, or its failure kept for rethrowing.
  void handle(const Message& m, const RecordSink& sink) {
    try {
      const nlohmann::json j = nlohmann::json::parse(m.text);
      if (m.tag == Tag::Failure) throw_failure(j, m.source);
      if (m.tag != Tag::Record) {
        throw std::runtime_error("unexpected message from rank " + std::to_string(m.source));
      }
      sink(record_from_json(j));
    } catch (...) {
      if (!error_) error_ = std::current_exception();
    }
  }

  Outbox outbox_;
  std::vector<int> free_;  // free training threads per rank (index 0, rank 0, unused)
  std::exception_ptr error_;
};

}  // namespace

Trainer make_distributed_trainer(const Session& session, std::vector<TaskConfig> tasks) {
  ACTSEARCH_ASSERT(session.rank() == 0 && session.distributed(), "rank 0 of several");
  auto coordinator = std::make_shared<Coordinator>(session, tasks);
  Trainer t = make_trainer(std::move(tasks), 1);  // for its chance losses
  t.run = [coordinator](std::span<const EvalJob> jobs, const RecordSink& sink,
                        const std::atomic<bool>& cancel) { coordinator->run(jobs, sink, cancel); };
  return t;
}

void release_workers(const Session& session) {
  ACTSEARCH_ASSERT(session.rank() == 0 && session.distributed(), "rank 0 of several");
  const Coordinator greeted(session, {});  // its end tells every worker to stop
}

}  // namespace actsearch::search::mpi
