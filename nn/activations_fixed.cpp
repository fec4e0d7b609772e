#include "nn/activations_fixed.hpp"

#include <algorithm>
#include <cmath>

namespace actsearch::nn {
namespace {

// Each function gives value and derivative of one float. Constants are PyTorch 1.13's
// defaults. Where the textbook formula cancels (1 + erf(x) and 1 + tanh(u) for x << 0)
// an equivalent form that keeps full relative accuracy is used instead.
struct ValueSlope {
  float y;
  float dydx;
};

float sigmoid(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}

struct Identity {
  static constexpr std::string_view kName = "identity";
  static ValueSlope eval(float x) { return {x, 1.0f}; }
};

struct Relu {
  static constexpr std::string_view kName = "relu";
  // std::max(x, 0) keeps a NaN input NaN, as torch.relu does.
  static ValueSlope eval(float x) { return {std::max(x, 0.0f), x > 0.0f ? 1.0f : 0.0f}; }
};

struct LeakyRelu {
  static constexpr std::string_view kName = "leaky_relu";
  static constexpr float kSlope = 0.01f;
  static ValueSlope eval(float x) {
    return x > 0.0f ? ValueSlope{x, 1.0f} : ValueSlope{x * kSlope, kSlope};
  }
};

struct Elu {
  static constexpr std::string_view kName = "elu";
  static ValueSlope eval(float x) {
    return x > 0.0f ? ValueSlope{x, 1.0f} : ValueSlope{std::expm1(x), std::exp(x)};
  }
};

struct Selu {
  static constexpr std::string_view kName = "selu";
  static constexpr float kScale = 1.0507009873554804934193349852946f;
  static constexpr float kAlphaScale = 1.6732632423543772848170429916717f * kScale;
  static ValueSlope eval(float x) {
    if (x > 0.0f) return {x * kScale, kScale};
    return {std::expm1(x) * kAlphaScale, std::exp(x) * kAlphaScale};
  }
};

struct Celu {
  static constexpr std::string_view kName = "celu";
  // alpha = 1: max(0, x) + min(0, alpha * (exp(x / alpha) - 1)).
  static ValueSlope eval(float x) {
    return x > 0.0f ? ValueSlope{x, 1.0f} : ValueSlope{std::expm1(x), std::exp(x)};
  }
};

// The GELUs run in double: the tails exp(-x^2/2) and exp(-2u) amplify the float rounding
// of their arguments by about x^2, which would cost full relative accuracy below x = -4.
struct Gelu {
  static constexpr std::string_view kName = "gelu";
  // x * Phi(x) with Phi(x) = erfc(-x / sqrt 2) / 2.
  static ValueSlope eval(float xf) {
    constexpr double kInvSqrt2 = 0.70710678118654752440;
    constexpr double kInvSqrt2Pi = 0.39894228040143267794;
    const double x = xf;
    const double cdf = 0.5 * std::erfc(-x * kInvSqrt2);
    return {static_cast<float>(x * cdf),
            static_cast<float>(cdf + x * kInvSqrt2Pi * std::exp(-0.5 * x * x))};
  }
};

struct GeluTanh {
  static constexpr std::string_view kName = "gelu_tanh";
  // 0.5 x (1 + tanh(u)) = x * sigmoid(2u), u = sqrt(2/pi) (x + 0.044715 x^3).
  static ValueSlope eval(float xf) {
    constexpr double kSqrt2OverPi = 0.79788456080286535588;
    constexpr double kKappa = 0.044715;
    const double x = xf;
    const double u = kSqrt2OverPi * (x + kKappa * x * x * x);
    const double du = kSqrt2OverPi * (1.0 + 3.0 * kKappa * x * x);
    const double s = 1.0 / (1.0 + std::exp(-2.0 * u));
    return {static_cast<float>(x * s), static_cast<float>(s + 2.0 * x * s * (1.0 - s) * du)};
  }
};

struct Silu {
  static constexpr std::string_view kName = "silu";
  static ValueSlope eval(float x) {
    const float s = sigmoid(x);
    return {x * s, s * (1.0f + x * (1.0f - s))};
  }
};

struct Mish {
  static constexpr std::string_view kName = "mish";
  static ValueSlope eval(float x) {
    const float t = std::tanh(std::log1p(std::exp(x)));
    return {x * t, t + x * sigmoid(x) * (1.0f - t * t)};
  }
};

struct Softplus {
  static constexpr std::string_view kName = "softplus";
  static constexpr float kThreshold = 20.0f;  // beta = 1: linear above the threshold
  static ValueSlope eval(float x) {
    if (x > kThreshold) return {x, 1.0f};
    return {std::log1p(std::exp(x)), sigmoid(x)};
  }
};

struct Softsign {
  static constexpr std::string_view kName = "softsign";
  static ValueSlope eval(float x) {
    const float d = 1.0f + std::abs(x);
    return {x / d, 1.0f / (d * d)};
  }
};

struct Hardswish {
  static constexpr std::string_view kName = "hardswish";
  static ValueSlope eval(float x) {
    const float y = x * std::min(std::max(x + 3.0f, 0.0f), 6.0f) / 6.0f;
    // At the kinks PyTorch 1.13 takes -0.5 at x = -3 and 1 at x = 3.
    const float d = x < -3.0f ? 0.0f : (x < 3.0f ? x / 3.0f + 0.5f : 1.0f);
    return {y, d};
  }
};

struct Hardsigmoid {
  static constexpr std::string_view kName = "hardsigmoid";
  static ValueSlope eval(float x) {
    const float y = std::min(std::max(x + 3.0f, 0.0f), 6.0f) / 6.0f;
    return {y, (x > -3.0f && x < 3.0f) ? 1.0f / 6.0f : 0.0f};
  }
};

struct Hardtanh {
  static constexpr std::string_view kName = "hardtanh";
  static ValueSlope eval(float x) {
    return {std::min(std::max(x, -1.0f), 1.0f), (x > -1.0f && x < 1.0f) ? 1.0f : 0.0f};
  }
};

struct Tanh {
  static constexpr std::string_view kName = "tanh";
  static ValueSlope eval(float x) {
    const float y = std::tanh(x);
    return {y, 1.0f - y * y};
  }
};

struct Sigmoid {
  static constexpr std::string_view kName = "sigmoid";
  static ValueSlope eval(float x) {
    const float y = sigmoid(x);
    return {y, y * (1.0f - y)};
  }
};

template <class F>
class Pointwise final : public Activation {
 public:
  std::string name() const override { return std::string(F::kName); }

  void forward(std::span<const float> x, std::span<const float>, std::span<float> y,
               std::span<float> dydx, std::span<float>) const override {
    const float* __restrict in = x.data();
    float* __restrict out = y.data();
    float* __restrict slope = dydx.data();
    const std::size_t n = x.size();
    for (std::size_t i = 0; i < n; ++i) {
      const ValueSlope v = F::eval(in[i]);
      out[i] = v.y;
      slope[i] = v.dydx;
    }
  }

  std::unique_ptr<Activation> clone() const override {
    return std::make_unique<Pointwise<F>>(*this);
  }
};

template <class... Fs>
std::unique_ptr<Activation> find(std::string_view name) {
  std::unique_ptr<Activation> found;
  ((name == Fs::kName ? (found = std::make_unique<Pointwise<Fs>>(), true) : false) || ...);
  return found;
}

}  // namespace

std::unique_ptr<Activation> make_fixed_activation(std::string_view name) {
  return find<Identity, Relu, LeakyRelu, Elu, Selu, Celu, Gelu, GeluTanh, Silu, Mish, Softplus,
              Softsign, Hardswish, Hardsigmoid, Hardtanh, Tanh, Sigmoid>(name);
}

}  // namespace actsearch::nn
