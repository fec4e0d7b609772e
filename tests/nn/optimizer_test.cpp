// Optimiser steps against values computed by hand (torch.optim's update rules).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "grammar/base/error.hpp"
#include "nn/optimizer.hpp"

namespace actsearch::nn {
namespace {

TEST(Optimizer, SgdWithMomentum) {
  Optimizer opt({.kind = OptimizerKind::Sgd, .momentum = 0.9}, 2);
  std::vector<float> p{1.0f, -2.0f};
  ASSERT_TRUE(opt.step(p, std::vector<float>{0.5f, 1.0f}, 0.1));
  // v = g; p -= lr v
  EXPECT_FLOAT_EQ(p[0], 1.0f - 0.1f * 0.5f);
  EXPECT_FLOAT_EQ(p[1], -2.0f - 0.1f * 1.0f);
  ASSERT_TRUE(opt.step(p, std::vector<float>{0.5f, -1.0f}, 0.1));
  // v = 0.9 v + g
  EXPECT_FLOAT_EQ(p[0], 0.95f - 0.1f * (0.9f * 0.5f + 0.5f));
  EXPECT_FLOAT_EQ(p[1], -2.1f - 0.1f * (0.9f * 1.0f - 1.0f));
  EXPECT_EQ(opt.steps(), 2);
}

// torch.optim.SGD(momentum=0.9, nesterov=True, weight_decay=0.1): g += wd p; v = mu v + g;
// p -= lr (g + mu v).
TEST(Optimizer, SgdWithNesterovMomentumMatchesTorchsUpdate) {
  Optimizer opt(
      {.kind = OptimizerKind::Sgd, .momentum = 0.9, .nesterov = true, .weight_decay = 0.1}, 1);
  std::vector<float> p{0.5f};
  double ref = 0.5, v = 0.0;
  for (int t = 1; t <= 3; ++t) {
    const double g = t == 2 ? -0.3 : 0.2;
    ASSERT_TRUE(opt.step(p, std::vector<float>{static_cast<float>(g)}, 0.1));
    const double d = g + 0.1 * ref;
    v = 0.9 * v + d;
    ref -= 0.1 * (d + 0.9 * v);
    EXPECT_NEAR(p[0], ref, 1e-7) << "step " << t;
  }
}

TEST(Optimizer, RefusesSettingsTorchRefuses) {
  EXPECT_THROW(Optimizer({.kind = OptimizerKind::Sgd, .nesterov = true}, 1), Error);
  EXPECT_THROW(Optimizer({.kind = OptimizerKind::Sgd, .momentum = -0.5}, 1), Error);
  EXPECT_THROW(Optimizer({.weight_decay = -1e-4}, 1), Error);
}

TEST(Optimizer, SgdWeightDecayAddsToTheGradient) {
  Optimizer opt({.kind = OptimizerKind::Sgd, .weight_decay = 0.5}, 1);
  std::vector<float> p{2.0f};
  opt.step(p, std::vector<float>{1.0f}, 0.1);
  EXPECT_FLOAT_EQ(p[0], 2.0f - 0.1f * (1.0f + 0.5f * 2.0f));
}

// Three steps of `opt` on one parameter from 0.5 with gradients 0.2, -0.3, 0.2 and lr 0.01,
// against torch.optim.Adam's update written out in double; with `decoupled_decay`, as
// torch.optim.AdamW's: p *= 1 - lr wd first, and no decay in the gradient.
void expect_adam_steps(Optimizer& opt, double decoupled_decay) {
  std::vector<float> p{0.5f};
  const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  double m = 0, v = 0, ref = 0.5;
  for (int t = 1; t <= 3; ++t) {
    const double g = t == 2 ? -0.3 : 0.2;
    ASSERT_TRUE(opt.step(p, std::vector<float>{static_cast<float>(g)}, lr));
    ref *= 1 - lr * decoupled_decay;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    const double denom = std::sqrt(v) / std::sqrt(1 - std::pow(b2, t)) + eps;
    ref -= lr / (1 - std::pow(b1, t)) * m / denom;
    EXPECT_NEAR(p[0], ref, 1e-7) << "step " << t;
  }
}

TEST(Optimizer, AdamMatchesTorchsUpdate) {
  Optimizer opt({}, 1);
  expect_adam_steps(opt, 0.0);
  // The first step of Adam moves every parameter by about lr, whatever the gradient scale.
  Optimizer fresh({}, 2);
  std::vector<float> q{0.0f, 0.0f};
  fresh.step(q, std::vector<float>{1e-3f, 1e3f}, 0.01);
  EXPECT_NEAR(q[0], -0.01, 1e-6);
  EXPECT_NEAR(q[1], -0.01, 1e-6);
}

TEST(Optimizer, AdamWeightDecayIsL2) {
  Optimizer opt({.weight_decay = 0.1}, 1);
  std::vector<float> p{1.0f};
  opt.step(p, std::vector<float>{0.0f}, 0.01);  // the gradient is 0.1 * 1: a full lr step
  EXPECT_NEAR(p[0], 0.99, 1e-6);
}

// torch.optim.AdamW: p *= 1 - lr wd, then Adam's step without decay in the gradient.
TEST(Optimizer, AdamWDecaysTheWeightsApartFromTheGradient) {
  Optimizer opt({.kind = OptimizerKind::AdamW, .weight_decay = 0.1}, 1);
  std::vector<float> p{1.0f};
  opt.step(p, std::vector<float>{0.0f}, 0.01);  // a zero gradient: only the decay moves it
  EXPECT_NEAR(p[0], 1.0 - 0.01 * 0.1, 1e-7);
  Optimizer adamw({.kind = OptimizerKind::AdamW, .weight_decay = 0.05}, 1);
  expect_adam_steps(adamw, 0.05);
}

TEST(Optimizer, ReportsNonFiniteParameters) {
  Optimizer opt({.kind = OptimizerKind::Sgd}, 3);
  std::vector<float> p{1.0f, 2.0f, 3.0f};
  EXPECT_TRUE(opt.step(p, std::vector<float>{1.0f, 1.0f, 1.0f}, 1.0));
  EXPECT_FALSE(
      opt.step(p, std::vector<float>{0.0f, std::numeric_limits<float>::infinity(), 0.0f}, 1.0));
  Optimizer adam({}, 1);
  std::vector<float> q{1.0f};
  EXPECT_FALSE(adam.step(q, std::vector<float>{std::numeric_limits<float>::quiet_NaN()}, 1.0));
}

TEST(Optimizer, CosineSchedule) {
  EXPECT_DOUBLE_EQ(cosine_lr(0.1, 0, 100), 0.1);
  EXPECT_NEAR(cosine_lr(0.1, 50, 100), 0.05, 1e-12);
  EXPECT_NEAR(cosine_lr(0.1, 25, 100), 0.05 * (1 + std::cos(std::numbers::pi / 4)), 1e-12);
  EXPECT_NEAR(cosine_lr(0.1, 100, 100), 0.0, 1e-12);
}

TEST(Optimizer, WarmupThenCosine) {
  const Schedule warm_cosine{.cosine = true, .warmup_steps = 4};
  EXPECT_DOUBLE_EQ(scheduled_lr(0.1, warm_cosine, 0, 104), 0.025);
  EXPECT_DOUBLE_EQ(scheduled_lr(0.1, warm_cosine, 3, 104), 0.1);
  EXPECT_DOUBLE_EQ(scheduled_lr(0.1, warm_cosine, 4, 104), 0.1);
  EXPECT_NEAR(scheduled_lr(0.1, warm_cosine, 54, 104), 0.05, 1e-12);
  EXPECT_NEAR(scheduled_lr(0.1, warm_cosine, 104, 104), 0.0, 1e-12);
  const Schedule warm_only{.warmup_steps = 2};
  EXPECT_DOUBLE_EQ(scheduled_lr(0.1, warm_only, 0, 10), 0.05);
  EXPECT_DOUBLE_EQ(scheduled_lr(0.1, warm_only, 9, 10), 0.1);
  EXPECT_DOUBLE_EQ(scheduled_lr(0.1, Schedule{.cosine = true}, 5, 10), cosine_lr(0.1, 5, 10));
  EXPECT_DOUBLE_EQ(scheduled_lr(0.1, Schedule{}, 7, 10), 0.1);
}

}  // namespace
}  // namespace actsearch::nn
