#include "search/mpi/transport.hpp"

#include <mpi.h>

#include <algorithm>
#include <thread>

namespace actsearch::search::mpi {

struct Outbox::Pending {
  std::string text;
  MPI_Request request = MPI_REQUEST_NULL;
};

std::chrono::microseconds Backoff::next() {
  const std::chrono::microseconds now = wait_;
  wait_ = std::min(wait_ * 2, kLongest);
  return now;
}

Outbox::Outbox() = default;
Outbox::~Outbox() { flush(); }

void Outbox::send(int rank, Tag tag, std::string text) {
  Pending& p = pending_.emplace_back();
  p.text = std::move(text);
  MPI_Isend(p.text.data(), static_cast<int>(p.text.size()), MPI_CHAR, rank, static_cast<int>(tag),
            MPI_COMM_WORLD, &p.request);
}

void Outbox::progress() {
  pending_.remove_if([](Pending& p) {
    int done = 0;
    MPI_Test(&p.request, &done, MPI_STATUS_IGNORE);
    return done != 0;
  });
}

void Outbox::flush() {
  for (Pending& p : pending_) MPI_Wait(&p.request, MPI_STATUS_IGNORE);
  pending_.clear();
}

std::optional<Message> try_receive(int source) {
  int arrived = 0;
  MPI_Status status;
  MPI_Iprobe(source < 0 ? MPI_ANY_SOURCE : source, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
  if (arrived == 0) return std::nullopt;
  int length = 0;
  MPI_Get_count(&status, MPI_CHAR, &length);
  Message m;
  m.source = status.MPI_SOURCE;
  m.tag = static_cast<Tag>(status.MPI_TAG);
  m.text.resize(static_cast<std::size_t>(length));
  MPI_Recv(m.text.data(), length, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return m;
}

Message receive(int source, Outbox& outbox) {
  Backoff backoff;
  while (true) {
    outbox.progress();
    if (std::optional<Message> m = try_receive(source)) return *std::move(m);
    std::this_thread::sleep_for(backoff.next());
  }
}

}  // namespace actsearch::search::mpi
