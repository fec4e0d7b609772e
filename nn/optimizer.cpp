#include "nn/optimizer.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include "grammar/error.hpp"

namespace actsearch::nn {
namespace {

constexpr float kLargest = std::numeric_limits<float>::max();

}  // namespace

Optimizer::Optimizer(const OptimizerConfig& config, std::size_t size)
    : config_(config), first_(size, 0.0f) {
  if (config.kind == OptimizerKind::Adam) second_.assign(size, 0.0f);
}

bool Optimizer::step(std::span<float> params, std::span<const float> grads, double lr) {
  ACTSEARCH_ASSERT(params.size() == first_.size() && grads.size() == first_.size(),
                   "optimizer state and buffers differ in size");
  ++steps_;
  if (config_.kind == OptimizerKind::Adam) return adam_step(params, grads, lr);
  return sgd_step(params, grads, static_cast<float>(lr));
}

// The loops accumulate "some value not finite" as an integer OR of comparisons, which
// vectorises (a float reduction would not, without -ffast-math).

bool Optimizer::sgd_step(std::span<float> params, std::span<const float> grads, float lr) {
  const float momentum = static_cast<float>(config_.momentum);
  const float decay = static_cast<float>(config_.weight_decay);
  float* __restrict p = params.data();
  const float* __restrict g = grads.data();
  float* __restrict v = first_.data();
  const std::size_t n = params.size();
  int bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // momentum * 0 + g == g: the zero-initialised buffer reproduces torch's first step.
    v[i] = momentum * v[i] + (g[i] + decay * p[i]);
    p[i] -= lr * v[i];
    bad |= !(std::abs(p[i]) <= kLargest);
  }
  return bad == 0;
}

bool Optimizer::adam_step(std::span<float> params, std::span<const float> grads, double lr) {
  // As torch.optim.Adam (single-tensor path): corrections in double, the loop in float.
  const double t = static_cast<double>(steps_);
  const auto step_size = static_cast<float>(lr / (1.0 - std::pow(config_.beta1, t)));
  const auto correction2_sqrt = static_cast<float>(std::sqrt(1.0 - std::pow(config_.beta2, t)));
  const auto b1 = static_cast<float>(config_.beta1), b2 = static_cast<float>(config_.beta2);
  const auto a1 = static_cast<float>(1.0 - config_.beta1);
  const auto a2 = static_cast<float>(1.0 - config_.beta2);
  const auto eps = static_cast<float>(config_.eps);
  const auto decay = static_cast<float>(config_.weight_decay);
  float* __restrict p = params.data();
  const float* __restrict g = grads.data();
  float* __restrict m = first_.data();
  float* __restrict v = second_.data();
  const std::size_t n = params.size();
  int bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const float gi = g[i] + decay * p[i];
    m[i] = m[i] * b1 + gi * a1;
    v[i] = v[i] * b2 + gi * gi * a2;
    p[i] -= step_size * (m[i] / (std::sqrt(v[i]) / correction2_sqrt + eps));
    bad |= !(std::abs(p[i]) <= kLargest);
  }
  return bad == 0;
}

double cosine_lr(double lr, std::int64_t step, std::int64_t total) {
  if (total <= 0) return lr;
  const double progress = static_cast<double>(step) / static_cast<double>(total);
  return 0.5 * lr * (1.0 + std::cos(std::numbers::pi * progress));
}

}  // namespace actsearch::nn
