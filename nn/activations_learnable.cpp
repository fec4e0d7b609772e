#include <cmath>

#include "nn/activation.hpp"

namespace actsearch::nn {
namespace {

class Prelu final : public Activation {
 public:
  explicit Prelu(float initial_slope) : initial_slope_(initial_slope) {}

  std::string name() const override { return "prelu"; }
  int num_params() const override { return 1; }
  std::vector<float> initial_params() const override { return {initial_slope_}; }
  std::vector<std::string> param_names() const override { return {"a"}; }

  void forward(std::span<const float> x, std::span<const float> params, std::span<float> y,
               std::span<float> dydx, std::span<float> dydp) const override {
    const float a = params[0];
    const std::size_t n = x.size();
    for (std::size_t i = 0; i < n; ++i) {
      const float v = x[i];
      const bool positive = v > 0.0f;
      y[i] = positive ? v : a * v;
      dydx[i] = positive ? 1.0f : a;
      dydp[i] = positive ? 0.0f : v;
    }
  }

  std::unique_ptr<Activation> clone() const override { return std::make_unique<Prelu>(*this); }

 private:
  float initial_slope_;
};

class Swish final : public Activation {
 public:
  Swish(float beta, bool learnable) : beta_(beta), learnable_(learnable) {}

  std::string name() const override { return learnable_ ? "swish" : "swish_fixed"; }
  int num_params() const override { return learnable_ ? 1 : 0; }
  std::vector<float> initial_params() const override {
    return learnable_ ? std::vector<float>{beta_} : std::vector<float>{};
  }
  std::vector<std::string> param_names() const override {
    return learnable_ ? std::vector<std::string>{"beta"} : std::vector<std::string>{};
  }

  void forward(std::span<const float> x, std::span<const float> params, std::span<float> y,
               std::span<float> dydx, std::span<float> dydp) const override {
    const float beta = learnable_ ? params[0] : beta_;
    const std::size_t n = x.size();
    for (std::size_t i = 0; i < n; ++i) {
      const float v = x[i];
      const float s = 1.0f / (1.0f + std::exp(-beta * v));
      const float ds = s * (1.0f - s);  // sigmoid' at beta * v
      y[i] = v * s;
      dydx[i] = s + beta * v * ds;
      if (learnable_) dydp[i] = v * v * ds;
    }
  }

  std::unique_ptr<Activation> clone() const override { return std::make_unique<Swish>(*this); }

 private:
  float beta_;
  bool learnable_;
};

}  // namespace

std::unique_ptr<Activation> make_prelu(float initial_slope) {
  return std::make_unique<Prelu>(initial_slope);
}

std::unique_ptr<Activation> make_swish(float beta, bool learnable) {
  return std::make_unique<Swish>(beta, learnable);
}

}  // namespace actsearch::nn
