#pragma once
// Rediscovery analysis: the known activation a function is closest to, and its family.
//
// Distance. Functions are compared on x in [-4, 4] with weights of the N(0, 1) density,
// where the pre-activations of a normalised network live, and a positive output scale is
// ignored (a layer's weights absorb it): for a candidate g the best c >= 0 of c * g is
// fitted by weighted least squares, and the distance is the normalised weighted RMS
//     d = sqrt(sum w (f - c g)^2 / sum w f^2),
// 0 for a perfect match up to scale, 1 for no better than the zero function.
//
// Candidates, each with its parameters fitted (1-D grid, then Brent's method):
//   leaky_relu max(x, a*x) (a in [-2, 1]; a = 0 is ReLU), swish x*sigmoid(beta*x) (beta in
//   [0.05, 20]), and at their standard parameters elu, selu, gelu, mish, softplus, tanh,
//   sigmoid; plus "piecewise_linear", a continuous piecewise-linear function with 2 or 3
//   segments whose breakpoints and slopes are fitted (offset and slopes by least squares,
//   so any scale and sign). With five free numbers that fit approximates every smooth
//   function fairly well, so it is the nearest only when it is nearly exact (distance at
//   most kPiecewiseExact) and no named activation is (named ones are simpler): a smooth
//   function is named after the smooth activation it resembles.

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grammar/expr.hpp"

namespace actsearch::grammar {

/// The families family_of answers with.
inline constexpr std::array<std::string_view, 6> kRediscoveryFamilies{
    "swish-like", "piecewise-linear", "relu-like smooth", "saturating", "periodic", "other"};

/// Distance within which a function counts as piecewise linear (see nearest_known).
inline constexpr double kPiecewiseExact = 0.01;

/// A function farther than this from its nearest known activation has family "other".
inline constexpr double kFamilyRadius = 0.1;

struct Nearest {
  /// A known activation's name (leaky_relu, swish, elu, selu, gelu, mish, softplus, tanh,
  /// sigmoid), "piecewise_linear", or "none" when the distance is undefined (the function
  /// is not finite on [-4, 4], or zero there).
  std::string name;
  /// Fitted parameters in a fixed order: leaky_relu {a}, swish {beta}, piecewise_linear
  /// {t1, s1, s2} (breakpoint, slopes left to right) or {t1, t2, s1, s2, s3}; none for the
  /// others.
  std::vector<std::pair<std::string, double>> params;
  double distance = 0.0;  // in [0, 1]; NaN for "none"
};

/// The known activation nearest to e with parameter values `params` (params[k] is beta_k;
/// empty: the expression's initial values). Never throws: an undefined comparison is "none".
Nearest nearest_known(const Expr& e, std::span<const double> params = {});

/// The family of e (at `params`, as for nearest_known) given its nearest known activation,
/// one of kRediscoveryFamilies, by the first rule that applies:
///   "other"            when nearest.name is "none";
///   "periodic"         when f oscillates: at least 4 local extrema on [-8, 8], spread over
///                      at least 8, the largest gap between neighbours at most 1.6 times the
///                      smallest (sin, cos, x*sin(x), sinc; not a W shape or a wiggle near 0);
///   "other"            when nearest.distance > kFamilyRadius;
///   by nearest.name:   swish, gelu, mish -> "swish-like" when f dips (has a local minimum
///                      in [-5, 0)), else "relu-like smooth" (a swish with a tiny beta is a
///                      convex near-line, no swish); piecewise_linear -> "piecewise-linear";
///                      leaky_relu -> "piecewise-linear" within kPiecewiseExact, else
///                      "relu-like smooth" (near a ReLU but rounded); elu, selu, softplus ->
///                      "relu-like smooth"; tanh, sigmoid -> "saturating".
std::string family_of(const Expr& e, const Nearest& nearest, std::span<const double> params = {});

}  // namespace actsearch::grammar
