#pragma once
// Named activation functions written in the grammar's syntax, with the values of
// PyTorch 1.13's definitions (default arguments). Used by `actsearch eval relu swish ...`
// and by the nearest-known analysis. PWLU is not expressible in the grammar: nn/ has it.
//
// Families (a small fixed set, kActivationFamilies):
//   linear            the identity
//   relu-like         piecewise linear, kink at 0, unbounded above: relu, leaky_relu, prelu
//   smooth relu-like  monotone, unbounded above, bounded below: elu, selu, celu, softplus
//   swish-like        x times a gate rising from 0 to 1; dips below 0 for negative x: silu,
//                     swish, gelu, gelu_tanh, mish, hardswish
//   saturating        bounded on both sides: tanh, sigmoid, hardtanh, hardsigmoid, softsign

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

inline constexpr std::array<std::string_view, 5> kActivationFamilies{
    "linear", "relu-like", "smooth relu-like", "swish-like", "saturating"};

struct KnownActivation {
  std::string_view name;        // canonical name, e.g. "leaky_relu"
  std::string_view expression;  // grammar text, e.g. "max(x, 0.01*x)"
  std::string_view family;      // one of kActivationFamilies
};

/// Every known activation, in a fixed order.
std::span<const KnownActivation> known_activations();

/// The activation called `name`. Case, '_' and '-' are ignored ("LeakyReLU", "leaky-relu")
/// and a few aliases are accepted (linear, lrelu, gelu_erf, gelu_approx, swish1, logistic).
std::optional<KnownActivation> known_by_name(std::string_view name);

/// The known activation called `text_or_name`, else parse(text_or_name). A bare word that
/// is close to a known name fails with "unknown activation 'rellu' (did you mean 'relu'?)";
/// anything else that does not parse throws parse()'s ParseError.
Expr parse_activation(std::string_view text_or_name);

}  // namespace actsearch::grammar
