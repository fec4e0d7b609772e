#include <iostream>

#include "search/cli/command.hpp"
#include "search/tools/inspect.hpp"

namespace actsearch::cli {

int run_inspect(const Args& args) {
  po::options_description options("options");
  options.add_options()("expr", po::value<std::string>()->required(),
                        "the expression, e.g. 'x*sigmoid(beta*x)', or a known name")(
      "json", po::bool_switch(), "print JSON");
  po::positional_options_description positional;
  positional.add("expr", 1);
  po::variables_map vm;
  if (!parse_options(args, "EXPR [--json]", options, positional, vm)) return 0;
  const nlohmann::json report = search::inspect_json(vm["expr"].as<std::string>());
  if (vm["json"].as<bool>()) {
    std::cout << report.dump() << "\n";
  } else {
    std::cout << search::inspect_text(report);
  }
  return 0;
}

}  // namespace actsearch::cli
