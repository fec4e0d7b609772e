#include "nn/dense.hpp"

#include <algorithm>
#include <cmath>

#include "grammar/base/error.hpp"

namespace actsearch::nn {

Dense::Dense(Eigen::Index inputs, Eigen::Index outputs, bool bias)
    : inputs_(inputs), outputs_(outputs), has_bias_(bias) {
  ACTSEARCH_ASSERT(inputs > 0 && outputs > 0, "a dense layer needs positive sizes");
}

void Dense::bind(float* params, float* grads) {
  params_ = params;
  grads_ = grads;
}

void Dense::forward(ConstMatrixView in, MatrixView out) {
  if (!has_bias_) {
    out.noalias() = weight() * in;
    return;
  }
  // The bias seeds the product's accumulator: no separate pass to add it.
  const VectorView b = bias();
  for (Eigen::Index j = 0; j < out.cols(); ++j) out.col(j) = b;
  out.noalias() += weight() * in;
}

void Dense::backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  weight_grad().noalias() += grad_out * in.transpose();
  if (has_bias_) {
    VectorView db = bias_grad();
    for (Eigen::Index j = 0; j < grad_out.cols(); ++j) db += grad_out.col(j);
  }
  if (grad_in != nullptr) grad_in->noalias() = weight().transpose() * grad_out;
}

void draw_weights(Init scheme, Rng& rng, double fan_in, double fan_out, std::span<float> weight,
                  std::span<float> bias) {
  auto fill_uniform = [&rng](std::span<float> values, double bound) {
    for (float& v : values) v = static_cast<float>(rng.uniform(-bound, bound));
  };
  switch (scheme) {
    case Init::TorchDefault:
      fill_uniform(weight, 1.0 / std::sqrt(fan_in));
      fill_uniform(bias, 1.0 / std::sqrt(fan_in));
      return;
    case Init::He:
      for (float& v : weight) v = static_cast<float>(std::sqrt(2.0 / fan_in) * rng.normal());
      std::fill(bias.begin(), bias.end(), 0.0f);
      return;
    case Init::Glorot:
      fill_uniform(weight, std::sqrt(6.0 / (fan_in + fan_out)));
      std::fill(bias.begin(), bias.end(), 0.0f);
      return;
  }
}

void Dense::initialize(Init scheme, Rng& rng) {
  const auto n = static_cast<std::size_t>(outputs_);
  draw_weights(scheme, rng, static_cast<double>(inputs_), static_cast<double>(outputs_),
               {params_, n * static_cast<std::size_t>(inputs_)},
               {params_ + n * static_cast<std::size_t>(inputs_), has_bias_ ? n : 0});
}

}  // namespace actsearch::nn
