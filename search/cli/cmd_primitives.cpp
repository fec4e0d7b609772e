#include <iostream>

#include "search/cli/command.hpp"
#include "search/tools/primitives_listing.hpp"

namespace actsearch::cli {

int run_primitives(const Args& args) {
  po::options_description options("options");
  options.add_options()("json", po::bool_switch(), "print JSON instead of tables");
  po::variables_map vm;
  if (!parse_options(args, "[--json]", options, {}, vm)) return 0;
  if (vm["json"].as<bool>()) {
    std::cout << search::primitives_json().dump(2) << "\n";
  } else {
    std::cout << search::primitives_text();
  }
  return 0;
}

}  // namespace actsearch::cli
