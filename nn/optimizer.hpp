#pragma once
// Optimisers over a model's flat parameter and gradient buffers: one loop each.

#include <cstdint>
#include <span>
#include <vector>

namespace actsearch::nn {

enum class OptimizerKind { Sgd, Adam };

/// Settings with torch.optim's defaults for Adam.
struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Adam;
  double momentum = 0.0;      // SGD; torch.optim.SGD's heavy ball, dampening 0
  double beta1 = 0.9;         // Adam
  double beta2 = 0.999;       // Adam
  double eps = 1e-8;          // Adam
  double weight_decay = 0.0;  // L2: wd * param added to the gradient, as torch.optim does
};

/// SGD with momentum or Adam (with torch.optim.Adam's bias correction), holding its state
/// for `size` parameters.
class Optimizer {
 public:
  Optimizer(const OptimizerConfig& config, std::size_t size);

  /// One update of params from grads (both `size` floats) with learning rate `lr`.
  /// Returns false when some updated parameter is not finite.
  bool step(std::span<float> params, std::span<const float> grads, double lr);

  std::int64_t steps() const { return steps_; }

 private:
  bool sgd_step(std::span<float> params, std::span<const float> grads, float lr);
  bool adam_step(std::span<float> params, std::span<const float> grads, double lr);

  OptimizerConfig config_;
  std::int64_t steps_ = 0;
  std::vector<float> first_;   // SGD momentum buffer, or Adam's first moment
  std::vector<float> second_;  // Adam's second moment
};

/// Learning rate at 0-based `step` of `total` under cosine annealing from `lr` to 0:
/// lr * (1 + cos(pi * step / total)) / 2.
double cosine_lr(double lr, std::int64_t step, std::int64_t total);

}  // namespace actsearch::nn
