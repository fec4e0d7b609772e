#include "nn/data/file_bytes.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>

#include "grammar/base/error.hpp"

namespace actsearch::nn {
namespace {

// Large reads let zlib inflate straight into our buffer instead of through its own.
constexpr std::size_t kChunk = std::size_t{1} << 22;
constexpr unsigned kZlibBuffer = 1u << 18;

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw Error(path + ": " + problem);
}

struct GzClose {
  void operator()(gzFile f) const { gzclose(f); }
};
using GzHandle = std::unique_ptr<gzFile_s, GzClose>;

void check_is_file(const std::string& path) {
  std::error_code ec;
  const auto type = std::filesystem::status(path, ec).type();
  if (type == std::filesystem::file_type::not_found) fail(path, "no such file");
  if (type == std::filesystem::file_type::directory) fail(path, "is a directory, not a file");
}

// zlib reports a stream that ends before its end-of-stream marker as Z_BUF_ERROR.
[[noreturn]] void fail_stream(const std::string& path, gzFile file, int saved_errno) {
  int code = Z_OK;
  const char* message = gzerror(file, &code);
  if (code == Z_ERRNO) fail(path, std::string("cannot read (") + std::strerror(saved_errno) + ")");
  if (code == Z_BUF_ERROR) fail(path, "truncated gzip stream");
  if (code == Z_MEM_ERROR) fail(path, "out of memory while decompressing");
  // zlib prefixes its message with the path, which ours already starts with.
  std::string_view detail = message;
  if (detail.starts_with(path + ": ")) detail.remove_prefix(path.size() + 2);
  fail(path, "corrupt gzip stream (" + std::string(detail) + ")");
}

}  // namespace

std::vector<std::uint8_t> read_file_bytes(const std::string& path) {
  check_is_file(path);
  errno = 0;
  GzHandle file(gzopen(path.c_str(), "rb"));
  if (!file) {
    fail(path, std::string("cannot open (") + std::strerror(errno != 0 ? errno : ENOMEM) + ")");
  }
  gzbuffer(file.get(), kZlibBuffer);
  std::vector<std::uint8_t> bytes;
  std::size_t used = 0;
  for (;;) {
    if (bytes.size() - used < kChunk) bytes.resize(std::max(2 * bytes.size(), used + kChunk));
    errno = 0;
    const int got = gzread(file.get(), bytes.data() + used, static_cast<unsigned>(kChunk));
    if (got < 0) fail_stream(path, file.get(), errno);
    if (got == 0) break;
    used += static_cast<std::size_t>(got);
  }
  int code = Z_OK;
  gzerror(file.get(), &code);
  if (code != Z_OK) fail_stream(path, file.get(), errno);
  bytes.resize(used);
  return bytes;
}

}  // namespace actsearch::nn
