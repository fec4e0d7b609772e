#include "nn/conv.hpp"

#include <algorithm>
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

Eigen::Index Conv2d::chunk() const {
  constexpr Eigen::Index kRows = 2048;
  return std::max<Eigen::Index>(1, kRows / positions());
}

void Conv2d::reserve(Eigen::Index batch) {
  const Eigen::Index rows = std::min(batch, chunk()) * positions();
  col_.resize(rows, taps());
  dcol_.resize(rows, taps());
  rows_out_.resize(rows, shape_.out_channels);
}

namespace {

// The output columns x in [begin, end) whose input column x * stride + dx lies inside an
// image `width` wide; the others read the zero padding.
struct Inside {
  Eigen::Index begin, end;
};

Inside inside(Eigen::Index dx, Eigen::Index stride, Eigen::Index width, Eigen::Index out_width) {
  const Eigen::Index last = width - 1 - dx;  // the largest x * stride that stays inside
  const Eigen::Index end = last < 0 ? 0 : std::min(out_width, last / stride + 1);
  return {dx < 0 ? 1 : 0, end};
}

}  // namespace

// Column t = c * 9 + kh * 3 + kw of the patches holds input channel c shifted by (kh - 1,
// kw - 1) at every output position, sample after sample.
void Conv2d::im2col(ConstMatrixView in, Eigen::Index first, Eigen::Index n) {
  const Eigen::Index h = shape_.height, w = shape_.width, s = shape_.stride;
  const Eigen::Index oh = out_height(), ow = out_width(), p = positions();
  for (Eigen::Index c = 0; c < shape_.in_channels; ++c) {
    for (Eigen::Index k = 0; k < 9; ++k) {
      const Eigen::Index dy = k / 3 - 1, dx = k % 3 - 1;
      const Inside cols = inside(dx, s, w, ow);
      for (Eigen::Index b = 0; b < n; ++b) {
        const float* channel = in.col(first + b).data() + c * h * w;
        float* column = col_.col(c * 9 + k).data() + b * p;
        for (Eigen::Index y = 0; y < oh; ++y) {
          const Eigen::Index iy = y * s + dy;
          float* row = column + y * ow;
          if (iy < 0 || iy >= h) {
            std::fill(row, row + ow, 0.0f);
            continue;
          }
          const float* src = channel + iy * w + dx;
          std::fill(row, row + cols.begin, 0.0f);
          for (Eigen::Index x = cols.begin; x < cols.end; ++x) row[x] = src[x * s];
          std::fill(row + cols.end, row + ow, 0.0f);
        }
      }
    }
  }
}

// The adjoint of im2col: adds each patch gradient back onto the pixel it was read from.
void Conv2d::col2im(Eigen::Index first, Eigen::Index n, MatrixView grad_in) const {
  const Eigen::Index h = shape_.height, w = shape_.width, s = shape_.stride;
  const Eigen::Index oh = out_height(), ow = out_width(), p = positions();
  for (Eigen::Index c = 0; c < shape_.in_channels; ++c) {
    for (Eigen::Index k = 0; k < 9; ++k) {
      const Eigen::Index dy = k / 3 - 1, dx = k % 3 - 1;
      const Inside cols = inside(dx, s, w, ow);
      for (Eigen::Index b = 0; b < n; ++b) {
        float* channel = grad_in.col(first + b).data() + c * h * w;
        const float* column = dcol_.col(c * 9 + k).data() + b * p;
        for (Eigen::Index y = 0; y < oh; ++y) {
          const Eigen::Index iy = y * s + dy;
          if (iy < 0 || iy >= h) continue;
          float* dst = channel + iy * w + dx;
          const float* row = column + y * ow;
          for (Eigen::Index x = cols.begin; x < cols.end; ++x) dst[x * s] += row[x];
        }
      }
    }
  }
}

// A chunk's outputs are one product, patches (rows, taps) * W^T (taps, out_channels),
// where W^T is the weight block read column-major; its column o holds channel o of every
// sample, which the batch's layout keeps in each sample's column.
void Conv2d::forward(ConstMatrixView in, MatrixView out) {
  ACTSEARCH_ASSERT(col_.rows() >= std::min(in.cols(), chunk()) * positions(),
                   "reserve before forward");
  const Eigen::Index p = positions(), channels = shape_.out_channels;
  const ConstMatrixView weight_t(params_, taps(), channels);
  for (Eigen::Index first = 0; first < in.cols(); first += chunk()) {
    const Eigen::Index n = std::min(chunk(), in.cols() - first);
    im2col(in, first, n);
    auto product = rows_out_.topRows(n * p);
    product.noalias() = col_.topRows(n * p) * weight_t;
    for (Eigen::Index b = 0; b < n; ++b) {
      for (Eigen::Index o = 0; o < channels; ++o) {
        const float bias = shape_.bias ? params_[weight_t.size() + o] : 0.0f;
        out.col(first + b).segment(o * p, p).array() =
            product.col(o).segment(b * p, p).array() + bias;
      }
    }
  }
}

void Conv2d::backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  const Eigen::Index p = positions(), channels = shape_.out_channels;
  const ConstMatrixView weight_t(params_, taps(), channels);
  MatrixView weight_t_grad(grads_, taps(), channels);
  if (grad_in != nullptr) grad_in->setZero();
  for (Eigen::Index first = 0; first < in.cols(); first += chunk()) {
    const Eigen::Index n = std::min(chunk(), in.cols() - first);
    auto g = rows_out_.topRows(n * p);
    for (Eigen::Index b = 0; b < n; ++b) {
      for (Eigen::Index o = 0; o < channels; ++o) {
        g.col(o).segment(b * p, p) = grad_out.col(first + b).segment(o * p, p);
      }
    }
    im2col(in, first, n);
    weight_t_grad.noalias() += col_.topRows(n * p).transpose() * g;
    if (shape_.bias) {
      Eigen::Map<Eigen::RowVectorXf>(grads_ + weight_t.size(), channels) += g.colwise().sum();
    }
    if (grad_in == nullptr) continue;
    dcol_.topRows(n * p).noalias() = g * weight_t.transpose();
    col2im(first, n, *grad_in);
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
