// IDX reader: good files (gzip and plain) load with the right values; each bad file gives
// its one-line error naming the file and the problem.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "nn/data/idx.hpp"
#include "tests/nn/data_files.hpp"

namespace actsearch::nn {
namespace {

using testing::Bytes;
using testing::error_of;
using testing::fresh_dir;
using testing::idx_images;
using testing::idx_labels;
using testing::write_file;
using testing::write_gzip;

const std::vector<std::uint8_t> kFiveLabels = {3, 0, 9, 1, 4};

TEST(NnDataIdx, LoadsGzipAndPlainPairsAlike) {
  const std::string dir = fresh_dir("nn_data");
  write_gzip(dir + "/img.gz", idx_images(5, 3, 2));
  write_gzip(dir + "/lab.gz", idx_labels(kFiveLabels));
  write_file(dir + "/img", idx_images(5, 3, 2));
  write_file(dir + "/lab", idx_labels(kFiveLabels));
  const Dataset gz = load_idx_pair(dir + "/img.gz", dir + "/lab.gz");
  const Dataset plain = load_idx_pair(dir + "/img", dir + "/lab");
  ASSERT_EQ(gz.features(), 6);
  ASSERT_EQ(gz.size(), 5);
  EXPECT_EQ(gz.classes, 10);
  EXPECT_EQ(gz.labels, std::vector<std::int32_t>(kFiveLabels.begin(), kFiveLabels.end()));
  for (std::uint32_t i = 0; i < 5; ++i) {
    for (std::uint32_t k = 0; k < 6; ++k) {
      EXPECT_EQ(gz.x(k, i), static_cast<float>(testing::image_pixel(i, k)) / 255.0f) << i << k;
    }
  }
  EXPECT_EQ(gz.x, plain.x);
  EXPECT_EQ(gz.labels, plain.labels);
}

TEST(NnDataIdx, ScalesPixelsToTheUnitInterval) {
  Bytes bytes = idx_images(1, 1, 3);
  bytes[16] = 0;
  bytes[17] = 1;
  bytes[18] = 255;
  const IdxFile images = parse_idx(bytes, IdxKind::Images, "mem");
  const IdxFile labels = parse_idx(idx_labels({7}), IdxKind::Labels, "mem");
  const Dataset d = idx_to_dataset(images, labels, 0, 1, 10);
  EXPECT_EQ(d.x(0, 0), 0.0f);
  EXPECT_EQ(d.x(1, 0), 1.0f / 255.0f);
  EXPECT_EQ(d.x(2, 0), 1.0f);
  EXPECT_EQ(d.labels[0], 7);
}

TEST(NnDataIdx, ReadsTheDimensionsBigEndian) {
  const IdxFile f = parse_idx(idx_images(2, 300, 1), IdxKind::Images, "mem");
  EXPECT_EQ(f.dims, (std::vector<std::uint32_t>{2, 300, 1}));
  EXPECT_EQ(f.item_size(), 300u);
  EXPECT_EQ(f.item(1)[0], 1);
}

TEST(NnDataIdx, MissingFile) {
  const std::string dir = fresh_dir("nn_data");
  EXPECT_EQ(error_of([&] { read_idx(dir + "/nope.gz", IdxKind::Images); }),
            dir + "/nope.gz: no such file");
}

TEST(NnDataIdx, DirectoryInsteadOfFile) {
  const std::string dir = fresh_dir("nn_data");
  EXPECT_EQ(error_of([&] { read_idx(dir, IdxKind::Images); }),
            dir + ": is a directory, not a file");
}

TEST(NnDataIdx, UnreadableFile) {
  if (geteuid() == 0) GTEST_SKIP() << "running as root: file permissions do not stop reads";
  const std::string dir = fresh_dir("nn_data");
  write_file(dir + "/img", idx_images(1, 1, 1));
  std::filesystem::permissions(dir + "/img", std::filesystem::perms::none);
  EXPECT_EQ(error_of([&] { read_idx(dir + "/img", IdxKind::Images); }),
            dir + "/img: cannot open (Permission denied)");
}

TEST(NnDataIdx, EmptyFilePlainOrGzip) {
  const std::string dir = fresh_dir("nn_data");
  write_file(dir + "/empty", Bytes{});
  write_gzip(dir + "/empty.gz", Bytes{});
  EXPECT_EQ(error_of([&] { read_idx(dir + "/empty", IdxKind::Labels); }),
            dir + "/empty: empty file");
  EXPECT_EQ(error_of([&] { read_idx(dir + "/empty.gz", IdxKind::Labels); }),
            dir + "/empty.gz: empty file");
}

TEST(NnDataIdx, TruncatedHeader) {
  Bytes bytes = idx_images(1, 2, 2);
  bytes.resize(10);
  EXPECT_EQ(error_of([&] { parse_idx(bytes, IdxKind::Images, "f"); }),
            "f: truncated: the IDX header needs 16 bytes, the file has 10");
  bytes.resize(3);
  EXPECT_EQ(error_of([&] { parse_idx(bytes, IdxKind::Labels, "f"); }),
            "f: truncated: the IDX header needs 8 bytes, the file has 3");
}

TEST(NnDataIdx, TruncatedImageData) {
  const std::string dir = fresh_dir("nn_data");
  Bytes bytes = idx_images(5, 3, 2);
  bytes.resize(16 + 20);
  write_gzip(dir + "/img.gz", bytes);
  EXPECT_EQ(error_of([&] { read_idx(dir + "/img.gz", IdxKind::Images); }),
            dir +
                "/img.gz: truncated: the header promises 5 images of 3x2 bytes, the file has "
                "20 bytes of data");
}

TEST(NnDataIdx, TruncatedLabelData) {
  Bytes bytes = idx_labels(kFiveLabels);
  bytes.pop_back();
  EXPECT_EQ(error_of([&] { parse_idx(bytes, IdxKind::Labels, "f"); }),
            "f: truncated: the header promises 5 labels, the file has 4 bytes of data");
}

TEST(NnDataIdx, HugeDimensionsAreTruncationNotOverflow) {
  Bytes bytes = idx_images(0, 0xFFFFFFFF, 0xFFFFFFFF);
  bytes[4] = bytes[5] = bytes[6] = bytes[7] = 0xFF;
  EXPECT_EQ(error_of([&] { parse_idx(bytes, IdxKind::Images, "f"); }),
            "f: truncated: the header promises 4294967295 images of 4294967295x4294967295 bytes, "
            "the file has 0 bytes of data");
  // Three dimensions of 2^31, 2^31 and 4 multiply to 2^64: zero in 64 bits, not "no pixels".
  Bytes channels = idx_images(1, 0x80000000, 0x80000000);
  channels[3] = 0x04;
  channels.insert(channels.begin() + 16, {0, 0, 0, 4});
  EXPECT_EQ(error_of([&] { parse_idx(channels, IdxKind::Images, "f"); }),
            "f: truncated: the header promises 1 images of 2147483648x2147483648x4 bytes, the "
            "file has 0 bytes of data");
}

TEST(NnDataIdx, TruncatedGzipStream) {
  const std::string dir = fresh_dir("nn_data");
  write_gzip(dir + "/whole.gz", idx_images(50, 28, 28));
  const Bytes whole = testing::read_all(dir + "/whole.gz");
  write_file(dir + "/half.gz", Bytes(whole.begin(), whole.begin() + whole.size() / 2));
  write_file(dir + "/no_trailer.gz", Bytes(whole.begin(), whole.end() - 4));
  EXPECT_EQ(error_of([&] { read_idx(dir + "/half.gz", IdxKind::Images); }),
            dir + "/half.gz: truncated gzip stream");
  EXPECT_EQ(error_of([&] { read_idx(dir + "/no_trailer.gz", IdxKind::Images); }),
            dir + "/no_trailer.gz: truncated gzip stream");
}

TEST(NnDataIdx, CorruptGzipStream) {
  const std::string dir = fresh_dir("nn_data");
  write_gzip(dir + "/whole.gz", idx_images(50, 28, 28));
  Bytes bytes = testing::read_all(dir + "/whole.gz");
  bytes[bytes.size() - 6] ^= 0xFF;  // the CRC-32 of the trailer
  write_file(dir + "/bad.gz", bytes);
  EXPECT_EQ(error_of([&] { read_idx(dir + "/bad.gz", IdxKind::Images); }),
            dir + "/bad.gz: corrupt gzip stream (incorrect data check)");
}

TEST(NnDataIdx, WrongMagicNumber) {
  EXPECT_EQ(error_of([&] { parse_idx(idx_labels(kFiveLabels), IdxKind::Images, "f"); }),
            "f: wrong magic number 0x00000801 (expected 0x00000803 or 0x00000804: IDX images of "
            "unsigned bytes)");
  EXPECT_EQ(error_of([&] { parse_idx(idx_images(1, 2, 2), IdxKind::Labels, "f"); }),
            "f: wrong magic number 0x00000803 (expected 0x00000801: IDX labels of unsigned bytes)");
  EXPECT_EQ(error_of([&] { parse_idx(idx_images(1, 2, 2, 0x12345678), IdxKind::Images, "f"); }),
            "f: wrong magic number 0x12345678 (expected 0x00000803 or 0x00000804: IDX images of "
            "unsigned bytes)");
}

TEST(NnDataIdx, BytesAfterTheData) {
  Bytes bytes = idx_labels(kFiveLabels);
  bytes.insert(bytes.end(), {1, 2, 3});
  EXPECT_EQ(error_of([&] { parse_idx(bytes, IdxKind::Labels, "f"); }),
            "f: 3 bytes after the 5 labels the header promises");
}

// Magic 0x00000804: N x C x H x W bytes, images with channels. A sample is its channels one
// after the other, each row-major, as a conv net reads it.
TEST(NnDataIdx, ImagesOfAnySizeWithChannels) {
  Bytes bytes = idx_images(2, 3, 1);  // 2 images of 3 x 1, then rewritten as 3 x 1 x 1
  bytes[3] = 0x04;
  bytes.insert(bytes.begin() + 16, {0, 0, 0, 1});
  const IdxFile f = parse_idx(bytes, IdxKind::Images, "f");
  EXPECT_EQ(f.dims, (std::vector<std::uint32_t>{2, 3, 1, 1}));
  EXPECT_EQ(f.item_size(), 3u);
  EXPECT_EQ(image_size_text(f.dims), "3x1x1");
  const Dataset d = idx_to_dataset(f, parse_idx(idx_labels({1, 0}), IdxKind::Labels, "l"), 0, 2, 2);
  EXPECT_EQ(d.image, (ImageShape{3, 1, 1}));
  EXPECT_EQ(d.x(2, 1) * 255.0f, testing::image_pixel(1, 2));
  const Dataset plain =
      idx_to_dataset(parse_idx(idx_images(2, 5, 3), IdxKind::Images, "g"),
                     parse_idx(idx_labels({1, 0}), IdxKind::Labels, "l"), 0, 2, 2);
  EXPECT_EQ(plain.image, (ImageShape{1, 5, 3}));
  bytes.resize(bytes.size() - 1);
  EXPECT_EQ(error_of([&] { parse_idx(bytes, IdxKind::Images, "f"); }),
            "f: truncated: the header promises 2 images of 3x1x1 bytes, the file has 5 bytes of "
            "data");
}

TEST(NnDataIdx, ImagesWithoutPixels) {
  EXPECT_EQ(error_of([&] { parse_idx(idx_images(3, 0, 28), IdxKind::Images, "f"); }),
            "f: images of 0x28 pixels");
}

TEST(NnDataIdx, MismatchedCounts) {
  const std::string dir = fresh_dir("nn_data");
  write_file(dir + "/img", idx_images(5, 2, 2));
  write_file(dir + "/lab", idx_labels({1, 2, 3, 4}));
  EXPECT_EQ(error_of([&] { load_idx_pair(dir + "/img", dir + "/lab"); }),
            dir + "/img, " + dir + "/lab: 5 images but 4 labels");
}

TEST(NnDataIdx, LabelOutOfRange) {
  const std::string dir = fresh_dir("nn_data");
  write_file(dir + "/img", idx_images(5, 2, 2));
  write_file(dir + "/lab", idx_labels({1, 2, 3, 10, 4}));
  EXPECT_EQ(error_of([&] { load_idx_pair(dir + "/img", dir + "/lab"); }),
            dir + "/lab: label 10 of item 3 is out of range 0..9");
  EXPECT_EQ(error_of([&] { load_idx_pair(dir + "/img", dir + "/lab", 3); }),
            dir + "/lab: label 3 of item 2 is out of range 0..2");
}

}  // namespace
}  // namespace actsearch::nn
