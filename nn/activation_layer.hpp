#pragma once
// Applies an Activation elementwise, caching dy/dx (and dy/dparam) in forward so that
// backward is one multiply per value plus one dot product per parameter.

#include <memory>
#include <span>
#include <vector>

#include "nn/activation.hpp"
#include "nn/layer.hpp"

namespace actsearch::nn {

class ActivationLayer final : public Layer {
 public:
  /// Values handed to Activation::forward per call when parameters are shared by the layer:
  /// small enough for a compiled program's registers to stay in L1.
  static constexpr Eigen::Index kBlock = 512;

  /// `width` units in channels of `spatial` consecutive rows (1 after a dense layer: a
  /// channel is a unit; H * W after a conv layer). With `per_channel` every channel has its
  /// own parameters, otherwise the layer shares one set (as it does anyway when the
  /// activation has none). Parameter block: per channel, num_params of the activation each
  /// (channel-major).
  ActivationLayer(std::unique_ptr<Activation> activation, Eigen::Index width, bool per_channel,
                  Eigen::Index spatial = 1);

  Eigen::Index inputs() const override { return width_; }
  Eigen::Index outputs() const override { return width_; }
  Eigen::Index num_params() const override { return channels() * params_per_channel_; }
  void bind(float* params, float* grads) override;
  void reserve(Eigen::Index batch) override;
  void forward(ConstMatrixView in, MatrixView out) override;
  /// `in` is unused: the derivatives cached by forward suffice.
  void backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) override;

  /// Writes the activation's initial parameters into every channel's block.
  void initialize();

  const Activation& activation() const { return *activation_; }
  bool per_channel() const { return per_channel_; }
  /// Parameter sets: width / spatial when per channel, else 1.
  Eigen::Index channels() const { return per_channel_ ? width_ / spatial_ : 1; }
  std::span<const float> params() const {
    return {params_, static_cast<std::size_t>(num_params())};
  }

  /// Statistics phase (Activation::uses_input_statistics): while active, forward
  /// accumulates the mean and variance of its inputs (per channel or per layer) and the
  /// parameters receive no gradient. `end_statistics` realigns the parameters from them.
  void begin_statistics();
  void end_statistics();

 private:
  void forward_shared(ConstMatrixView in, MatrixView out);
  void forward_per_channel(ConstMatrixView in, MatrixView out);
  void forward_per_image_channel(ConstMatrixView in, MatrixView out);
  void accumulate_statistics(ConstMatrixView in);
  void param_grads_shared(ConstMatrixView grad_out);
  void param_grads_per_channel(ConstMatrixView grad_out);
  void param_grads_per_image_channel(ConstMatrixView grad_out);

  std::unique_ptr<Activation> activation_;
  Eigen::Index width_;
  Eigen::Index spatial_;
  bool per_channel_;
  Eigen::Index params_per_channel_;
  float* params_ = nullptr;
  float* grads_ = nullptr;

  Eigen::Index batch_ = 0;            // columns of the last forward
  Eigen::MatrixXf dydx_;              // (width, max batch)
  std::vector<float> dydp_;           // params_per_channel * width * max batch, see .cpp
  Eigen::MatrixXf transposed_in_;     // (max batch, width), per channel only
  Eigen::MatrixXf transposed_out_;    // (max batch, width), per channel only
  Eigen::MatrixXf transposed_slope_;  // (max batch, width), per channel only

  bool collecting_ = false;
  double count_ = 0;
  std::vector<double> sum_, sum_squares_;  // (channels)
};

}  // namespace actsearch::nn
