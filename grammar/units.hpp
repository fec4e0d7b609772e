#pragma once
// The search primitives ("units") of generated spaces: the unary and binary functions of
// the Swish search (Ramachandran et al. 2017) plus piecewise-linear helpers, each defined
// as a template expression over the operators of primitives.hpp. Unary templates use x,
// binary ones the placeholders x1 and x2; `beta` is a fresh learnable scalar per use.

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

struct Unit {
  std::string_view name;        // used in --unary / --binary lists
  int arity;                    // 1 or 2
  std::string_view definition;  // template text
};

// clang-format off
inline constexpr std::array<Unit, 26> kUnaryUnits{{
  {"identity", 1, "x"},          {"neg", 1, "-x"},              {"abs", 1, "abs(x)"},
  {"square", 1, "x^2"},          {"cube", 1, "x^3"},            {"safe_sqrt", 1, "safe_sqrt(x)"},
  {"scale", 1, "beta*x"},        {"shift", 1, "x + beta"},      {"safe_log", 1, "safe_log(x)"},
  {"exp", 1, "exp(x)"},          {"sin", 1, "sin(x)"},          {"cos", 1, "cos(x)"},
  {"sinh", 1, "sinh(x)"},        {"cosh", 1, "cosh(x)"},        {"tanh", 1, "tanh(x)"},
  {"asinh", 1, "asinh(x)"},      {"atan", 1, "atan(x)"},        {"sinc", 1, "sinc(x)"},
  {"relu", 1, "max(x, 0)"},      {"min0", 1, "min(x, 0)"},      {"sigmoid", 1, "sigmoid(x)"},
  {"softplus", 1, "softplus(x)"},{"gauss", 1, "exp(-x^2)"},     {"erf", 1, "erf(x)"},
  {"const", 1, "beta"},          {"hardtanh", 1, "min(max(x, -1), 1)"},
}};

inline constexpr std::array<Unit, 10> kBinaryUnits{{
  {"add", 2, "x1 + x2"},                       {"mul", 2, "x1*x2"},
  {"sub", 2, "x1 - x2"},                       {"safe_div", 2, "safe_div(x1, x2)"},
  {"max", 2, "max(x1, x2)"},                   {"min", 2, "min(x1, x2)"},
  {"sigmul", 2, "sigmoid(x1)*x2"},             {"gauss_dist", 2, "exp(-beta*(x1 - x2)^2)"},
  {"laplace_dist", 2, "exp(-beta*abs(x1 - x2))"}, {"mix", 2, "beta*x1 + (1 - beta)*x2"},
}};
// clang-format on

/// The unit called `name` among unary (arity 1) or binary (arity 2) units.
std::optional<Unit> unit_by_name(std::string_view name, int arity);

/// The unit's template as an expression: x (unary) or x1/x2 (binary) are X nodes with
/// index 0 or 1/2; its parameters are numbered from 0.
const Expr& unit_template(const Unit& unit);

/// The unit applied to `args` (one per arity): placeholders replaced by the arguments,
/// the template's parameters renumbered from `next_param`, which is advanced past them.
Expr instantiate(const Unit& unit, std::span<const Expr> args, int& next_param);

}  // namespace actsearch::grammar
