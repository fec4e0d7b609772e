#pragma once
// Normalisation layers as PyTorch defines them: batch norm (BatchNorm1d / BatchNorm2d) and
// layer norm over a whole sample (LayerNorm for dense layers, GroupNorm(1, C) for conv
// layers), each with a learnable scale and shift per channel.

#include <vector>

#include "nn/layer.hpp"
#include "nn/network_kind.hpp"

namespace actsearch::nn {

/// Normalises batches whose rows are `channels` blocks of `spatial` values each (row
/// c * spatial + s; spatial is 1 after a dense layer, H * W after a conv layer), then scales
/// and shifts each channel: out = gamma_c * xhat + beta_c.
/// - Batch: xhat from each channel's mean and (biased) variance over the batch and its
///   positions while training; from the running statistics in evaluation. Every training
///   forward updates them as PyTorch does: running = (1 - momentum) running + momentum
///   stat, with the unbiased variance.
/// - Layer: xhat from each sample's mean and variance over all its rows, in both modes.
/// Parameter block: gamma (channels), then beta (channels).
class Norm final : public Layer {
 public:
  /// Throws actsearch::Error for non-positive channels or spatial size.
  Norm(NormKind kind, Eigen::Index channels, Eigen::Index spatial);

  static constexpr double kEps = 1e-5;      // PyTorch's default
  static constexpr double kMomentum = 0.1;  // PyTorch's default

  Eigen::Index inputs() const override { return channels_ * spatial_; }
  Eigen::Index outputs() const override { return channels_ * spatial_; }
  Eigen::Index num_params() const override { return 2 * channels_; }
  void bind(float* params, float* grads) override;
  void reserve(Eigen::Index) override {}
  void forward(ConstMatrixView in, MatrixView out) override;
  void backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) override;

  /// gamma = 1, beta = 0, running mean 0 and variance 1 (PyTorch's initial state).
  void initialize();
  /// Training (batch statistics, running ones updated) or evaluation (running statistics).
  /// Layer norm behaves the same in both.
  void set_training(bool training) { training_ = training; }

  /// gamma (channels), then beta (channels), and their gradients.
  float* params() { return params_; }
  float* grads() { return grads_; }
  const std::vector<double>& running_mean() const { return running_mean_; }
  const std::vector<double>& running_var() const { return running_var_; }

 private:
  Eigen::Map<Eigen::ArrayXf> gamma() { return {params_, channels_}; }
  Eigen::Map<Eigen::ArrayXf> beta() { return {params_ + channels_, channels_}; }
  void forward_batch(ConstMatrixView in, MatrixView out);
  void forward_layer(ConstMatrixView in, MatrixView out);
  void backward_batch(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in);
  void backward_layer(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in);

  NormKind kind_;
  Eigen::Index channels_, spatial_;
  bool training_ = true;
  float* params_ = nullptr;
  float* grads_ = nullptr;
  std::vector<double> running_mean_, running_var_;
  // Per channel (batch) or per sample (layer), of the last forward: backward recomputes
  // xhat = (x - mean) inv_std from its input rather than keeping a copy of the batch.
  Eigen::ArrayXf mean_, inv_std_;
  bool batch_statistics_ = true;  // whether the last forward normalised by batch statistics
};

}  // namespace actsearch::nn
