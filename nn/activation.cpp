#include "nn/activation.hpp"

#include <algorithm>

#include "grammar/base/error.hpp"
#include "grammar/base/text.hpp"
#include "nn/activations_fixed.hpp"

namespace actsearch::nn {

namespace {

constexpr float kPreluInit = 0.25f;  // torch.nn.PReLU's default
constexpr int kPwluIntervals = 16;   // the paper's default

}  // namespace

void Activation::realign(double, double, std::span<float>) const {
  ACTSEARCH_ASSERT(false, "realign called on an activation without input statistics");
}

const std::vector<std::string>& builtin_names() {
  static const std::vector<std::string> names{
      "identity",  "relu",        "leaky_relu", "prelu", "elu",     "selu",     "celu",
      "gelu",      "gelu_tanh",   "silu",       "swish", "mish",    "softplus", "softsign",
      "hardswish", "hardsigmoid", "hardtanh",   "tanh",  "sigmoid", "pwlu"};
  return names;
}

bool is_builtin(std::string_view name) {
  const std::vector<std::string>& names = builtin_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::unique_ptr<Activation> make_builtin(std::string_view name) {
  if (name == "prelu") return make_prelu(kPreluInit);
  if (name == "swish") return make_swish(1.0f, true);
  if (name == "pwlu") return make_pwlu(kPwluIntervals);
  if (auto fixed = make_fixed_activation(name)) return fixed;
  throw Error("unknown activation '" + std::string(name) +
              "'; valid: " + joined(builtin_names(), ", "));
}

}  // namespace actsearch::nn
