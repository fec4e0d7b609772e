#pragma once
// Small helpers shared by the nn tests: generated data, random matrices, and comparisons
// with PyTorch's values.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "nn/data/dataset.hpp"
#include "nn/random.hpp"

namespace actsearch::nn::testing {

/// Two interleaving half circles with Gaussian noise; labels alternate 0, 1, 0, ...
inline Dataset two_moons(Eigen::Index n, double noise, std::uint64_t seed) {
  Rng rng(seed, 99);
  Dataset d;
  d.name = "moons";
  d.classes = 2;
  d.x.resize(2, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int c = static_cast<int>(i % 2);
    const double t = rng.uniform(0.0, std::numbers::pi);
    const double x0 = c == 0 ? std::cos(t) : 1.0 - std::cos(t);
    const double x1 = c == 0 ? std::sin(t) : 0.5 - std::sin(t);
    d.x(0, i) = static_cast<float>(x0 + noise * rng.normal());
    d.x(1, i) = static_cast<float>(x1 + noise * rng.normal());
    d.labels.push_back(c);
  }
  return d;
}

/// A 1-D regression y = sin(3x) on x in [-1, 1].
inline Dataset sine(Eigen::Index n, std::uint64_t seed) {
  Rng rng(seed, 98);
  Dataset d;
  d.name = "sine";
  d.x.resize(1, n);
  d.targets.resize(1, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double x = rng.uniform(-1.0, 1.0);
    d.x(0, i) = static_cast<float>(x);
    d.targets(0, i) = static_cast<float>(std::sin(3.0 * x));
  }
  return d;
}

/// Uniform random matrix on [-scale, scale].
inline Eigen::MatrixXf random_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng,
                                     double scale = 1.0) {
  Eigen::MatrixXf m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    m.data()[i] = static_cast<float>(rng.uniform(-scale, scale));
  }
  return m;
}

/// got[i] against PyTorch's want[i] (in double) to 1e-5 relative, naming `what` and i.
inline void expect_pytorchs(const float* got, const std::vector<double>& want, const char* what) {
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR(got[i], want[i], 1e-5 * (1 + std::abs(want[i]))) << what << " " << i;
  }
}

}  // namespace actsearch::nn::testing
