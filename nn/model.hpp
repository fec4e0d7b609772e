#pragma once
// The child networks that score activations, as ../shared/peers/torch_cnn.py defines them:
// - mlp: `depth` hidden blocks of dense (+ norm) + activation, optionally residual
//   (h + act(norm(W h))), then a dense output layer;
// - cnn: three stages of C, 2C, 4C channels (the first conv stride 1, the next two stride
//   2), each one conv + norm + activation followed by blocks - 1 residual basic blocks
//   [conv, norm, act, conv, norm, + input, act], then global average pooling and a dense
//   output layer. Every conv is 3x3 with padding 1, without a bias when normalised.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "nn/activation_layer.hpp"
#include "nn/conv.hpp"
#include "nn/data/dataset.hpp"
#include "nn/dense.hpp"
#include "nn/network_kind.hpp"
#include "nn/norm.hpp"
#include "nn/sequence.hpp"

namespace actsearch::nn {

struct ModelConfig {
  Eigen::Index inputs = 0;   // features per sample
  Eigen::Index outputs = 0;  // classes, or regression outputs
  NetKind net = NetKind::Mlp;
  NormKind norm = NormKind::None;  // after each dense or conv layer, before the activation
  int depth = 1;                   // mlp: hidden blocks (0: a linear model)
  Eigen::Index width = 32;         // mlp: units per hidden block
  bool residual = false;  // mlp: h + f(norm(W h + b)) in every block whose input width is `width`
  bool per_channel = false;    // mlp: activation parameters per hidden unit instead of per layer
  Eigen::Index channels = 16;  // cnn: channels of the first stage
  int blocks = 1;              // cnn: layers per stage (>= 1)
  ImageShape image{};          // cnn: the input's shape (Dataset::image)
};

/// The learned parameters of one hidden layer's activation, for reports.
struct LearnedActivation {
  std::string name;
  std::vector<std::string> param_names;
  Eigen::Index channels = 1;  // parameter sets: 1 when shared by the layer
  std::vector<float> params;  // channels * param_names.size(), channel-major
};

/// Multiply-adds of one sample's forward pass through the network of `config`, as
/// Model::macs_per_sample (checks `config` as Model does).
std::int64_t macs_per_sample(const ModelConfig& config);

/// All parameters live in one contiguous buffer and all gradients in another, with
/// views per layer, so optimisers run one loop over them. Layer blocks start on 64-byte
/// boundaries; the padding between them stays zero. Not copyable (layers point into the
/// buffers); movable.
class Model {
 public:
  /// Every hidden layer gets its own clone of `activation`. Throws actsearch::Error for
  /// non-positive inputs, outputs or width, a negative depth; for a cnn, fewer than one
  /// block or channel, or an image shape that does not hold `inputs` features.
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
  /// Multiply-adds of one sample's forward pass through the dense and conv layers.
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

  /// Training (the default) or evaluation: batch norm uses the batch's statistics and
  /// updates its running ones while training, and uses the running ones in evaluation.
  void set_training(bool training);

  /// True when some activation wants a statistics epoch (PWLU).
  bool uses_input_statistics() const;
  /// Starts / ends the statistics phase of every activation that uses one (see
  /// ActivationLayer::begin_statistics); ending realigns their parameters.
  void begin_statistics();
  void end_statistics();

  /// Each hidden layer's activation and its current parameters.
  std::vector<LearnedActivation> learned_activations() const;

  int depth() const { return config_.depth; }
  /// Dense layer `layer`, in order (for an mlp, 0 .. depth; depth is the output layer).
  Dense& dense(int layer) { return *dense_[static_cast<std::size_t>(layer)]; }
  /// Conv layer `layer` and norm layer `layer`, in order.
  Conv2d& conv(int layer) { return *convs_[static_cast<std::size_t>(layer)]; }
  Norm& norm(int layer) { return *norms_[static_cast<std::size_t>(layer)]; }
  /// Activation layer `layer`, in order (for an mlp, of hidden block `layer`).
  ActivationLayer& activation(int layer) { return *activations_[static_cast<std::size_t>(layer)]; }

 private:
  ModelConfig config_;
  std::unique_ptr<Sequence> net_;
  // The net's layers, found by visiting it, in order.
  std::vector<Dense*> dense_;
  std::vector<Conv2d*> convs_;
  std::vector<ActivationLayer*> activations_;
  std::vector<Norm*> norms_;
  Eigen::VectorXf params_, grads_;

  Eigen::Index reserved_ = 0;
  const float* x_data_ = nullptr;  // input of the last forward
  Eigen::Index batch_ = 0;
  Eigen::MatrixXf outputs_;  // (outputs, max batch)
};

}  // namespace actsearch::nn
