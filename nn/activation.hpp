#pragma once
// The activation interface. Built-in functions (ReLU family, PWLU) and compiled grammar
// programs (through an adapter in search/) implement it alike, so the network never knows
// which kind it runs.

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actsearch::nn {

/// An elementwise function y = f(x; p) with learnable parameters p shared by every value
/// of one call. The activation layer calls `forward` on contiguous blocks (of at most
/// ActivationLayer::kBlock values, or one channel) and caches dy/dx and dy/dp for its
/// backward step. Implementations keep no state between calls other than scratch, so one
/// object may serve any number of calls; each hidden layer owns its own clone.
class Activation {
 public:
  virtual ~Activation() = default;

  /// Short identifier, e.g. "relu" or "pwlu".
  virtual std::string name() const = 0;
  /// Number of learnable parameters of one call (one layer, or one channel).
  virtual int num_params() const { return 0; }
  /// Initial parameter values, size num_params().
  virtual std::vector<float> initial_params() const { return {}; }
  /// Parameter names for reports, size num_params().
  virtual std::vector<std::string> param_names() const { return {}; }

  /// For n = x.size() values: y[i] = f(x[i]), dydx[i] = f'(x[i]) and, when num_params() > 0,
  /// dydp[k*n + i] = df(x[i])/dp_k. Sizes: params num_params(), y and dydx n, dydp
  /// num_params()*n (empty when there are no parameters). x and the outputs do not alias.
  /// Numeric failure shows as NaN/Inf in the outputs, never as an exception.
  virtual void forward(std::span<const float> x, std::span<const float> params, std::span<float> y,
                       std::span<float> dydx, std::span<float> dydp) const = 0;

  /// An independent copy.
  virtual std::unique_ptr<Activation> clone() const = 0;

  /// True when the activation needs the mean and standard deviation of its inputs over a
  /// first statistics epoch (PWLU). During that epoch its parameters are frozen; then
  /// `realign` resets them from the statistics.
  virtual bool uses_input_statistics() const { return false; }
  /// Rewrites `params` (size num_params()) for inputs of the given mean and standard
  /// deviation. Only called when uses_input_statistics().
  virtual void realign(double mean, double stddev, std::span<float> params) const;
};

/// The built-in activations by name: identity, relu, leaky_relu, prelu, elu, selu, celu,
/// gelu, gelu_tanh, silu, swish (learnable beta), mish, softplus, softsign, hardswish,
/// hardsigmoid, hardtanh, tanh, sigmoid, pwlu. Throws actsearch::Error for any other name,
/// listing the valid ones. Constants are PyTorch 1.13's defaults.
std::unique_ptr<Activation> make_builtin(std::string_view name);

/// The names make_builtin accepts, in the order above.
const std::vector<std::string>& builtin_names();

/// Whether make_builtin accepts `name`.
bool is_builtin(std::string_view name);

/// max(0, x) + a * min(0, x) with learnable slope a, initially `initial_slope`.
std::unique_ptr<Activation> make_prelu(float initial_slope);

/// x * sigmoid(beta * x); `learnable` makes beta a parameter with initial value `beta`.
std::unique_ptr<Activation> make_swish(float beta, bool learnable);

/// Piecewise Linear Unit (Zhou et al. 2021) with `intervals` equal intervals (>= 2, even
/// so that 0 is a knot of the initial ReLU shape). Throws actsearch::Error otherwise.
std::unique_ptr<Activation> make_pwlu(int intervals);

}  // namespace actsearch::nn
