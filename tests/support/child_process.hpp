#pragma once
// Runs the built `actsearch` binary as a child process that a test can kill at a chosen
// moment (SIGKILL, as a crash or an out-of-memory kill would) or start under a file-size
// limit (a full disk), without a shell in between.

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace actsearch::testing {

class ChildProcess {
 public:
  /// Starts `ACTSEARCH_BIN args...` with stdout and stderr going to the file `log`. With
  /// `file_size_limit`, the child's RLIMIT_FSIZE is that many bytes: writes past it fail.
  ChildProcess(const std::vector<std::string>& args, const std::string& log,
               std::optional<std::uint64_t> file_size_limit = {}) {
    std::vector<std::string> words{ACTSEARCH_BIN};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    pid_ = ::fork();
    if (pid_ == 0) {  // only async-signal-safe calls until exec
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
      if (file_size_limit) {
        const rlimit limit{*file_size_limit, *file_size_limit};
        ::setrlimit(RLIMIT_FSIZE, &limit);
      }
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    if (fd >= 0) ::close(fd);
  }
  ~ChildProcess() {
    if (pid_ > 0) {
      kill();
      wait();
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// SIGKILL: no handler runs, nothing is flushed. Does nothing once the child has ended.
  void kill() const {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
  }

  /// True once the child has ended (without waiting for it).
  bool ended() {
    if (pid_ > 0 && ::waitpid(pid_, &raw_status_, WNOHANG) == pid_) pid_ = 0;
    return pid_ == 0;
  }

  /// Waits for the end: the exit status, or 128 + the signal that ended it (-1: not started).
  int wait() {
    if (pid_ < 0) return -1;
    while (pid_ > 0 && ::waitpid(pid_, &raw_status_, 0) < 0 && errno == EINTR) {
    }
    pid_ = 0;
    return WIFEXITED(raw_status_) ? WEXITSTATUS(raw_status_) : 128 + WTERMSIG(raw_status_);
  }

 private:
  pid_t pid_ = -1;  // > 0 running, 0 ended and reaped, < 0 never started
  int raw_status_ = 0;
};

}  // namespace actsearch::testing
