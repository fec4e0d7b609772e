#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "grammar/base/error.hpp"
#include "search/cli/command.hpp"

namespace actsearch::cli {
namespace {

// Boost.Program_options builds its error messages by replacing %name% placeholders until
// none is left, so an option or value that holds one ('%value%') makes that loop forever
// (found by fuzz_config). Such text is refused before Boost sees it.
void refuse_placeholders(const std::string& text, const std::string& where) {
  for (std::size_t open = text.find('%'); open != std::string::npos;) {
    const std::size_t close = text.find('%', open + 1);
    if (close == std::string::npos) return;
    const std::string inner = text.substr(open + 1, close - open - 1);
    const bool name =
        !inner.empty() &&
        inner.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_") ==
            std::string::npos;
    if (name) throw Error(where + "'%" + inner + "%' is not allowed in options");
    open = close;
  }
}

void read_config(const std::string& path, const po::options_description& options,
                 po::variables_map& vm) {
  std::ifstream file(path);
  // A folder opens as a stream that reads nothing, which would pass for an empty config.
  std::error_code ec;
  if (!file || std::filesystem::is_directory(path, ec)) {
    throw Error("cannot read config file '" + path + "'");
  }
  std::ostringstream text;
  text << file.rdbuf();
  refuse_placeholders(text.str(), "config file '" + path + "': ");
  std::istringstream in(text.str());
  try {
    po::store(po::parse_config_file(in, options, false), vm);
  } catch (const po::error& e) {
    throw Error("config file '" + path + "': " + e.what());
  }
}

}  // namespace

bool given(const po::variables_map& vm, const char* name) {
  return vm.count(name) > 0 && !vm[name].defaulted();
}

bool parse_options(const Args& args, const std::string& usage, po::options_description options,
                   const po::positional_options_description& positional, po::variables_map& vm) {
  options.add_options()("help,h", "show this help")(
      "config", po::value<std::string>(), "read options from an INI file (command line wins)");
  for (const std::string& token : args.tokens) refuse_placeholders(token, "");
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
