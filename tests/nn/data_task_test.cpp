// Task descriptions: parsing --task values, defaults, deterministic splits for generated,
// CSV and MNIST-folder tasks, and the errors for bad kinds and sizes.
#include <gtest/gtest.h>

#include <filesystem>

#include "nn/data/dataset.hpp"
#include "nn/data/synthetic.hpp"
#include "nn/data/task.hpp"
#include "tests/nn/data_files.hpp"

namespace actsearch::nn {
namespace {

using testing::error_of;
using testing::fresh_dir;

const std::string kValid =
    "(valid: fashion-mnist, mnist, spirals, moons, circles, xor, checkerboard, sine, regression, "
    "csv:PATH, csv-regression:PATH)";

TaskSpec spec_of(const std::string& kind, std::size_t train = 0, std::size_t val = 0,
                 std::size_t test = 0) {
  TaskSpec spec = parse_task(kind);
  spec.train = train;
  spec.val = val;
  spec.test = test;
  return spec;
}

// A CSV whose row r (0-based) is "r,r%3", so a feature tells which row a column holds.
std::string write_rows_csv(const std::string& dir, int rows) {
  std::string text = "index,label\n";
  for (int r = 0; r < rows; ++r) text += std::to_string(r) + "," + std::to_string(r % 3) + "\n";
  const std::string path = dir + "/rows.csv";
  testing::write_file(path, text);
  return path;
}

std::vector<float> first_feature(const Dataset& d) {
  return std::vector<float>(d.x.row(0).begin(), d.x.row(0).end());
}

TEST(NnDataTask, ParsesKindsAndPaths) {
  for (const char* kind : {"fashion-mnist", "mnist", "spirals", "moons", "circles", "xor",
                           "checkerboard", "sine", "regression"}) {
    const TaskSpec spec = parse_task(kind);
    EXPECT_EQ(spec.kind, kind);
    EXPECT_EQ(spec.path, "");
    EXPECT_FALSE(spec.regression);
  }
  const TaskSpec csv = parse_task("csv:/data/a:b.csv");
  EXPECT_EQ(csv.kind, "csv");
  EXPECT_EQ(csv.path, "/data/a:b.csv");
  EXPECT_FALSE(csv.regression);
  const TaskSpec reg = parse_task("csv-regression:y.csv");
  EXPECT_EQ(reg.kind, "csv");
  EXPECT_EQ(reg.path, "y.csv");
  EXPECT_TRUE(reg.regression);
  EXPECT_EQ(parse_task("mnist:/opt/mnist").path, "/opt/mnist");
}

TEST(NnDataTask, ParseErrors) {
  EXPECT_EQ(error_of([] { parse_task("spiral"); }), "unknown task 'spiral' " + kValid);
  EXPECT_EQ(error_of([] { parse_task(""); }), "unknown task '' " + kValid);
  EXPECT_EQ(error_of([] { parse_task("csv"); }), "task 'csv' needs a file: csv:PATH");
  EXPECT_EQ(error_of([] { parse_task("csv-regression:"); }),
            "task 'csv-regression' needs a file: csv-regression:PATH");
  EXPECT_EQ(error_of([] { parse_task("moons:x"); }), "task 'moons' takes no path: 'moons:x'");
}

TEST(NnDataTask, LoadErrorsForBadSpecs) {
  TaskSpec spec;
  spec.kind = "spirals2";
  EXPECT_EQ(error_of([&] { load_task(spec); }), "unknown task 'spirals2' " + kValid);
  EXPECT_EQ(error_of([] { load_task(parse_task("mnist")); }),
            "task 'mnist' needs its data folder (--data-dir)");
  spec.kind = "csv";
  EXPECT_EQ(error_of([&] { load_task(spec); }), "task 'csv' needs a file: csv:PATH");
  EXPECT_EQ(error_of([] { load_task(spec_of("xor", 9'000'000, 1'000'000, 1)); }),
            "task 'xor': train + val + test exceeds the 10000000 samples a generated task may "
            "have");
}

TEST(NnDataTask, GeneratedDefaultsAndSeeds) {
  const Split s = load_task(parse_task("moons"));
  EXPECT_EQ(s.train.size(), 2000);
  EXPECT_EQ(s.val.size(), 500);
  EXPECT_EQ(s.test.size(), 1000);
  EXPECT_EQ(s.val.name, "moons");
  const Dataset all = make_moons(3500, 0);
  EXPECT_EQ(s.val.x, all.x.middleCols(2000, 500));
  EXPECT_EQ(s.test.x, all.x.rightCols(1000));
  TaskSpec seeded = parse_task("moons");
  seeded.data_seed = 1;
  EXPECT_NE(load_task(seeded).train.x, s.train.x);
}

TEST(NnDataTask, GeneratedTrainSetIgnoresTheOtherSizes) {
  const Split a = load_task(spec_of("spirals", 300, 50, 20));
  const Split b = load_task(spec_of("spirals", 300, 80, 70));
  EXPECT_EQ(a.train.x, b.train.x);
  EXPECT_EQ(a.val.x, b.val.x.leftCols(50));
  EXPECT_EQ(a.train.labels.size(), 300u);
}

TEST(NnDataTask, RegressionTasks) {
  const Split sine = load_task(spec_of("sine", 10, 5, 5));
  EXPECT_EQ(sine.train.features(), 1);
  EXPECT_EQ(sine.train.outputs(), 1);
  EXPECT_FALSE(sine.val.is_classification());
  const Split reg = load_task(spec_of("regression", 10, 5, 5));
  EXPECT_EQ(reg.test.features(), 8);
  EXPECT_EQ(reg.test.targets.cols(), 5);
}

TEST(NnDataTask, CsvSplitsRowsInOrder) {
  const std::string path = write_rows_csv(fresh_dir("nn_data"), 10);
  const Split s = load_task(spec_of("csv:" + path, 4, 3));
  EXPECT_EQ(first_feature(s.train), (std::vector<float>{0, 1, 2, 3}));
  EXPECT_EQ(first_feature(s.val), (std::vector<float>{4, 5, 6}));
  EXPECT_EQ(first_feature(s.test), (std::vector<float>{7, 8, 9}));
  EXPECT_EQ(s.val.labels, (std::vector<std::int32_t>{1, 2, 0}));
  EXPECT_EQ(s.test.classes, 3);
  EXPECT_EQ(s.train.name, "csv:" + path);
  EXPECT_EQ(first_feature(load_task(spec_of("csv:" + path, 4, 3, 2)).test),
            (std::vector<float>{7, 8}));
  EXPECT_EQ(load_task(spec_of("csv:" + path, 6, 4)).test.size(), 0);
}

TEST(NnDataTask, CsvDefaultSplitIsSixtyTwentyRest) {
  const std::string path = write_rows_csv(fresh_dir("nn_data"), 11);
  const Split s = load_task(parse_task("csv:" + path));
  EXPECT_EQ(s.train.size(), 6);
  EXPECT_EQ(s.val.size(), 2);
  EXPECT_EQ(first_feature(s.test), (std::vector<float>{8, 9, 10}));
}

TEST(NnDataTask, CsvSizeErrors) {
  const std::string dir = fresh_dir("nn_data");
  const std::string path = write_rows_csv(dir, 10);
  EXPECT_EQ(error_of([&] { load_task(spec_of("csv:" + path, 8, 3)); }),
            path + ": train 8 + val 3 exceeds its 10 data rows");
  EXPECT_EQ(error_of([&] { load_task(spec_of("csv:" + path, 5, 3, 3)); }),
            path + ": train 5 + val 3 + test 3 exceeds its 10 data rows");
  std::filesystem::create_directory(dir + "/tiny");
  const std::string tiny = write_rows_csv(dir + "/tiny", 2);
  EXPECT_EQ(error_of([&] { load_task(parse_task("csv:" + tiny)); }),
            tiny + ": 2 data rows are too few for non-empty train and val splits");
  EXPECT_EQ(error_of([&] { load_task(parse_task("csv:" + dir + "/none.csv")); }),
            dir + "/none.csv: no such file");
}

TEST(NnDataTask, CsvRegression) {
  const std::string dir = fresh_dir("nn_data");
  testing::write_file(dir + "/r.csv", std::string("1,0.5\n2,1.5\n3,2.5\n4,3.5\n"));
  const Split s = load_task(spec_of("csv-regression:" + dir + "/r.csv", 2, 1));
  EXPECT_EQ(s.train.targets, (Eigen::MatrixXf(1, 2) << 0.5f, 1.5f).finished());
  EXPECT_EQ(s.test.targets(0, 0), 3.5f);
  EXPECT_EQ(error_of([&] { load_task(spec_of("csv:" + dir + "/r.csv", 2, 1)); }),
            dir + "/r.csv:1: label '0.5' is not a class index (an integer from 0 to 9999)");
}

TEST(NnDataTask, MnistFolderTask) {
  const std::string dir = fresh_dir("nn_data");
  testing::write_mnist_folder(dir, 30, 8, /*gzip=*/false);
  const Split s = load_task(spec_of("mnist:" + dir, 10, 5, 8));
  EXPECT_EQ(s.train.size(), 10);
  EXPECT_EQ(s.val.labels, (std::vector<std::int32_t>{5, 6, 7, 8, 9}));
  EXPECT_EQ(s.test.name, "mnist");
  EXPECT_EQ(error_of([&] { load_task(spec_of("mnist:" + dir)); }),
            dir + "/train-images-idx3-ubyte: train 10000 + val 2000 exceeds its 30 images");
}

TEST(NnDataTask, SliceKeepsNameAndClasses) {
  const Dataset d = make_circles(10, 0);
  const Dataset s = slice(d, 3, 4);
  EXPECT_EQ(s.x, d.x.middleCols(3, 4));
  EXPECT_EQ(s.labels, (std::vector<std::int32_t>{1, 0, 1, 0}));
  EXPECT_EQ(s.classes, 2);
  EXPECT_EQ(s.name, "circles");
  const Dataset empty_targets = slice(make_sine(5, 0), 5, 0);
  EXPECT_EQ(empty_targets.outputs(), 1);
}

}  // namespace
}  // namespace actsearch::nn
