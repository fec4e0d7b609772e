#include "search/mpi/session.hpp"

#include <mpi.h>

#include <cstdlib>

#include "grammar/base/error.hpp"

namespace actsearch::search::mpi {
namespace {

// Environment variables that only a parallel launcher sets: Open MPI's mpirun, PMI
// (MPICH's Hydra, srun --mpi=pmi2) and PMIx (srun --mpi=pmix, Open MPI 4 and later).
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

}  // namespace

Session::Session() {
  if (!launched_by_mpi()) return;
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    throw Error("cannot join the MPI job (MPI_Init_thread failed)");
  }
  joined_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    joined_ = false;
    throw Error("this MPI library cannot be used by a multithreaded program");
  }
}

Session::~Session() {
  if (joined_) MPI_Finalize();
}

}  // namespace actsearch::search::mpi
