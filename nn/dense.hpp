#pragma once
// Fully connected layer y = W x + b.

#include <span>

#include "nn/layer.hpp"
#include "nn/random.hpp"

namespace actsearch::nn {

/// Weight initialisations. TorchDefault is torch.nn.Linear's: W and b ~ U(-1/sqrt(in),
/// 1/sqrt(in)) (kaiming_uniform with a = sqrt(5)). He: W ~ N(0, 2/in), b = 0. Glorot:
/// W ~ U(-sqrt(6/(in+out)), sqrt(6/(in+out))), b = 0.
enum class Init { TorchDefault, He, Glorot };

/// Draws a layer's weights and bias (which may be empty) per `scheme`, for a layer whose
/// outputs each read `fan_in` inputs and whose inputs each feed `fan_out` outputs, in the
/// order of the spans.
void draw_weights(Init scheme, Rng& rng, double fan_in, double fan_out, std::span<float> weight,
                  std::span<float> bias);

/// Dense layer with weight W (outputs, inputs) and bias b (outputs): out = W in + b.
/// Parameter block: W column-major, then b. Without a bias (before a norm, which removes
/// it anyway, as PyTorch's normalised nets do): out = W in.
class Dense final : public Layer {
 public:
  Dense(Eigen::Index inputs, Eigen::Index outputs, bool bias = true);

  Eigen::Index inputs() const override { return inputs_; }
  Eigen::Index outputs() const override { return outputs_; }
  Eigen::Index num_params() const override {
    return outputs_ * inputs_ + (has_bias_ ? outputs_ : 0);
  }
  bool has_bias() const { return has_bias_; }
  void bind(float* params, float* grads) override;
  void reserve(Eigen::Index) override {}
  void forward(ConstMatrixView in, MatrixView out) override;
  void backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) override;

  /// Draws W and b per `scheme` from `rng`: W in column-major order, then b.
  void initialize(Init scheme, Rng& rng);

  MatrixView weight() { return {params_, outputs_, inputs_}; }  // (outputs, inputs)
  VectorView bias() { return {params_ + outputs_ * inputs_, has_bias_ ? outputs_ : 0}; }
  MatrixView weight_grad() { return {grads_, outputs_, inputs_}; }  // (outputs, inputs)
  VectorView bias_grad() { return {grads_ + outputs_ * inputs_, has_bias_ ? outputs_ : 0}; }

 private:
  Eigen::Index inputs_, outputs_;
  bool has_bias_;
  float* params_ = nullptr;
  float* grads_ = nullptr;
};

}  // namespace actsearch::nn
