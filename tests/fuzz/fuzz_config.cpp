// Fuzz target: INI config files (--config FILE), read by the CLI's own parse_options with the
// CLI's own option descriptions, then resolved as the commands resolve them. Any file either
// throws actsearch::Error (bad usage: exit status 2) or resolves; any other exception is a
// finding, since `main` would report it as a runtime failure.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_check.hpp"
#include "grammar/error.hpp"
#include "search/cli/command.hpp"
#include "search/cli/space_options.hpp"

namespace {

using actsearch::fuzz::require;
namespace cli = actsearch::cli;

// A per-process scratch file: libFuzzer's -jobs runs several processes side by side.
const std::string& scratch_path() {
  static const std::string path = [] {
    std::atexit([] { std::remove(scratch_path().c_str()); });
    return "/tmp/actsearch_fuzz_config_" + std::to_string(::getpid()) + ".ini";
  }();
  return path;
}

void write_scratch(const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(scratch_path().c_str(), "wb");
  require(f != nullptr, "cannot create the scratch file");
  require(std::fwrite(data, 1, size, f) == size, "cannot write the scratch file");
  std::fclose(f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  write_scratch(data, size);
  const cli::Args args{"space", {"--config", scratch_path()}};
  cli::po::variables_map vm;
  try {
    if (cli::parse_options(args, "", cli::space_options(), {}, vm)) cli::space_from(vm);
  } catch (const actsearch::Error&) {
  }
  return 0;
}
