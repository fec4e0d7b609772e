#pragma once
// Code export: a grammar expression as source code for other projects, with exactly the
// grammar's semantics (primitives.cpp): protected primitives stay protected (safe_log is
// log(|x| + 1e-3), never log(x)), sigmoid and softplus are the overflow-free forms, sinc and
// dsinc switch to their series near 0, and max/min, sign and step keep their tie and kink
// conventions (derivatives included, where the target differentiates automatically).
//
// What each target defines, for `name` N and learnable parameters beta, beta1, ...:
//   cpp         one self-contained header (C++14, standard library only):
//               `template <class T> T N(T x, beta = ..., ...)` and `N_derivative(T x, ...)`
//               for float and double, plus Eigen array overloads of both when <Eigen/Core>
//               is included before the header.
//   numpy       `N(x, beta=...)` and `N_derivative(x, beta=...)`, elementwise.
//   jax         `N(x, beta=...)` in jax.numpy; derivatives by jax.grad.
//   pytorch     `class N(torch.nn.Module)`: parameters are nn.Parameter initialised to the
//               given values; forward() uses torch operations, so autograd works.
//   tensorflow  `class N(tf.keras.layers.Layer)` with trainable weights, likewise.
//   latex       the formula of N(x) and of its derivative, in an align* environment.
//   sympy       `N` as a SymPy expression of the real symbols x, beta, ..., and
//               `N_params`, the parameter values to substitute.
// Derivatives that the target writes out (cpp, numpy, latex) are grammar::derivative(e).
// Subtrees without x or parameters are folded to one number in the code targets (exactly
// as the grammar evaluates them in double); latex and sympy keep them symbolic.

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

enum class Target { Cpp, PyTorch, Jax, NumPy, TensorFlow, LaTeX, SymPy };

inline constexpr std::array<Target, 7> kTargets{Target::Cpp,   Target::PyTorch,    Target::Jax,
                                                Target::NumPy, Target::TensorFlow, Target::LaTeX,
                                                Target::SymPy};

/// "cpp", "pytorch", "jax", "numpy", "tensorflow", "latex", "sympy".
std::string_view target_name(Target target);

/// The target called `name` (as target_name spells it). Throws Error "unknown export target
/// 'NAME' (choose cpp, pytorch, jax, numpy, tensorflow, latex or sympy)".
Target target_by_name(std::string_view name);

/// Throws Error unless `name` can name the exported function or class in `target`: a valid
/// identifier of the language that is not a keyword ("'class' is not a valid Python
/// identifier"), and not a name the generated code itself uses ("'np' is reserved in the
/// generated numpy code"). Identifiers are ASCII: letters, digits and '_', not starting
/// with a digit; C++ also refuses reserved identifiers (__x, _X).
void check_export_name(Target target, std::string_view name);

/// The code of `e` for `target`, naming the function (or class) `name`.
/// `param_values`: the values of beta_0 .. beta_{n-1} (n = num_params(e)) that the code
/// uses as its defaults, e.g. the values a run learned; empty means e's initial values.
/// `provenance`: an optional line for the header comment (where the function came from).
/// Throws Error for a bad name (check_export_name), a wrong number of parameter values, or
/// a non-finite parameter value. `e` must be well_formed (ACTSEARCH_ASSERT).
std::string export_code(const Expr& e, Target target, std::string_view name,
                        std::span<const double> param_values = {},
                        std::string_view provenance = {});

}  // namespace actsearch::grammar
