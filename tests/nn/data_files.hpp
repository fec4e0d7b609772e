#pragma once
// Helpers for the data loader tests: small IDX, gzip and CSV files, written into a
// fresh_dir("nn_data") of each test.

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/error_of.hpp"
#include "tests/support/fresh_dir.hpp"

namespace actsearch::nn::testing {

using actsearch::testing::error_of;
using actsearch::testing::fresh_dir;

using Bytes = std::vector<std::uint8_t>;

inline void write_file(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

inline void write_file(const std::string& path, const std::string& text) {
  write_file(path, Bytes(text.begin(), text.end()));
}

inline void write_gzip(const std::string& path, const Bytes& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  if (!bytes.empty()) {
    ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())),
              static_cast<int>(bytes.size()));
  }
  ASSERT_EQ(gzclose(f), Z_OK);
}

inline Bytes read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void put_u32(Bytes& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

/// Pixel k of test image i: (i * 31 + k * 7) % 256, except pixel 0, which is i % 256 so that
/// a test can tell which item it got.
inline std::uint8_t image_pixel(std::uint32_t i, std::uint32_t k) {
  return static_cast<std::uint8_t>(k == 0 ? i % 256 : (i * 31 + k * 7) % 256);
}

/// IDX images: `count` images of rows x cols pixels image_pixel(i, k).
inline Bytes idx_images(std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
                        std::uint32_t magic = 0x00000803) {
  Bytes out;
  put_u32(out, magic);
  put_u32(out, count);
  put_u32(out, rows);
  put_u32(out, cols);
  for (std::uint32_t i = 0; i < count; ++i) {
    for (std::uint32_t k = 0; k < rows * cols; ++k) {
      out.push_back(image_pixel(i, k));
    }
  }
  return out;
}

inline Bytes idx_labels(const std::vector<std::uint8_t>& labels, std::uint32_t magic = 0x00000801) {
  Bytes out;
  put_u32(out, magic);
  put_u32(out, static_cast<std::uint32_t>(labels.size()));
  out.insert(out.end(), labels.begin(), labels.end());
  return out;
}

/// Labels i % 10 for i < count.
inline std::vector<std::uint8_t> cyclic_labels(std::uint32_t count) {
  std::vector<std::uint8_t> labels;
  for (std::uint32_t i = 0; i < count; ++i) labels.push_back(static_cast<std::uint8_t>(i % 10));
  return labels;
}

/// A Fashion-MNIST-like folder: `train` and `test` items of 2x2 pixels, gzip or plain.
inline void write_mnist_folder(const std::string& dir, std::uint32_t train, std::uint32_t test,
                               bool gzip = true) {
  const auto put = [&](const std::string& name, const Bytes& bytes) {
    if (gzip) {
      write_gzip(dir + "/" + name + ".gz", bytes);
    } else {
      write_file(dir + "/" + name, bytes);
    }
  };
  put("train-images-idx3-ubyte", idx_images(train, 2, 2));
  put("train-labels-idx1-ubyte", idx_labels(cyclic_labels(train)));
  put("t10k-images-idx3-ubyte", idx_images(test, 2, 2));
  put("t10k-labels-idx1-ubyte", idx_labels(cyclic_labels(test)));
}

}  // namespace actsearch::nn::testing
