#pragma once
// The task options shared by `eval`, `baselines` and `search`: --task SPEC (repeatable) and
// the global defaults every spec starts from.

#include <cstdint>
#include <vector>

#include "search/cli/command.hpp"
#include "search/data/task_config.hpp"

namespace actsearch::cli {

/// What the task options resolve to.
struct TaskOptions {
  std::vector<search::TaskConfig> tasks;  // in the order given; ids unique
  std::uint64_t seed = 0;                 // the run seed
  int threads = 1;                        // >= 1
};

/// --task, --data-dir, --train, --val, --epochs, --full-epochs, --batch, --depth, --width,
/// --residual, --optimizer, --momentum, --lr, --full-lr, --seed, --threads.
po::options_description task_options_description();

/// Resolves parsed options: the global options make the defaults of every --task spec
/// (default: one fashion-mnist task); --full-epochs (--full-lr) defaults to --epochs (--lr)
/// when that was given. Throws actsearch::Error for a bad spec, a repeated task id, or
/// --threads 0 ("--threads must be at least 1"). Default threads: all cores.
TaskOptions read_task_options(const po::variables_map& vm);

/// --threads, or all cores when not given. Throws actsearch::Error for less than 1.
int read_threads(const po::variables_map& vm);

/// For --resume: the --task specs read over the tasks of the run, `run`, each over the run's
/// task of the same id, so a key the spec does not give is the run's (a spec naming no task
/// of the run reads over the defaults); without --task, `run` itself. With `globals`, the
/// global task options given (--epochs, --lr, ...) are set on the run's tasks first, as
/// they are the defaults of a new run's specs. Throws actsearch::Error for a bad spec or
/// value.
std::vector<search::TaskConfig> read_task_specs_over(const po::variables_map& vm,
                                                     const std::vector<search::TaskConfig>& run,
                                                     bool globals);

}  // namespace actsearch::cli
