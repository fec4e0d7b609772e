#pragma once
// Runs the built `actsearch` binary as a user would and captures what it prints.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace actsearch::testing {

struct CliResult {
  int status = -1;  // exit status
  std::string out;  // stdout
  std::string err;  // stderr
};

/// Runs `ACTSEARCH_BIN args` through the shell (args are shell words, quote them).
inline CliResult run_cli(const std::string& args) {
  const std::string err_path =
      std::string(ACTSEARCH_TEST_TMP) + "/cli_stderr_" + std::to_string(::getpid()) + ".txt";
  std::system(("mkdir -p '" + std::string(ACTSEARCH_TEST_TMP) + "'").c_str());
  const std::string command = std::string(ACTSEARCH_BIN) + " " + args + " 2>'" + err_path + "'";
  CliResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    r.out.append(buffer.data(), n);
  const int raw = ::pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  if (FILE* f = std::fopen(err_path.c_str(), "r")) {
    while ((n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0) r.err.append(buffer.data(), n);
    std::fclose(f);
  }
  std::remove(err_path.c_str());
  return r;
}

}  // namespace actsearch::testing
