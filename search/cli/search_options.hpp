#pragma once
// The options of `actsearch search` beside the space and task options, and the search
// configuration all of them make: a new run's from the options, a resumed run's from its
// folder with the options checked against it.

#include <filesystem>

#include "search/cli/command.hpp"
#include "search/data/run_config.hpp"

namespace actsearch::cli {

/// --out, --resume, --quiet, --dry-run, the strategy, budget, ladder and final stage.
po::options_description search_options_description();

/// A new run's configuration: the search, space and task options, given or default.
/// Throws actsearch::Error naming an option that cannot be read; whether the values make a
/// valid search is search::validate's to say.
search::SearchConfig read_search_config(const po::variables_map& vm);

/// A resumed run's configuration: the run's own (`run`, as read_run_config read it from
/// `dir`), with the options
/// that may change (--threads, --time-limit, --budget, --top) set where given. Any other
/// option given, on the command line or in --config, must equal the run's value (for a task
/// option, of every task it sets), else actsearch::Error "cannot resume DIR: --epochs differs
/// (run has spirals epochs=30, command has --epochs 3)". Options not given are the run's.
search::SearchConfig resumed_search_config(const po::variables_map& vm,
                                           const search::SearchConfig& run,
                                           const std::filesystem::path& dir);

}  // namespace actsearch::cli
