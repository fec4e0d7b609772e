// Generated tasks: deterministic from the seed, prefix-stable, balanced, and (without noise)
// exactly the documented constructions.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>

#include "nn/data/synthetic.hpp"

namespace actsearch::nn {
namespace {

constexpr double kPi = std::numbers::pi;

struct Named {
  const char* name;
  std::function<Dataset(std::size_t, std::uint64_t)> make;
};

const std::vector<Named>& all_tasks() {
  static const std::vector<Named> tasks = {
      {"spirals", [](std::size_t n, std::uint64_t s) { return make_spirals(n, s); }},
      {"moons", [](std::size_t n, std::uint64_t s) { return make_moons(n, s); }},
      {"circles", [](std::size_t n, std::uint64_t s) { return make_circles(n, s); }},
      {"xor", [](std::size_t n, std::uint64_t s) { return make_xor(n, s); }},
      {"checkerboard", [](std::size_t n, std::uint64_t s) { return make_checkerboard(n, s); }},
      {"sine", [](std::size_t n, std::uint64_t s) { return make_sine(n, s); }},
      {"regression", [](std::size_t n, std::uint64_t s) { return make_regression(n, s); }},
  };
  return tasks;
}

bool same(const Dataset& a, const Dataset& b) {
  return a.x == b.x && a.labels == b.labels && a.targets == b.targets && a.classes == b.classes;
}

TEST(NnDataSynthetic, SameSeedSameDataOtherSeedOtherData) {
  for (const Named& t : all_tasks()) {
    const Dataset a = t.make(200, 7);
    EXPECT_TRUE(same(a, t.make(200, 7))) << t.name;
    EXPECT_FALSE(same(a, t.make(200, 8))) << t.name;
    EXPECT_EQ(a.name, t.name);
    EXPECT_TRUE(a.x.allFinite()) << t.name;
    EXPECT_TRUE(a.targets.allFinite()) << t.name;
  }
}

TEST(NnDataSynthetic, ThePrefixDoesNotDependOnTheSize) {
  for (const Named& t : all_tasks()) {
    const Dataset small = t.make(50, 3);
    const Dataset large = t.make(120, 3);
    EXPECT_EQ(small.x, large.x.leftCols(50)) << t.name;
    if (large.is_classification()) {
      EXPECT_EQ(small.labels,
                std::vector<std::int32_t>(large.labels.begin(), large.labels.begin() + 50))
          << t.name;
    } else {
      EXPECT_EQ(small.targets, large.targets.leftCols(50)) << t.name;
    }
  }
}

TEST(NnDataSynthetic, ShapesAndBalance) {
  for (const Named& t : all_tasks()) {
    const Dataset d = t.make(101, 1);
    EXPECT_EQ(d.size(), 101) << t.name;
    if (d.is_classification()) {
      EXPECT_EQ(d.features(), 2) << t.name;
      EXPECT_EQ(d.classes, 2) << t.name;
      for (std::size_t i = 0; i < d.labels.size(); ++i)
        ASSERT_EQ(d.labels[i], int(i % 2)) << t.name;
    } else {
      EXPECT_EQ(d.targets.rows(), 1) << t.name;
      EXPECT_EQ(d.targets.cols(), 101) << t.name;
      EXPECT_TRUE(d.labels.empty()) << t.name;
    }
  }
  EXPECT_EQ(make_sine(4, 0).features(), 1);
  EXPECT_EQ(make_regression(4, 0).features(), 8);
}

TEST(NnDataSynthetic, SpiralsFollowThePeerConstruction) {
  const double turns = 2.0;
  const Dataset d = make_spirals(400, 5, 0.0, turns);
  for (Eigen::Index j = 0; j < d.size(); ++j) {
    const double x = d.x(0, j), y = d.x(1, j);
    const double r = std::hypot(x, y);
    ASSERT_LE(r, 1.0 + 1e-6);
    const double theta = r * turns * 2.0 * kPi;
    const double phase = theta + d.labels[static_cast<std::size_t>(j)] * kPi;
    EXPECT_NEAR(x, r * std::cos(phase), 1e-5) << j;
    EXPECT_NEAR(y, r * std::sin(phase), 1e-5) << j;
  }
}

TEST(NnDataSynthetic, MoonsCirclesAndBoardsWithoutNoise) {
  const Dataset moons = make_moons(200, 2, 0.0);
  const Dataset circles = make_circles(200, 2, 0.0, 0.5);
  const Dataset board = make_checkerboard(400, 2, 4, 0.0);
  const Dataset xr = make_xor(200, 2, 0.0);
  for (Eigen::Index j = 0; j < 200; ++j) {
    const auto c = static_cast<std::size_t>(j);
    const double side = moons.labels[c] == 0 ? 1.0 : -1.0;
    const double mx = side * moons.x(0, j) + 0.5, my = side * moons.x(1, j) + 0.25;
    EXPECT_NEAR(std::hypot(mx, my), 1.0, 1e-6) << j;
    EXPECT_GE(my, -1e-6) << j;
    EXPECT_NEAR(std::hypot(circles.x(0, j), circles.x(1, j)), circles.labels[c] == 0 ? 1.0 : 0.5,
                1e-6);
    EXPECT_EQ(xr.labels[c], int((xr.x(0, j) >= 0) != (xr.x(1, j) >= 0))) << j;
  }
  for (Eigen::Index j = 0; j < board.size(); ++j) {
    const int ix = std::min(3, int((board.x(0, j) + 1.0f) / 0.5f));
    const int iy = std::min(3, int((board.x(1, j) + 1.0f) / 0.5f));
    ASSERT_TRUE(std::abs(board.x(0, j)) <= 1.0f && std::abs(board.x(1, j)) <= 1.0f);
    EXPECT_EQ((ix + iy) % 2, board.labels[static_cast<std::size_t>(j)]) << j;
  }
}

TEST(NnDataSynthetic, CheckerboardSquaresAreEquallyFilled) {
  const Dataset board = make_checkerboard(16000, 4, 4, 0.0);
  std::vector<int> counts(16, 0);
  for (Eigen::Index j = 0; j < board.size(); ++j) {
    const int ix = std::min(3, int((board.x(0, j) + 1.0f) / 0.5f));
    const int iy = std::min(3, int((board.x(1, j) + 1.0f) / 0.5f));
    ++counts[static_cast<std::size_t>(4 * iy + ix)];
  }
  for (int c : counts) EXPECT_NEAR(c, 1000, 150);  // about 4.7 standard deviations
}

TEST(NnDataSynthetic, RegressionsAreTheirFunctions) {
  const Dataset sine = make_sine(300, 6, 0.0);
  for (Eigen::Index j = 0; j < sine.size(); ++j) {
    const double x = sine.x(0, j);
    ASSERT_TRUE(std::abs(x) <= 2.0 * kPi);
    EXPECT_EQ(sine.targets(0, j), static_cast<float>(std::sin(x)));
  }
  const Dataset reg = make_regression(300, 6, 0.0);
  EXPECT_LE(reg.x.cwiseAbs().maxCoeff(), 1.0f);
  for (Eigen::Index j = 0; j < reg.size(); ++j) {
    const Eigen::VectorXd x = reg.x.col(j).cast<double>();
    const double y = std::sin(kPi * x[0] * x[1]) + 0.5 * (x[2] + x[3]) * (x[2] + x[3]) +
                     x[4] * std::tanh(2.0 * x[5]) + 0.5 * std::cos(kPi * x[6]) + 0.25 * x[7];
    EXPECT_EQ(reg.targets(0, j), static_cast<float>(y)) << j;
  }
}

TEST(NnDataSynthetic, NoiseIsGaussianWithTheGivenScale) {
  const Dataset d = make_sine(20000, 9, 0.05);
  Eigen::ArrayXd residual(d.size());
  for (Eigen::Index j = 0; j < d.size(); ++j) {
    residual[j] = d.targets(0, j) - std::sin(static_cast<double>(d.x(0, j)));
  }
  const double mean = residual.mean();
  const double std = std::sqrt((residual - mean).square().mean());
  EXPECT_NEAR(mean, 0.0, 0.002);
  EXPECT_NEAR(std, 0.05, 0.002);
  const double within = (residual.abs() < 0.05).cast<double>().mean();
  EXPECT_NEAR(within, 0.6827, 0.015);  // one standard deviation of a normal
}

// Values generated before the random code was gathered into grammar/base/random.hpp: a task
// must stay the same data, or earlier runs would no longer resume.
TEST(NnDataSynthetic, DataIsPinned) {
  const Dataset spirals = make_spirals(3, 11);
  EXPECT_EQ(spirals.x(0, 0), 0x1.886c2ep-2f);
  EXPECT_EQ(spirals.x(1, 0), 0x1.a8f3p-2f);
  EXPECT_EQ(spirals.x(0, 2), 0x1.56bbap-3f);
  EXPECT_EQ(spirals.x(1, 2), -0x1.33bccap-2f);
  const Dataset sine = make_sine(2, 5);
  EXPECT_EQ(sine.x(0, 1), -0x1.423afap+2f);
  EXPECT_EQ(sine.targets(0, 1), 0x1.d98676p-1f);
  const Dataset board = make_checkerboard(2, 9);
  EXPECT_EQ(board.x(0, 1), 0x1.2e1fc4p-2f);
  EXPECT_EQ(board.x(1, 1), 0x1.f227ap-1f);
}

}  // namespace
}  // namespace actsearch::nn
