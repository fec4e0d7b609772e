#include "search/data/journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "grammar/base/error.hpp"

namespace actsearch::search {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string reason(int error_number) { return std::strerror(error_number); }

// Reads the whole file from offset 0; 0 on success, else the errno.
int read_all(int fd, std::string& out) {
  char buffer[1 << 16];
  for (off_t offset = 0;;) {
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return 0;
    out.append(buffer, static_cast<std::size_t>(n));
    offset += n;
  }
}

bool is_regular(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

std::string not_a_run(const fs::path& run_dir, std::string_view file) {
  return fmt::format("{} is not an actsearch run: no {}", run_dir.string(), file);
}

// Reads a run file: Error `not_a_run` when missing, "cannot read PATH: ..." otherwise.
std::string read_run_file(const fs::path& run_dir, const fs::path& path, std::string_view what) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
    throw Error(not_a_run(run_dir, path.filename().string()));
  }
  if (fd < 0) throw Error(fmt::format("cannot read {} {}: {}", what, path.string(), reason(errno)));
  std::string text;
  const int error_number = is_regular(fd) ? read_all(fd, text) : EINVAL;
  ::close(fd);
  if (error_number != 0) {
    throw Error(fmt::format("cannot read {} {}: {}", what, path.string(),
                            error_number == EINVAL ? "not a regular file" : reason(error_number)));
  }
  return text;
}

json parse_object(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  return j.is_object() ? j : json();
}

}  // namespace

JournalContents parse_journal(std::string_view text, std::string_view name) {
  JournalContents out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) {  // unterminated: the write was cut short
      out.ignored_lines = 1;
      break;
    }
    json record = parse_object(text.substr(start, newline - start));
    if (record.is_null()) {
      if (newline + 1 != text.size()) {
        throw Error(
            fmt::format("journal {} line {}: not a JSON object", name, out.records.size() + 1));
      }
      out.ignored_lines = 1;
      break;
    }
    out.records.push_back(std::move(record));
    start = newline + 1;
    out.good_bytes = start;
  }
  return out;
}

JournalContents read_journal(const fs::path& run_dir) {
  const fs::path path = journal_path(run_dir);
  return parse_journal(read_run_file(run_dir, path, "journal"), path.string());
}

JournalWriter::JournalWriter(const fs::path& run_dir) : path_(journal_path(run_dir)) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw Error(fmt::format("cannot open journal {}: {}", path_.string(), reason(errno)));
  }
  // From here the destructor does not run on a throw: close the descriptor by hand.
  auto fail_open = [this](const std::string& message) {
    ::close(fd_);
    fd_ = -1;
    throw Error(message);
  };
  if (!is_regular(fd_)) {
    fail_open(fmt::format("cannot open journal {}: not a regular file", path_.string()));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    fail_open(errno == EWOULDBLOCK
                  ? fmt::format("run {} is in use by another actsearch process", run_dir.string())
                  : fmt::format("cannot lock journal {}: {}", path_.string(), reason(errno)));
  }
  std::string text;
  if (const int e = read_all(fd_, text); e != 0) {
    fail_open(fmt::format("cannot read journal {}: {}", path_.string(), reason(e)));
  }
  JournalContents contents;
  try {
    contents = parse_journal(text, path_.string());
  } catch (const Error& e) {
    fail_open(e.what());
  }
  good_bytes_ = contents.good_bytes;
  records_ = contents.records.size();
  existing_ = std::move(contents.records);
  repaired_bytes_ = text.size() - good_bytes_;
  if (repaired_bytes_ > 0 &&
      (::ftruncate(fd_, static_cast<off_t>(good_bytes_)) != 0 || ::fsync(fd_) != 0)) {
    fail_open(fmt::format("cannot repair journal {}: {}", path_.string(), reason(errno)));
  }
  sync_directory(run_dir);
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      good_bytes_(other.good_bytes_),
      records_(other.records_),
      repaired_bytes_(other.repaired_bytes_),
      broken_(other.broken_),
      existing_(std::move(other.existing_)) {}

JournalWriter& JournalWriter::operator=(JournalWriter&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    good_bytes_ = other.good_bytes_;
    records_ = other.records_;
    repaired_bytes_ = other.repaired_bytes_;
    broken_ = other.broken_;
    existing_ = std::move(other.existing_);
  }
  return *this;
}

std::vector<json> JournalWriter::take_existing() { return std::exchange(existing_, {}); }

void JournalWriter::append(const json& record) {
  ACTSEARCH_ASSERT(record.is_object(), "journal records are JSON objects");
  ACTSEARCH_ASSERT(fd_ >= 0, "append on a moved-from JournalWriter");
  if (broken_) {
    throw Error(
        fmt::format("cannot write journal {}: an earlier write failed and could not be "
                    "undone",
                    path_.string()));
  }
  // dump() without indentation escapes control characters, so the line has no raw newline.
  std::string line = record.dump(-1, ' ', false, json::error_handler_t::replace);
  line += '\n';
  if (const int e = write_all(fd_, line); e != 0) fail(e);
  if (::fsync(fd_) != 0) fail(errno);
  good_bytes_ += line.size();
  ++records_;
}

void JournalWriter::fail(int error_number) {
  // Cut back to the last complete record so the file never holds a half record followed by
  // later ones; the record being written is not acknowledged, so losing it is correct.
  if (::ftruncate(fd_, static_cast<off_t>(good_bytes_)) != 0 || ::fsync(fd_) != 0) {
    broken_ = true;
  }
  throw Error(fmt::format("cannot write journal {}: {}", path_.string(), reason(error_number)));
}

json write_config(const fs::path& run_dir, const json& config) {
  ACTSEARCH_ASSERT(config.is_object(), "a run config is a JSON object");
  json with_format = config;
  with_format["format"] = kRunFormat;
  write_file_atomically(config_path(run_dir),
                        with_format.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
  return with_format;
}

json read_config(const fs::path& run_dir) {
  const fs::path path = config_path(run_dir);
  json config = parse_object(read_run_file(run_dir, path, "config"));
  if (config.is_null()) throw Error(fmt::format("config {}: not a JSON object", path.string()));
  const auto format = config.find("format");
  if (format == config.end() || !format->is_number_integer()) {
    throw Error(
        fmt::format("run {} was written by an incompatible actsearch (no format, this is "
                    "format {})",
                    run_dir.string(), kRunFormat));
  }
  if (format->get<std::int64_t>() != kRunFormat) {
    throw Error(
        fmt::format("run {} was written by an incompatible actsearch (format {}, this is "
                    "format {})",
                    run_dir.string(), format->get<std::int64_t>(), kRunFormat));
  }
  return config;
}

}  // namespace actsearch::search
