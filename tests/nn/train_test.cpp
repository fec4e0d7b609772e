// End-to-end training on small generated tasks: learning, determinism, divergence,
// PWLU's statistics phase and the trainer's input checks.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "grammar/base/error.hpp"
#include "nn/trainer.hpp"
#include "tests/nn/nn_testing.hpp"

namespace actsearch::nn {
namespace {

struct Moons {
  Dataset train = testing::two_moons(1000, 0.1, 1);
  Dataset val = testing::two_moons(400, 0.1, 2);
};

const Moons& moons() {
  static const Moons m;
  return m;
}

const ModelConfig kMoonsModel{.inputs = 2, .outputs = 2, .depth = 2, .width = 32};
const TrainConfig kMoonsTraining{.epochs = 30, .batch = 32, .lr = 1e-2};

TrainResult train_moons(const Activation& act, TrainConfig config = kMoonsTraining,
                        ModelConfig model_config = kMoonsModel) {
  Model model(model_config, act);
  return train(model, moons().train, moons().val, config);
}

TEST(Train, TanhMlpLearnsTwoMoons) {
  const TrainResult r = train_moons(*make_builtin("tanh"));
  EXPECT_EQ(r.status, TrainStatus::Ok);
  EXPECT_GT(r.val_accuracy, 0.95);
  ASSERT_EQ(r.epochs.size(), 30u);
  EXPECT_LT(r.epochs.back().train_loss, r.epochs.front().train_loss);
  EXPECT_EQ(r.steps, 30 * 32);  // 1000 / 32: 31 full batches and a partial one
}

TEST(Train, ReluMlpLearnsTwoMoons) {
  EXPECT_GT(train_moons(*make_builtin("relu")).val_accuracy, 0.95);
}

TEST(Train, ResidualSgdWithCosineLearnsTwoMoons) {
  TrainConfig c = kMoonsTraining;
  c.optimizer = {.kind = OptimizerKind::Sgd, .momentum = 0.9};
  c.lr = 0.05;
  c.cosine = true;
  c.init = Init::He;
  ModelConfig m = kMoonsModel;
  m.depth = 3;
  m.residual = true;
  EXPECT_GT(train_moons(*make_builtin("relu"), c, m).val_accuracy, 0.95);
}

TEST(Train, NesterovWithWarmupAndAdamWLearnTwoMoons) {
  TrainConfig sgd = kMoonsTraining;
  sgd.optimizer = {
      .kind = OptimizerKind::Sgd, .momentum = 0.9, .nesterov = true, .weight_decay = 5e-4};
  sgd.lr = 0.05;
  sgd.cosine = true;
  sgd.warmup_epochs = 3;
  EXPECT_GT(train_moons(*make_builtin("relu"), sgd).val_accuracy, 0.95);
  TrainConfig adamw = kMoonsTraining;
  adamw.optimizer = {.kind = OptimizerKind::AdamW, .weight_decay = 0.01};
  EXPECT_GT(train_moons(*make_builtin("relu"), adamw).val_accuracy, 0.95);
}

// 6 x 6 images of one noisy bar: class 0 horizontal, class 1 vertical, at a random place.
Dataset bars(Eigen::Index n, std::uint64_t seed) {
  Rng rng(seed);
  Dataset d{.name = "bars", .x = Eigen::MatrixXf(36, n), .labels = {}, .targets = {}, .classes = 2};
  for (Eigen::Index j = 0; j < n; ++j) {
    const auto label = static_cast<std::int32_t>(rng.below(2));
    const auto at = static_cast<Eigen::Index>(rng.below(6));
    for (Eigen::Index r = 0; r < 6; ++r) {
      for (Eigen::Index c = 0; c < 6; ++c) {
        const bool on = label == 0 ? r == at : c == at;
        d.x(r * 6 + c, j) = static_cast<float>((on ? 1.0 : 0.0) + 0.3 * rng.normal());
      }
    }
    d.labels.push_back(label);
  }
  return d;
}

TEST(Train, ResidualConvNetWithBatchNormLearnsBars) {
  const Dataset train_set = bars(400, 1), val_set = bars(200, 2);
  Model model({.inputs = 36,
               .outputs = 2,
               .net = NetKind::Cnn,
               .norm = NormKind::Batch,
               .channels = 4,
               .blocks = 2,
               .image = {.channels = 1, .height = 6, .width = 6}},
              *make_builtin("relu"));
  const TrainResult r =
      train(model, train_set, val_set, {.epochs = 8, .batch = 32, .lr = 1e-2, .seed = 3});
  EXPECT_EQ(r.status, TrainStatus::Ok);
  EXPECT_GT(r.val_accuracy, 0.9);
}

// Evaluation runs on the running statistics: a single sample scores as it does in a batch.
TEST(Train, BatchNormMlpLearnsTwoMoonsAndScoresOnRunningStatistics) {
  ModelConfig m = kMoonsModel;
  m.norm = NormKind::Batch;
  Model model(m, *make_builtin("relu"));
  const TrainResult r = train(model, moons().train, moons().val, kMoonsTraining);
  EXPECT_GT(r.val_accuracy, 0.95);
  const Eigen::MatrixXf& x = moons().val.x;
  const Eigen::MatrixXf all = model.forward(ConstMatrixView(x.data(), x.rows(), 8));
  const Eigen::MatrixXf one = model.forward(ConstMatrixView(x.data(), x.rows(), 1));
  EXPECT_TRUE(one.isApprox(all.leftCols(1), 1e-6f));
}

TEST(Train, SameSeedSameResultBitForBit) {
  TrainConfig c = kMoonsTraining;
  c.epochs = 3;
  Model a(kMoonsModel, *make_builtin("swish")), b(kMoonsModel, *make_builtin("swish"));
  const TrainResult ra = train(a, moons().train, moons().val, c);
  const TrainResult rb = train(b, moons().train, moons().val, c);
  EXPECT_TRUE(std::equal(a.params().begin(), a.params().end(), b.params().begin()));
  EXPECT_EQ(ra.val_loss, rb.val_loss);
  EXPECT_EQ(ra.epochs.back().train_loss, rb.epochs.back().train_loss);
  EXPECT_EQ(ra.activations[0].params, rb.activations[0].params);
  c.seed = 1;
  const TrainResult rc = train(b, moons().train, moons().val, c);
  EXPECT_NE(ra.val_loss, rc.val_loss);
}

TEST(Train, HugeLearningRateDivergesWithoutThrowing) {
  TrainConfig c = kMoonsTraining;
  c.lr = 1e6;
  c.optimizer = {.kind = OptimizerKind::Sgd};
  const TrainResult r = train_moons(*make_builtin("relu"), c);
  EXPECT_EQ(r.status, TrainStatus::Diverged);
  EXPECT_EQ(r.val_loss, std::numeric_limits<double>::infinity());
  EXPECT_LT(r.epochs.size(), 30u);
}

// An activation that turns every value into NaN.
class NanActivation final : public Activation {
 public:
  std::string name() const override { return "nan"; }
  void forward(std::span<const float>, std::span<const float>, std::span<float> y,
               std::span<float> dydx, std::span<float>) const override {
    std::fill(y.begin(), y.end(), std::numeric_limits<float>::quiet_NaN());
    std::fill(dydx.begin(), dydx.end(), 0.0f);
  }
  std::unique_ptr<Activation> clone() const override { return std::make_unique<NanActivation>(); }
};

TEST(Train, NanActivationDivergesOnTheFirstStep) {
  const TrainResult r = train_moons(NanActivation());
  EXPECT_EQ(r.status, TrainStatus::Diverged);
  EXPECT_EQ(r.steps, 0);
  EXPECT_TRUE(r.epochs.empty());
}

TEST(Train, PwluRealignsAfterTheStatisticsEpochAndLearns) {
  for (bool per_channel : {false, true}) {
    ModelConfig m = kMoonsModel;
    m.per_channel = per_channel;
    const TrainResult r = train_moons(*make_builtin("pwlu"), kMoonsTraining, m);
    EXPECT_EQ(r.status, TrainStatus::Ok);
    EXPECT_GT(r.val_accuracy, 0.95) << per_channel;
    ASSERT_EQ(r.activations.size(), 2u);
    EXPECT_EQ(r.activations[0].channels, per_channel ? 32 : 1);
    const std::vector<float>& p = r.activations[0].params;
    EXPECT_NE(p[0], -3.0f);  // left bound moved from its initial value
    EXPECT_LT(p[0], p[1]);
  }
}

TEST(Train, RegressionWithMse) {
  const Dataset train_set = testing::sine(400, 1), val_set = testing::sine(100, 2);
  Model model({.inputs = 1, .outputs = 1, .depth = 2, .width = 16}, *make_builtin("tanh"));
  const TrainResult r = train(model, train_set, val_set, {.epochs = 60, .batch = 16, .lr = 1e-2});
  EXPECT_EQ(r.status, TrainStatus::Ok);
  EXPECT_LT(r.val_loss, 0.01);  // the variance of sin(3x) is about 0.5
  EXPECT_TRUE(std::isnan(r.val_accuracy));
}

TEST(Train, MseOnClassesUsesOneHotTargets) {
  TrainConfig c = kMoonsTraining;
  c.loss = LossKind::MeanSquared;
  EXPECT_GT(train_moons(*make_builtin("tanh"), c).val_accuracy, 0.95);
}

TEST(Train, EvaluationOnlyAtTheEndWhenAsked) {
  TrainConfig c = kMoonsTraining;
  c.epochs = 2;
  c.evaluate_every_epoch = false;
  const TrainResult r = train_moons(*make_builtin("relu"), c);
  EXPECT_TRUE(std::isnan(r.epochs[0].val_loss));
  EXPECT_FALSE(std::isnan(r.epochs[1].val_loss));
  EXPECT_EQ(r.val_loss, r.epochs[1].val_loss);
}

TEST(Train, RejectsBadInput) {
  Model model(kMoonsModel, *make_builtin("relu"));
  TrainConfig c = kMoonsTraining;
  c.batch = 0;
  EXPECT_THROW(train(model, moons().train, moons().val, c), Error);
  c = kMoonsTraining;
  c.warmup_epochs = -1;
  EXPECT_THROW(train(model, moons().train, moons().val, c), Error);
  c = kMoonsTraining;
  c.optimizer = {.kind = OptimizerKind::Sgd, .nesterov = true};
  EXPECT_THROW(train(model, moons().train, moons().val, c), Error);
  Dataset wrong = moons().train;
  wrong.labels[3] = 2;
  try {
    train(model, wrong, moons().val, kMoonsTraining);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "data set 'moons': label 2 outside [0, 2)");
  }
  Model three({.inputs = 3, .outputs = 2}, *make_builtin("relu"));
  EXPECT_THROW(train(three, moons().train, moons().val, kMoonsTraining), Error);
  c = kMoonsTraining;
  c.loss = LossKind::CrossEntropy;
  Model one({.inputs = 1, .outputs = 1}, *make_builtin("relu"));
  EXPECT_THROW(train(one, testing::sine(10, 1), testing::sine(10, 2), c), Error);
}

TEST(Evaluate, ChunksDoNotChangeTheFigures) {
  Model model(kMoonsModel, *make_builtin("tanh"));
  model.initialize(Init::TorchDefault, 0);
  const Evaluation a = evaluate(model, moons().val, LossKind::Auto, 400);
  const Evaluation b = evaluate(model, moons().val, LossKind::Auto, 7);
  EXPECT_NEAR(a.loss, b.loss, 1e-6);
  EXPECT_EQ(a.accuracy, b.accuracy);
}

}  // namespace
}  // namespace actsearch::nn
