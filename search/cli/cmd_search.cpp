// actsearch search: options -> SearchConfig -> run_search, with progress on stderr, Ctrl-C
// as a clean stop, and the ranked result on stdout.

#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/error.hpp"
#include "search/cli/command.hpp"
#include "search/cli/search_output.hpp"
#include "search/cli/space_options.hpp"
#include "search/cli/task_options.hpp"
#include "search/progress.hpp"
#include "search/report.hpp"
#include "search/run.hpp"
#include "search/summary.hpp"
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

// "a, b,c" -> {"a", "b", "c"}; an empty item stays, for validate() to name.
std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    const std::size_t first = item.find_first_not_of(" \t");
    const std::size_t last = item.find_last_not_of(" \t");
    out.push_back(first == std::string::npos ? "" : item.substr(first, last - first + 1));
  }
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

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

po::options_description search_options_description() {
  const search::SearchConfig d;
  po::options_description o("search options");
  auto add = o.add_options();
  add("out", po::value<std::string>(), "run folder to write (required)");
  add("resume", po::bool_switch(), "continue the run in --out");
  add("quiet", po::bool_switch(), "no progress on stderr");
  add("dry-run", po::bool_switch(), "print the resolved configuration as JSON; train nothing");
  add("strategy", po::value<std::string>()->default_value(d.strategy.name),
      "exhaustive, random or evolution");
  add("population", po::value<long long>()->default_value(64), "evolution: population size");
  add("tournament", po::value<long long>()->default_value(8), "evolution: tournament size");
  add("crossover", po::value<double>()->default_value(0.2, "0.2"),
      "evolution: probability of a crossover child");
  add("budget", po::value<long long>()->default_value(100),
      "distinct candidates to train at the first rung");
  add("time-limit", po::value<double>()->default_value(0.0, "0"),
      "stop proposing after this many seconds (0: no limit)");
  add("generation", po::value<long long>()->default_value(16),
      "proposals per generation, trained as one batch (independent of --threads)");
  add("rungs", po::value<int>()->default_value(d.ladder.rungs),
      "fidelity rungs of successive halving (1: no halving)");
  add("eta", po::value<int>()->default_value(d.ladder.eta), "keep the best 1/eta of each rung");
  add("top", po::value<long long>()->default_value(10), "candidates in the final stage");
  add("final-seeds", po::value<long long>()->default_value(d.final_seeds),
      "seeds per task in the final stage");
  add("baselines", po::value<std::string>()->default_value(joined(d.baselines)),
      "baselines of the final stage, comma-separated");
  return o;
}

std::size_t at_least_one(const po::variables_map& vm, const char* name) {
  const long long v = vm[name].as<long long>();
  if (v < 1) throw Error(std::string("--") + name + " must be at least 1");
  return static_cast<std::size_t>(v);
}

search::SearchConfig read_search_config(const po::variables_map& vm) {
  const TaskOptions tasks = read_task_options(vm);
  search::SearchConfig c;
  c.tasks = tasks.tasks;
  c.seed = tasks.seed;
  c.threads = tasks.threads;
  c.space = space_from(vm);
  c.strategy = {vm["strategy"].as<std::string>(), at_least_one(vm, "population"),
                at_least_one(vm, "tournament"), vm["crossover"].as<double>()};
  c.budget = at_least_one(vm, "budget");
  c.time_limit = vm["time-limit"].as<double>();
  c.generation = at_least_one(vm, "generation");
  c.ladder = {vm["rungs"].as<int>(), vm["eta"].as<int>()};
  c.top = at_least_one(vm, "top");
  c.final_seeds = static_cast<int>(at_least_one(vm, "final-seeds"));
  c.baselines = split_list(vm["baselines"].as<std::string>());
  search::validate(c);
  return c;
}

}  // namespace

int run_search(const Args& args) {
  po::options_description options = search_options_description();
  options.add(space_options()).add(task_options_description());
  po::variables_map vm;
  if (!parse_options(args, "--out DIR [--resume] [options]", options, {}, vm)) return 0;
  require_utf8(vm);
  const search::SearchConfig config = read_search_config(vm);
  if (vm["dry-run"].as<bool>()) {
    std::cout << search::to_json(config).dump(2) << "\n";
    return 0;
  }
  if (!vm.count("out")) throw Error("--out DIR is required");
#if ACTSEARCH_MPI
  // Under mpirun or srun with several ranks, rank 0 runs the search below and the others
  // only train: every rank has parsed the same command line up to here.
  const search::mpi::Session mpi;
  if (mpi.rank() > 0) {
    search::mpi::serve(config.threads);
    return 0;
  }
  const search::Trainer trainer = mpi.distributed()
                                      ? search::mpi::make_distributed_trainer(mpi, config.tasks)
                                      : search::make_trainer(config.tasks, config.threads);
#else
  const search::Trainer trainer = search::make_trainer(config.tasks, config.threads);
#endif
  search::RunOptions run;
  run.dir = vm["out"].as<std::string>();
  run.resume = vm["resume"].as<bool>();
  run.cancel = &g_cancel;
  ProgressDisplay display(vm["quiet"].as<bool>());
  run.on_progress = [&display](const search::RunProgress& p) { display.update(p); };
  const SigintGuard guard;
  const search::RunResult result = search::run_search(config, run, trainer);
  display.finish();
  if (!result.finished) {
    std::cerr << "interrupted: the finished trainings are in " << run.dir.string()
              << "/journal.jsonl; continue with --out " << run.dir.string() << " --resume\n";
    return kInterruptedStatus;
  }
  search::write_reports(run.dir.string(), 0);
  std::cout << search::format_ranking(result.summary, 10);
  std::cout << "run folder: " << run.dir.string() << " (report.html, report.md, candidates.csv)\n";
  return 0;
}

}  // namespace actsearch::cli
