// actsearch search: options -> SearchConfig -> run_search, with progress on stderr, Ctrl-C
// as a clean stop, and the ranked result on stdout.

#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "grammar/base/error.hpp"
#include "search/cli/command.hpp"
#include "search/cli/search_options.hpp"
#include "search/cli/search_output.hpp"
#include "search/cli/space_options.hpp"
#include "search/cli/task_options.hpp"
#include "search/run/run.hpp"
#include "search/stats/summary.hpp"
#include "search/tools/progress.hpp"
#if ACTSEARCH_MPI
#include "search/mpi/coordinator.hpp"
#include "search/mpi/session.hpp"
#include "search/mpi/worker.hpp"
#endif

namespace actsearch::cli {
namespace {

constexpr int kInterruptedStatus = 130;  // 128 + SIGINT, as shells report it

// Set by SIGINT; lock-free, so the handler may store to it.
std::atomic<bool> g_cancel{false};
static_assert(std::atomic<bool>::is_always_lock_free);

void on_sigint(int) { g_cancel.store(true); }

// Ctrl-C stops the run cleanly while this lives; a second Ctrl-C kills as usual
// (SA_RESETHAND), for a training that will not end.
class SigintGuard {
 public:
  SigintGuard() {
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &sa, &previous_);
  }
  ~SigintGuard() { sigaction(SIGINT, &previous_, nullptr); }
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  struct sigaction previous_ {};
};

// A run's configuration is JSON (config.json, --dry-run), which holds UTF-8 only: a task, a
// path or a baseline name with other bytes is bad input, refused before any folder exists.
void require_utf8(const po::variables_map& vm) {
  for (const auto& [name, value] : vm) {
    std::vector<std::string> texts;
    if (const auto* text = boost::any_cast<std::string>(&value.value())) texts = {*text};
    if (const auto* list = boost::any_cast<std::vector<std::string>>(&value.value())) texts = *list;
    for (const std::string& text : texts) {
      try {
        static_cast<void>(nlohmann::json(text).dump());
      } catch (const nlohmann::json::type_error&) {
        throw Error("--" + name + " is not valid UTF-8");
      }
    }
  }
}

// A resumed run's configuration: its config.json, read once here and handed on to run_search
// in `run`, with the options given checked against it.
search::SearchConfig resumed(const po::variables_map& vm, search::RunOptions& run) {
  run.run_config = search::read_run_config(run.dir);
  return resumed_search_config(vm, *run.run_config, run.dir);
}

#if ACTSEARCH_MPI
// Rank 0 alone reads a resumed run's configuration. When it cannot, the workers, which wait
// for the run's tasks, are released first: the job then ends with rank 0's error.
search::SearchConfig resumed_on_rank_zero(const search::mpi::Session& mpi,
                                          const po::variables_map& vm, search::RunOptions& run) {
  try {
    return resumed(vm, run);
  } catch (...) {
    if (mpi.distributed()) search::mpi::release_workers(mpi);
    throw;
  }
}
#endif

// Runs `config` in run.dir with progress on stderr and Ctrl-C as a clean stop; prints the
// ranking when the run finishes.
int run_in_folder(const po::variables_map& vm, const search::SearchConfig& config,
                  search::RunOptions run, const search::Trainer& trainer) {
  const std::string dir = run.dir.string();
  run.cancel = &g_cancel;
  ProgressDisplay display(vm["quiet"].as<bool>());
  run.on_progress = [&display](const search::RunProgress& p) { display.update(p); };
  const SigintGuard guard;
  const search::RunResult result = search::run_search(config, run, trainer);
  display.finish();
  if (!result.finished) {
    std::cerr << "interrupted: the finished trainings are in " << dir
              << "/journal.jsonl; continue with --out " << dir << " --resume\n";
    return kInterruptedStatus;
  }
  std::cout << search::format_ranking(result.summary, 10);
  std::cout << "run folder: " << dir << " (report.html, report.md, candidates.csv)\n";
  return 0;
}

#if ACTSEARCH_MPI
// Rank 0's trainer: the workers when the job has several ranks, else this process.
search::Trainer rank_zero_trainer(const search::mpi::Session& mpi,
                                  const search::SearchConfig& config) {
  if (mpi.distributed()) return search::mpi::make_distributed_trainer(mpi, config.tasks);
  return search::make_trainer(config.tasks, config.threads);
}
#endif

// Searches in --out: rank 0 (or the only process) runs `config`, or the resumed run's
// configuration when that is empty; other ranks train what rank 0 hands out.
int search_in_folder(const po::variables_map& vm, std::optional<search::SearchConfig> config) {
  search::RunOptions run;
  run.dir = vm["out"].as<std::string>();
  run.resume = vm["resume"].as<bool>();
#if ACTSEARCH_MPI
  const search::mpi::Session mpi;
  if (mpi.rank() > 0) {
    search::mpi::serve(read_threads(vm));
    return 0;
  }
  if (!config) config = resumed_on_rank_zero(mpi, vm, run);
  return run_in_folder(vm, *config, run, rank_zero_trainer(mpi, *config));
#else
  if (!config) config = resumed(vm, run);
  return run_in_folder(vm, *config, run, search::make_trainer(config->tasks, config->threads));
#endif
}

}  // namespace

int run_search(const Args& args) {
  po::options_description options = search_options_description();
  options.add(space_options()).add(task_options_description());
  po::variables_map vm;
  if (!parse_options(args, "--out DIR [--resume] [options]", options, {}, vm)) return 0;
  require_utf8(vm);
  read_threads(vm);  // every rank refuses a bad --threads alike, workers included
  const bool resume = vm["resume"].as<bool>();
  if (resume && !vm.count("out")) throw Error("--out DIR is required");
  // Every rank reads a new run's options alike; a resumed run's configuration is in its
  // folder, which only rank 0 reads (workers may not see it). run_search validates either.
  std::optional<search::SearchConfig> config;
  if (!resume) config = read_search_config(vm);
  if (vm["dry-run"].as<bool>()) {
    if (!config) {
      const std::string dir = vm["out"].as<std::string>();
      config = resumed_search_config(vm, search::read_run_config(dir), dir);
    }
    search::validate(*config);  // a search validates as it starts (run_search)
    std::cout << search::to_json(*config).dump(2) << "\n";
    return 0;
  }
  if (!vm.count("out")) throw Error("--out DIR is required");
  return search_in_folder(vm, std::move(config));
}

}  // namespace actsearch::cli
