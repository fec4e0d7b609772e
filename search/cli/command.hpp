#pragma once
// The subcommands of the `actsearch` executable and the option plumbing they share.
// Every subcommand is a thin layer: it reads options and calls into actsearch::search.

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace actsearch::cli {

namespace po = boost::program_options;

/// Arguments of one subcommand: everything after its name.
struct Args {
  std::string command;              // e.g. "inspect"
  std::vector<std::string> tokens;  // the remaining argv
};

/// Parses `args` against `options` (plus the shared --help and --config FILE) and the
/// positional `positional` names. Returns false when --help was given (help printed).
/// Bad usage throws actsearch::Error naming the option.
bool parse_options(const Args& args, const std::string& usage, po::options_description options,
                   const po::positional_options_description& positional, po::variables_map& vm);

/// Whether the option `name` was given, on the command line or in the --config file: a value
/// that is not its default.
bool given(const po::variables_map& vm, const char* name);

int run_primitives(const Args& args);
int run_inspect(const Args& args);
int run_space(const Args& args);
int run_eval(const Args& args);
int run_baselines(const Args& args);
int run_search(const Args& args);
int run_export(const Args& args);
int run_report(const Args& args);

}  // namespace actsearch::cli
