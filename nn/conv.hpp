#pragma once
// The layers of small conv nets: a 3x3 convolution with padding 1 and stride 1 or 2
// (torch.nn.Conv2d(in, out, 3, stride, 1)), and global average pooling. A sample is one
// column holding its channels one after the other, each a row-major H x W image (the
// flattening of PyTorch's NCHW).

#include <cstdint>

#include "nn/dense.hpp"
#include "nn/layer.hpp"

namespace actsearch::nn {

struct ConvShape {
  Eigen::Index in_channels = 1, out_channels = 1;
  Eigen::Index height = 1, width = 1;  // of the input
  int stride = 1;                      // 1 or 2
  bool bias = true;                    // PyTorch's nets leave it out before a norm
};

/// out[o] = bias[o] + sum over c, kh, kw of weight[o][c][kh][kw] * in[c] shifted by (kh - 1,
/// kw - 1), at every stride-th position. Parameter block: the weight in PyTorch's order
/// (out, in, 3, 3), row-major, then the bias. Computed as one matrix product over the
/// im2col patches of a chunk of samples at a time.
class Conv2d final : public Layer {
 public:
  /// Throws actsearch::Error for non-positive sizes or a stride other than 1 or 2.
  explicit Conv2d(const ConvShape& shape);

  Eigen::Index out_height() const { return (shape_.height - 1) / shape_.stride + 1; }
  Eigen::Index out_width() const { return (shape_.width - 1) / shape_.stride + 1; }

  Eigen::Index inputs() const override;
  Eigen::Index outputs() const override;
  Eigen::Index num_params() const override;
  void bind(float* params, float* grads) override;
  void reserve(Eigen::Index batch) override;
  void forward(ConstMatrixView in, MatrixView out) override;
  void backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) override;

  /// Draws the weight and bias per `scheme` (fan in: in_channels * 9; fan out:
  /// out_channels * 9, as torch.nn.init computes them for conv weights).
  void initialize(Init scheme, Rng& rng);
  /// The weight (out, in, 3, 3) in PyTorch's order, then the bias, and their gradients.
  float* params() { return params_; }
  float* grads() { return grads_; }
  /// Multiply-adds of one sample's forward pass.
  std::int64_t macs() const;

 private:
  Eigen::Index taps() const { return shape_.in_channels * 9; }
  Eigen::Index positions() const { return out_height() * out_width(); }
  // Samples per matrix product: enough rows for an efficient GEMM, few enough that the
  // patches stay small (a chunk, not the batch, is unrolled).
  Eigen::Index chunk() const;
  void im2col(ConstMatrixView in, Eigen::Index first, Eigen::Index n);
  void col2im(Eigen::Index first, Eigen::Index n, MatrixView grad_in) const;

  ConvShape shape_;
  float* params_ = nullptr;
  float* grads_ = nullptr;
  // A chunk of n samples as (n * positions) rows, sample after sample: their patches
  // (rows, taps), the patches' gradient, and the outputs or their gradient (rows,
  // out_channels) in that order, which the batch's layout holds sample-major.
  Eigen::MatrixXf col_, dcol_, rows_out_;
};

/// out[c] = the mean of channel c over its `spatial` positions (torch.nn.AdaptiveAvgPool2d(1)
/// then Flatten).
class GlobalAvgPool final : public Layer {
 public:
  GlobalAvgPool(Eigen::Index channels, Eigen::Index spatial);

  Eigen::Index inputs() const override { return channels_ * spatial_; }
  Eigen::Index outputs() const override { return channels_; }
  Eigen::Index num_params() const override { return 0; }
  void bind(float*, float*) override {}
  void reserve(Eigen::Index) override {}
  void forward(ConstMatrixView in, MatrixView out) override;
  void backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) override;

 private:
  Eigen::Index channels_, spatial_;
};

}  // namespace actsearch::nn
