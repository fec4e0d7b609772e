// The model's flat buffers, initialisations and accumulation contract.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "grammar/base/error.hpp"
#include "nn/activation.hpp"
#include "nn/model.hpp"
#include "tests/nn/nn_testing.hpp"

namespace actsearch::nn {
namespace {

const ModelConfig kW1{.inputs = 784, .outputs = 10, .depth = 4, .width = 128};

TEST(Model, CountsLikeTorch) {
  const Model m(kW1, *make_builtin("relu"));
  EXPECT_EQ(m.num_params(), 151306);  // torch_mlp.py's "params" for W1
  EXPECT_EQ(m.macs_per_sample(), 150784);
  Model p(kW1, *make_builtin("prelu"));
  EXPECT_EQ(p.num_params(), 151306 + 4);
}

// torch_cnn.py's networks: parameters as PyTorch counts them (running statistics are not
// parameters) and its MACs per sample.
TEST(Model, CountsLikeTorchForNormalisedAndConvNets) {
  const ModelConfig fashion_cnn{.inputs = 784,
                                .outputs = 10,
                                .net = NetKind::Cnn,
                                .norm = NormKind::Batch,
                                .channels = 16,
                                .blocks = 1,
                                .image = {.channels = 1, .height = 28, .width = 28}};
  const Model one(fashion_cnn, *make_builtin("relu"));
  EXPECT_EQ(one.num_params(), 24058);
  EXPECT_EQ(one.macs_per_sample(), 1919872);
  ModelConfig residual = fashion_cnn;
  residual.blocks = 2;
  const Model two(residual, *make_builtin("relu"));
  EXPECT_EQ(two.num_params(), 121274);
  EXPECT_EQ(two.macs_per_sample(), 12757888);
  ModelConfig plain = fashion_cnn;
  plain.norm = NormKind::None;
  plain.channels = 8;
  plain.blocks = 2;
  EXPECT_EQ(Model(plain, *make_builtin("relu")).num_params(), 30522);
  ModelConfig mlp = kW1;
  mlp.norm = NormKind::Layer;
  mlp.residual = true;
  const Model normalised(mlp, *make_builtin("relu"));
  EXPECT_EQ(normalised.num_params(), 151818);
  EXPECT_EQ(normalised.macs_per_sample(), 150784);
}

TEST(Model, ConvNetsNeedImages) {
  ModelConfig c{.inputs = 784, .outputs = 10, .net = NetKind::Cnn, .image = {1, 28, 28}};
  EXPECT_NO_THROW(Model(c, *make_builtin("relu")));
  c.image = {1, 28, 27};
  EXPECT_THROW(Model(c, *make_builtin("relu")), Error);
  c.image = {1, 28, 28};
  c.blocks = 0;
  EXPECT_THROW(Model(c, *make_builtin("relu")), Error);
}

TEST(Model, ConvNetsLearnActivationParametersPerChannel) {
  const ModelConfig c{.inputs = 16,
                      .outputs = 2,
                      .net = NetKind::Cnn,
                      .per_channel = true,
                      .channels = 3,
                      .blocks = 2,
                      .image = {1, 4, 4}};
  Model m(c, *make_builtin("prelu"));
  m.initialize(Init::TorchDefault, 1);
  const std::vector<LearnedActivation> learned = m.learned_activations();
  ASSERT_EQ(learned.size(), 3u * 3u);  // per stage: after the conv, inside and after the block
  EXPECT_EQ(learned[0].channels, 3);
  EXPECT_EQ(learned[8].channels, 12);
  EXPECT_EQ(learned[8].params, std::vector<float>(12, 0.25f));
}

TEST(Model, LayersViewOneAlignedBuffer) {
  Model m({.inputs = 3, .outputs = 2, .depth = 2, .width = 5}, *make_builtin("swish"));
  const float* base = m.params().data();
  for (int l = 0; l <= m.depth(); ++l) {
    const float* w = m.dense(l).weight().data();
    EXPECT_GE(w, base);
    EXPECT_LT(w, base + m.params().size());
    EXPECT_EQ((w - base) % 16, 0) << "layer " << l;
  }
  EXPECT_EQ(m.activation(1).params().data() - base < static_cast<std::ptrdiff_t>(m.params().size()),
            true);
  EXPECT_EQ(m.grads().size(), m.params().size());
  EXPECT_THROW(Model({.inputs = 0, .outputs = 2}, *make_builtin("relu")), Error);
  EXPECT_THROW(Model({.inputs = 2, .outputs = 2, .depth = -1}, *make_builtin("relu")), Error);
}

TEST(Model, InitialisationsHaveTheirScales) {
  Model m({.inputs = 400, .outputs = 100, .depth = 0}, *make_builtin("relu"));
  auto w = m.dense(0).weight();
  m.initialize(Init::TorchDefault, 1);
  EXPECT_LE(w.cwiseAbs().maxCoeff(), 1 / std::sqrt(400.0f));
  EXPECT_GT(w.cwiseAbs().maxCoeff(), 0.99f / std::sqrt(400.0f));
  EXPECT_NE(m.dense(0).bias().cwiseAbs().maxCoeff(), 0.0f);
  m.initialize(Init::Glorot, 1);
  EXPECT_LE(w.cwiseAbs().maxCoeff(), std::sqrt(6.0f / 500));
  EXPECT_GT(w.cwiseAbs().maxCoeff(), 0.99f * std::sqrt(6.0f / 500));
  EXPECT_EQ(m.dense(0).bias().cwiseAbs().maxCoeff(), 0.0f);
  m.initialize(Init::He, 1);
  const double var = w.squaredNorm() / static_cast<double>(w.size());
  EXPECT_NEAR(var, 2.0 / 400, 0.05 * 2.0 / 400);
  EXPECT_NEAR(w.mean(), 0.0, 0.003);
}

TEST(Model, SameSeedSameParameters) {
  Model a(kW1, *make_builtin("relu")), b(kW1, *make_builtin("relu"));
  a.initialize(Init::TorchDefault, 3);
  b.initialize(Init::TorchDefault, 3);
  EXPECT_TRUE(std::equal(a.params().begin(), a.params().end(), b.params().begin()));
  b.initialize(Init::TorchDefault, 4);
  EXPECT_FALSE(std::equal(a.params().begin(), a.params().end(), b.params().begin()));
}

TEST(Model, BackwardAddsIntoGradients) {
  Model m({.inputs = 3, .outputs = 2, .depth = 2, .width = 4}, *make_builtin("tanh"));
  m.initialize(Init::TorchDefault, 1);
  m.reserve(4);
  Rng rng(2);
  const Eigen::MatrixXf x = testing::random_matrix(3, 4, rng);
  const Eigen::MatrixXf g = testing::random_matrix(2, 4, rng);
  m.forward(ConstMatrixView(x.data(), 3, 4));
  m.zero_grad();
  m.backward(ConstMatrixView(g.data(), 2, 4));
  const std::vector<float> once(m.grads().begin(), m.grads().end());
  m.backward(ConstMatrixView(g.data(), 2, 4));
  for (std::size_t i = 0; i < once.size(); ++i) {
    EXPECT_NEAR(m.grads()[i], 2 * once[i], 1e-6 * (1 + std::abs(once[i])));
  }
  m.zero_grad();
  for (float v : m.grads()) EXPECT_EQ(v, 0.0f);
}

TEST(Model, PartialBatchesMatchFullOnes) {
  Model m({.inputs = 3, .outputs = 2, .depth = 2, .width = 4, .residual = true},
          *make_builtin("gelu"));
  m.initialize(Init::TorchDefault, 1);
  m.reserve(8);
  Rng rng(2);
  const Eigen::MatrixXf x = testing::random_matrix(3, 8, rng);
  const Eigen::MatrixXf full = m.forward(ConstMatrixView(x.data(), 3, 8));
  const Eigen::MatrixXf part = m.forward(ConstMatrixView(x.data(), 3, 3));
  EXPECT_TRUE(part.isApprox(full.leftCols(3)));
}

TEST(Model, MovedModelKeepsItsViews) {
  Model a({.inputs = 3, .outputs = 2, .depth = 2, .width = 4}, *make_builtin("tanh"));
  a.initialize(Init::TorchDefault, 1);
  a.reserve(4);
  Rng rng(2);
  const Eigen::MatrixXf x = testing::random_matrix(3, 4, rng);
  const Eigen::MatrixXf before = a.forward(ConstMatrixView(x.data(), 3, 4));
  Model b = std::move(a);
  EXPECT_EQ(b.dense(0).weight().data(), b.params().data());
  const Eigen::MatrixXf after = b.forward(ConstMatrixView(x.data(), 3, 4));
  EXPECT_EQ(before, after);
}

TEST(Model, LearnedActivationsPerLayer) {
  Model m({.inputs = 3, .outputs = 2, .depth = 2, .width = 4, .per_channel = true},
          *make_builtin("prelu"));
  m.initialize(Init::TorchDefault, 1);
  const std::vector<LearnedActivation> learned = m.learned_activations();
  ASSERT_EQ(learned.size(), 2u);
  EXPECT_EQ(learned[0].name, "prelu");
  EXPECT_EQ(learned[0].channels, 4);
  EXPECT_EQ(learned[0].param_names, std::vector<std::string>{"a"});
  EXPECT_EQ(learned[1].params, std::vector<float>(4, 0.25f));
}

// Weights drawn before the random code was gathered into grammar/base/random.hpp: the same
// seed must start every training from the same weights, or runs would not resume.
TEST(Model, InitialWeightsArePinned) {
  ModelConfig c;
  c.inputs = 2;
  c.outputs = 2;
  c.depth = 1;
  c.width = 3;
  Model m(c, *make_builtin("relu"));
  m.initialize(Init::He, 123);
  EXPECT_EQ(m.params()[0], 0x1.e549cap-2f);
  EXPECT_EQ(m.params()[1], 0x1.c2a0bcp-1f);
  EXPECT_EQ(m.params()[2], -0x1.432104p-1f);
  m.initialize(Init::TorchDefault, 123);
  EXPECT_EQ(m.params()[0], 0x1.004842p-1f);
  EXPECT_EQ(m.params()[1], 0x1.a247eep-2f);
  EXPECT_EQ(m.params()[2], -0x1.8a59cap-3f);
}

}  // namespace
}  // namespace actsearch::nn
