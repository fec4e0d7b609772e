#include <iostream>

#include "grammar/base/error.hpp"
#include "search/cli/command.hpp"
#include "search/report/report.hpp"

namespace actsearch::cli {

int run_report(const Args& args) {
  po::options_description options("options");
  options.add_options()("dir", po::value<std::string>()->required(), "the run folder")(
      "top", po::value<int>()->default_value(0),
      "functions to rank and plot (default: the run's --top)")(
      "format", po::value<std::string>()->default_value("md"),
      "what to print: md, html, csv or json (summary.json)");
  po::positional_options_description positional;
  positional.add("dir", 1);
  po::variables_map vm;
  if (!parse_options(args, "DIR [--top K] [--format md|html|csv|json]", options, positional, vm)) {
    return 0;
  }
  const search::ReportFormat format = search::parse_report_format(vm["format"].as<std::string>());
  const int top = vm["top"].as<int>();
  if (top < 0) throw Error("--top must be 0 (the run's) or more");
  const std::string dir = vm["dir"].as<std::string>();
  const search::ReportModel report = search::load_run_report(dir, static_cast<std::size_t>(top));
  search::write_reports(dir, report);
  std::cout << search::render(report, format);
  return 0;
}

}  // namespace actsearch::cli
