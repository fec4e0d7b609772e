#include "search/run/run.hpp"

#include "grammar/base/error.hpp"
#include "search/data/journal.hpp"
#include "search/report/report.hpp"
#include "search/run/engine.hpp"
#include "search/run/result_store.hpp"
#include "search/stats/scoring.hpp"
#include "search/stats/summary.hpp"
#include "search/train/batch.hpp"
#include "search/train/data_cache.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;

// The baselines ready to train, ReLU first: every score is measured against it, so it is
// trained even when the list leaves it out.
std::vector<Candidate> prepare_baselines(const std::vector<std::string>& names) {
  std::vector<Candidate> out{prepare_candidate("relu")};
  for (const std::string& name : names) {
    if (name == "relu") continue;
    try {
      out.push_back(prepare_candidate(name));
    } catch (const Error& e) {
      throw Error("--baselines: " + std::string(e.what()));
    }
    if (!out.back().valid) {
      throw Error("--baselines: '" + name + "' fails the screen: " + out.back().reason);
    }
  }
  return out;
}

void require_no_file(const fs::path& dir) {
  if (fs::exists(dir) && !fs::is_directory(dir)) {
    throw Error(dir.string() + " is a file, not a run folder");
  }
}

}  // namespace

Trainer make_trainer(std::vector<TaskConfig> tasks, int threads) {
  auto data = std::make_shared<DataCache>();
  auto configs = std::make_shared<const std::vector<TaskConfig>>(std::move(tasks));
  Trainer t;
  t.chance_loss = [data](const TaskConfig& task) { return chance_loss(data->get(task.data).val); };
  t.run = [data, configs, threads](std::span<const EvalJob> jobs, const RecordSink& sink,
                                   const std::atomic<bool>& cancel) {
    run_batch(jobs, *configs, *data, threads, sink, cancel);
  };
  return t;
}

SearchConfig read_run_config(const fs::path& dir) {
  require_no_file(dir);
  if (!fs::exists(config_path(dir))) throw Error(dir.string() + " is not an actsearch run");
  return search_config_from_json(read_config(dir));
}

void check_run_dir(const fs::path& dir, bool resume, const SearchConfig& command) {
  if (resume) {
    check_resumable(read_run_config(dir), command, dir.string());
    return;
  }
  require_no_file(dir);
  if (fs::exists(config_path(dir))) {
    throw Error(dir.string() + " already holds a run; use --resume to continue it");
  }
}

namespace {

// The run folder, made if need be: a path under a file or in a read-only place is bad input.
void create_run_folder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create run folder " + dir.string() + ": " + ec.message());
}

// check_run_dir, with the run's configuration from `options` when the caller has read it.
void check_run_folder(const RunOptions& options, const SearchConfig& command) {
  if (options.resume && options.run_config) {
    check_resumable(*options.run_config, command, options.dir.string());
  } else {
    check_run_dir(options.dir, options.resume, command);
  }
}

}  // namespace

RunResult run_search(const SearchConfig& config, const RunOptions& options,
                     const Trainer& trainer) {
  validate(config);
  check_run_folder(options, config);
  std::vector<Candidate> baselines = prepare_baselines(config.baselines);
  std::vector<double> chance;
  for (const TaskConfig& task : config.tasks) chance.push_back(trainer.chance_loss(task));

  create_run_folder(options.dir);
  JournalWriter journal(options.dir);  // the lock comes first: one process per run
  std::vector<EvalRecord> replayed =
      records_from_json(journal.take_existing(), journal_path(options.dir).string());
  const nlohmann::json config_json = write_config(options.dir, run_config_json(config, chance));
  ResultStore store(std::move(replayed), std::move(journal));

  Engine engine({config, trainer, store, chance, std::move(baselines)}, options);
  const bool finished = engine.search() && engine.final_stage();
  RunResult result;
  result.trained = engine.trained();
  result.proposals = static_cast<std::size_t>(engine.proposals());
  if (!finished) return result;
  result.finished = true;
  const std::vector<EvalRecord> records = store.records();
  const ReportModel report =
      run_report(options.dir, config_json, records, summarize_run(config, chance, records));
  write_reports(options.dir, report);
  result.summary = report.summary;
  return result;
}

}  // namespace actsearch::search
