#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "grammar/base/error.hpp"
#include "grammar/export/export.hpp"
#include "search/cli/command.hpp"
#include "search/tools/export_source.hpp"

namespace actsearch::cli {

int run_export(const Args& args) {
  po::options_description options("options");
  options.add_options()("source", po::value<std::string>()->required(),
                        "an expression, a known name (swish), or a run folder DIR[:RANK]")(
      "to", po::value<std::string>()->required(),
      "cpp, pytorch, jax, numpy, tensorflow, latex or sympy")(
      "name", po::value<std::string>()->default_value("activation"),
      "name of the generated function or class")("output,o", po::value<std::string>(),
                                                 "write to FILE instead of standard output");
  po::positional_options_description positional;
  positional.add("source", 1);
  po::variables_map vm;
  if (!parse_options(args, "EXPR|DIR[:RANK] --to TARGET [--name NAME] [-o FILE]", options,
                     positional, vm)) {
    return 0;
  }
  const grammar::Target target = grammar::target_by_name(vm["to"].as<std::string>());
  const search::ExportSource source = search::resolve_export_source(vm["source"].as<std::string>());
  const std::string code = grammar::export_code(source.expr, target, vm["name"].as<std::string>(),
                                                source.params, source.provenance);
  if (!vm.count("output")) {
    std::cout << code;
    return 0;
  }
  const std::string path = vm["output"].as<std::string>();
  errno = 0;
  std::ofstream out(path, std::ios::binary);
  out << code;
  out.close();
  if (!out)
    throw Error("cannot write " + path + (errno ? ": " + std::string(std::strerror(errno)) : ""));
  return 0;
}

}  // namespace actsearch::cli
