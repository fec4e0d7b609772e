// The normalised score: chance 0, relu 1, clamping of bad and diverged losses, the mean
// over tasks, per-seed scores, and the chance loss of classification and regression.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "search/stats/scoring.hpp"

namespace actsearch::search {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(Scoring, ChanceLossOfClassificationIsLogK) {
  nn::Dataset d;
  d.classes = 10;
  d.x = Eigen::MatrixXf::Zero(2, 3);
  d.labels = {0, 1, 2};
  EXPECT_DOUBLE_EQ(chance_loss(d), std::log(10.0));
}

TEST(Scoring, ChanceLossOfRegressionIsTheTargetsVariance) {
  nn::Dataset d;
  d.x = Eigen::MatrixXf::Zero(1, 4);
  d.targets.resize(2, 4);
  d.targets << 1, 2, 3, 4,  //
      0, 0, 2, 2;
  // Variances 1.25 and 1, averaged over all elements as the MSE loss does.
  EXPECT_DOUBLE_EQ(chance_loss(d), (1.25 + 1.0) / 2);
}

TEST(Scoring, ChanceIsZeroAndReluIsOne) {
  const double lnk = std::log(2.0);
  const TaskScale scale = task_scale(lnk, std::vector<double>{0.2, 0.4});
  EXPECT_DOUBLE_EQ(scale.relu, 0.3);
  EXPECT_DOUBLE_EQ(task_score(std::vector<double>{0.1, 0.5}, scale), 1.0);
  EXPECT_DOUBLE_EQ(task_score(std::vector<double>{lnk}, scale), 0.0);
  EXPECT_GT(task_score(std::vector<double>{0.1}, scale), 1.0);
  EXPECT_DOUBLE_EQ(task_score(std::vector<double>{5.0}, scale), 0.0);
  EXPECT_DOUBLE_EQ(task_score(std::vector<double>{kInf}, scale), 0.0);
  EXPECT_DOUBLE_EQ(task_score(std::vector<double>{kNaN}, scale), 0.0);
  // Each seed is clamped before the mean: one bad seed costs only its share.
  EXPECT_DOUBLE_EQ(task_score(std::vector<double>{0.3, kInf}, scale), 0.5);
}

TEST(Scoring, UndefinedScaleGivesNaN) {
  const TaskScale at_chance = task_scale(1.0, std::vector<double>{kInf});
  EXPECT_TRUE(std::isnan(task_score(std::vector<double>{0.5}, at_chance)));
  EXPECT_TRUE(std::isnan(task_score(std::vector<double>{}, TaskScale{1.0, 0.5})));
}

TEST(Scoring, MeanOverTasksAndPerSeedScores) {
  const std::vector<TaskScale> scales{{2.0, 1.0}, {1.0, 0.5}};
  const std::vector<std::vector<double>> losses{{1.0, 0.0}, {1.0, kInf}};
  // Task 0: seeds score 1 and 2 (mean 1.5); task 1: both seeds score 0.
  EXPECT_DOUBLE_EQ(score(losses, scales), 0.75);
  EXPECT_EQ(per_seed_scores(losses, scales), (std::vector<double>{0.5, 1.0}));
  EXPECT_TRUE(std::isnan(score({}, {})));
}

}  // namespace
}  // namespace actsearch::search
