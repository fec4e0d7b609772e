#pragma once
// IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (magic number, then
// one 32-bit size per dimension) followed by the data as unsigned bytes. Files may be
// gzip-compressed or plain.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "nn/data/dataset.hpp"

namespace actsearch::nn {

/// The two IDX layouts the loaders read, each with its own magic number.
enum class IdxKind {
  Images,  // magic 0x00000803: (count, rows, cols) unsigned bytes
  Labels,  // magic 0x00000801: (count) unsigned bytes
};

/// One checked IDX file: its dimensions and its data bytes.
struct IdxFile {
  std::string name;                 // the path, for error messages
  std::vector<std::uint32_t> dims;  // dims[0] items; for images then [channels,] rows, cols
  std::vector<std::uint8_t> bytes;  // the whole decompressed file; data starts at `offset`
  std::size_t offset = 0;

  std::size_t count() const { return dims[0]; }
  /// Bytes per item: rows * cols for images, 1 for labels.
  std::size_t item_size() const;
  /// The first byte of item i (< count()).
  const std::uint8_t* item(std::size_t i) const { return bytes.data() + offset + i * item_size(); }
};

/// Checks and indexes the bytes of an IDX file called `name`. Throws actsearch::Error
/// "<name>: <problem>" for an empty file, a wrong magic number, a header or data shorter than
/// the header promises, bytes after the promised data, and images with no pixels.
IdxFile parse_idx(std::vector<std::uint8_t> bytes, IdxKind kind, const std::string& name);

/// An image file's item size as messages write it: "28x28", or "3x32x32" with channels.
std::string image_size_text(const std::vector<std::uint32_t>& dims);

/// read_file_bytes then parse_idx: every error of both, naming `path`.
IdxFile read_idx(const std::string& path, IdxKind kind);

/// Throws actsearch::Error unless `images` and `labels` hold as many items and every label
/// is in 0..classes-1.
void check_idx_pair(const IdxFile& images, const IdxFile& labels, int classes);

/// Items [first, first + count) of a checked pair as a Dataset of `classes` classes:
/// x (rows * cols, count) = pixel / 255, in [0, 1], as torchvision-style loaders scale them.
/// Precondition (asserted): the range lies inside both files.
Dataset idx_to_dataset(const IdxFile& images, const IdxFile& labels, std::size_t first,
                       std::size_t count, int classes);

/// All items of an images file and a labels file (IDX, gzip or plain) as one Dataset.
/// Throws actsearch::Error naming the file and the problem (see read_idx, check_idx_pair).
Dataset load_idx_pair(const std::string& images_path, const std::string& labels_path,
                      int classes = 10);

}  // namespace actsearch::nn
