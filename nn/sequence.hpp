#pragma once
// Layers made of layers: a sequence, and a residual block around one. Both are Layers
// themselves, so networks nest them (a conv net is a sequence holding residual blocks,
// each holding a sequence). They own the buffers between their children.

#include <memory>
#include <vector>

#include "nn/layer.hpp"

namespace actsearch::nn {

/// Floats from the start of one layer's block to the next: blocks start on 64-byte
/// boundaries.
inline Eigen::Index aligned_floats(Eigen::Index n) {
  constexpr Eigen::Index kAlign = 16;
  return (n + kAlign - 1) / kAlign * kAlign;
}

/// Children applied one after the other; each child's outputs are the next one's inputs.
/// Parameter block: the children's blocks in order, each starting on a 64-byte boundary.
class Sequence final : public Layer {
 public:
  /// Appends `layer`, whose inputs must equal the outputs of the last child.
  void add(std::unique_ptr<Layer> layer);
  const std::vector<std::unique_ptr<Layer>>& children() const { return children_; }

  Eigen::Index inputs() const override;
  Eigen::Index outputs() const override;
  Eigen::Index num_params() const override;
  void bind(float* params, float* grads) override;
  void reserve(Eigen::Index batch) override;
  void forward(ConstMatrixView in, MatrixView out) override;
  void backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) override;
  void visit(const std::function<void(Layer&)>& f) override;

 private:
  std::vector<std::unique_ptr<Layer>> children_;
  std::vector<Eigen::MatrixXf> outputs_;  // (child outputs, max batch), all children but the last
  Eigen::MatrixXf grad_[2];               // (widest output, max batch): dL/d of an output
  Eigen::Index batch_ = 0;
};

/// out = post(in + body(in)), or in + body(in) without `post`: the basic block of a
/// residual conv net (body conv, norm, act, conv, norm; post the activation) or a residual
/// MLP layer (body dense, norm, act; no post).
class Residual final : public Layer {
 public:
  /// `body` maps its inputs to as many outputs; `post` (may be null) keeps the width too.
  Residual(std::unique_ptr<Layer> body, std::unique_ptr<Layer> post);

  Eigen::Index inputs() const override { return body_->inputs(); }
  Eigen::Index outputs() const override { return body_->outputs(); }
  Eigen::Index num_params() const override;
  void bind(float* params, float* grads) override;
  void reserve(Eigen::Index batch) override;
  void forward(ConstMatrixView in, MatrixView out) override;
  void backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) override;
  void visit(const std::function<void(Layer&)>& f) override;

 private:
  std::unique_ptr<Layer> body_, post_;
  Eigen::MatrixXf sum_;       // (width, max batch): in + body(in), when there is a post
  Eigen::MatrixXf grad_sum_;  // (width, max batch): its gradient
};

}  // namespace actsearch::nn
