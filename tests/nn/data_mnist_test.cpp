// The MNIST folder loader on small written folders: which items land in which split, gzip or
// plain files, and the errors for missing pieces and oversized splits.
#include <gtest/gtest.h>

#include "nn/data/mnist.hpp"
#include "tests/nn/data_files.hpp"

namespace actsearch::nn {
namespace {

using testing::error_of;
using testing::fresh_dir;
using testing::write_mnist_folder;

// Pixel 0 of item i is i / 255 (see image_pixel), so it tells which item a column holds.
int item_of(const Dataset& d, Eigen::Index column) {
  return static_cast<int>(d.x(0, column) * 255.0f + 0.5f);
}

std::vector<int> items_of(const Dataset& d) {
  std::vector<int> items;
  for (Eigen::Index j = 0; j < d.size(); ++j) items.push_back(item_of(d, j));
  return items;
}

TEST(NnDataMnist, TrainIsTheHeadValTheTailTestTheHeadOfT10k) {
  const std::string dir = fresh_dir("nn_data");
  write_mnist_folder(dir, 20, 6);
  const Split s = load_fashion_mnist(dir, 5, 3, 4);
  EXPECT_EQ(items_of(s.train), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(items_of(s.val), (std::vector<int>{17, 18, 19}));
  EXPECT_EQ(items_of(s.test), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(s.val.labels, (std::vector<std::int32_t>{7, 8, 9}));
  EXPECT_EQ(s.train.features(), 4);
  EXPECT_EQ(s.test.classes, 10);
}

TEST(NnDataMnist, ReadsUncompressedFolders) {
  const std::string dir = fresh_dir("nn_data");
  write_mnist_folder(dir, 20, 6, /*gzip=*/false);
  const Split s = load_fashion_mnist(dir, 20, 0, 6);
  EXPECT_EQ(s.train.size(), 20);
  EXPECT_EQ(s.val.size(), 0);
  EXPECT_EQ(s.test.size(), 6);
  EXPECT_EQ(s.val.features(), 4);
}

TEST(NnDataMnist, NoTestSplitNeedsNoT10kFiles) {
  const std::string dir = fresh_dir("nn_data");
  write_mnist_folder(dir, 20, 6);
  std::filesystem::remove(dir + "/t10k-images-idx3-ubyte.gz");
  const Split s = load_fashion_mnist(dir, 10, 10, 0);
  EXPECT_EQ(s.test.size(), 0);
  EXPECT_EQ(s.test.features(), 4);
  EXPECT_EQ(error_of([&] { load_fashion_mnist(dir, 10, 10, 1); }),
            dir +
                "/t10k-images-idx3-ubyte.gz: no such file (nor an uncompressed "
                "t10k-images-idx3-ubyte)");
}

TEST(NnDataMnist, TrainPlusValLargerThanTheFile) {
  const std::string dir = fresh_dir("nn_data");
  write_mnist_folder(dir, 20, 6);
  EXPECT_EQ(error_of([&] { load_fashion_mnist(dir, 15, 6, 1); }),
            dir + "/train-images-idx3-ubyte.gz: train 15 + val 6 exceeds its 20 images");
  EXPECT_EQ(error_of([&] { load_fashion_mnist(dir, 21, 0, 1); }),
            dir + "/train-images-idx3-ubyte.gz: train 21 + val 0 exceeds its 20 images");
}

TEST(NnDataMnist, TestLargerThanTheFile) {
  const std::string dir = fresh_dir("nn_data");
  write_mnist_folder(dir, 20, 6);
  EXPECT_EQ(error_of([&] { load_fashion_mnist(dir, 1, 1, 7); }),
            dir + "/t10k-images-idx3-ubyte.gz: test 7 exceeds its 6 images");
}

TEST(NnDataMnist, MissingOrWrongFolder) {
  const std::string dir = fresh_dir("nn_data");
  EXPECT_EQ(error_of([&] { load_fashion_mnist(dir + "/none", 1, 1, 1); }),
            dir + "/none: no such directory");
  testing::write_file(dir + "/file", std::string("x"));
  EXPECT_EQ(error_of([&] { load_fashion_mnist(dir + "/file", 1, 1, 1); }),
            dir + "/file: not a directory");
  EXPECT_EQ(error_of([&] { load_fashion_mnist(dir, 1, 1, 1); }),
            dir +
                "/train-images-idx3-ubyte.gz: no such file (nor an uncompressed "
                "train-images-idx3-ubyte)");
}

TEST(NnDataMnist, MismatchedTrainFiles) {
  const std::string dir = fresh_dir("nn_data");
  write_mnist_folder(dir, 20, 6);
  testing::write_gzip(dir + "/train-labels-idx1-ubyte.gz",
                      testing::idx_labels(testing::cyclic_labels(19)));
  EXPECT_EQ(error_of([&] { load_fashion_mnist(dir, 1, 1, 1); }),
            dir + "/train-images-idx3-ubyte.gz, " + dir +
                "/train-labels-idx1-ubyte.gz: 20 images but 19 labels");
}

TEST(NnDataMnist, TestImagesOfAnotherSize) {
  const std::string dir = fresh_dir("nn_data");
  write_mnist_folder(dir, 20, 6);
  testing::write_gzip(dir + "/t10k-images-idx3-ubyte.gz", testing::idx_images(6, 1, 4));
  EXPECT_EQ(error_of([&] { load_fashion_mnist(dir, 1, 1, 1); }),
            dir +
                "/t10k-images-idx3-ubyte.gz: images of 1x4 pixels, but the training images "
                "have 2x2");
}

}  // namespace
}  // namespace actsearch::nn
