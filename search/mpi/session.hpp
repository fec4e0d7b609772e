#pragma once
// Membership of an MPI job: `mpirun -np N actsearch search ...` (or Slurm's srun) starts N
// copies of the program; rank 0 runs the search, the others train what it hands out.
// Started any other way, the program never touches MPI and runs in one process as before.

namespace actsearch::search::mpi {

/// Joins the job when a launcher started this process (Open MPI's mpirun, PMI or PMIx, as
/// srun provides) and leaves it (MPI_Finalize) on destruction. Only the calling thread
/// talks MPI (MPI_THREAD_FUNNELED): training threads never do. One per process.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// True when this process is one of several ranks: the search is distributed.
  bool distributed() const { return size_ > 1; }
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  bool joined_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace actsearch::search::mpi
