// The Program adapter: parameters and names, equality with nn's built-in SiLU, gradients of
// a whole MLP against finite differences, and a learnable beta that trains.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "grammar/parse.hpp"
#include "nn/activation.hpp"
#include "nn/data/dataset.hpp"
#include "nn/data/task.hpp"
#include "nn/model.hpp"
#include "nn/random.hpp"
#include "nn/trainer.hpp"
#include "search/train/program_activation.hpp"

namespace actsearch::search {
namespace {

ProgramActivation activation_of(std::string_view text) {
  return ProgramActivation(grammar::parse(text), std::string(text));
}

TEST(ProgramActivation, ParametersNamesAndInitialValues) {
  const ProgramActivation a = activation_of("x*sigmoid(beta=0.5*x) + beta1*x");
  EXPECT_EQ(a.name(), "x*sigmoid(beta=0.5*x) + beta1*x");
  EXPECT_EQ(a.num_params(), 2);
  EXPECT_EQ(a.initial_params(), (std::vector<float>{0.5f, 1.0f}));
  EXPECT_EQ(a.param_names(), (std::vector<std::string>{"beta", "beta1"}));
  const ProgramActivation fixed = activation_of("tanh(x)");
  EXPECT_EQ(fixed.num_params(), 0);
  EXPECT_TRUE(fixed.initial_params().empty());
}

TEST(ProgramActivation, MatchesBuiltinSilu) {
  const ProgramActivation program = activation_of("x*sigmoid(x)");
  const auto builtin = nn::make_builtin("silu");
  std::vector<float> x;
  for (int i = -800; i <= 800; ++i) x.push_back(static_cast<float>(i) / 100.0f);
  const std::size_t n = x.size();
  std::vector<float> y1(n), d1(n), y2(n), d2(n);
  program.forward(x, {}, y1, d1, {});
  builtin->forward(x, {}, y2, d2, {});
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_NEAR(y1[i], y2[i], 1e-6 * (1 + std::abs(y2[i]))) << "x = " << x[i];
    EXPECT_NEAR(d1[i], d2[i], 1e-6 * (1 + std::abs(d2[i]))) << "x = " << x[i];
  }
}

TEST(ProgramActivation, ClonesComputeTheSame) {
  const ProgramActivation a = activation_of("x*sigmoid(beta*x)");
  const auto b = a.clone();
  const std::vector<float> x{-2.0f, 0.5f, 3.0f}, p{1.5f};
  std::vector<float> y1(3), d1(3), g1(3), y2(3), d2(3), g2(3);
  a.forward(x, p, y1, d1, g1);
  b->forward(x, p, y2, d2, g2);
  EXPECT_EQ(y1, y2);
  EXPECT_EQ(d1, d2);
  EXPECT_EQ(g1, g2);
  EXPECT_EQ(b->param_names(), a.param_names());
}

// L = sum(R .* model(x)): backward(R) gives dL/dparams, compared with central differences
// for every weight, bias and beta.
TEST(ProgramActivation, MlpGradientsMatchFiniteDifferences) {
  const ProgramActivation act = activation_of("x*sigmoid(beta=0.7*x) + beta1*sin(x)");
  nn::ModelConfig config;
  config.inputs = 3;
  config.outputs = 2;
  config.depth = 2;
  config.width = 5;
  nn::Model model(config, act);
  model.initialize(nn::Init::TorchDefault, 7);
  model.reserve(4);
  nn::Rng rng(11);
  Eigen::MatrixXf x(3, 4), r(2, 4);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.uniform(-2, 2));
  for (Eigen::Index i = 0; i < r.size(); ++i) r.data()[i] = static_cast<float>(rng.uniform(-1, 1));
  auto loss = [&] {
    const nn::ConstMatrixView out = model.forward(nn::ConstMatrixView(x.data(), 3, 4));
    return static_cast<double>((r.array() * out.array()).sum());
  };
  loss();
  model.zero_grad();
  model.backward(nn::ConstMatrixView(r.data(), 2, 4));
  const std::vector<float> grads(model.grads().begin(), model.grads().end());
  const std::span<float> params = model.params();
  constexpr float kStep = 1e-3f;
  int checked = 0;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const float saved = params[i];
    params[i] = saved + kStep;
    const double up = loss();
    params[i] = saved - kStep;
    const double down = loss();
    params[i] = saved;
    const double fd = (up - down) / (2.0 * kStep);
    EXPECT_NEAR(grads[i], fd, 2e-3 * (1 + std::abs(fd))) << "parameter " << i;
    checked += fd != 0.0;
  }
  EXPECT_GT(checked, 40);
  const auto learned = model.learned_activations();
  ASSERT_EQ(learned.size(), 2u);
  EXPECT_EQ(learned[0].params, (std::vector<float>{0.7f, 1.0f}));
}

TEST(ProgramActivation, LearnableBetaTrains) {
  nn::TaskSpec spec = nn::parse_task("moons");
  spec.train = 256;
  spec.val = 128;
  const nn::Split data = nn::load_task(spec);
  nn::ModelConfig config;
  config.inputs = 2;
  config.outputs = 2;
  config.depth = 2;
  config.width = 8;
  nn::Model model(config, activation_of("x*sigmoid(beta*x)"));
  nn::TrainConfig train;
  train.epochs = 3;
  train.batch = 32;
  train.lr = 0.01;
  const nn::TrainResult result = nn::train(model, data.train, data.val, train);
  EXPECT_EQ(result.status, nn::TrainStatus::Ok);
  ASSERT_EQ(result.activations.size(), 2u);
  for (const nn::LearnedActivation& layer : result.activations) {
    EXPECT_EQ(layer.param_names, (std::vector<std::string>{"beta"}));
    ASSERT_EQ(layer.params.size(), 1u);
    EXPECT_GT(std::abs(layer.params[0] - 1.0f), 1e-3f);
  }
}

}  // namespace
}  // namespace actsearch::search
