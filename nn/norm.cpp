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

void Norm::initialize() {
  gamma().setOnes();
  beta().setZero();
  running_mean_.assign(running_mean_.size(), 0.0);
  running_var_.assign(running_var_.size(), 1.0);
}

namespace {

// One channel of one sample: its `spatial` values, which lie next to each other.
Eigen::Map<const Eigen::ArrayXf> run(ConstMatrixView m, Eigen::Index j, Eigen::Index c,
                                     Eigen::Index spatial) {
  return {m.col(j).data() + c * spatial, spatial};
}

}  // namespace

void Norm::forward(ConstMatrixView in, MatrixView out) {
  if (kind_ == NormKind::Batch) {
    forward_batch(in, out);
  } else {
    forward_layer(in, out);
  }
}

void Norm::backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  ACTSEARCH_ASSERT(in.cols() == grad_out.cols(), "backward batch differs from forward");
  if (kind_ == NormKind::Batch) {
    backward_batch(in, grad_out, grad_in);
  } else {
    backward_layer(in, grad_out, grad_in);
  }
}

// Each run is summed in float lanes (fast, and a run is at most one channel of one sample)
// and the runs in double: a conv channel holds batch * H * W values, where one float sum
// would lose the digits the variance is made of. The variance takes a second pass around
// the mean rather than E[x^2] - mean^2, which cancels.
void Norm::forward_batch(ConstMatrixView in, MatrixView out) {
  const Eigen::Index b = in.cols();
  const auto n = static_cast<double>(spatial_ * b);
  batch_statistics_ = training_;
  mean_.resize(channels_);
  inv_std_.resize(channels_);
  for (Eigen::Index c = 0; c < channels_; ++c) {
    const auto k = static_cast<std::size_t>(c);
    double mean = running_mean_[k], var = running_var_[k];
    if (training_) {
      double sum = 0, squares = 0;
      for (Eigen::Index j = 0; j < b; ++j) sum += run(in, j, c, spatial_).sum();
      mean = sum / n;
      for (Eigen::Index j = 0; j < b; ++j) {
        squares += (run(in, j, c, spatial_) - static_cast<float>(mean)).square().sum();
      }
      var = squares / n;
      running_mean_[k] = (1 - kMomentum) * running_mean_[k] + kMomentum * mean;
      const double unbiased = n > 1 ? var * n / (n - 1) : var;
      running_var_[k] = (1 - kMomentum) * running_var_[k] + kMomentum * unbiased;
    }
    mean_(c) = static_cast<float>(mean);
    inv_std_(c) = static_cast<float>(1.0 / std::sqrt(var + kEps));
    const float scale = gamma()(c) * inv_std_(c);
    const float shift = beta()(c) - mean_(c) * scale;
    out.middleRows(c * spatial_, spatial_).array() =
        in.middleRows(c * spatial_, spatial_).array() * scale + shift;
  }
}

void Norm::forward_layer(ConstMatrixView in, MatrixView out) {
  const Eigen::Index b = in.cols();
  const auto n = static_cast<double>(in.rows());
  mean_.resize(b);
  inv_std_.resize(b);
  for (Eigen::Index j = 0; j < b; ++j) {
    double sum = 0, squares = 0;
    for (Eigen::Index c = 0; c < channels_; ++c) sum += run(in, j, c, spatial_).sum();
    mean_(j) = static_cast<float>(sum / n);
    for (Eigen::Index c = 0; c < channels_; ++c) {
      squares += (run(in, j, c, spatial_) - mean_(j)).square().sum();
    }
    inv_std_(j) = static_cast<float>(1.0 / std::sqrt(squares / n + kEps));
    for (Eigen::Index c = 0; c < channels_; ++c) {
      const float scale = gamma()(c) * inv_std_(j);
      out.col(j).segment(c * spatial_, spatial_).array() =
          run(in, j, c, spatial_) * scale + (beta()(c) - mean_(j) * scale);
    }
  }
}

// With batch statistics every output depends on the whole channel:
// dx = gamma inv_std / n (n dy - sum(dy) - xhat sum(dy xhat)), with xhat = (x - mean)
// inv_std, an affine map of dy and x per channel. With running statistics the
// normalisation is a fixed affine map: dx = gamma inv_std dy.
void Norm::backward_batch(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  const Eigen::Index b = grad_out.cols();
  const auto n = static_cast<float>(spatial_ * b);
  for (Eigen::Index c = 0; c < channels_; ++c) {
    const float mean = mean_(c), inv_std = inv_std_(c);
    double sum_dy = 0, sum_dy_centred = 0;
    for (Eigen::Index j = 0; j < b; ++j) {
      const auto dy = run(grad_out, j, c, spatial_);
      sum_dy += dy.sum();
      sum_dy_centred += (dy * (run(in, j, c, spatial_) - mean)).sum();
    }
    const auto sum_dy_xhat = static_cast<float>(sum_dy_centred) * inv_std;
    grads_[c] += sum_dy_xhat;
    grads_[channels_ + c] += static_cast<float>(sum_dy);
    if (grad_in == nullptr) continue;
    auto dx = grad_in->middleRows(c * spatial_, spatial_).array();
    const auto dy = grad_out.middleRows(c * spatial_, spatial_).array();
    const float scale = gamma()(c) * inv_std;
    if (batch_statistics_) {
      const float slope = scale / n * sum_dy_xhat * inv_std;
      const float offset = slope * mean - scale / n * static_cast<float>(sum_dy);
      dx = scale * dy - slope * in.middleRows(c * spatial_, spatial_).array() + offset;
    } else {
      dx = scale * dy;
    }
  }
}

// Per sample: dxhat = gamma_c dy, dx = inv_std / n (n dxhat - sum(dxhat) - xhat
// sum(dxhat xhat)), the sums running over the sample's rows.
void Norm::backward_layer(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  const Eigen::Index b = grad_out.cols();
  const auto n = static_cast<float>(inputs());
  for (Eigen::Index j = 0; j < b; ++j) {
    const float mean = mean_(j), inv_std = inv_std_(j);
    double sum_dxhat = 0, sum_dxhat_xhat = 0;
    for (Eigen::Index c = 0; c < channels_; ++c) {
      const auto dy = run(grad_out, j, c, spatial_);
      const float dy_sum = dy.sum();
      const float dy_xhat = (dy * (run(in, j, c, spatial_) - mean)).sum() * inv_std;
      grads_[c] += dy_xhat;
      grads_[channels_ + c] += dy_sum;
      sum_dxhat += gamma()(c) * dy_sum;
      sum_dxhat_xhat += gamma()(c) * dy_xhat;
    }
    if (grad_in == nullptr) continue;
    const auto mean_dxhat = static_cast<float>(sum_dxhat) / n;
    const auto mean_dxhat_xhat = static_cast<float>(sum_dxhat_xhat) / n;
    for (Eigen::Index c = 0; c < channels_; ++c) {
      const auto xhat = (run(in, j, c, spatial_) - mean) * inv_std;
      grad_in->col(j).segment(c * spatial_, spatial_).array() =
          inv_std *
          (gamma()(c) * run(grad_out, j, c, spatial_) - mean_dxhat - xhat * mean_dxhat_xhat);
    }
  }
}

}  // namespace actsearch::nn
