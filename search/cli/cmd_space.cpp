#include <iostream>

#include "search/cli/space_options.hpp"
#include "search/tools/space_summary.hpp"

namespace actsearch::cli {

int run_space(const Args& args) {
  po::options_description options = space_options();
  options.add_options()("limit", po::value<std::uint64_t>()->default_value(200000),
                        "dedupe only spaces of at most this many members")(
      "json", po::bool_switch(), "print JSON");
  po::variables_map vm;
  if (!parse_options(args, "[--units N | --max-size N] [--unary LIST] [--binary LIST] [--json]",
                     options, {}, vm)) {
    return 0;
  }
  const std::uint64_t limit = vm["limit"].as<std::uint64_t>();
  const search::SpaceSummary summary = search::summarize_space(space_from(vm), limit);
  if (vm["json"].as<bool>()) {
    std::cout << search::to_json(summary).dump() << "\n";
  } else {
    std::cout << search::summary_text(summary, limit);
  }
  return 0;
}

}  // namespace actsearch::cli
