#pragma once
// Internals of nearest.cpp shared with the piecewise-linear fit: the weighted samples a
// function is compared on and the scale-free distance.

#include <span>
#include <string>
#include <utility>
#include <vector>

namespace actsearch::grammar::nearest_detail {

/// A function sampled on the comparison grid: x in [-4, 4], weights of the N(0, 1) density.
struct Samples {
  std::span<const double> x;
  std::span<const double> w;
  std::vector<double> f;
  double norm = 0.0;  // sum w f^2
};

/// The comparison grid (fixed, shared by every call).
std::span<const double> grid_x();
std::span<const double> grid_w();

/// The normalised weighted RMS distance from s.f to c * h for the best c >= 0; +inf when h
/// is not finite.
double scaled_distance(const Samples& s, std::span<const double> h);

/// A fit: its distance and named parameter values.
struct Fit {
  double distance = 0.0;
  std::vector<std::pair<std::string, double>> params;
};

/// The best continuous piecewise-linear function with 2 or 3 segments (offset and slopes by
/// weighted least squares, breakpoints by grid search and local refinement in [-3, 3]).
Fit fit_piecewise_linear(const Samples& s);

}  // namespace actsearch::grammar::nearest_detail
