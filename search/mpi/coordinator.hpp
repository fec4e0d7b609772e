#pragma once
// Rank 0 of a distributed search: the strategy, the dedupe cache and the journal stay here
// (run_search as in one process); only the trainings of each batch go to the workers.

#include <vector>

#include "search/data/task_config.hpp"
#include "search/mpi/session.hpp"
#include "search/run/run.hpp"

namespace actsearch::search::mpi {

/// The Trainer of rank 0: chance losses are computed here (rank 0 loads the data too);
/// each batch's jobs are handed out on demand, one per free worker thread, and every record
/// goes to the sink as it comes back. As run_batch: jobs not yet handed out when `cancel`
/// is set are skipped; the first failure (a worker's, or the sink's) stops handing out and
/// is rethrown once the jobs in flight are back. Records are those of run_batch bit for
/// bit, so the run's summary is the single-process one. First greets every worker (sends
/// `tasks`, learns its thread count); when the Trainer goes, every worker is told to stop.
/// Precondition: session.rank() == 0 and session.distributed().
Trainer make_distributed_trainer(const Session& session, std::vector<TaskConfig> tasks);

/// For a rank 0 that fails before it can make the Trainer (a run folder that cannot be
/// resumed): greets every worker with no tasks and tells it to stop, so each ends and the
/// job ends with rank 0's error instead of waiting for ever. Precondition as above.
void release_workers(const Session& session);

}  // namespace actsearch::search::mpi
