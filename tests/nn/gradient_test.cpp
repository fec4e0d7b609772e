// Numeric-vs-analytic gradient checks: dense and activation layers, the MLP (plain and
// residual, shared and per-channel activation parameters) and the losses.
#include <gtest/gtest.h>

#include <functional>

#include "nn/activation_layer.hpp"
#include "nn/conv.hpp"
#include "nn/dense.hpp"
#include "nn/loss.hpp"
#include "nn/model.hpp"
#include "nn/norm.hpp"
#include "tests/nn/nn_testing.hpp"

namespace actsearch::nn {
namespace {

using testing::random_matrix;

constexpr float kStep = 1e-3f;

// Central difference of `loss` with respect to v[i], in float as the network runs.
double numeric(float& v, const std::function<double()>& loss) {
  const float saved = v;
  v = saved + kStep;
  const double up = loss();
  v = saved - kStep;
  const double down = loss();
  v = saved;
  return (up - down) / (2.0 * static_cast<double>(kStep));
}

void expect_close(double analytic, double fd, const std::string& what) {
  EXPECT_NEAR(analytic, fd, 2e-3 * (1 + std::abs(fd))) << what;
}

// L = sum(R .* layer(x)): dL/dout = R, so backward(R) must give dL/dparams and dL/dx.
void check_layer(Layer& layer, Eigen::MatrixXf x, std::uint64_t seed) {
  Rng rng(seed);
  const Eigen::Index b = x.cols();
  Eigen::VectorXf params = Eigen::VectorXf::Zero(layer.num_params());
  Eigen::VectorXf grads = Eigen::VectorXf::Zero(layer.num_params());
  layer.bind(params.data(), grads.data());
  layer.reserve(b);
  if (auto* dense = dynamic_cast<Dense*>(&layer)) dense->initialize(Init::TorchDefault, rng);
  if (auto* act = dynamic_cast<ActivationLayer*>(&layer)) act->initialize();
  if (auto* conv = dynamic_cast<Conv2d*>(&layer)) conv->initialize(Init::TorchDefault, rng);
  if (dynamic_cast<Norm*>(&layer) != nullptr) {
    for (float& p : params) p = static_cast<float>(rng.uniform(0.5, 1.5));  // gamma, beta
  }
  const Eigen::MatrixXf r = random_matrix(layer.outputs(), b, rng);
  Eigen::MatrixXf out(layer.outputs(), b);
  auto loss = [&] {
    layer.forward(ConstMatrixView(x.data(), x.rows(), b), MatrixView(out.data(), out.rows(), b));
    return static_cast<double>((r.array() * out.array()).sum());
  };
  loss();
  Eigen::MatrixXf gx(layer.inputs(), b);
  MatrixView gx_view(gx.data(), gx.rows(), b);
  layer.backward(ConstMatrixView(x.data(), x.rows(), b), ConstMatrixView(r.data(), r.rows(), b),
                 &gx_view);
  for (Eigen::Index i = 0; i < params.size(); ++i) {
    expect_close(grads[i], numeric(params[i], loss), "param " + std::to_string(i));
  }
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    expect_close(gx.data()[i], numeric(x.data()[i], loss), "input " + std::to_string(i));
  }
}

TEST(Gradients, Dense) {
  Rng rng(1);
  Dense dense(5, 4);
  check_layer(dense, random_matrix(5, 3, rng), 2);
}

TEST(Gradients, Conv2d) {
  Rng rng(11);
  Conv2d same({.in_channels = 2, .out_channels = 3, .height = 4, .width = 4});
  check_layer(same, random_matrix(same.inputs(), 2, rng), 12);
  // Stride 2 on an odd size: the last row and column are read by one patch only.
  Conv2d halving(
      {.in_channels = 2, .out_channels = 2, .height = 5, .width = 5, .stride = 2, .bias = false});
  check_layer(halving, random_matrix(halving.inputs(), 2, rng), 13);
}

TEST(Gradients, GlobalAvgPool) {
  Rng rng(14);
  GlobalAvgPool pool(3, 4);
  check_layer(pool, random_matrix(12, 2, rng), 15);
}

// Batch norm while training: every output depends on the whole batch (and, after a conv
// layer, on every position of its channel).
TEST(Gradients, BatchNormTraining) {
  Rng rng(3);
  Norm dense(NormKind::Batch, 4, 1);
  check_layer(dense, random_matrix(4, 5, rng), 4);
  Norm conv(NormKind::Batch, 3, 4);
  check_layer(conv, random_matrix(12, 3, rng), 5);
}

TEST(Gradients, BatchNormEvaluation) {
  Rng rng(6);
  Norm norm(NormKind::Batch, 3, 2);
  Eigen::VectorXf params(norm.num_params()), grads(norm.num_params());
  norm.bind(params.data(), grads.data());
  norm.reserve(4);
  norm.initialize();
  const Eigen::MatrixXf x = random_matrix(6, 4, rng);
  Eigen::MatrixXf out(6, 4);
  norm.forward(ConstMatrixView(x.data(), 6, 4), MatrixView(out.data(), 6, 4));  // running stats
  norm.set_training(false);
  check_layer(norm, random_matrix(6, 4, rng), 7);
}

TEST(Gradients, LayerNorm) {
  Rng rng(8);
  Norm dense(NormKind::Layer, 5, 1);
  check_layer(dense, random_matrix(5, 3, rng), 9);
  Norm conv(NormKind::Layer, 2, 4);
  check_layer(conv, random_matrix(8, 3, rng), 10);
}

// Inputs at least 0.01 away from every kink of the built-ins (and PWLU's initial knots,
// the multiples of 0.375).
Eigen::MatrixXf away_from_kinks(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  Eigen::MatrixXf x(rows, cols);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    double v;
    do {
      v = rng.uniform(-4, 4);
    } while (std::abs(v - 0.375 * std::round(v / 0.375)) < 0.01 ||
             std::abs(std::abs(v) - 1) < 0.01);
    x.data()[i] = static_cast<float>(v);
  }
  return x;
}

TEST(Gradients, EveryBuiltinActivationLayer) {
  for (const std::string& name : builtin_names()) {
    for (bool per_channel : {false, true}) {
      SCOPED_TRACE(name + (per_channel ? " per channel" : " shared"));
      Rng rng(3);
      ActivationLayer layer(make_builtin(name), 4, per_channel);
      check_layer(layer, away_from_kinks(4, 3, rng), 4);
    }
  }
}

TEST(Gradients, ActivationLayerSpanningSeveralBlocks) {
  Rng rng(5);
  ActivationLayer layer(make_swish(0.7f, true), 3, false);
  // 3 x 400 = 1200 values: two full blocks of kBlock and a partial one.
  static_assert(ActivationLayer::kBlock < 600);
  const Eigen::MatrixXf x = random_matrix(3, 400, rng, 3.0);
  std::vector<float> params(1, 0.7f), grads(1, 0.0f);
  layer.bind(params.data(), grads.data());
  layer.reserve(400);
  Eigen::MatrixXf out(3, 400), gx(3, 400);
  const Eigen::MatrixXf r = random_matrix(3, 400, rng);
  layer.forward(ConstMatrixView(x.data(), 3, 400), MatrixView(out.data(), 3, 400));
  MatrixView gx_view(gx.data(), 3, 400);
  layer.backward(ConstMatrixView(x.data(), 3, 400), ConstMatrixView(r.data(), 3, 400), &gx_view);
  double expected = 0;  // sum of r * d(x sigmoid(beta x))/dbeta = r * x^2 s (1 - s)
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double v = x.data()[i], s = 1 / (1 + std::exp(-0.7 * v));
    expected += r.data()[i] * v * v * s * (1 - s);
  }
  EXPECT_NEAR(grads[0], expected, 1e-4 * std::abs(expected));
}

// The model's cross-entropy as a function of its own parameters and input.
void check_model(const ModelConfig& config, const Activation& act) {
  Model model(config, act);
  model.initialize(Init::TorchDefault, 7);
  Rng rng(8);
  // Every parameter moved off its initial value, so per-channel activation sets differ.
  for (float& p : model.params()) p += static_cast<float>(rng.uniform(-0.2, 0.2));
  const Eigen::Index b = 5;
  model.reserve(b);
  Eigen::MatrixXf x = random_matrix(config.inputs, b, rng);
  std::vector<std::int32_t> labels{0, 2, 1, 1, 0};
  Eigen::MatrixXf g(config.outputs, b);
  auto loss = [&] {
    MatrixView gv(g.data(), g.rows(), b);
    return softmax_cross_entropy(model.forward(ConstMatrixView(x.data(), x.rows(), b)), labels, &gv,
                                 nullptr);
  };
  loss();
  model.zero_grad();
  model.backward(ConstMatrixView(g.data(), g.rows(), b));
  const std::vector<float> analytic(model.grads().begin(), model.grads().end());
  for (std::size_t i = 0; i < analytic.size(); ++i) {
    expect_close(analytic[i], numeric(model.params()[i], loss), "param " + std::to_string(i));
  }
}

TEST(Gradients, MlpWithNorms) {
  check_model({.inputs = 3, .outputs = 3, .norm = NormKind::Batch, .depth = 2, .width = 4},
              *make_builtin("tanh"));
  check_model({.inputs = 4,
               .outputs = 3,
               .norm = NormKind::Layer,
               .depth = 3,
               .width = 4,
               .residual = true},
              *make_builtin("gelu"));
}

// Three stages on 1 x 4 x 4 images (4 x 4, 2 x 2, 1 x 1), each with a residual basic block.
TEST(Gradients, ConvNets) {
  for (const NormKind norm : {NormKind::Batch, NormKind::Layer, NormKind::None}) {
    SCOPED_TRACE(static_cast<int>(norm));
    check_model({.inputs = 16,
                 .outputs = 3,
                 .net = NetKind::Cnn,
                 .norm = norm,
                 .channels = 2,
                 .blocks = 2,
                 .image = {.channels = 1, .height = 4, .width = 4}},
                *make_builtin("tanh"));
  }
  // Learnable parameters per channel: each channel's block of H * W values shares them.
  check_model({.inputs = 16,
               .outputs = 3,
               .net = NetKind::Cnn,
               .norm = NormKind::Batch,
               .per_channel = true,
               .channels = 2,
               .blocks = 2,
               .image = {.channels = 1, .height = 4, .width = 4}},
              *make_swish(1.0f, true));
}

TEST(Gradients, MlpPlain) {
  check_model({.inputs = 3, .outputs = 3, .depth = 3, .width = 4}, *make_builtin("tanh"));
}

TEST(Gradients, MlpResidual) {
  // inputs == width: the first block is residual too.
  check_model({.inputs = 4, .outputs = 3, .depth = 3, .width = 4, .residual = true},
              *make_builtin("gelu"));
  check_model({.inputs = 3, .outputs = 3, .depth = 2, .width = 4, .residual = true},
              *make_builtin("tanh"));
}

TEST(Gradients, MlpLearnableActivations) {
  check_model({.inputs = 3, .outputs = 3, .depth = 2, .width = 4}, *make_swish(1.0f, true));
  check_model({.inputs = 3, .outputs = 3, .depth = 2, .width = 4, .per_channel = true},
              *make_swish(1.0f, true));
}

TEST(Gradients, LinearModel) {
  check_model({.inputs = 3, .outputs = 3, .depth = 0, .width = 4}, *make_builtin("relu"));
}

// Loss gradients with respect to the outputs.
void check_loss(const std::function<double(MatrixView*)>& loss, Eigen::MatrixXf& out) {
  Eigen::MatrixXf g(out.rows(), out.cols());
  MatrixView gv(g.data(), g.rows(), g.cols());
  loss(&gv);
  for (Eigen::Index i = 0; i < out.size(); ++i) {
    expect_close(g.data()[i], numeric(out.data()[i], [&] { return loss(nullptr); }),
                 "output " + std::to_string(i));
  }
}

TEST(Gradients, Losses) {
  Rng rng(9);
  Eigen::MatrixXf out = random_matrix(4, 6, rng, 3.0);
  const Eigen::MatrixXf targets = random_matrix(4, 6, rng);
  const std::vector<std::int32_t> labels{0, 3, 2, 1, 1, 0};
  auto view = [&] { return ConstMatrixView(out.data(), 4, 6); };
  check_loss([&](MatrixView* g) { return softmax_cross_entropy(view(), labels, g, nullptr); }, out);
  check_loss(
      [&](MatrixView* g) {
        return mean_squared_error(view(), ConstMatrixView(targets.data(), 4, 6), g);
      },
      out);
  check_loss([&](MatrixView* g) { return mean_squared_error_one_hot(view(), labels, g, nullptr); },
             out);
}

TEST(Losses, CrossEntropyIsStableAndCountsHits) {
  Eigen::MatrixXf logits(2, 3);
  logits << 1000, 0, 0, -1000, 0, 0;
  std::int64_t correct = 0;
  const double loss = softmax_cross_entropy(ConstMatrixView(logits.data(), 2, 3),
                                            std::vector<std::int32_t>{1, 0, 1}, nullptr, &correct);
  // Sample losses: 2000 + log(1 + e^-2000) = 2000, then log 2 twice (a tie predicts class 0).
  EXPECT_NEAR(loss, (2000 + 2 * std::log(2.0)) / 3, 1e-4);
  EXPECT_EQ(correct, 1);
}

TEST(Losses, MeanSquaredErrorAveragesAllElements) {
  Eigen::MatrixXf out(2, 2), t(2, 2);
  out << 1, 2, 3, 4;
  t << 0, 0, 0, 0;
  EXPECT_DOUBLE_EQ(mean_squared_error(ConstMatrixView(out.data(), 2, 2),
                                      ConstMatrixView(t.data(), 2, 2), nullptr),
                   (1 + 4 + 9 + 16) / 4.0);
}

}  // namespace
}  // namespace actsearch::nn
