#pragma once
// Losses over a batch of network outputs (outputs, B), averaged as PyTorch's default
// reduction="mean" does.

#include <cstdint>
#include <span>

#include "nn/layer.hpp"

namespace actsearch::nn {

/// Mean softmax cross-entropy of logits (classes, B) against labels (B), through
/// log-sum-exp so large logits do not overflow. When `grad` is non-null it receives
/// dLoss/dlogits (classes, B). When `correct` is non-null it receives the number of
/// columns whose first largest logit is the label. Non-finite logits give a non-finite
/// loss, never an exception.
double softmax_cross_entropy(ConstMatrixView logits, std::span<const std::int32_t> labels,
                             MatrixView* grad, std::int64_t* correct);

/// Mean squared error over all elements of outputs and targets (both (outputs, B)), as
/// torch.nn.functional.mse_loss. When `grad` is non-null it receives dLoss/doutputs.
double mean_squared_error(ConstMatrixView outputs, ConstMatrixView targets, MatrixView* grad);

/// Mean squared error against one-hot targets of `labels` (outputs (classes, B)); `correct`
/// as for softmax_cross_entropy.
double mean_squared_error_one_hot(ConstMatrixView outputs, std::span<const std::int32_t> labels,
                                  MatrixView* grad, std::int64_t* correct);

}  // namespace actsearch::nn
