#pragma once
// Generated tasks: no files, deterministic from a data seed. Every classification task has
// 2 features and 2 classes whose labels alternate 0, 1, 0, 1, ... so any prefix of an even
// length is exactly balanced. Each sample takes a fixed number of random draws, so the first
// n samples do not depend on how many more are generated. Inputs are not standardised; the
// ranges below are part of each task's definition.

#include <cstddef>
#include <cstdint>

#include "nn/data/dataset.hpp"

namespace actsearch::nn {

/// Two interleaved spirals, the peer script's construction with our own generator: for
/// sample i, c = i % 2, u ~ U(0, 1), theta = sqrt(u) * turns * 2pi, r = theta / (turns * 2pi),
/// x = (r cos(theta + c pi), r sin(theta + c pi)) + N(0, noise^2) per coordinate.
/// Inputs in about [-1, 1]^2.
Dataset make_spirals(std::size_t n, std::uint64_t seed, double noise = 0.03, double turns = 2.0);

/// Two interleaved half circles (scikit-learn's make_moons, centred): label 0 on
/// (cos t - 0.5, sin t - 0.25), label 1 on (0.5 - cos t, 0.25 - sin t), t ~ U(0, pi),
/// plus N(0, noise^2) per coordinate. Inputs in about [-1.5, 1.5] x [-0.75, 0.75].
Dataset make_moons(std::size_t n, std::uint64_t seed, double noise = 0.1);

/// Two concentric circles: label 0 of radius 1, label 1 of radius `factor`, angle ~ U(0, 2pi),
/// plus N(0, noise^2) per coordinate. Inputs in about [-1, 1]^2.
Dataset make_circles(std::size_t n, std::uint64_t seed, double noise = 0.05, double factor = 0.5);

/// A board of cells x cells squares on [-1, 1]^2 (`cells` even, asserted); the label is the
/// parity of the square, points are uniform within their class, then N(0, noise^2) moves
/// each coordinate (a point near an edge may cross it). Inputs in about [-1, 1]^2.
Dataset make_checkerboard(std::size_t n, std::uint64_t seed, int cells = 4, double noise = 0.02);

/// XOR, the 2 x 2 board: label 1 where exactly one coordinate is positive, uniform on
/// [-1, 1]^2 within each class, plus N(0, noise^2) per coordinate.
Dataset make_xor(std::size_t n, std::uint64_t seed, double noise = 0.05);

/// 1-D regression, two periods of a sine: x ~ U(-2pi, 2pi), y = sin(x) + N(0, noise^2).
Dataset make_sine(std::size_t n, std::uint64_t seed, double noise = 0.05);

/// 8-D regression: x ~ U(-1, 1)^8, y = sin(pi x0 x1) + 0.5 (x2 + x3)^2 + x4 tanh(2 x5)
/// + 0.5 cos(pi x6) + 0.25 x7 + N(0, noise^2), so y is in about [-2, 3.3].
Dataset make_regression(std::size_t n, std::uint64_t seed, double noise = 0.05);

}  // namespace actsearch::nn
