#include "nn/loss.hpp"

#include <cmath>

#include "grammar/base/error.hpp"

namespace actsearch::nn {
namespace {

// Index of the first largest entry of column j (a NaN never wins, as in torch.argmax's
// treatment of ordinary values).
Eigen::Index argmax(ConstMatrixView m, Eigen::Index j) {
  Eigen::Index best = 0;
  for (Eigen::Index i = 1; i < m.rows(); ++i) {
    if (m(i, j) > m(best, j)) best = i;
  }
  return best;
}

}  // namespace

double softmax_cross_entropy(ConstMatrixView logits, std::span<const std::int32_t> labels,
                             MatrixView* grad, std::int64_t* correct) {
  ACTSEARCH_ASSERT(static_cast<Eigen::Index>(labels.size()) == logits.cols(),
                   "one label per column");
  const Eigen::Index b = logits.cols();
  double total = 0.0;
  std::int64_t hits = 0;
  if (grad != nullptr) {
    // With a gradient buffer at hand, exp runs once over the whole batch (vectorised even
    // when there are only a few classes); the buffer then becomes the softmax.
    const float scale = 1.0f / static_cast<float>(b);
    MatrixView& g = *grad;
    for (Eigen::Index j = 0; j < b; ++j)
      g.col(j) = logits.col(j).array() - logits.col(j).maxCoeff();
    g = g.array().exp().matrix();
    for (Eigen::Index j = 0; j < b; ++j) {
      const Eigen::Index label = labels[static_cast<std::size_t>(j)];
      const float sum = g.col(j).sum();
      // log(sum) - (logit[label] - max), with logit[label] - max = log(g(label, j)) unless
      // that underflowed: recomputed from the logits.
      total += static_cast<double>(std::log(sum) - (logits(label, j) - logits.col(j).maxCoeff()));
      g.col(j) *= scale / sum;
      g(label, j) -= scale;
    }
  } else {
    for (Eigen::Index j = 0; j < b; ++j) {
      const Eigen::Index label = labels[static_cast<std::size_t>(j)];
      const auto col = logits.col(j);
      const float top = col.maxCoeff();
      total += static_cast<double>(std::log((col.array() - top).exp().sum()) - (col(label) - top));
    }
  }
  if (correct != nullptr) {
    for (Eigen::Index j = 0; j < b; ++j)
      hits += argmax(logits, j) == labels[static_cast<std::size_t>(j)];
    *correct = hits;
  }
  return total / static_cast<double>(b);
}

double mean_squared_error(ConstMatrixView outputs, ConstMatrixView targets, MatrixView* grad) {
  ACTSEARCH_ASSERT(outputs.rows() == targets.rows() && outputs.cols() == targets.cols(),
                   "outputs and targets differ in shape");
  const auto n = static_cast<float>(outputs.size());
  if (grad != nullptr) *grad = (outputs - targets) * (2.0f / n);
  return static_cast<double>((outputs - targets).squaredNorm()) / static_cast<double>(n);
}

double mean_squared_error_one_hot(ConstMatrixView outputs, std::span<const std::int32_t> labels,
                                  MatrixView* grad, std::int64_t* correct) {
  ACTSEARCH_ASSERT(static_cast<Eigen::Index>(labels.size()) == outputs.cols(),
                   "one label per column");
  const auto n = static_cast<float>(outputs.size());
  double total = 0.0;
  std::int64_t hits = 0;
  for (Eigen::Index j = 0; j < outputs.cols(); ++j) {
    const Eigen::Index label = labels[static_cast<std::size_t>(j)];
    for (Eigen::Index i = 0; i < outputs.rows(); ++i) {
      const float diff = outputs(i, j) - (i == label ? 1.0f : 0.0f);
      total += static_cast<double>(diff * diff);
      if (grad != nullptr) (*grad)(i, j) = diff * (2.0f / n);
    }
    if (correct != nullptr && argmax(outputs, j) == label) ++hits;
  }
  if (correct != nullptr) *correct = hits;
  return total / static_cast<double>(n);
}

}  // namespace actsearch::nn
