#pragma once
// The built-in activations without learnable parameters (ReLU family, tanh, sigmoid).

#include <memory>
#include <string_view>

#include "nn/activation.hpp"

namespace actsearch::nn {

/// The fixed built-in `name` (see make_builtin for the list), or nullptr for any other name.
std::unique_ptr<Activation> make_fixed_activation(std::string_view name);

}  // namespace actsearch::nn
