#pragma once
// Optimisers over a model's flat parameter and gradient buffers: one loop each.

#include <cstdint>
#include <span>
#include <vector>

namespace actsearch::nn {

enum class OptimizerKind { Sgd, Adam, AdamW };

/// Settings with torch.optim's defaults for Adam.
struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Adam;
  double momentum = 0.0;  // SGD; torch.optim.SGD's heavy ball, dampening 0
  bool nesterov = false;  // SGD: Nesterov momentum, as torch.optim.SGD(nesterov=True)
  double beta1 = 0.9;     // Adam, AdamW
  double beta2 = 0.999;   // Adam, AdamW
  double eps = 1e-8;      // Adam, AdamW
  // SGD and Adam: L2, wd * param added to the gradient, as torch.optim does. AdamW:
  // decoupled (Loshchilov & Hutter 2019), param *= 1 - lr * wd before the Adam step, as
  // torch.optim.AdamW does.
  double weight_decay = 0.0;
};

/// SGD with (Nesterov) momentum, Adam or AdamW (with torch.optim's bias correction),
/// holding its state for `size` parameters.
class Optimizer {
 public:
  /// Throws actsearch::Error for a negative momentum or weight decay, or Nesterov momentum
  /// without momentum (torch refuses it too).
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

/// How the learning rate moves over a training's steps.
struct Schedule {
  bool cosine = false;            // after the warmup, anneal to 0 over the remaining steps
  std::int64_t warmup_steps = 0;  // linear warmup: lr * (step + 1) / warmup_steps first
};

/// Learning rate at 0-based `step` of `total` under `schedule`, peaking at `lr`.
double scheduled_lr(double lr, const Schedule& schedule, std::int64_t step, std::int64_t total);

}  // namespace actsearch::nn
