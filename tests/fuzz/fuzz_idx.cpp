// Fuzz target: the IDX reader, as images and as labels. Plain bytes go to parse_idx; a gzip
// stream goes through a file and read_idx, so the decompression path is fuzzed too. Any
// input either throws actsearch::Error or gives a file whose items fill its data exactly.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "grammar/base/error.hpp"
#include "nn/data/idx.hpp"

namespace {

using actsearch::fuzz::require;
using actsearch::nn::IdxFile;
using actsearch::nn::IdxKind;

bool is_gzip(const std::uint8_t* data, std::size_t size) {
  return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

// A per-process scratch file: libFuzzer's -jobs runs several processes side by side.
const std::string& scratch_path() {
  static const std::string path = [] {
    std::atexit([] { std::remove(scratch_path().c_str()); });
    return "/tmp/actsearch_fuzz_idx_" + std::to_string(::getpid()) + ".gz";
  }();
  return path;
}

void write_scratch(const std::uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(scratch_path().c_str(), "wb");
  require(f != nullptr, "cannot create the scratch file");
  require(std::fwrite(data, 1, size, f) == size, "cannot write the scratch file");
  std::fclose(f);
}

void check(const IdxFile& f, IdxKind kind) {
  const bool dims_ok =
      kind == IdxKind::Images ? f.dims.size() == 3 || f.dims.size() == 4 : f.dims.size() == 1;
  require(dims_ok, "wrong number of dimensions");  // images: N x [C x] H x W
  require(f.item_size() > 0, "items without bytes");
  require(f.offset + f.count() * f.item_size() == f.bytes.size(), "items do not fill the data");
  unsigned sum = 0;  // touch the first and last byte of every item: out of bounds shows in ASan
  for (std::size_t i = 0; i < f.count(); ++i) sum += f.item(i)[0] + f.item(i)[f.item_size() - 1];
  require(sum <= 510 * f.count(), "impossible checksum");
}

void read_as(const std::uint8_t* data, std::size_t size, IdxKind kind) {
  try {
    if (is_gzip(data, size)) {
      check(actsearch::nn::read_idx(scratch_path(), kind), kind);
    } else {
      check(actsearch::nn::parse_idx(std::vector<std::uint8_t>(data, data + size), kind, "fuzz"),
            kind);
    }
  } catch (const actsearch::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (is_gzip(data, size)) write_scratch(data, size);
  read_as(data, size, IdxKind::Images);
  read_as(data, size, IdxKind::Labels);
  return 0;
}
