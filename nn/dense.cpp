#include "nn/dense.hpp"

#include <cmath>

#include "grammar/base/error.hpp"

namespace actsearch::nn {

Dense::Dense(Eigen::Index inputs, Eigen::Index outputs) : inputs_(inputs), outputs_(outputs) {
  ACTSEARCH_ASSERT(inputs > 0 && outputs > 0, "a dense layer needs positive sizes");
}

void Dense::bind(float* params, float* grads) {
  params_ = params;
  grads_ = grads;
}

void Dense::forward(ConstMatrixView in, MatrixView out) {
  // The bias seeds the product's accumulator: no separate pass to add it.
  const VectorView b = bias();
  for (Eigen::Index j = 0; j < out.cols(); ++j) out.col(j) = b;
  out.noalias() += weight() * in;
}

void Dense::backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  weight_grad().noalias() += grad_out * in.transpose();
  VectorView db = bias_grad();
  for (Eigen::Index j = 0; j < grad_out.cols(); ++j) db += grad_out.col(j);
  if (grad_in != nullptr) grad_in->noalias() = weight().transpose() * grad_out;
}

void Dense::initialize(Init scheme, Rng& rng) {
  const auto fan_in = static_cast<double>(inputs_), fan_out = static_cast<double>(outputs_);
  MatrixView w = weight();
  VectorView b = bias();
  auto fill_uniform = [&rng](auto&& m, double bound) {
    for (Eigen::Index i = 0; i < m.size(); ++i) {
      m.data()[i] = static_cast<float>(rng.uniform(-bound, bound));
    }
  };
  switch (scheme) {
    case Init::TorchDefault:
      fill_uniform(w, 1.0 / std::sqrt(fan_in));
      fill_uniform(b, 1.0 / std::sqrt(fan_in));
      return;
    case Init::He:
      for (Eigen::Index i = 0; i < w.size(); ++i) {
        w.data()[i] = static_cast<float>(std::sqrt(2.0 / fan_in) * rng.normal());
      }
      b.setZero();
      return;
    case Init::Glorot:
      fill_uniform(w, std::sqrt(6.0 / (fan_in + fan_out)));
      b.setZero();
      return;
  }
}

}  // namespace actsearch::nn
