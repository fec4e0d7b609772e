#pragma once
// A worker rank of a distributed search: it trains what rank 0 hands out and sends back
// the records; it never touches the run folder.

namespace actsearch::search::mpi {

/// Serves rank 0 until it says stop: learns the run's tasks from its hello, answers with
/// `threads`, then trains up to `threads` jobs at once (a oneTBB arena; each training
/// single-threaded, as run_batch) and sends each record back as soon as it is finished. A
/// job that throws (bad data, a task it does not know) is sent back as a failure, which
/// rank 0 rethrows. Data sets are loaded on first use and kept. Precondition: rank > 0.
void serve(int threads);

}  // namespace actsearch::search::mpi
