#include "nn/sequence.hpp"

#include <algorithm>
#include <utility>

#include "grammar/base/error.hpp"

namespace actsearch::nn {

void Sequence::add(std::unique_ptr<Layer> layer) {
  ACTSEARCH_ASSERT(children_.empty() || children_.back()->outputs() == layer->inputs(),
                   "a child's inputs are the outputs of the one before");
  children_.push_back(std::move(layer));
}

Eigen::Index Sequence::inputs() const { return children_.front()->inputs(); }

Eigen::Index Sequence::outputs() const { return children_.back()->outputs(); }

Eigen::Index Sequence::num_params() const {
  Eigen::Index n = 0;
  for (const auto& child : children_) n += aligned_floats(child->num_params());
  return n;
}

void Sequence::bind(float* params, float* grads) {
  Eigen::Index offset = 0;
  for (const auto& child : children_) {
    child->bind(params + offset, grads + offset);
    offset += aligned_floats(child->num_params());
  }
}

void Sequence::reserve(Eigen::Index batch) {
  outputs_.clear();
  Eigen::Index widest = 0;
  for (std::size_t i = 0; i < children_.size(); ++i) {
    children_[i]->reserve(batch);
    widest = std::max(widest, children_[i]->outputs());
    if (i + 1 < children_.size()) outputs_.emplace_back(children_[i]->outputs(), batch);
  }
  for (Eigen::MatrixXf& g : grad_) g.resize(widest, batch);
}

void Sequence::forward(ConstMatrixView in, MatrixView out) {
  batch_ = in.cols();
  const float* h = in.data();  // the input of the current child
  Eigen::Index rows = in.rows();
  for (std::size_t i = 0; i + 1 < children_.size(); ++i) {
    MatrixView next = leading_cols(outputs_[i], batch_);
    children_[i]->forward(ConstMatrixView(h, rows, batch_), next);
    h = next.data();
    rows = next.rows();
  }
  children_.back()->forward(ConstMatrixView(h, rows, batch_), out);
}

// The gradient of an output ping-pongs between two buffers on the way down; the first
// child writes into the caller's grad_in (or computes none).
void Sequence::backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  ACTSEARCH_ASSERT(grad_out.cols() == batch_, "backward batch differs from forward");
  const float* g = grad_out.data();  // dL/d of the current child's output
  Eigen::Index rows = grad_out.rows();
  for (std::size_t i = children_.size() - 1; i > 0; --i) {
    const ConstMatrixView input = leading_cols(std::as_const(outputs_[i - 1]), batch_);
    MatrixView g_in(grad_[i % 2].data(), input.rows(), batch_);
    children_[i]->backward(input, ConstMatrixView(g, rows, batch_), &g_in);
    g = g_in.data();
    rows = g_in.rows();
  }
  children_[0]->backward(in, ConstMatrixView(g, rows, batch_), grad_in);
}

void Sequence::visit(const std::function<void(Layer&)>& f) {
  for (const auto& child : children_) child->visit(f);
}

Residual::Residual(std::unique_ptr<Layer> body, std::unique_ptr<Layer> post)
    : body_(std::move(body)), post_(std::move(post)) {
  ACTSEARCH_ASSERT(body_->inputs() == body_->outputs(), "a residual body keeps the width");
  ACTSEARCH_ASSERT(!post_ || post_->inputs() == body_->outputs(), "post keeps the width");
}

Eigen::Index Residual::num_params() const {
  return aligned_floats(body_->num_params()) + (post_ ? aligned_floats(post_->num_params()) : 0);
}

void Residual::bind(float* params, float* grads) {
  body_->bind(params, grads);
  const Eigen::Index offset = aligned_floats(body_->num_params());
  if (post_) post_->bind(params + offset, grads + offset);
}

void Residual::reserve(Eigen::Index batch) {
  body_->reserve(batch);
  if (!post_) return;
  post_->reserve(batch);
  sum_.resize(outputs(), batch);
  grad_sum_.resize(outputs(), batch);
}

void Residual::forward(ConstMatrixView in, MatrixView out) {
  if (!post_) {
    body_->forward(in, out);
    out += in;
    return;
  }
  MatrixView sum = leading_cols(sum_, in.cols());
  body_->forward(in, sum);
  sum += in;
  post_->forward(read_only(sum), out);
}

// d(in + body(in)) / d in: the body's input gradient plus the gradient passed straight on.
void Residual::backward(ConstMatrixView in, ConstMatrixView grad_out, MatrixView* grad_in) {
  if (!post_) {
    body_->backward(in, grad_out, grad_in);
    if (grad_in != nullptr) *grad_in += grad_out;
    return;
  }
  MatrixView grad_sum = leading_cols(grad_sum_, in.cols());
  post_->backward(leading_cols(std::as_const(sum_), in.cols()), grad_out, &grad_sum);
  body_->backward(in, read_only(grad_sum), grad_in);
  if (grad_in != nullptr) *grad_in += grad_sum;
}

void Residual::visit(const std::function<void(Layer&)>& f) {
  body_->visit(f);
  if (post_) post_->visit(f);
}

}  // namespace actsearch::nn
