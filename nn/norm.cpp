#include "nn/norm.hpp"

#include <cmath>
#include <string>

#include "grammar/base/error.hpp"

namespace actsearch::nn {

Norm::Norm(NormKind kind, Eigen::Index channels, Eigen::Index spatial)
    : kind_(kind), channels_(channels), spatial_(spatial) {
  ACTSEARCH_ASSERT(kind != NormKind::None, "a Norm normalises");
  if (channels < 1 || spatial < 1) {
    throw Error("norm: channels and spatial size must be positive, got " +
                std::to_string(channels) + " and " + std::to_string(spatial));
  }
  running_mean_.assign(static_cast<std::size_t>(channels), 0.0);
  running_var_.assign(static_cast<std::size_t>(channels), 1.0);
}

void Norm::bind(float* params, float* grads) {
  params_ = params;
  grads_ = grads;
}

void Norm::reserve(Eigen::Index batch) {
  if (batch > xhat_.cols()) xhat_.resize(inputs(), batch);
}

void Norm::initialize() {
  gamma().setOnes();
  beta().setZero();
  running_mean_.assign(running_mean_.size(), 0.0);
  running_var_.assign(running_var_.size(), 1.0);
}

void Norm::forward(ConstMatrixView in, MatrixView out) {
  ACTSEARCH_ASSERT(in.rows() == inputs() && in.cols() <= xhat_.cols(), "reserved batch too small");
  if (kind_ == NormKind::Batch) {
    forward_batch(in, out);
  } else {
    forward_layer(in, out);
  }
}

void Norm::backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  ACTSEARCH_ASSERT(in.cols() == grad_out.cols(), "backward batch differs from forward");
  if (kind_ == NormKind::Batch) {
    backward_batch(grad_out, grad_in);
  } else {
    backward_layer(grad_out, grad_in);
  }
}

// Statistics are summed in double: a channel of a conv layer holds batch * H * W values,
// where float sums would lose the digits the variance is made of.
void Norm::forward_batch(ConstMatrixView in, MatrixView out) {
  const Eigen::Index b = in.cols();
  const auto n = static_cast<double>(spatial_ * b);
  batch_statistics_ = training_;
  inv_std_.resize(channels_);
  for (Eigen::Index c = 0; c < channels_; ++c) {
    const auto x = in.middleRows(c * spatial_, spatial_).array();
    const auto k = static_cast<std::size_t>(c);
    double mean = running_mean_[k], var = running_var_[k];
    if (training_) {
      mean = x.cast<double>().sum() / n;
      var = (x.cast<double>() - mean).square().sum() / n;
      running_mean_[k] = (1 - kMomentum) * running_mean_[k] + kMomentum * mean;
      const double unbiased = n > 1 ? var * n / (n - 1) : var;
      running_var_[k] = (1 - kMomentum) * running_var_[k] + kMomentum * unbiased;
    }
    const auto inv_std = static_cast<float>(1.0 / std::sqrt(var + kEps));
    inv_std_(c) = inv_std;
    auto xhat = xhat_.block(c * spatial_, 0, spatial_, b).array();
    xhat = (x - static_cast<float>(mean)) * inv_std;
    out.middleRows(c * spatial_, spatial_).array() = gamma()(c) * xhat + beta()(c);
  }
}

void Norm::forward_layer(ConstMatrixView in, MatrixView out) {
  const Eigen::Index b = in.cols();
  const auto n = static_cast<double>(in.rows());
  inv_std_.resize(b);
  for (Eigen::Index j = 0; j < b; ++j) {
    const auto x = in.col(j).array().cast<double>();
    const double mean = x.sum() / n;
    const double var = (x - mean).square().sum() / n;
    inv_std_(j) = static_cast<float>(1.0 / std::sqrt(var + kEps));
    xhat_.col(j).array() = (in.col(j).array() - static_cast<float>(mean)) * inv_std_(j);
  }
  for (Eigen::Index c = 0; c < channels_; ++c) {
    out.middleRows(c * spatial_, spatial_).array() =
        gamma()(c) * xhat_.block(c * spatial_, 0, spatial_, b).array() + beta()(c);
  }
}

// With batch statistics every output depends on the whole channel:
// dx = gamma inv_std / n (n dy - sum(dy) - xhat sum(dy xhat)). With running statistics the
// normalisation is a fixed affine map: dx = gamma inv_std dy.
void Norm::backward_batch(ConstMatrixView grad_out, MatrixView* grad_in) {
  const Eigen::Index b = grad_out.cols();
  const auto n = static_cast<float>(spatial_ * b);
  for (Eigen::Index c = 0; c < channels_; ++c) {
    const auto dy = grad_out.middleRows(c * spatial_, spatial_).array();
    const auto xhat = xhat_.block(c * spatial_, 0, spatial_, b).array();
    const float sum_dy = dy.sum();
    const float sum_dy_xhat = (dy * xhat).sum();
    grads_[c] += sum_dy_xhat;
    grads_[channels_ + c] += sum_dy;
    if (grad_in == nullptr) continue;
    auto dx = grad_in->middleRows(c * spatial_, spatial_).array();
    const float scale = gamma()(c) * inv_std_(c);
    if (batch_statistics_) {
      dx = scale / n * (n * dy - sum_dy - xhat * sum_dy_xhat);
    } else {
      dx = scale * dy;
    }
  }
}

// Per sample: dxhat = gamma_c dy, dx = inv_std / n (n dxhat - sum(dxhat) - xhat
// sum(dxhat xhat)), the sums running over the sample's rows.
void Norm::backward_layer(ConstMatrixView grad_out, MatrixView* grad_in) {
  const Eigen::Index b = grad_out.cols();
  for (Eigen::Index c = 0; c < channels_; ++c) {
    const auto dy = grad_out.middleRows(c * spatial_, spatial_).array();
    grads_[c] += (dy * xhat_.block(c * spatial_, 0, spatial_, b).array()).sum();
    grads_[channels_ + c] += dy.sum();
  }
  if (grad_in == nullptr) return;
  for (Eigen::Index c = 0; c < channels_; ++c) {
    grad_in->middleRows(c * spatial_, spatial_).array() =
        gamma()(c) * grad_out.middleRows(c * spatial_, spatial_).array();
  }
  const auto n = static_cast<float>(inputs());
  for (Eigen::Index j = 0; j < b; ++j) {
    auto dxhat = grad_in->col(j).array();
    const auto xhat = xhat_.col(j).array();
    const float sum = dxhat.sum();
    const float sum_xhat = (dxhat * xhat).sum();
    dxhat = inv_std_(j) / n * (n * dxhat - sum - xhat * sum_xhat);
  }
}

}  // namespace actsearch::nn
