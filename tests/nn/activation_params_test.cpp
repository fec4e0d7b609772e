// Learnable activations (prelu, swish, pwlu): d/dx and d/dparam against central finite
// differences of references written in double, away from kinks.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "nn/activation.hpp"
#include "nn/random.hpp"

namespace actsearch::nn {
namespace {

using Reference = std::function<double(double x, const std::vector<double>& p)>;

// PWLU from its definition (Zhou et al. 2021), parameters [left, right, kl, kr, y0..yN].
double pwlu_reference(double x, const std::vector<double>& p) {
  const int n = static_cast<int>(p.size()) - 5;
  const double left = p[0], right = p[1];
  if (x < left) return p[4] + (x - left) * p[2];
  if (x >= right) return p[4 + n] + (x - right) * p[3];
  const double t = (x - left) / (right - left) * n;
  const int k = std::min(static_cast<int>(t), n - 1);
  return p[4 + k] + (t - k) * (p[5 + k] - p[4 + k]);
}

// True when x lies within h of a point where the reference's derivatives jump.
bool pwlu_near_kink(double x, const std::vector<double>& p, double h) {
  const int n = static_cast<int>(p.size()) - 5;
  for (int k = 0; k <= n; ++k) {
    if (std::abs(x - (p[0] + k * (p[1] - p[0]) / n)) < h) return true;
  }
  return false;
}

void check(const Activation& a, const std::vector<float>& params, const Reference& ref,
           const std::function<bool(double, const std::vector<double>&, double)>& near_kink) {
  Rng rng(5);
  std::vector<float> xs;
  for (int i = 0; i < 400; ++i) xs.push_back(static_cast<float>(rng.uniform(-6, 6)));
  const std::size_t n = xs.size(), np = params.size();
  std::vector<float> y(n), dydx(n), dydp(n * np);
  a.forward(xs, params, y, dydx, dydp);
  const std::vector<double> p(params.begin(), params.end());
  const double h = 1e-6;
  std::size_t checked = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = xs[i];
    if (near_kink(x, p, 1e-3)) continue;
    ++checked;
    EXPECT_NEAR(y[i], ref(x, p), 1e-5 * (1 + std::abs(ref(x, p)))) << a.name() << " x=" << x;
    const double fd_x = (ref(x + h, p) - ref(x - h, p)) / (2 * h);
    EXPECT_NEAR(dydx[i], fd_x, 1e-4 * (1 + std::abs(fd_x))) << a.name() << " x=" << x;
    for (std::size_t k = 0; k < np; ++k) {
      std::vector<double> up = p, down = p;
      up[k] += h;
      down[k] -= h;
      const double fd_p = (ref(x, up) - ref(x, down)) / (2 * h);
      EXPECT_NEAR(dydp[k * n + i], fd_p, 1e-4 * (1 + std::abs(fd_p)))
          << a.name() << " param " << k << " x=" << x;
    }
  }
  // Kinks cover a few thousandths of [-6, 6]: a predicate that skipped most points would
  // let this check pass on almost nothing.
  EXPECT_GE(checked, n * 9 / 10) << a.name() << ": points away from kinks";
}

TEST(ActivationParams, PreluGradients) {
  const Reference ref = [](double x, const std::vector<double>& p) { return x > 0 ? x : p[0] * x; };
  check(*make_prelu(0.25f), {-0.3f}, ref,
        [](double x, auto&, double h) { return std::abs(x) < h; });
}

TEST(ActivationParams, SwishGradients) {
  const Reference ref = [](double x, const std::vector<double>& p) {
    return x / (1 + std::exp(-p[0] * x));
  };
  for (float beta : {1.0f, 0.3f, 2.5f}) {
    check(*make_swish(1.0f, true), {beta}, ref, [](double, auto&, double) { return false; });
  }
}

TEST(ActivationParams, PwluGradients) {
  const auto a = make_pwlu(8);
  std::vector<float> p{-2.0f, 3.0f, 0.2f, 1.3f};
  Rng rng(11);
  for (int k = 0; k <= 8; ++k) p.push_back(static_cast<float>(rng.uniform(-1, 2)));
  check(*a, p, pwlu_reference, pwlu_near_kink);
}

TEST(ActivationParams, PwluStartsAsReluAndRealignsToThreeStd) {
  const auto a = make_pwlu(4);
  const std::vector<float> init = a->initial_params();
  EXPECT_EQ(init, (std::vector<float>{-3, 3, 0, 1, 0, 0, 0, 1.5f, 3}));
  std::vector<float> p(init.size());
  a->realign(1.0, 2.0, p);
  EXPECT_EQ(p, (std::vector<float>{-5, 7, 0, 1, 0, 0, 1, 4, 7}));
}

}  // namespace
}  // namespace actsearch::nn
