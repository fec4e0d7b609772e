#include "nn/optimizer.hpp"

#include "grammar/base/eigen.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "grammar/base/error.hpp"

namespace actsearch::nn {
Optimizer::Optimizer(const OptimizerConfig& config, std::size_t size)
    : config_(config), first_(size, 0.0f) {
  if (!(config.momentum >= 0.0)) throw Error("optimizer: momentum must be 0 or more");
  if (!(config.weight_decay >= 0.0)) throw Error("optimizer: weight decay must be 0 or more");
  if (config.nesterov && config.momentum == 0.0) {
    throw Error("optimizer: Nesterov momentum needs a momentum above 0");
  }
  if (config.kind != OptimizerKind::Sgd) second_.assign(size, 0.0f);
}

bool Optimizer::step(std::span<float> params, std::span<const float> grads, double lr) {
  ACTSEARCH_ASSERT(params.size() == first_.size() && grads.size() == first_.size(),
                   "optimizer state and buffers differ in size");
  ++steps_;
  if (config_.kind == OptimizerKind::Sgd) return sgd_step(params, grads, static_cast<float>(lr));
  return adam_step(params, grads, lr);
}

// The updates run over chunks that stay in L1, as Eigen array expressions: they vectorise
// (a plain loop with std::sqrt would not, for errno's sake). Finiteness is checked through
// sum(p * 0), which is 0 unless some p is infinite or NaN: a vectorised reduction, where
// isFinite().all() runs one value at a time.
namespace {

constexpr Eigen::Index kChunk = 1024;  // 4 KB per array: the chunk of all four stays in L1

using Chunk = Eigen::Map<Eigen::ArrayXf>;
using ConstChunk = Eigen::Map<const Eigen::ArrayXf>;

}  // namespace

bool Optimizer::sgd_step(std::span<float> params, std::span<const float> grads, float lr) {
  const auto momentum = static_cast<float>(config_.momentum);
  const auto decay = static_cast<float>(config_.weight_decay);
  const auto n = static_cast<Eigen::Index>(params.size());
  float zero_unless_non_finite = 0.0f;
  for (Eigen::Index s = 0; s < n; s += kChunk) {
    const Eigen::Index len = std::min(kChunk, n - s);
    Chunk p(params.data() + s, len), v(first_.data() + s, len);
    const ConstChunk g(grads.data() + s, len);
    // momentum * 0 + g == g: the zero-initialised buffer reproduces torch's first step.
    v = momentum * v + (g + decay * p);
    if (config_.nesterov) {
      p -= lr * (g + decay * p + momentum * v);
    } else {
      p -= lr * v;
    }
    zero_unless_non_finite += (p * 0.0f).sum();
  }
  return zero_unless_non_finite == 0.0f;
}

bool Optimizer::adam_step(std::span<float> params, std::span<const float> grads, double lr) {
  // As torch.optim.Adam (single-tensor path): corrections in double, the update in float;
  // the division by sqrt(1 - beta2^t) is a multiplication by its reciprocal.
  const double t = static_cast<double>(steps_);
  const auto step_size = static_cast<float>(lr / (1.0 - std::pow(config_.beta1, t)));
  const auto inv_correction2 =
      static_cast<float>(1.0 / std::sqrt(1.0 - std::pow(config_.beta2, t)));
  const auto b1 = static_cast<float>(config_.beta1), b2 = static_cast<float>(config_.beta2);
  const auto a1 = static_cast<float>(1.0 - config_.beta1);
  const auto a2 = static_cast<float>(1.0 - config_.beta2);
  const auto eps = static_cast<float>(config_.eps);
  const bool decoupled = config_.kind == OptimizerKind::AdamW;
  const auto decay = static_cast<float>(decoupled ? 0.0 : config_.weight_decay);
  const auto shrink = static_cast<float>(1.0 - lr * (decoupled ? config_.weight_decay : 0.0));
  const auto n = static_cast<Eigen::Index>(params.size());
  Eigen::Array<float, kChunk, 1> decayed;
  float zero_unless_non_finite = 0.0f;
  for (Eigen::Index s = 0; s < n; s += kChunk) {
    const Eigen::Index len = std::min(kChunk, n - s);
    Chunk p(params.data() + s, len), m(first_.data() + s, len), v(second_.data() + s, len);
    const float* g_data = grads.data() + s;
    if (decay != 0.0f) {
      Chunk(decayed.data(), len) = ConstChunk(g_data, len) + decay * p;
      g_data = decayed.data();
    }
    const ConstChunk g(g_data, len);
    if (decoupled) p *= shrink;
    m = m * b1 + g * a1;
    v = v * b2 + g.square() * a2;
    p -= step_size * m / (v.sqrt() * inv_correction2 + eps);
    zero_unless_non_finite += (p * 0.0f).sum();
  }
  return zero_unless_non_finite == 0.0f;
}

double cosine_lr(double lr, std::int64_t step, std::int64_t total) {
  if (total <= 0) return lr;
  const double progress = static_cast<double>(step) / static_cast<double>(total);
  return 0.5 * lr * (1.0 + std::cos(std::numbers::pi * progress));
}

double scheduled_lr(double lr, const Schedule& schedule, std::int64_t step, std::int64_t total) {
  const std::int64_t warmup = schedule.warmup_steps;
  if (step < warmup) {
    return lr * static_cast<double>(step + 1) / static_cast<double>(warmup);
  }
  return schedule.cosine ? cosine_lr(lr, step - warmup, total - warmup) : lr;
}

}  // namespace actsearch::nn
