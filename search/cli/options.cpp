#include <filesystem>
#include <fstream>
#include <iostream>

#include "grammar/error.hpp"
#include "search/cli/command.hpp"

namespace actsearch::cli {
namespace {

void read_config(const std::string& path, const po::options_description& options,
                 po::variables_map& vm) {
  std::ifstream in(path);
  // A folder opens as a stream that reads nothing, which would pass for an empty config.
  std::error_code ec;
  if (!in || std::filesystem::is_directory(path, ec)) {
    throw Error("cannot read config file '" + path + "'");
  }
  try {
    po::store(po::parse_config_file(in, options, false), vm);
  } catch (const po::error& e) {
    throw Error("config file '" + path + "': " + e.what());
  }
}

}  // namespace

bool parse_options(const Args& args, const std::string& usage, po::options_description options,
                   const po::positional_options_description& positional, po::variables_map& vm) {
  options.add_options()("help,h", "show this help")(
      "config", po::value<std::string>(), "read options from an INI file (command line wins)");
  try {
    po::store(po::command_line_parser(args.tokens).options(options).positional(positional).run(),
              vm);
    if (vm.count("help")) {
      std::cout << "usage: actsearch " << args.command << " " << usage << "\n\n" << options;
      return false;
    }
    if (vm.count("config")) read_config(vm["config"].as<std::string>(), options, vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw Error(std::string(e.what()) + " (see 'actsearch " + args.command + " --help')");
  }
  return true;
}

}  // namespace actsearch::cli
