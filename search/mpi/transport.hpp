#pragma once
// Text messages between ranks over MPI point-to-point calls. Every message is a JSON
// document (the journal's plain data); its tag says what it is. Waiting polls with short
// sleeps instead of MPI's busy wait, so an idle coordinator or worker leaves the cores to
// the trainings (several ranks often share a machine).

#include <chrono>
#include <list>
#include <optional>
#include <string>
#include <vector>

namespace actsearch::search::mpi {

/// What a message is. Hello: rank 0 -> worker, the run's tasks. Ready: worker -> rank 0,
/// its thread count. Job: rank 0 -> worker, one training. Record: worker -> rank 0, its
/// result. Failure: worker -> rank 0, a training that threw. Stop: rank 0 -> worker, end.
enum class Tag : int { Hello = 1, Ready, Job, Record, Failure, Stop };

struct Message {
  int source = 0;
  Tag tag = Tag::Stop;
  std::string text;
};

/// Sleeps between polls: from a few microseconds right after a message (the next one is
/// often close behind) up to a millisecond when idle.
class Backoff {
 public:
  void reset() { wait_ = kShortest; }
  /// The next wait; each call doubles it up to the longest.
  std::chrono::microseconds next();

 private:
  static constexpr std::chrono::microseconds kShortest{5};
  static constexpr std::chrono::microseconds kLongest{1000};
  std::chrono::microseconds wait_ = kShortest;
};

/// Sends without blocking (MPI_Isend) and keeps each message until MPI is done with it, so
/// two ranks sending to each other at once never deadlock, whatever the message sizes.
class Outbox {
 public:
  Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;
  /// Waits for every pending send (flush) before going.
  ~Outbox();

  void send(int rank, Tag tag, std::string text);
  /// Forgets the sends MPI has finished with; call while polling.
  void progress();
  /// Waits until every pending send has completed.
  void flush();

 private:
  struct Pending;
  std::list<Pending> pending_;
};

/// The next message from `source` (or any rank when source < 0), if one has arrived.
std::optional<Message> try_receive(int source);

/// The next message from `source` (or any rank when source < 0), waiting with a Backoff
/// and keeping `outbox`'s sends moving meanwhile.
Message receive(int source, Outbox& outbox);

}  // namespace actsearch::search::mpi
