// The real Fashion-MNIST files (Debian's dataset-fashion-mnist): full sizes, label range, and
// the same subsets as the peer script (train = first rows, val = last rows of the training
// file, pixels / 255). The pinned figures were computed with numpy from the same files.
#include <gtest/gtest.h>

#include <filesystem>
#include <numeric>

#include "nn/data/dataset.hpp"
#include "nn/data/idx.hpp"
#include "nn/data/task.hpp"
#include "tests/support/oracles.hpp"

namespace actsearch::nn {
namespace {

// Skips, with the reason, where the Debian package is not installed (fails where
// ACTSEARCH_REQUIRE_ORACLES is set).
class NnDataFashion : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::is_directory(kFashionMnistDir)) {
      ACTSEARCH_SKIP_OR_FAIL_WITHOUT("Fashion-MNIST (Debian: dataset-fashion-mnist)",
                                     std::string(kFashionMnistDir) + " is not a folder");
    }
  }
};

std::vector<std::int32_t> head(const std::vector<std::int32_t>& v, std::size_t n) {
  return {v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n)};
}

double mean(const Dataset& d) { return d.x.cast<double>().mean(); }

TEST_F(NnDataFashion, FullFilesHaveTheirSizesAndLabels) {
  const std::string dir = kFashionMnistDir;
  const Dataset train =
      load_idx_pair(dir + "/train-images-idx3-ubyte.gz", dir + "/train-labels-idx1-ubyte.gz");
  EXPECT_EQ(train.size(), 60000);
  EXPECT_EQ(train.features(), 784);
  std::vector<int> counts(10, 0);
  for (std::int32_t label : train.labels) {
    ASSERT_TRUE(label >= 0 && label < 10) << label;
    ++counts[static_cast<std::size_t>(label)];
  }
  EXPECT_EQ(counts, std::vector<int>(10, 6000));  // Fashion-MNIST is exactly balanced
  EXPECT_GE(train.x.minCoeff(), 0.0f);
  EXPECT_LE(train.x.maxCoeff(), 1.0f);
  const Dataset test =
      load_idx_pair(dir + "/t10k-images-idx3-ubyte.gz", dir + "/t10k-labels-idx1-ubyte.gz");
  EXPECT_EQ(test.size(), 10000);
}

TEST_F(NnDataFashion, DefaultTaskMatchesThePeerSubsets) {
  const Split s = load_task(parse_task("fashion-mnist"));
  ASSERT_EQ(s.train.size(), 10000);
  ASSERT_EQ(s.val.size(), 2000);
  ASSERT_EQ(s.test.size(), 10000);
  EXPECT_EQ(head(s.train.labels, 12),
            (std::vector<std::int32_t>{9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9}));
  EXPECT_EQ(std::vector<std::int32_t>(s.val.labels.end() - 12, s.val.labels.end()),
            (std::vector<std::int32_t>{6, 1, 4, 1, 7, 2, 8, 5, 1, 3, 0, 5}));
  EXPECT_EQ(head(s.test.labels, 12),
            (std::vector<std::int32_t>{9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5}));
  EXPECT_NEAR(mean(s.train), 0.286308922, 1e-8);
  EXPECT_NEAR(mean(s.val), 0.286789469, 1e-8);
  // The first non-zero pixels of the first training image, exactly as numpy's x / 255.0.
  EXPECT_EQ(s.train.x(95, 0), 0.0f);
  EXPECT_EQ(s.train.x(96, 0), 1.0f / 255.0f);
  EXPECT_EQ(s.train.x(99, 0), 13.0f / 255.0f);
  std::vector<int> counts(10, 0);
  for (std::int32_t label : s.train.labels) ++counts[static_cast<std::size_t>(label)];
  EXPECT_EQ(counts, (std::vector<int>{942, 1027, 1016, 1019, 974, 989, 1021, 1022, 990, 1000}));
}

}  // namespace
}  // namespace actsearch::nn
