// Fuzz target: INI config files, as `actsearch search --config FILE --dry-run` reads them:
// the CLI's own option descriptions and parsing, then the resolution into a search
// configuration, printed and not run. Any file either throws actsearch::Error (bad usage:
// exit status 2) or resolves; any other exception is a finding, since `main` would report
// it as a runtime failure.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "fuzz_check.hpp"
#include "grammar/base/error.hpp"
#include "search/cli/command.hpp"

namespace {

using actsearch::fuzz::require;

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
  std::cout.setstate(std::ios::badbit);  // the resolved configuration is not looked at
  const actsearch::cli::Args args{"search", {"--config", scratch_path(), "--dry-run"}};
  try {
    require(actsearch::cli::run_search(args) == 0, "a dry run failed without an error");
  } catch (const actsearch::Error&) {
  }
  return 0;
}
