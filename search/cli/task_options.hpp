#pragma once
// The task options shared by `eval`, `baselines` and `search`: --task SPEC (repeatable) and
// the global defaults every spec starts from.

#include <cstdint>
#include <vector>

#include "search/cli/command.hpp"
#include "search/task_config.hpp"

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

}  // namespace actsearch::cli
