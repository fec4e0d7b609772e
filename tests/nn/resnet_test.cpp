// A whole residual conv net with batch norm against PyTorch 1.13: torch_cnn.py's make_cnn
// (channels 2, blocks 2, tanh) on 6 x 6 images, the same weights in both. The expected values
// are PyTorch's in double, printed by tests/nn/resnet_reference.py: the logits, and for every
// parameter tensor in PyTorch's order its first gradients and the sum of their squares.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nn/model.hpp"
#include "tests/nn/nn_testing.hpp"

namespace actsearch::nn {
namespace {

struct TensorGrad {
  std::vector<double> first;
  double sum_of_squares;
};

const std::vector<double> kLogits = {
    0.8750528904, -1.005784651, 0.920435041,  -1.665083451, 0.9338801005, -1.961550065,
    1.008851797,  -1.805813684, 1.134877989,  -1.270174672, 0.9299049699, -1.044170814,
    0.9410929398, -1.667333745, 0.9176487892, -1.927370909, 0.9578488068, -1.739664107,
    1.055757177,  -1.180684548, 1.280201283,  -1.354261972, 1.200781487,  -1.868079722,
    1.05285058,   -1.992582367, 0.9509254246, -1.660833559, 0.9076118345, -0.9680962301};

// Per parameter tensor in PyTorch's order: conv, bn weight, bn bias for each of the nine
// convs, then the linear layer's weight and bias.
const std::vector<TensorGrad> kGrads = {
    {{0.0295034209, 0.05893294015, 0.05711956467, -0.05782069398, -0.06194310405, -0.0002478967393},
     0.06438900102},
    {{0.06343274083, -0.05319512079}, 0.006853433485},
    {{-0.04941163557, 0.06070620379}, 0.006126752909},
    {{-0.03671009936, -0.01891299406, 0.0293820525, -0.01944898926, -0.02527457838, 0.003347945016},
     0.02835201828},
    {{0.1062420943, -0.04169609927}, 0.0130259473},
    {{0.01822523386, -0.04170187852}, 0.002071205821},
    {{-0.008084670858, 0.003453825301, 0.04491317656, 0.04437037796, 0.04891505218, 0.0476796402},
     0.05434622294},
    {{-0.08031151075, -0.05894047429}, 0.009923918268},
    {{-0.05634334722, 0.04653127488}, 0.005339732318},
    {{0.05656952925, 0.01797088418, 0.005056193929, -0.001105699348, 0.01705603695, 0.01855492436},
     0.8252571979},
    {{-0.5694826291, 0.5310791128, -0.1307828983, -0.363734865}, 0.7557627073},
    {{0.4436525619, -0.3300028672, 0.1514291281, -0.04497122408}, 0.3306826798},
    {{0.04278357913, 0.03531514164, -0.009368569623, 0.04867621056, 0.04747582537, 0.01112056399},
     1.485248624},
    {{0.1255167642, -0.3680589259, 0.2518183032, -0.1385411467}, 0.2338279382},
    {{0.09573355882, -0.03551056317, 0.09682856702, -0.15354556}, 0.04337792477},
    {{0.02377348795, 0.02648574737, 0.01175358255, -0.006272141108, -0.006216797452,
      -0.01021910807},
     0.8197584836},
    {{0.1282716754, -0.02555592308, -0.1497619779, 0.203114071}, 0.08079070374},
    {{0.02223318294, 0.05841529871, -0.1534595599, 0.2209836569}, 0.07629027468},
    {{-0.01243517666, -0.01724859711, -0.005813448759, -0.001917658719, 0.001629980956,
      0.01081036482},
     2.571435314},
    {{-0.3982625845, -0.06846831379, 0.4654239904, -0.2849333656, -0.09870933545, 0.555790869},
     1.370792934},
    {{0.4428328607, 0.08346856664, -0.002454981446, -0.2548272869, -0.1328385472, -0.4929963345},
     1.29732697},
    {{-0.0006311720548, -0.000308618208, 0.000260499865, -0.0002166625544, -0.0001304223435,
      0.000102597147},
     7.577525518},
    {{-0.3585428631, -0.1822274807, 0.322198687, 0.1052158282, -0.1090157671, -0.1664885714},
     0.3590798078},
    {{-0.07340040396, 0.1461141398, -0.2234726384, 0.150632592, -0.1863276843, 0.2958127051},
     0.4241772588},
    {{0.0003224323145, 0.0003963093669, 7.370720366e-05, 0.0002642948956, -1.151403243e-06,
      -0.0002676545495},
     2.023108884},
    {{-0.002255068294, -0.04183918741, -0.01096519468, 0.103701894, -0.01635618105, -0.09206500535},
     0.02249352782},
    {{0.348764133, 0.2102277077, 0.0697010508, -0.1502930122, -0.3107866413, -0.5367334782},
     1.356027913},
    {{1.75655266, 1.865947044, 1.687748662, 1.614216287, 1.248921733, 0.5334903127}, 31.36490531},
    {{2.632747686, 2.027885393, 1.202334189, 0.3812736835, -0.2222200976, -0.4750209619},
     13.90528879},
};

double weight(int tensor, Eigen::Index k) {
  return std::sin(0.37 * static_cast<double>(k) + tensor) * 0.5;
}

TEST(ResidualConvNet, MatchesPyTorchWeightForWeight) {
  constexpr Eigen::Index kBatch = 3, kOut = 10, kIn = 8;
  Model m({.inputs = 36,
           .outputs = kOut,
           .net = NetKind::Cnn,
           .norm = NormKind::Batch,
           .channels = 2,
           .blocks = 2,
           .image = {.channels = 1, .height = 6, .width = 6}},
          *make_builtin("tanh"));
  m.initialize(Init::TorchDefault, 0);
  // Tensor 3j is conv j's weight, 3j + 1 and 3j + 2 norm j's gamma and beta.
  std::vector<std::pair<float*, float*>> tensors;  // (values, gradients)
  std::vector<Eigen::Index> sizes;
  for (int j = 0; j < 9; ++j) {
    Conv2d& conv = m.conv(j);
    Norm& norm = m.norm(j);
    const Eigen::Index c = norm.num_params() / 2;
    tensors.insert(tensors.end(), {{conv.params(), conv.grads()},
                                   {norm.params(), norm.grads()},
                                   {norm.params() + c, norm.grads() + c}});
    sizes.insert(sizes.end(), {conv.num_params(), c, c});
  }
  for (std::size_t t = 0; t < tensors.size(); ++t) {
    for (Eigen::Index k = 0; k < sizes[t]; ++k)
      tensors[t].first[k] = static_cast<float>(weight(static_cast<int>(t), k));
  }
  Dense& dense = m.dense(0);
  // PyTorch's Linear weight is (out, in) row-major; ours column-major.
  for (Eigen::Index o = 0; o < kOut; ++o) {
    for (Eigen::Index i = 0; i < kIn; ++i)
      dense.weight()(o, i) = static_cast<float>(weight(27, o * kIn + i));
    dense.bias()(o) = static_cast<float>(weight(28, o));
  }
  Eigen::MatrixXf x(36, kBatch), r(kOut, kBatch);
  for (Eigen::Index j = 0; j < kBatch; ++j) {
    for (Eigen::Index i = 0; i < 36; ++i)
      x(i, j) = static_cast<float>(std::sin(0.7 * i + 1.1 * j) * 2 + 0.3);
    for (Eigen::Index i = 0; i < kOut; ++i)
      r(i, j) = static_cast<float>(std::cos(0.3 * i * j + 0.5));
  }
  m.reserve(kBatch);
  const Eigen::MatrixXf y = m.forward(ConstMatrixView(x.data(), 36, kBatch));
  testing::expect_pytorchs(y.data(), kLogits, "logit");  // column j holds sample j's
  m.zero_grad();
  m.backward(ConstMatrixView(r.data(), kOut, kBatch));
  auto expect_tensor = [](std::size_t t, const std::vector<double>& got) {
    const TensorGrad& want = kGrads[t];
    for (std::size_t k = 0; k < want.first.size(); ++k) {
      EXPECT_NEAR(got[k], want.first[k], 1e-5 * (1 + std::abs(want.first[k])))
          << "tensor " << t << " element " << k;
    }
    double sum = 0;
    for (const double g : got) sum += g * g;
    EXPECT_NEAR(sum, want.sum_of_squares, 1e-4 * want.sum_of_squares) << "tensor " << t;
  };
  for (std::size_t t = 0; t < tensors.size(); ++t) {
    expect_tensor(t, std::vector<double>(tensors[t].second, tensors[t].second + sizes[t]));
  }
  std::vector<double> dense_weight, dense_bias;
  for (Eigen::Index o = 0; o < kOut; ++o) {
    for (Eigen::Index i = 0; i < kIn; ++i) dense_weight.push_back(dense.weight_grad()(o, i));
    dense_bias.push_back(dense.bias_grad()(o));
  }
  expect_tensor(27, dense_weight);
  expect_tensor(28, dense_bias);
}

}  // namespace
}  // namespace actsearch::nn
