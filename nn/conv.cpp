#include "nn/conv.hpp"

#include <string>

#include "grammar/base/error.hpp"

namespace actsearch::nn {
Conv2d::Conv2d(const ConvShape& shape) : shape_(shape) {
  if (shape.in_channels < 1 || shape.out_channels < 1 || shape.height < 1 || shape.width < 1) {
    throw Error("conv: channels and image sizes must be positive");
  }
  if (shape.stride != 1 && shape.stride != 2) {
    throw Error("conv: stride must be 1 or 2, got " + std::to_string(shape.stride));
  }
}

Eigen::Index Conv2d::inputs() const { return shape_.in_channels * shape_.height * shape_.width; }

Eigen::Index Conv2d::outputs() const { return shape_.out_channels * positions(); }

Eigen::Index Conv2d::num_params() const {
  return shape_.out_channels * taps() + (shape_.bias ? shape_.out_channels : 0);
}

void Conv2d::bind(float* params, float* grads) {
  params_ = params;
  grads_ = grads;
}

void Conv2d::reserve(Eigen::Index) {
  col_.resize(positions(), taps());
  dcol_.resize(positions(), taps());
}

// Column t = c * 9 + kh * 3 + kw of the patches holds input channel c shifted by (kh - 1,
// kw - 1) at every output position; outside the image it reads the zero padding.
void Conv2d::im2col(const float* image) {
  const Eigen::Index h = shape_.height, w = shape_.width, s = shape_.stride;
  const Eigen::Index oh = out_height(), ow = out_width();
  for (Eigen::Index c = 0; c < shape_.in_channels; ++c) {
    const float* channel = image + c * h * w;
    for (Eigen::Index k = 0; k < 9; ++k) {
      float* column = col_.col(c * 9 + k).data();
      const Eigen::Index dy = k / 3 - 1, dx = k % 3 - 1;
      for (Eigen::Index y = 0; y < oh; ++y) {
        const Eigen::Index iy = y * s + dy;
        for (Eigen::Index x = 0; x < ow; ++x) {
          const Eigen::Index ix = x * s + dx;
          const bool inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
          column[y * ow + x] = inside ? channel[iy * w + ix] : 0.0f;
        }
      }
    }
  }
}

// The adjoint of im2col: adds each patch gradient back onto the pixel it was read from.
void Conv2d::col2im(float* image) const {
  const Eigen::Index h = shape_.height, w = shape_.width, s = shape_.stride;
  const Eigen::Index oh = out_height(), ow = out_width();
  for (Eigen::Index c = 0; c < shape_.in_channels; ++c) {
    float* channel = image + c * h * w;
    for (Eigen::Index k = 0; k < 9; ++k) {
      const float* column = dcol_.col(c * 9 + k).data();
      const Eigen::Index dy = k / 3 - 1, dx = k % 3 - 1;
      for (Eigen::Index y = 0; y < oh; ++y) {
        const Eigen::Index iy = y * s + dy;
        if (iy < 0 || iy >= h) continue;
        for (Eigen::Index x = 0; x < ow; ++x) {
          const Eigen::Index ix = x * s + dx;
          if (ix >= 0 && ix < w) channel[iy * w + ix] += column[y * ow + x];
        }
      }
    }
  }
}

// Per sample, as (positions, out_channels) column-major, which is the sample's column:
// out = patches (positions, taps) * W^T, where W^T (taps, out_channels) is the weight block
// read column-major.
void Conv2d::forward(ConstMatrixView in, MatrixView out) {
  ACTSEARCH_ASSERT(col_.rows() == positions(), "reserve before forward");
  const ConstMatrixView weight_t(params_, taps(), shape_.out_channels);
  for (Eigen::Index j = 0; j < in.cols(); ++j) {
    im2col(in.col(j).data());
    MatrixView o(out.col(j).data(), positions(), shape_.out_channels);
    if (shape_.bias) {
      o.rowwise() =
          Eigen::Map<const Eigen::RowVectorXf>(params_ + weight_t.size(), shape_.out_channels);
      o.noalias() += col_ * weight_t;
    } else {
      o.noalias() = col_ * weight_t;
    }
  }
}

void Conv2d::backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  const ConstMatrixView weight_t(params_, taps(), shape_.out_channels);
  MatrixView weight_t_grad(grads_, taps(), shape_.out_channels);
  if (grad_in != nullptr) grad_in->setZero();
  for (Eigen::Index j = 0; j < in.cols(); ++j) {
    const ConstMatrixView g(grad_out.col(j).data(), positions(), shape_.out_channels);
    im2col(in.col(j).data());
    weight_t_grad.noalias() += col_.transpose() * g;
    if (shape_.bias) {
      Eigen::Map<Eigen::RowVectorXf>(grads_ + weight_t.size(), shape_.out_channels) +=
          g.colwise().sum();
    }
    if (grad_in == nullptr) continue;
    dcol_.noalias() = g * weight_t.transpose();
    col2im(grad_in->col(j).data());
  }
}

void Conv2d::initialize(Init scheme, Rng& rng) {
  const auto weights = static_cast<std::size_t>(taps() * shape_.out_channels);
  const auto bias = static_cast<std::size_t>(shape_.bias ? shape_.out_channels : 0);
  draw_weights(scheme, rng, static_cast<double>(taps()),
               static_cast<double>(shape_.out_channels * 9), {params_, weights},
               {params_ + weights, bias});
}

std::int64_t Conv2d::macs() const { return positions() * taps() * shape_.out_channels; }

GlobalAvgPool::GlobalAvgPool(Eigen::Index channels, Eigen::Index spatial)
    : channels_(channels), spatial_(spatial) {
  ACTSEARCH_ASSERT(channels > 0 && spatial > 0, "pooling needs positive sizes");
}

void GlobalAvgPool::forward(ConstMatrixView in, MatrixView out) {
  for (Eigen::Index j = 0; j < in.cols(); ++j) {
    out.col(j) =
        ConstMatrixView(in.col(j).data(), spatial_, channels_).colwise().mean().transpose();
  }
}

void GlobalAvgPool::backward(ConstMatrixView, ConstMatrixView grad_out, MatrixView* grad_in) {
  if (grad_in == nullptr) return;
  const float scale = 1.0f / static_cast<float>(spatial_);
  for (Eigen::Index j = 0; j < grad_out.cols(); ++j) {
    MatrixView g(grad_in->col(j).data(), spatial_, channels_);
    g.rowwise() = scale * grad_out.col(j).transpose();
  }
}

}  // namespace actsearch::nn
