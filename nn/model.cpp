#include "nn/model.hpp"

#include <string>
#include <utility>

#include "grammar/base/error.hpp"

namespace actsearch::nn {
namespace {

// Random streams drawn from one seed.
constexpr std::uint64_t kInitStream = 1;

void check_config(const ModelConfig& c) {
  auto fail = [](const std::string& what) { throw Error("model: " + what); };
  if (c.inputs < 1) fail("inputs must be positive, got " + std::to_string(c.inputs));
  if (c.outputs < 1) fail("outputs must be positive, got " + std::to_string(c.outputs));
  if (c.net == NetKind::Mlp) {
    if (c.depth < 0) fail("depth must be non-negative, got " + std::to_string(c.depth));
    if (c.width < 1) fail("width must be positive, got " + std::to_string(c.width));
    return;
  }
  if (c.channels < 1) fail("channels must be positive, got " + std::to_string(c.channels));
  if (c.blocks < 1) fail("blocks must be at least 1, got " + std::to_string(c.blocks));
  const ImageShape& im = c.image;
  if (im.channels < 1 || im.height < 1 || im.width < 1 ||
      im.channels * im.height * im.width != c.inputs) {
    fail("a conv net needs images: " + std::to_string(c.inputs) +
         " features are not channels x height x width");
  }
}

// Builds the layers of one network, each hidden activation a clone of `activation`.
class NetBuilder {
 public:
  NetBuilder(const ModelConfig& config, const Activation& activation)
      : config_(config), activation_(activation) {}

  std::unique_ptr<Sequence> mlp() {
    auto net = std::make_unique<Sequence>();
    Eigen::Index in = config_.inputs;
    for (int l = 0; l < config_.depth; ++l) {
      auto block = std::make_unique<Sequence>();
      block->add(std::make_unique<Dense>(in, config_.width, config_.norm == NormKind::None));
      add_norm_and_activation(*block, config_.width, 1);
      // A block whose input has the block's width can add it: h + f(h).
      if (config_.residual && in == config_.width) {
        net->add(std::make_unique<Residual>(std::move(block), nullptr));
      } else {
        net->add(std::move(block));
      }
      in = config_.width;
    }
    net->add(std::make_unique<Dense>(in, config_.outputs));
    return net;
  }

  std::unique_ptr<Sequence> cnn() {
    auto net = std::make_unique<Sequence>();
    Eigen::Index in = config_.image.channels, h = config_.image.height, w = config_.image.width;
    for (int stage = 0; stage < 3; ++stage) {
      const Eigen::Index c = config_.channels << stage;
      auto conv = make_conv(in, c, h, w, stage == 0 ? 1 : 2);
      h = conv->out_height();
      w = conv->out_width();
      net->add(std::move(conv));
      add_norm_and_activation(*net, c, h * w);
      for (int b = 1; b < config_.blocks; ++b) net->add(basic_block(c, h, w));
      in = c;
    }
    net->add(std::make_unique<GlobalAvgPool>(in, h * w));
    net->add(std::make_unique<Dense>(in, config_.outputs));
    return net;
  }

 private:
  std::unique_ptr<Conv2d> make_conv(Eigen::Index in, Eigen::Index out, Eigen::Index h,
                                    Eigen::Index w, int stride) const {
    return std::make_unique<Conv2d>(ConvShape{.in_channels = in,
                                              .out_channels = out,
                                              .height = h,
                                              .width = w,
                                              .stride = stride,
                                              .bias = config_.norm == NormKind::None});
  }

  std::unique_ptr<Layer> norm(Eigen::Index channels, Eigen::Index spatial) const {
    if (config_.norm == NormKind::None) return nullptr;
    return std::make_unique<Norm>(config_.norm, channels, spatial);
  }

  std::unique_ptr<Layer> activation(Eigen::Index channels, Eigen::Index spatial) const {
    return std::make_unique<ActivationLayer>(activation_.clone(), channels * spatial,
                                             config_.per_channel, spatial);
  }

  void add_norm_and_activation(Sequence& to, Eigen::Index channels, Eigen::Index spatial) const {
    if (auto n = norm(channels, spatial)) to.add(std::move(n));
    to.add(activation(channels, spatial));
  }

  // [conv, norm, act, conv, norm] + input, then act.
  std::unique_ptr<Layer> basic_block(Eigen::Index c, Eigen::Index h, Eigen::Index w) const {
    auto body = std::make_unique<Sequence>();
    body->add(make_conv(c, c, h, w, 1));
    add_norm_and_activation(*body, c, h * w);
    body->add(make_conv(c, c, h, w, 1));
    if (auto n = norm(c, h * w)) body->add(std::move(n));
    return std::make_unique<Residual>(std::move(body), activation(c, h * w));
  }

  const ModelConfig& config_;
  const Activation& activation_;
};

}  // namespace

Model::Model(const ModelConfig& config, const Activation& activation) : config_(config) {
  check_config(config);
  NetBuilder build(config, activation);
  net_ = config.net == NetKind::Mlp ? build.mlp() : build.cnn();
  net_->visit([this](Layer& layer) {
    if (auto* d = dynamic_cast<Dense*>(&layer)) dense_.push_back(d);
    if (auto* c = dynamic_cast<Conv2d*>(&layer)) convs_.push_back(c);
    if (auto* a = dynamic_cast<ActivationLayer*>(&layer)) activations_.push_back(a);
    if (auto* n = dynamic_cast<Norm*>(&layer)) norms_.push_back(n);
  });
  params_ = Eigen::VectorXf::Zero(net_->num_params());
  grads_ = Eigen::VectorXf::Zero(net_->num_params());
  net_->bind(params_.data(), grads_.data());
}

std::int64_t Model::num_params() const {
  std::int64_t n = 0;
  net_->visit([&n](Layer& layer) { n += layer.num_params(); });
  return n;
}

std::int64_t macs_per_sample(const ModelConfig& config) {
  return Model(config, *make_builtin("identity")).macs_per_sample();
}

std::int64_t Model::macs_per_sample() const {
  std::int64_t n = 0;
  for (const Dense* d : dense_) n += d->inputs() * d->outputs();
  for (const Conv2d* c : convs_) n += c->macs();
  return n;
}

void Model::initialize(Init scheme, std::uint64_t seed) {
  Rng rng(seed, kInitStream);
  // Dense layers first, in order, then conv layers: an mlp draws what it always drew.
  for (Dense* d : dense_) d->initialize(scheme, rng);
  for (Conv2d* c : convs_) c->initialize(scheme, rng);
  for (ActivationLayer* a : activations_) a->initialize();
  for (Norm* n : norms_) n->initialize();
}

void Model::reserve(Eigen::Index batch) {
  if (batch <= reserved_) return;
  reserved_ = batch;
  net_->reserve(batch);
  outputs_.resize(config_.outputs, batch);
}

void Model::set_training(bool training) {
  for (Norm* n : norms_) n->set_training(training);
}

ConstMatrixView Model::forward(ConstMatrixView x) {
  ACTSEARCH_ASSERT(x.rows() == config_.inputs, "input rows differ from the model's inputs");
  ACTSEARCH_ASSERT(x.cols() <= reserved_, "batch larger than reserved");
  x_data_ = x.data();
  batch_ = x.cols();
  MatrixView out = leading_cols(outputs_, batch_);
  net_->forward(x, out);
  return read_only(out);
}

void Model::backward(ConstMatrixView grad_outputs) {
  ACTSEARCH_ASSERT(grad_outputs.cols() == batch_, "backward batch differs from forward");
  net_->backward(ConstMatrixView(x_data_, config_.inputs, batch_), grad_outputs, nullptr);
}

bool Model::uses_input_statistics() const {
  for (const ActivationLayer* a : activations_) {
    if (a->activation().uses_input_statistics()) return true;
  }
  return false;
}

void Model::begin_statistics() {
  for (ActivationLayer* a : activations_) {
    if (a->activation().uses_input_statistics()) a->begin_statistics();
  }
}

void Model::end_statistics() {
  for (ActivationLayer* a : activations_) {
    if (a->activation().uses_input_statistics()) a->end_statistics();
  }
}

std::vector<LearnedActivation> Model::learned_activations() const {
  std::vector<LearnedActivation> out;
  for (const ActivationLayer* a : activations_) {
    const std::span<const float> p = a->params();
    out.push_back({a->activation().name(), a->activation().param_names(), a->channels(),
                   std::vector<float>(p.begin(), p.end())});
  }
  return out;
}

}  // namespace actsearch::nn
