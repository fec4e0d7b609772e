#include "search/data/run_folder.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "grammar/base/error.hpp"
#include "search/data/journal.hpp"

namespace actsearch::search {

namespace fs = std::filesystem;

fs::path config_path(const fs::path& run_dir) { return run_dir / "config.json"; }
fs::path journal_path(const fs::path& run_dir) { return run_dir / "journal.jsonl"; }
fs::path summary_path(const fs::path& run_dir) { return run_dir / "summary.json"; }

int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void write_file_atomically(const fs::path& path, std::string_view text) {
  const fs::path temporary = path.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int e = fd < 0 ? errno : write_all(fd, text);
  if (e == 0 && ::fsync(fd) != 0) e = errno;
  if (fd >= 0 && ::close(fd) != 0 && e == 0) e = errno;
  if (e == 0 && ::rename(temporary.c_str(), path.c_str()) != 0) e = errno;
  if (e != 0) {
    ::unlink(temporary.c_str());
    throw Error(fmt::format("cannot write {}: {}", path.string(), std::strerror(e)));
  }
  sync_directory(path.has_parent_path() ? path.parent_path() : fs::path("."));
}

std::vector<EvalRecord> read_records(const fs::path& run_dir) {
  return records_from_json(read_journal(run_dir).records, journal_path(run_dir).string());
}

}  // namespace actsearch::search
