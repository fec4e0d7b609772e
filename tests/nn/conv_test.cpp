// Conv2d and GlobalAvgPool against PyTorch 1.13 (torch.nn.Conv2d(in, out, 3, stride, 1)) on
// fixed weights and inputs: outputs and the gradients of input, weight and bias. The
// expected values are PyTorch's, in double, printed by tests/nn/conv_reference.py (run it
// with /usr/bin/python3 to see them again); finite-difference checks are in
// tests/nn/gradient_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "grammar/base/error.hpp"
#include "nn/conv.hpp"
#include "tests/nn/nn_testing.hpp"

namespace actsearch::nn {
namespace {

constexpr Eigen::Index kBatch = 2;

struct Expected {
  std::vector<double> y, dx, dw, db;
};

// The reference script's weights, inputs and upstream gradient, then one forward and one
// backward.
void expect_pytorchs(const ConvShape& shape, const Expected& want) {
  Conv2d conv(shape);
  Eigen::VectorXf params(conv.num_params()), grads = Eigen::VectorXf::Zero(conv.num_params());
  conv.bind(params.data(), grads.data());
  conv.reserve(kBatch);
  const Eigen::Index weights = shape.out_channels * shape.in_channels * 9;
  for (Eigen::Index i = 0; i < weights; ++i)
    params[i] = static_cast<float>(std::sin(0.37 * i) * 0.5);
  for (Eigen::Index o = 0; shape.bias && o < shape.out_channels; ++o)
    params[weights + o] = static_cast<float>(0.1 * o - 0.05);
  Eigen::MatrixXf x(conv.inputs(), kBatch), r(conv.outputs(), kBatch), y(conv.outputs(), kBatch),
      gx(conv.inputs(), kBatch);
  for (Eigen::Index j = 0; j < kBatch; ++j) {
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      x(i, j) = static_cast<float>(std::sin(0.7 * i + 1.1 * j) * 2 + 0.3);
    for (Eigen::Index i = 0; i < r.rows(); ++i)
      r(i, j) = static_cast<float>(std::cos(0.3 * i * j + 0.5));
  }
  conv.forward(ConstMatrixView(x.data(), x.rows(), kBatch), MatrixView(y.data(), y.rows(), kBatch));
  MatrixView gx_view(gx.data(), gx.rows(), kBatch);
  conv.backward(ConstMatrixView(x.data(), x.rows(), kBatch),
                ConstMatrixView(r.data(), r.rows(), kBatch), &gx_view);
  ASSERT_EQ(static_cast<std::size_t>(y.size()), want.y.size());
  testing::expect_pytorchs(y.data(), want.y, "y");
  testing::expect_pytorchs(gx.data(), want.dx, "dx");
  testing::expect_pytorchs(grads.data(), want.dw, "dw");
  testing::expect_pytorchs(grads.data() + weights, want.db, "db");
}

TEST(Conv2d, StrideOneWithBiasMatchesPyTorch) {
  expect_pytorchs(
      {.in_channels = 2, .out_channels = 3, .height = 4, .width = 4},
      {{1.92543158,   2.10418236,   0.785307342,  -0.248290027, -0.345804803, -1.06047247,
        -1.04670823,  -0.360561136, 0.0639174609, 0.786633316,  1.01923011,   0.411550616,
        0.543590454,  -0.166242322, -1.72515955,  -1.96526513,  2.3833086,    3.12195776,
        1.99543254,   0.561879891,  0.179744721,  -0.594569908, -1.09214629,  -0.586150021,
        -0.282028333, 0.422932666,  1.12410254,   0.755868463,  1.09966952,   0.99008534,
        -0.325687965, -1.0834055,   2.51378242,   3.70868469,   2.93258003,   1.30022415,
        0.687088791,  -0.038223198, -0.977321664, -0.722476091, -0.581384899, 0.00690315636,
        1.07825993,   1.00114076,   1.50846193,   2.01450276,   1.126499,     -0.042509607,
        0.980987234,  -0.180509641, -1.70390634,  -1.35017258,  -0.713310075, -0.817912908,
        -0.158362761, 0.34602578,   0.615238591,  0.923552127,  0.409387692,  -0.279539546,
        -0.904505302, -2.3130607,   -2.48425885,  -1.35345198,  1.76324268,   0.908803696,
        -1.16247611,  -1.35052759,  -0.708644274, -1.12787615,  -0.735448042, -0.0492382305,
        0.70725618,   1.32300828,   1.20719171,   0.409366006,  0.174501468,  -1.04327261,
        -1.83925607,  -1.22653491,  2.30510075,   1.877612,     -0.450914789, -1.15436459,
        -0.597527761, -1.27256319,  -1.20232149,  -0.430577366, 0.707049472,  1.54383948,
        1.84262179,   1.04784622,   1.23603849,   0.379920338,  -0.929158216, -0.92049796},
       {3.76832116,  5.8903643,   5.8903643,   4.17826453,  4.63679314,  6.51542394,   6.51542394,
        4.15304939,  4.63679314,  6.51542394,  6.51542394,  4.15304939,  3.32268073,   4.0736091,
        4.0736091,   2.17295285,  -4.04604247, -6.09024684, -6.09024684, -4.17020121,  -4.46671074,
        -6.04125645, -6.04125645, -3.68344086, -4.46671074, -6.04125645, -6.04125645,  -3.68344086,
        -2.78485413, -3.14858693, -3.14858693, -1.46284849, 1.62308246,  2.8810961,    3.02936206,
        1.9650522,   2.46176221,  2.85710081,  1.83313109,  0.313760108, -0.281988049, -1.79173578,
        -2.82346365, -2.47343554, -1.78756553, -2.81470462, -2.74091904, -1.53308402,  -1.8259594,
        -3.02105029, -3.0229352,  -1.8447185,  -2.17534121, -2.23023586, -1.08166332,  0.224238969,
        0.818480559, 2.50017172,  3.38289302,  2.69901598,  1.83638908,  2.71473013,   2.48635936,
        1.26081327},
       {4.10156029,  7.02188558,  6.08821357,  6.06395145,  6.52296636,  4.5306515,  -1.00384842,
        -1.39041258, -0.92506437, -3.34485104, -1.04731101, 0.987038816, 5.15215332, 6.95975956,
        6.95350166,  3.13664903,  2.37118015,  1.03481866,  4.30586532,  5.39361851, 4.00116241,
        8.39406035,  9.6734053,   7.82407862,  3.52752593,  5.04158857,  3.21530776, 1.45783831,
        3.65580369,  3.47496422,  3.90144868,  6.89419762,  6.72215732,  4.54527833, 6.21961766,
        5.35007393,  3.49020334,  4.98498669,  5.18258405,  6.27033391,  7.92260899, 5.88098674,
        5.82495124,  5.11838862,  1.10361326,  1.86306113,  2.4740134,   1.77301182, 3.27953471,
        5.91946455,  4.59568138,  8.97506307,  11.3321196,  8.5603729},
       {9.86345679, 15.3942605, 18.4559469}});
}

TEST(Conv2d, StrideTwoOnAnOddSizeMatchesPyTorch) {
  expect_pytorchs(
      {.in_channels = 2, .out_channels = 2, .height = 5, .width = 5, .stride = 2, .bias = false},
      {{1.55747752,   1.00450435,   -0.053382488, 0.0278068952, -0.0147686351, 0.0397162843,
        0.260509895,  -0.651999866, -1.60109849,  2.09187912,   1.54504237,    -0.340683176,
        -0.134845923, -0.608150429, -0.234236541, -0.219321019, -0.193486057,  -0.854878627,
        1.10728326,   -0.603889636, -0.770237286, -0.229570731, 0.0566567551,  -0.232256029,
        -0.610006829, -1.59585179,  -0.743822133, 1.35851377,   -0.894843135,  -1.46220822,
        -0.674749949, -0.261392657, 0.0329026896, -0.219653967, -0.52799647,   -0.27203698},
       {0.857949148,   1.59977891,    0.857949148,   1.59977891,    0.857949148,  0.762993931,
        1.42272024,    0.762993931,   1.42272024,    0.762993931,   0.857949148,  1.59977891,
        0.857949148,   1.59977891,    0.857949148,   0.762993931,   1.42272024,   0.762993931,
        1.42272024,    0.762993931,   0.857949148,   1.59977891,    0.857949148,  1.59977891,
        0.857949148,   -0.827031643,  -1.54212844,   -0.827031643,  -1.54212844,  -0.827031643,
        -0.735498257,  -1.37145034,   -0.735498257,  -1.37145034,   -0.735498257, -0.827031643,
        -1.54212844,   -0.827031643,  -1.54212844,   -0.827031643,  -0.735498257, -1.37145034,
        -0.735498257,  -1.37145034,   -0.735498257,  -0.827031643,  -1.54212844,  -0.827031643,
        -1.54212844,   -0.827031643,  -0.0418856175, -0.128297275,  -0.102288062, -0.227120726,
        -0.153553419,  -0.0213593215, -0.0466312956, -0.0265497881, -0.054370789, -0.0293686412,
        -0.191102307,  -0.356888238,  -0.211580594,  -0.376240554,  -0.213159017, -0.029564081,
        -0.0550219295, -0.0271186495, -0.0478754124, -0.0222507899, -0.19569658,  -0.315393298,
        -0.16075315,   -0.240629031,  -0.11145012,   0.00731659205, 0.0699958968, 0.0698198235,
        0.174915333,   0.126086258,   0.0235769075,  0.0500489112,  0.0276581287, 0.0554623043,
        0.0292687317,  0.171089783,   0.329903772,   0.200810367,   0.366128119,  0.212593158,
        0.0282648461,  0.0513852322,  0.024736146,   0.0422589597,  0.0189978396, 0.205385637,
        0.340147049,   0.179831628,   0.280262444,   0.138213795},
       {-5.38674904, -5.55798583, -5.27793115, 10.7961618,   12.1469412,   11.1994449,
        -4.54125304, -4.19859244, -3.97919808, -0.166277435, -0.491548826, -1.22268703,
        5.32157451,  6.87477082,  7.53290096,  -3.55699388,  -3.20556746,  -4.62637445,
        -1.32624405, 0.819874978, -1.69437276, 3.39656533,   2.22490127,   3.50530939,
        -2.80071507, -1.5213168,  -3.44010241, -3.1097784,   -1.09262908,  -1.92953734,
        3.95823664,  2.61501672,  1.98148067,  0.193446104,  1.20802043,   0.946548699},
       {}});
}

TEST(Conv2d, ShapesAndRefusals) {
  const Conv2d conv({.in_channels = 3, .out_channels = 8, .height = 7, .width = 7, .stride = 2});
  EXPECT_EQ(conv.out_height(), 4);
  EXPECT_EQ(conv.outputs(), 8 * 16);
  EXPECT_EQ(conv.num_params(), 8 * 3 * 9 + 8);
  EXPECT_EQ(conv.macs(), 16 * 27 * 8);
  EXPECT_THROW(Conv2d({.stride = 3}), Error);
  EXPECT_THROW(Conv2d({.in_channels = 0}), Error);
}

// Outputs and gradients of a batch, which the layer unrolls a chunk of samples at a time,
// against the same samples one by one: every sample must land in its own column whatever
// chunk it falls in, including a partial last chunk and images one pixel wide.
void expect_chunks_match_samples(const ConvShape& shape, Eigen::Index batch) {
  Conv2d whole(shape), single(shape);
  const Eigen::Index n = whole.num_params();
  Eigen::VectorXf params(n), grads = Eigen::VectorXf::Zero(n), grads_1 = grads;
  for (Eigen::Index i = 0; i < n; ++i) params[i] = static_cast<float>(std::sin(0.37 * i));
  whole.bind(params.data(), grads.data());
  single.bind(params.data(), grads_1.data());
  whole.reserve(batch);
  single.reserve(1);
  Eigen::MatrixXf x(whole.inputs(), batch), r(whole.outputs(), batch);
  for (Eigen::Index i = 0; i < x.size(); ++i) x(i) = static_cast<float>(std::sin(0.7 * i));
  for (Eigen::Index i = 0; i < r.size(); ++i) r(i) = static_cast<float>(std::cos(0.3 * i));
  Eigen::MatrixXf y(whole.outputs(), batch), gx(whole.inputs(), batch);
  MatrixView gx_view(gx.data(), gx.rows(), batch);
  const ConstMatrixView x_view(x.data(), x.rows(), batch), r_view(r.data(), r.rows(), batch);
  whole.forward(x_view, MatrixView(y.data(), y.rows(), batch));
  whole.backward(x_view, r_view, &gx_view);
  for (Eigen::Index j = 0; j < batch; ++j) {
    Eigen::VectorXf y1(whole.outputs()), gx1(whole.inputs());
    MatrixView gx1_view(gx1.data(), gx1.size(), 1);
    single.forward(ConstMatrixView(x.col(j).data(), x.rows(), 1),
                   MatrixView(y1.data(), y1.size(), 1));
    single.backward(ConstMatrixView(x.col(j).data(), x.rows(), 1),
                    ConstMatrixView(r.col(j).data(), r.rows(), 1), &gx1_view);
    ASSERT_LT((y.col(j) - y1).cwiseAbs().maxCoeff(), 1e-5f) << "sample " << j;
    ASSERT_LT((gx.col(j) - gx1).cwiseAbs().maxCoeff(), 1e-5f) << "sample " << j;
  }
  EXPECT_LT((grads - grads_1).cwiseAbs().maxCoeff(), 1e-3f * grads_1.cwiseAbs().maxCoeff());
}

TEST(Conv2d, ChunksOfABatchMatchSamplesAlone) {
  expect_chunks_match_samples({.in_channels = 2, .out_channels = 3, .height = 28, .width = 28}, 7);
  expect_chunks_match_samples(
      {.in_channels = 3, .out_channels = 2, .height = 5, .width = 3, .stride = 2, .bias = false},
      700);
  expect_chunks_match_samples({.in_channels = 1, .out_channels = 2, .height = 4, .width = 1}, 600);
  expect_chunks_match_samples(
      {.in_channels = 1, .out_channels = 2, .height = 1, .width = 2, .stride = 2}, 5);
}

TEST(GlobalAvgPool, MeansEachChannelAndSpreadsTheGradient) {
  GlobalAvgPool pool(2, 3);
  Eigen::MatrixXf x(6, 1), y(2, 1), g(2, 1), gx(6, 1);
  x << 1, 2, 3, -4, 5, 8;
  g << 3, -6;
  pool.forward(ConstMatrixView(x.data(), 6, 1), MatrixView(y.data(), 2, 1));
  EXPECT_FLOAT_EQ(y(0), 2.0f);
  EXPECT_FLOAT_EQ(y(1), 3.0f);
  MatrixView gx_view(gx.data(), 6, 1);
  pool.backward(ConstMatrixView(x.data(), 6, 1), ConstMatrixView(g.data(), 2, 1), &gx_view);
  EXPECT_EQ(gx, (Eigen::MatrixXf(6, 1) << 1, 1, 1, -2, -2, -2).finished());
}

}  // namespace
}  // namespace actsearch::nn
