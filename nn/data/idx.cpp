#include "nn/data/idx.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include "grammar/base/error.hpp"
#include "nn/data/file_bytes.hpp"

namespace actsearch::nn {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;         // N x H x W bytes
constexpr std::uint32_t kChannelImagesMagic = 0x00000804;  // N x C x H x W bytes
constexpr std::uint32_t kLabelsMagic = 0x00000801;

[[noreturn]] void fail(const std::string& name, const std::string& problem) {
  throw Error(name + ": " + problem);
}

std::uint32_t big_endian_u32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

std::string hex32(std::uint32_t v) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) out += kDigits[(v >> shift) & 0xF];
  return out;
}

std::string promised(const IdxFile& f, IdxKind kind) {
  if (kind == IdxKind::Labels) return std::to_string(f.dims[0]) + " labels";
  return std::to_string(f.dims[0]) + " images of " + image_size_text(f.dims) + " bytes";
}

// Dimensions of the magic number: labels have 1, images 3 (N x H x W) or 4 (N x C x H x W).
std::size_t check_magic(const IdxFile& f, IdxKind kind) {
  const std::uint32_t magic = big_endian_u32(f.bytes.data());
  if (kind == IdxKind::Labels && magic == kLabelsMagic) return 1;
  if (kind == IdxKind::Images && (magic == kImagesMagic || magic == kChannelImagesMagic)) {
    return magic & 0xFF;
  }
  const std::string want = kind == IdxKind::Images ? hex32(kImagesMagic) + " or " +
                                                         hex32(kChannelImagesMagic) + ": IDX images"
                                                   : hex32(kLabelsMagic) + ": IDX labels";
  fail(f.name, "wrong magic number " + hex32(magic) + " (expected " + want + " of unsigned bytes)");
}

// The magic number comes first when there are 4 bytes: a labels file given as images (or the
// reverse) is a likelier mistake than a truncated header.
void read_header(IdxFile& f, IdxKind kind) {
  const std::size_t ndim = f.bytes.size() >= 4       ? check_magic(f, kind)
                           : kind == IdxKind::Images ? 3
                                                     : 1;
  f.offset = 4 + 4 * ndim;
  if (f.bytes.size() < f.offset) {
    fail(f.name, "truncated: the IDX header needs " + std::to_string(f.offset) +
                     " bytes, the file has " + std::to_string(f.bytes.size()));
  }
  for (std::size_t d = 0; d < ndim; ++d) f.dims.push_back(big_endian_u32(&f.bytes[4 + 4 * d]));
  if (kind == IdxKind::Images && std::find(f.dims.begin() + 1, f.dims.end(), 0u) != f.dims.end()) {
    fail(f.name, "images of " + image_size_text(f.dims) + " pixels");
  }
}

// Divides instead of multiplying so that a hostile header cannot overflow the size.
// Bytes per item, or none when no file could hold one: three 32-bit dimensions can multiply
// past 64 bits.
std::optional<std::size_t> item_bytes(const IdxFile& f) {
  std::size_t size = 1;
  for (std::size_t d = 1; d < f.dims.size(); ++d) {
    if (size > std::numeric_limits<std::size_t>::max() / f.dims[d]) return std::nullopt;
    size *= f.dims[d];
  }
  return size;
}

void check_data_size(const IdxFile& f, IdxKind kind) {
  const std::size_t data = f.bytes.size() - f.offset;
  const std::optional<std::size_t> item = item_bytes(f);
  if (!item || f.count() > data / *item) {
    fail(f.name, "truncated: the header promises " + promised(f, kind) + ", the file has " +
                     std::to_string(data) + " bytes of data");
  }
  const std::size_t extra = data - f.count() * *item;
  if (extra > 0) {
    fail(f.name,
         std::to_string(extra) + " bytes after the " + promised(f, kind) + " the header promises");
  }
}

}  // namespace

std::string image_size_text(const std::vector<std::uint32_t>& dims) {
  std::string text;
  for (std::size_t d = 1; d < dims.size(); ++d) {
    if (d > 1) text += 'x';
    text += std::to_string(dims[d]);
  }
  return text;
}

std::size_t IdxFile::item_size() const {
  std::size_t size = 1;
  for (std::size_t d = 1; d < dims.size(); ++d) size *= dims[d];
  return size;
}

IdxFile parse_idx(std::vector<std::uint8_t> bytes, IdxKind kind, const std::string& name) {
  IdxFile f;
  f.name = name;
  f.bytes = std::move(bytes);
  if (f.bytes.empty()) fail(name, "empty file");
  read_header(f, kind);
  check_data_size(f, kind);
  return f;
}

IdxFile read_idx(const std::string& path, IdxKind kind) {
  return parse_idx(read_file_bytes(path), kind, path);
}

void check_idx_pair(const IdxFile& images, const IdxFile& labels, int classes) {
  if (images.count() != labels.count()) {
    throw Error(images.name + ", " + labels.name + ": " + std::to_string(images.count()) +
                " images but " + std::to_string(labels.count()) + " labels");
  }
  for (std::size_t i = 0; i < labels.count(); ++i) {
    const int label = *labels.item(i);
    if (label >= classes) {
      fail(labels.name, "label " + std::to_string(label) + " of item " + std::to_string(i) +
                            " is out of range 0.." + std::to_string(classes - 1));
    }
  }
}

Dataset idx_to_dataset(const IdxFile& images, const IdxFile& labels, std::size_t first,
                       std::size_t count, int classes) {
  ACTSEARCH_ASSERT(first + count <= images.count() && first + count <= labels.count(),
                   "item range outside the IDX files");
  const std::size_t features = images.item_size();
  Dataset d;
  d.classes = classes;
  const auto dim = [&](std::size_t i) { return static_cast<Eigen::Index>(images.dims[i]); };
  d.image =
      images.dims.size() == 4 ? ImageShape{dim(1), dim(2), dim(3)} : ImageShape{1, dim(1), dim(2)};
  d.x.resize(static_cast<Eigen::Index>(features), static_cast<Eigen::Index>(count));
  d.labels.resize(count);
  // One image is one column: IDX stores it row-major and contiguous, Eigen column-major.
  const std::uint8_t* src = images.item(first);
  float* dst = d.x.data();
  // Divide (not multiply by 1/255) so values equal numpy's float32 `x / 255.0` bit for bit.
  for (std::size_t k = 0; k < features * count; ++k) dst[k] = static_cast<float>(src[k]) / 255.0f;
  for (std::size_t i = 0; i < count; ++i) d.labels[i] = *labels.item(first + i);
  return d;
}

Dataset load_idx_pair(const std::string& images_path, const std::string& labels_path, int classes) {
  const IdxFile images = read_idx(images_path, IdxKind::Images);
  const IdxFile labels = read_idx(labels_path, IdxKind::Labels);
  check_idx_pair(images, labels, classes);
  Dataset d = idx_to_dataset(images, labels, 0, images.count(), classes);
  d.name = images_path;
  return d;
}

}  // namespace actsearch::nn
