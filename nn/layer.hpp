#pragma once
// The layer contract every layer of a network keeps: forward and backward over
// batches stored one sample per column, parameters and gradients living in blocks of the
// model's flat buffers.

#include "grammar/base/eigen.hpp"

#include <functional>

namespace actsearch::nn {

/// A batch or a weight matrix viewed in place (column-major).
using MatrixView = Eigen::Map<Eigen::MatrixXf>;
using ConstMatrixView = Eigen::Map<const Eigen::MatrixXf>;
using VectorView = Eigen::Map<Eigen::VectorXf>;

/// The first `cols` columns of `m`: contiguous, since storage is column-major.
inline MatrixView leading_cols(Eigen::MatrixXf& m, Eigen::Index cols) {
  return MatrixView(m.data(), m.rows(), cols);
}
inline ConstMatrixView leading_cols(const Eigen::MatrixXf& m, Eigen::Index cols) {
  return ConstMatrixView(m.data(), m.rows(), cols);
}

/// A read-only view of the same values.
inline ConstMatrixView read_only(const MatrixView& m) { return {m.data(), m.rows(), m.cols()}; }

/// One layer of a network. Batches are (features, B) with B at most the reserved batch.
/// The layer owns no parameters: `bind` points it at its block of the model's flat
/// parameter and gradient buffers. Backward adds into the gradient block; zeroing is the
/// model's job.
class Layer {
 public:
  virtual ~Layer() = default;

  virtual Eigen::Index inputs() const = 0;
  virtual Eigen::Index outputs() const = 0;
  /// Floats this layer occupies in the flat parameter (and gradient) buffer.
  virtual Eigen::Index num_params() const = 0;
  /// Points the layer at its num_params() floats of parameters and of gradients.
  virtual void bind(float* params, float* grads) = 0;
  /// Allocates the caches for batches of up to `batch` samples.
  virtual void reserve(Eigen::Index batch) = 0;
  /// out (outputs, B) = f(in (inputs, B)); caches what backward needs.
  virtual void forward(ConstMatrixView in, MatrixView out) = 0;
  /// For the last forward (same `in`), given grad_out = dL/dout (outputs, B): adds dL/dparams
  /// into the gradient block and, when grad_in is non-null, writes dL/din (inputs, B) there.
  virtual void backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) = 0;
  /// Calls `f` on every layer that is not made of layers, in order (this one, or its
  /// children's): how a network finds its dense layers, activations and norms.
  virtual void visit(const std::function<void(Layer&)>& f) { f(*this); }

 protected:
  Layer() = default;
  Layer(const Layer&) = default;
  Layer(Layer&&) = default;
  Layer& operator=(const Layer&) = default;
  Layer& operator=(Layer&&) = default;
};

}  // namespace actsearch::nn
