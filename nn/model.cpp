#include "nn/model.hpp"

#include <string>
#include <utility>

#include "grammar/base/error.hpp"

namespace actsearch::nn {
namespace {

constexpr Eigen::Index kAlign = 16;  // floats: 64 bytes

Eigen::Index aligned(Eigen::Index n) {
  return (n + kAlign - 1) / kAlign * kAlign;
}

// Random streams drawn from one seed.
constexpr std::uint64_t kInitStream = 1;

void check_config(const ModelConfig& c) {
  auto fail = [](const std::string& what) { throw Error("model: " + what); };
  if (c.inputs < 1) fail("inputs must be positive, got " + std::to_string(c.inputs));
  if (c.outputs < 1) fail("outputs must be positive, got " + std::to_string(c.outputs));
  if (c.depth < 0) fail("depth must be non-negative, got " + std::to_string(c.depth));
  if (c.width < 1) fail("width must be positive, got " + std::to_string(c.width));
}

}  // namespace

Model::Model(const ModelConfig& config, const Activation& activation) : config_(config) {
  check_config(config);
  Eigen::Index in = config.inputs;
  for (int l = 0; l < config.depth; ++l) {
    dense_.emplace_back(in, config.width);
    activations_.emplace_back(activation.clone(), config.width, config.per_channel);
    in = config.width;
  }
  dense_.emplace_back(in, config.outputs);

  std::vector<Layer*> layers;
  for (int l = 0; l < config.depth; ++l) {
    layers.push_back(&dense_[static_cast<std::size_t>(l)]);
    layers.push_back(&activations_[static_cast<std::size_t>(l)]);
  }
  layers.push_back(&dense_.back());
  Eigen::Index total = 0;
  for (const Layer* layer : layers) total += aligned(layer->num_params());
  params_ = Eigen::VectorXf::Zero(total);
  grads_ = Eigen::VectorXf::Zero(total);
  Eigen::Index offset = 0;
  for (Layer* layer : layers) {
    layer->bind(params_.data() + offset, grads_.data() + offset);
    offset += aligned(layer->num_params());
  }
}

std::int64_t Model::num_params() const {
  std::int64_t n = 0;
  for (const Dense& d : dense_) n += d.num_params();
  for (const ActivationLayer& a : activations_) n += a.num_params();
  return n;
}

std::int64_t Model::macs_per_sample() const {
  std::int64_t n = 0;
  for (const Dense& d : dense_) n += d.inputs() * d.outputs();
  return n;
}

void Model::initialize(Init scheme, std::uint64_t seed) {
  Rng rng(seed, kInitStream);
  for (Dense& d : dense_) d.initialize(scheme, rng);
  for (ActivationLayer& a : activations_) a.initialize();
}

void Model::reserve(Eigen::Index batch) {
  if (batch <= reserved_) return;
  reserved_ = batch;
  pre_.assign(static_cast<std::size_t>(config_.depth), Eigen::MatrixXf(config_.width, batch));
  hidden_.assign(static_cast<std::size_t>(config_.depth), Eigen::MatrixXf(config_.width, batch));
  outputs_.resize(config_.outputs, batch);
  for (Eigen::MatrixXf& g : grad_hidden_) g.resize(config_.width, batch);
  grad_pre_.resize(config_.width, batch);
  for (ActivationLayer& a : activations_) a.reserve(batch);
}

bool Model::is_residual(int layer) const {
  return config_.residual && dense_[static_cast<std::size_t>(layer)].inputs() == config_.width;
}

ConstMatrixView Model::forward(ConstMatrixView x) {
  ACTSEARCH_ASSERT(x.rows() == config_.inputs, "input rows differ from the model's inputs");
  ACTSEARCH_ASSERT(x.cols() <= reserved_, "batch larger than reserved");
  x_data_ = x.data();
  batch_ = x.cols();
  const float* h = x.data();  // input of the current block
  Eigen::Index h_rows = x.rows();
  for (int l = 0; l < config_.depth; ++l) {
    const auto i = static_cast<std::size_t>(l);
    MatrixView z = leading_cols(pre_[i], batch_);
    MatrixView y = leading_cols(hidden_[i], batch_);
    dense_[i].forward(ConstMatrixView(h, h_rows, batch_), z);
    activations_[i].forward(read_only(z), y);
    if (is_residual(l)) y += ConstMatrixView(h, h_rows, batch_);
    h = y.data();
    h_rows = y.rows();
  }
  MatrixView out = leading_cols(outputs_, batch_);
  dense_.back().forward(ConstMatrixView(h, h_rows, batch_), out);
  return {out.data(), out.rows(), out.cols()};
}

void Model::backward(ConstMatrixView grad_outputs) {
  ACTSEARCH_ASSERT(grad_outputs.cols() == batch_, "backward batch differs from forward");
  const int depth = config_.depth;
  const Eigen::Index width = config_.width, b = batch_;
  auto input_of = [&](int l) {
    return l == 0 ? ConstMatrixView(x_data_, config_.inputs, b)
                  : leading_cols(std::as_const(hidden_[static_cast<std::size_t>(l - 1)]), b);
  };
  // The gradient with respect to a hidden block's output ping-pongs between two buffers.
  float* g = grad_hidden_[0].data();
  float* g_next = grad_hidden_[1].data();
  MatrixView g_top(g, width, b);
  dense_.back().backward(input_of(depth), grad_outputs, depth > 0 ? &g_top : nullptr);
  MatrixView gz = leading_cols(grad_pre_, b);
  for (int l = depth - 1; l >= 0; --l) {
    const auto i = static_cast<std::size_t>(l);
    activations_[i].backward(leading_cols(std::as_const(pre_[i]), b), ConstMatrixView(g, width, b),
                             &gz);
    MatrixView g_in(g_next, width, b);
    dense_[i].backward(input_of(l), read_only(gz), l > 0 ? &g_in : nullptr);
    if (l > 0 && is_residual(l)) g_in += ConstMatrixView(g, width, b);
    std::swap(g, g_next);
  }
}

bool Model::uses_input_statistics() const {
  for (const ActivationLayer& a : activations_) {
    if (a.activation().uses_input_statistics()) return true;
  }
  return false;
}

void Model::begin_statistics() {
  for (ActivationLayer& a : activations_) {
    if (a.activation().uses_input_statistics()) a.begin_statistics();
  }
}

void Model::end_statistics() {
  for (ActivationLayer& a : activations_) {
    if (a.activation().uses_input_statistics()) a.end_statistics();
  }
}

std::vector<LearnedActivation> Model::learned_activations() const {
  std::vector<LearnedActivation> out;
  for (const ActivationLayer& a : activations_) {
    const std::span<const float> p = a.params();
    out.push_back({a.activation().name(), a.activation().param_names(), a.channels(),
                   std::vector<float>(p.begin(), p.end())});
  }
  return out;
}

}  // namespace actsearch::nn
