#include "nn/activation_layer.hpp"

#include <algorithm>
#include <cmath>

#include "grammar/base/error.hpp"

namespace actsearch::nn {

// dydp_ layout. Shared parameters: the block of values [s, s + L) keeps dy/dp_k of its
// value i at P*s + k*L + i, exactly what Activation::forward wrote for that block.
// Per channel after a dense layer: channel c keeps dy/dp_k of batch column b at
// P*B*c + k*B + b. Per channel after a conv layer: the blocks are a channel's S values of one
// sample, so the shared layout holds with blocks of S values.

ActivationLayer::ActivationLayer(std::unique_ptr<Activation> activation, Eigen::Index width,
                                 bool per_channel, Eigen::Index spatial)
    : activation_(std::move(activation)),
      width_(width),
      spatial_(spatial),
      // Without parameters there is nothing to keep per channel.
      per_channel_(per_channel && activation_->num_params() > 0),
      params_per_channel_(activation_->num_params()) {
  ACTSEARCH_ASSERT(width > 0 && spatial > 0 && width % spatial == 0,
                   "an activation layer holds whole channels");
}

void ActivationLayer::bind(float* params, float* grads) {
  params_ = params;
  grads_ = grads;
}

void ActivationLayer::reserve(Eigen::Index batch) {
  dydx_.resize(width_, batch);
  dydp_.resize(static_cast<std::size_t>(params_per_channel_ * width_ * batch));
  if (per_channel_ && spatial_ == 1) {
    transposed_in_.resize(batch, width_);
    transposed_out_.resize(batch, width_);
    transposed_slope_.resize(batch, width_);
  }
}

void ActivationLayer::initialize() {
  const std::vector<float> init = activation_->initial_params();
  for (Eigen::Index c = 0; c < channels(); ++c) {
    std::copy(init.begin(), init.end(), params_ + c * params_per_channel_);
  }
}

void ActivationLayer::forward(ConstMatrixView in, MatrixView out) {
  ACTSEARCH_ASSERT(in.cols() <= dydx_.cols(), "batch larger than reserved");
  batch_ = in.cols();
  if (collecting_) accumulate_statistics(in);
  if (!per_channel_) {
    forward_shared(in, out);
  } else if (spatial_ == 1) {
    forward_per_channel(in, out);
  } else {
    forward_per_image_channel(in, out);
  }
}

void ActivationLayer::forward_shared(ConstMatrixView in, MatrixView out) {
  const Eigen::Index n = in.size(), p = params_per_channel_;
  const std::span<const float> params(params_, static_cast<std::size_t>(p));
  for (Eigen::Index s = 0; s < n; s += kBlock) {
    const auto len = static_cast<std::size_t>(std::min(kBlock, n - s));
    activation_->forward({in.data() + s, len}, params, {out.data() + s, len},
                         {dydx_.data() + s, len},
                         {dydp_.data() + p * s, static_cast<std::size_t>(p) * len});
  }
}

void ActivationLayer::forward_per_channel(ConstMatrixView in, MatrixView out) {
  // Transposed, each channel's values are contiguous and share one parameter set.
  const Eigen::Index b = batch_, p = params_per_channel_;
  auto x = transposed_in_.topRows(b);
  auto y = transposed_out_.topRows(b);
  auto slope = transposed_slope_.topRows(b);
  x = in.transpose();
  const auto len = static_cast<std::size_t>(b);
  for (Eigen::Index c = 0; c < width_; ++c) {
    // Columns of a topRows block are contiguous runs of b values.
    activation_->forward({&x(0, c), len}, {params_ + c * p, static_cast<std::size_t>(p)},
                         {&y(0, c), len}, {&slope(0, c), len},
                         {dydp_.data() + p * b * c, static_cast<std::size_t>(p) * len});
  }
  out = y.transpose();
  leading_cols(dydx_, b) = slope.transpose();
}

void ActivationLayer::forward_per_image_channel(ConstMatrixView in, MatrixView out) {
  const Eigen::Index p = params_per_channel_, blocks = in.size() / spatial_;
  const auto len = static_cast<std::size_t>(spatial_);
  for (Eigen::Index k = 0; k < blocks; ++k) {
    const Eigen::Index s = k * spatial_, c = k % channels();
    activation_->forward({in.data() + s, len}, {params_ + c * p, static_cast<std::size_t>(p)},
                         {out.data() + s, len}, {dydx_.data() + s, len},
                         {dydp_.data() + p * s, static_cast<std::size_t>(p) * len});
  }
}

void ActivationLayer::backward(ConstMatrixView, ConstMatrixView grad_out, MatrixView* grad_in) {
  ACTSEARCH_ASSERT(grad_out.cols() == batch_, "backward batch differs from forward");
  if (params_per_channel_ > 0 && !collecting_) {
    if (!per_channel_) {
      param_grads_shared(grad_out);
    } else if (spatial_ == 1) {
      param_grads_per_channel(grad_out);
    } else {
      param_grads_per_image_channel(grad_out);
    }
  }
  if (grad_in != nullptr) {
    grad_in->array() = grad_out.array() * leading_cols(dydx_, batch_).array();
  }
}

void ActivationLayer::param_grads_shared(ConstMatrixView grad_out) {
  const Eigen::Index n = grad_out.size(), p = params_per_channel_;
  for (Eigen::Index s = 0; s < n; s += kBlock) {
    const Eigen::Index len = std::min(kBlock, n - s);
    const Eigen::Map<const Eigen::VectorXf> g(grad_out.data() + s, len);
    for (Eigen::Index k = 0; k < p; ++k) {
      grads_[k] += g.dot(Eigen::Map<const Eigen::VectorXf>(dydp_.data() + p * s + k * len, len));
    }
  }
}

void ActivationLayer::param_grads_per_channel(ConstMatrixView grad_out) {
  const Eigen::Index b = batch_, p = params_per_channel_;
  auto g = transposed_in_.topRows(b);  // forward's input is no longer needed
  g = grad_out.transpose();
  for (Eigen::Index c = 0; c < width_; ++c) {
    for (Eigen::Index k = 0; k < p; ++k) {
      const Eigen::Map<const Eigen::VectorXf> d(dydp_.data() + p * b * c + k * b, b);
      grads_[c * p + k] += g.col(c).dot(d);
    }
  }
}

void ActivationLayer::param_grads_per_image_channel(ConstMatrixView grad_out) {
  const Eigen::Index p = params_per_channel_, blocks = grad_out.size() / spatial_;
  for (Eigen::Index b = 0; b < blocks; ++b) {
    const Eigen::Index s = b * spatial_, c = b % channels();
    const Eigen::Map<const Eigen::VectorXf> g(grad_out.data() + s, spatial_);
    for (Eigen::Index k = 0; k < p; ++k) {
      grads_[c * p + k] +=
          g.dot(Eigen::Map<const Eigen::VectorXf>(dydp_.data() + p * s + k * spatial_, spatial_));
    }
  }
}

void ActivationLayer::begin_statistics() {
  collecting_ = true;
  count_ = 0;
  sum_.assign(static_cast<std::size_t>(channels()), 0.0);
  sum_squares_.assign(static_cast<std::size_t>(channels()), 0.0);
}

void ActivationLayer::accumulate_statistics(ConstMatrixView in) {
  for (Eigen::Index j = 0; j < in.cols(); ++j) {
    for (Eigen::Index i = 0; i < width_; ++i) {
      const double v = in(i, j);
      const auto c = static_cast<std::size_t>(per_channel_ ? i / spatial_ : 0);
      sum_[c] += v;
      sum_squares_[c] += v * v;
    }
  }
  count_ += static_cast<double>(per_channel_ ? in.cols() * spatial_ : in.size());
}

void ActivationLayer::end_statistics() {
  collecting_ = false;
  if (count_ == 0) return;
  for (Eigen::Index c = 0; c < channels(); ++c) {
    const auto i = static_cast<std::size_t>(c);
    const double mean = sum_[i] / count_;
    const double variance = std::max(sum_squares_[i] / count_ - mean * mean, 0.0);
    activation_->realign(
        mean, std::sqrt(variance),
        {params_ + c * params_per_channel_, static_cast<std::size_t>(params_per_channel_)});
  }
}

}  // namespace actsearch::nn
