#include "nn/data/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "grammar/base/error.hpp"
#include "grammar/base/random.hpp"

namespace actsearch::nn {
namespace {

constexpr double kPi = std::numbers::pi;

// A task must be the same data everywhere: SplitMix64 with the base's own draws.
using Rng = grammar::SplitMix64;

Dataset two_class(const char* name, std::size_t n) {
  Dataset d;
  d.name = name;
  d.classes = 2;
  d.x.resize(2, static_cast<Eigen::Index>(n));
  d.labels.resize(n);
  for (std::size_t i = 0; i < n; ++i) d.labels[i] = static_cast<std::int32_t>(i % 2);
  return d;
}

Dataset regression(const char* name, Eigen::Index features, std::size_t n) {
  Dataset d;
  d.name = name;
  d.x.resize(features, static_cast<Eigen::Index>(n));
  d.targets.resize(1, static_cast<Eigen::Index>(n));
  return d;
}

void set_point(Dataset& d, std::size_t i, double x0, double x1, Rng& rng, double noise) {
  const auto j = static_cast<Eigen::Index>(i);
  d.x(0, j) = static_cast<float>(x0 + noise * rng.normal());
  d.x(1, j) = static_cast<float>(x1 + noise * rng.normal());
}

}  // namespace

Dataset make_spirals(std::size_t n, std::uint64_t seed, double noise, double turns) {
  Rng rng(seed);
  Dataset d = two_class("spirals", n);
  for (std::size_t i = 0; i < n; ++i) {
    const double theta = std::sqrt(rng.uniform()) * turns * 2.0 * kPi;
    const double r = theta / (turns * 2.0 * kPi);
    const double phase = theta + static_cast<double>(d.labels[i]) * kPi;
    set_point(d, i, r * std::cos(phase), r * std::sin(phase), rng, noise);
  }
  return d;
}

Dataset make_moons(std::size_t n, std::uint64_t seed, double noise) {
  Rng rng(seed);
  Dataset d = two_class("moons", n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = rng.uniform(0.0, kPi);
    const double side = d.labels[i] == 0 ? 1.0 : -1.0;  // label 1 is label 0 turned by pi
    set_point(d, i, side * (std::cos(t) - 0.5), side * (std::sin(t) - 0.25), rng, noise);
  }
  return d;
}

Dataset make_circles(std::size_t n, std::uint64_t seed, double noise, double factor) {
  Rng rng(seed);
  Dataset d = two_class("circles", n);
  for (std::size_t i = 0; i < n; ++i) {
    const double angle = rng.uniform(0.0, 2.0 * kPi);
    const double radius = d.labels[i] == 0 ? 1.0 : factor;
    set_point(d, i, radius * std::cos(angle), radius * std::sin(angle), rng, noise);
  }
  return d;
}

// A point with the wrong parity moves one square to the right, wrapping around: with an even
// number of columns this maps the squares of one colour onto the other one to one, so each
// class stays uniform.
Dataset make_checkerboard(std::size_t n, std::uint64_t seed, int cells, double noise) {
  ACTSEARCH_ASSERT(cells >= 2 && cells % 2 == 0, "checkerboard needs an even number of cells");
  Rng rng(seed);
  Dataset d = two_class("checkerboard", n);
  const double width = 2.0 / cells;
  const auto square = [&](double v) {
    return std::min(cells - 1, static_cast<int>((v + 1.0) / width));
  };
  for (std::size_t i = 0; i < n; ++i) {
    double x0 = rng.uniform(-1.0, 1.0);
    const double x1 = rng.uniform(-1.0, 1.0);
    if ((square(x0) + square(x1)) % 2 != d.labels[i]) {
      x0 += width;
      if (x0 >= 1.0) x0 -= 2.0;
    }
    set_point(d, i, x0, x1, rng, noise);
  }
  return d;
}

Dataset make_xor(std::size_t n, std::uint64_t seed, double noise) {
  Dataset d = make_checkerboard(n, seed, 2, noise);
  d.name = "xor";
  return d;
}

Dataset make_sine(std::size_t n, std::uint64_t seed, double noise) {
  Rng rng(seed);
  Dataset d = regression("sine", 1, n);
  for (Eigen::Index j = 0; j < d.size(); ++j) {
    const float x = static_cast<float>(rng.uniform(-2.0 * kPi, 2.0 * kPi));
    d.x(0, j) = x;
    d.targets(0, j) = static_cast<float>(std::sin(double{x}) + noise * rng.normal());
  }
  return d;
}

Dataset make_regression(std::size_t n, std::uint64_t seed, double noise) {
  Rng rng(seed);
  Dataset d = regression("regression", 8, n);
  double x[8];
  for (Eigen::Index j = 0; j < d.size(); ++j) {
    for (int k = 0; k < 8; ++k) {
      d.x(k, j) = static_cast<float>(rng.uniform(-1.0, 1.0));
      x[k] = d.x(k, j);  // the target is a function of the stored, rounded inputs
    }
    const double y = std::sin(kPi * x[0] * x[1]) + 0.5 * (x[2] + x[3]) * (x[2] + x[3]) +
                     x[4] * std::tanh(2.0 * x[5]) + 0.5 * std::cos(kPi * x[6]) + 0.25 * x[7];
    d.targets(0, j) = static_cast<float>(y + noise * rng.normal());
  }
  return d;
}

}  // namespace actsearch::nn
