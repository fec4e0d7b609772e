// actsearch: the command-line entry point. Exit status 0 success, 1 runtime failure,
// 2 bad usage or bad input, always with a one-line "error: ..." on stderr.
#include <csignal>
#include <cstdio>
#include <exception>
#include <string_view>

#include "grammar/base/error.hpp"
#include "search/cli/command.hpp"
#include "search/data/version.hpp"

namespace {

using actsearch::cli::Args;

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const Args&);
};

constexpr Command kCommands[] = {
    {"primitives", "list the unary and binary primitives", actsearch::cli::run_primitives},
    {"inspect", "analyse one expression", actsearch::cli::run_inspect},
    {"space", "size of a search space before and after dedupe", actsearch::cli::run_space},
    {"eval", "train and score the given functions", actsearch::cli::run_eval},
    {"baselines", "train and score the ReLU family", actsearch::cli::run_baselines},
    {"search", "search for activation functions; writes a run folder", actsearch::cli::run_search},
    {"report", "rebuild the reports of a run from its journal", actsearch::cli::run_report},
    {"export", "code for a function: C++, PyTorch, JAX, NumPy, TensorFlow, LaTeX, SymPy",
     actsearch::cli::run_export},
};

void print_usage() {
  std::printf(
      "actsearch %s: search for activation functions\n\nusage: actsearch COMMAND [options]"
      "\n\ncommands:\n",
      actsearch::search::version().data());
  for (const Command& c : kCommands) {
    std::printf("  %-12.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                static_cast<int>(c.summary.size()), c.summary.data());
  }
  std::printf("\n'actsearch COMMAND --help' describes a command's options.\n");
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    print_usage();
    return 2;
  }
  const std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage();
    return 0;
  }
  if (name == "--version") {
    std::printf("actsearch %s\n", actsearch::search::version().data());
    return 0;
  }
  for (const Command& c : kCommands) {
    if (c.name == name) return c.run(Args{std::string(name), {argv + 2, argv + argc}});
  }
  throw actsearch::Error("unknown command '" + std::string(name) + "' (see 'actsearch --help')");
}

}  // namespace

int main(int argc, char** argv) {
  // Past a file-size limit (ulimit -f) writes must fail with EFBIG, reported as a clear
  // error, instead of the default SIGXFSZ killing the process mid-run.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    return dispatch(argc, argv);
  } catch (const actsearch::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
