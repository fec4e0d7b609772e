#include "nn/data/mnist.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "grammar/base/error.hpp"
#include "nn/data/idx.hpp"

namespace actsearch::nn {
namespace {

constexpr int kClasses = 10;

// NAME.gz when present, else NAME; the error names the compressed file, the usual one.
std::string find_file(const std::string& dir, const std::string& base) {
  const std::filesystem::path folder(dir);
  const std::string gz = (folder / (base + ".gz")).string();
  const std::string plain = (folder / base).string();
  std::error_code ec;
  if (std::filesystem::exists(gz, ec)) return gz;
  if (std::filesystem::exists(plain, ec)) return plain;
  throw Error(gz + ": no such file (nor an uncompressed " + base + ")");
}

struct IdxPair {
  IdxFile images;
  IdxFile labels;
};

IdxPair read_pair(const std::string& dir, const std::string& prefix) {
  IdxPair p{read_idx(find_file(dir, prefix + "-images-idx3-ubyte"), IdxKind::Images),
            read_idx(find_file(dir, prefix + "-labels-idx1-ubyte"), IdxKind::Labels)};
  check_idx_pair(p.images, p.labels, kClasses);
  return p;
}

void check_folder(const std::string& dir) {
  std::error_code ec;
  const auto type = std::filesystem::status(dir, ec).type();
  if (type == std::filesystem::file_type::not_found) throw Error(dir + ": no such directory");
  if (type != std::filesystem::file_type::directory) throw Error(dir + ": not a directory");
}

// Returns the dimensions of the training images, which the test images must share.
std::vector<std::uint32_t> load_train_and_val(const std::string& dir, std::size_t n_train,
                                              std::size_t n_val, Split& split) {
  const IdxPair train = read_pair(dir, "train");
  const std::size_t total = train.images.count();
  if (n_train > total || n_val > total - n_train) {
    throw Error(train.images.name + ": train " + std::to_string(n_train) + " + val " +
                std::to_string(n_val) + " exceeds its " + std::to_string(total) + " images");
  }
  split.train = idx_to_dataset(train.images, train.labels, 0, n_train, kClasses);
  split.val = idx_to_dataset(train.images, train.labels, total - n_val, n_val, kClasses);
  return train.images.dims;
}

Dataset load_test(const std::string& dir, std::size_t n_test,
                  const std::vector<std::uint32_t>& train_dims) {
  const IdxPair test = read_pair(dir, "t10k");
  if (n_test > test.images.count()) {
    throw Error(test.images.name + ": test " + std::to_string(n_test) + " exceeds its " +
                std::to_string(test.images.count()) + " images");
  }
  if (!std::equal(test.images.dims.begin() + 1, test.images.dims.end(), train_dims.begin() + 1,
                  train_dims.end())) {
    throw Error(test.images.name + ": images of " + image_size_text(test.images.dims) +
                " pixels, but the training images have " + image_size_text(train_dims));
  }
  return idx_to_dataset(test.images, test.labels, 0, n_test, kClasses);
}

}  // namespace

Split load_fashion_mnist(const std::string& dir, std::size_t n_train, std::size_t n_val,
                         std::size_t n_test) {
  check_folder(dir);
  Split split;
  const std::vector<std::uint32_t> dims = load_train_and_val(dir, n_train, n_val, split);
  if (n_test > 0) {
    split.test = load_test(dir, n_test, dims);
  } else {
    split.test.classes = kClasses;
    split.test.x.resize(split.train.features(), 0);
  }
  return split;
}

}  // namespace actsearch::nn
