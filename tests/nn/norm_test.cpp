// Norm against PyTorch 1.13 (BatchNorm2d, GroupNorm(1, C)) on fixed inputs: outputs, input
// and parameter gradients, running statistics and evaluation mode. The expected values are
// PyTorch's, in double, printed by tests/nn/norm_reference.py (run it with /usr/bin/python3
// to see them again); the gradient checks against finite differences are in
// tests/nn/gradient_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "grammar/base/error.hpp"
#include "nn/norm.hpp"
#include "tests/nn/nn_testing.hpp"

namespace actsearch::nn {
namespace {

constexpr Eigen::Index kChannels = 2, kSpatial = 4, kBatch = 3;  // 2 channels of 2x2, 3 images

// The reference script's inputs: row r of sample j (row c * 4 + s is channel c, position s).
Eigen::MatrixXf input() {
  Eigen::MatrixXf x(kChannels * kSpatial, kBatch);
  for (Eigen::Index j = 0; j < kBatch; ++j) {
    for (Eigen::Index r = 0; r < x.rows(); ++r)
      x(r, j) = static_cast<float>(std::sin(0.7 * r + 1.1 * j) * 2 + 0.3);
  }
  return x;
}

// dL/dout of L = sum(R .* out).
Eigen::MatrixXf upstream() {
  Eigen::MatrixXf g(kChannels * kSpatial, kBatch);
  for (Eigen::Index j = 0; j < kBatch; ++j) {
    for (Eigen::Index r = 0; r < g.rows(); ++r)
      g(r, j) = static_cast<float>(std::cos(0.3 * r * j + 0.5));
  }
  return g;
}

struct Bound {
  Norm norm;
  Eigen::VectorXf params, grads;

  explicit Bound(NormKind kind) : norm(kind, kChannels, kSpatial), params(4), grads(4) {
    norm.bind(params.data(), grads.data());
    norm.reserve(kBatch);
    norm.initialize();
    params << 1.0f, 1.1f, 0.0f, 0.05f;  // gamma_c = 1 + 0.1 c, beta_c = 0.05 c
    grads.setZero();
  }

  Eigen::MatrixXf forward(const Eigen::MatrixXf& x) {
    Eigen::MatrixXf out(x.rows(), x.cols());
    norm.forward(ConstMatrixView(x.data(), x.rows(), x.cols()),
                 MatrixView(out.data(), out.rows(), out.cols()));
    return out;
  }

  Eigen::MatrixXf backward(const Eigen::MatrixXf& x, const Eigen::MatrixXf& g) {
    Eigen::MatrixXf gx(x.rows(), x.cols());
    MatrixView gx_view(gx.data(), gx.rows(), gx.cols());
    norm.backward(ConstMatrixView(x.data(), x.rows(), x.cols()),
                  ConstMatrixView(g.data(), g.rows(), g.cols()), &gx_view);
    return gx;
  }
};

TEST(Norm, BatchNormMatchesPyTorchWhileTraining) {
  Bound b(NormKind::Batch);
  const Eigen::MatrixXf x = input();
  testing::expect_pytorchs(
      b.forward(x).data(),
      {-0.6439795291, 0.4413178992, 1.016182989,   0.8102477053,  1.615532587,  0.2371984409,
       -0.8095442059, -1.032395931, 0.8574152247,  0.9966372225,  0.3642515266, -0.7423209888,
       -0.4401046603, -1.05498401,  -0.7305382639, 0.3806406749,  0.718074145,  -0.2409221669,
       -1.389482654,  -2.187421373, -0.9851062475, -0.1645858786, 1.176491433,  2.407396072},
      "y");
  testing::expect_pytorchs(
      b.backward(x, upstream()).data(),
      {0.5300105726,  0.1439036295,   -0.06061118522,  0.01265264152,   0.8483946688,
       0.9555178305,  1.036869934,    1.054189813,     -0.004127741672, -0.2060160687,
       -0.1858188061, -0.03105433184, -0.003253171745, -0.2441901414,   -0.520773572,
       -0.798690197,  0.04544443729,  0.02947864022,   -0.05251943192,  -0.2213423556,
       -0.8071795482, -0.8362774981,  -0.5770816679,   -0.1075264502},
      "dx");
  testing::expect_pytorchs(b.grads.data(), {5.068202393, 1.020839916}, "dgamma");
  testing::expect_pytorchs(b.grads.data() + kChannels, {6.244240951, -1.05245332}, "dbeta");
}

TEST(Norm, ATrainingStepLeavesTheRunningStatisticsAsPyTorchDoes) {
  Bound b(NormKind::Batch);
  b.forward(input());
  const std::vector<double> mean = {0.1064514855, -0.0587842523}, var = {1.053749323, 1.030701327};
  for (std::size_t c = 0; c < 2; ++c) {
    EXPECT_NEAR(b.norm.running_mean()[c], mean[c], 1e-6);
    EXPECT_NEAR(b.norm.running_var()[c], var[c], 1e-6);
  }
  b.norm.set_training(false);
  testing::expect_pytorchs(
      b.forward(input()).data(),
      {0.1885467833,  1.443686074,  2.108513745,  1.870350953,   1.16464988,   -0.3214004581,
       -1.449945571,  -1.690213059, 1.924899877,  2.085909196,   1.354559325,  0.07481553614,
       -1.051634492,  -1.714566386, -1.36476535,  -0.1667482781, 1.763752841,  0.6546799545,
       -0.6736226457, -1.596433492, -1.639227707, -0.7545840412, 0.6912978577, 2.01839714},
      "eval y");
  EXPECT_NEAR(b.norm.running_mean()[0], mean[0], 1e-6) << "evaluation leaves them alone";
}

TEST(Norm, LayerNormOverTheWholeSampleMatchesPyTorchsGroupNorm) {
  Bound b(NormKind::Layer);
  const Eigen::MatrixXf x = input();
  const Eigen::MatrixXf y = b.forward(x);
  testing::expect_pytorchs(
      y.data(),
      {-0.1095556952, 0.7966616593, 1.276670832,  1.104716008,   0.4478372616, -0.6133005254,
       -1.419156043,  -1.590722849, 1.279281712,  1.391785213,   0.8807624853, -0.01344449803,
       -0.9073038622, -1.365426497, -1.123694619, -0.2957985066, 1.428171825,  0.554349703,
       -0.4922002673, -1.219269283, -1.363395996, -0.6740629027, 0.4525989166, 1.486702804},
      "y");
  testing::expect_pytorchs(
      b.backward(x, upstream()).data(),
      {-0.03345601599,  -0.01200117401,   -0.0006368794472, -0.004707937619, 0.03942486824,
       0.016586134,     -0.0007581922671, -0.004450802908,  0.1380196231,    -0.02607155464,
       -0.005445124935, 0.1271515978,     0.2270319852,     0.1635887794,    -0.1037277243,
       -0.5205475816,   0.3124233308,     0.3375808338,     0.3104192997,    0.18962757,
       -0.09241364216,  -0.3147034404,    -0.4203095843,    -0.3226243675},
      "dx");
  testing::expect_pytorchs(b.grads.data(), {7.562999263, 0.5724747269}, "dgamma");
  testing::expect_pytorchs(b.grads.data() + kChannels, {6.244240951, -1.05245332}, "dbeta");
  b.norm.set_training(false);
  EXPECT_EQ(b.forward(x), y) << "layer norm has no running statistics";
}

TEST(Norm, RefusesAnEmptyShape) {
  EXPECT_THROW(Norm(NormKind::Batch, 0, 1), Error);
  EXPECT_THROW(Norm(NormKind::Layer, 3, 0), Error);
}

}  // namespace
}  // namespace actsearch::nn
