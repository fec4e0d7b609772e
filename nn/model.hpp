#pragma once
// The multilayer perceptron that scores activations: `depth` hidden blocks of
// dense + activation, optionally residual, then a dense output layer.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "nn/activation_layer.hpp"
#include "nn/dense.hpp"

namespace actsearch::nn {

struct ModelConfig {
  Eigen::Index inputs = 0;   // features per sample
  Eigen::Index outputs = 0;  // classes, or regression outputs
  int depth = 1;             // hidden blocks (0: a linear model)
  Eigen::Index width = 32;   // units per hidden block
  bool residual = false;     // h + f(W h + b) in every hidden block whose input width is `width`
  bool per_channel = false;  // activation parameters per hidden unit instead of per layer
};

/// The learned parameters of one hidden layer's activation, for reports.
struct LearnedActivation {
  std::string name;
  std::vector<std::string> param_names;
  Eigen::Index channels = 1;  // parameter sets: 1 when shared by the layer
  std::vector<float> params;  // channels * param_names.size(), channel-major
};

/// All parameters live in one contiguous buffer and all gradients in another, with
/// views per layer, so optimisers run one loop over them. Layer blocks start on 64-byte
/// boundaries; the padding between them stays zero. Not copyable (layers point into the
/// buffers); movable.
class Model {
 public:
  /// Every hidden layer gets its own clone of `activation`. Throws actsearch::Error for
  /// non-positive inputs, outputs or width, or a negative depth.
  Model(const ModelConfig& config, const Activation& activation);
  Model(Model&&) = default;
  Model& operator=(Model&&) = default;

  const ModelConfig& config() const { return config_; }
  std::span<float> params() { return {params_.data(), static_cast<std::size_t>(params_.size())}; }
  std::span<const float> params() const {
    return {params_.data(), static_cast<std::size_t>(params_.size())};
  }
  std::span<float> grads() { return {grads_.data(), static_cast<std::size_t>(grads_.size())}; }
  /// Learnable scalars (padding excluded).
  std::int64_t num_params() const;
  /// Multiply-adds of one sample's forward pass through the dense layers.
  std::int64_t macs_per_sample() const;

  /// Draws the dense layers' parameters per `scheme` from `seed` and resets every
  /// activation to its initial parameters.
  void initialize(Init scheme, std::uint64_t seed);
  /// Allocates the per-batch buffers for batches of up to `batch` samples.
  void reserve(Eigen::Index batch);
  Eigen::Index reserved_batch() const { return reserved_; }

  /// Outputs (outputs, B) for x (inputs, B), B <= reserved_batch(). The view stays valid
  /// until the next forward; x must stay alive until backward.
  ConstMatrixView forward(ConstMatrixView x);
  /// Adds the gradient of the loss into grads(), given dL/doutputs (outputs, B) of the
  /// last forward.
  void backward(ConstMatrixView grad_outputs);
  void zero_grad() { grads_.setZero(); }

  /// True when some activation wants a statistics epoch (PWLU).
  bool uses_input_statistics() const;
  /// Starts / ends the statistics phase of every activation that uses one (see
  /// ActivationLayer::begin_statistics); ending realigns their parameters.
  void begin_statistics();
  void end_statistics();

  /// Each hidden layer's activation and its current parameters.
  std::vector<LearnedActivation> learned_activations() const;

  int depth() const { return config_.depth; }
  /// Dense layer `layer` in 0 .. depth (depth is the output layer).
  Dense& dense(int layer) { return dense_[static_cast<std::size_t>(layer)]; }
  /// Activation layer of hidden block `layer` in 0 .. depth-1.
  ActivationLayer& activation(int layer) { return activations_[static_cast<std::size_t>(layer)]; }

 private:
  bool is_residual(int layer) const;

  ModelConfig config_;
  std::vector<Dense> dense_;                  // depth hidden + 1 output
  std::vector<ActivationLayer> activations_;  // depth
  Eigen::VectorXf params_, grads_;

  Eigen::Index reserved_ = 0;
  const float* x_data_ = nullptr;  // input of the last forward
  Eigen::Index batch_ = 0;
  std::vector<Eigen::MatrixXf> pre_;           // (width, max batch) per hidden layer: W h + b
  std::vector<Eigen::MatrixXf> hidden_;        // (width, max batch) per hidden layer: output
  Eigen::MatrixXf outputs_;                    // (outputs, max batch)
  Eigen::MatrixXf grad_hidden_[2], grad_pre_;  // (width, max batch)
};

}  // namespace actsearch::nn
