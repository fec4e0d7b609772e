// Piecewise Linear Unit (Zhou et al. 2021, "Learning specialized activation functions with
// the Piecewise Linear Unit"): N equal intervals between learnable bounds, N+1 learnable
// knot values and learnable outer slopes.
//
// Parameters: [left, right, slope_left, slope_right, y_0, ..., y_N]. With d = (right-left)/N
//   f(x) = y_0 + (x - left) * slope_left           for x < left
//   f(x) = y_N + (x - right) * slope_right         for x >= right
//   f(x) = y_k + (t - k) * (y_{k+1} - y_k)         otherwise, t = (x - left) / d, k = floor(t)

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "grammar/base/error.hpp"
#include "nn/activation.hpp"

namespace actsearch::nn {
namespace {

constexpr int kLeft = 0, kRight = 1, kSlopeLeft = 2, kSlopeRight = 3, kKnots = 4;

class Pwlu final : public Activation {
 public:
  explicit Pwlu(int intervals) : n_(intervals) {}

  std::string name() const override { return "pwlu"; }
  int num_params() const override { return kKnots + n_ + 1; }

  std::vector<float> initial_params() const override {
    std::vector<float> p(static_cast<std::size_t>(num_params()));
    realign(0.0, 1.0, p);  // ReLU on [-3, 3]
    return p;
  }

  std::vector<std::string> param_names() const override {
    std::vector<std::string> names{"left", "right", "slope_left", "slope_right"};
    for (int k = 0; k <= n_; ++k) {
      std::string knot = "y";  // not "y" + to_string: GCC 12 warns falsely (-Wrestrict)
      knot += std::to_string(k);
      names.push_back(std::move(knot));
    }
    return names;
  }

  void forward(std::span<const float> x, std::span<const float> params, std::span<float> y,
               std::span<float> dydx, std::span<float> dydp) const override;

  std::unique_ptr<Activation> clone() const override { return std::make_unique<Pwlu>(*this); }

  bool uses_input_statistics() const override { return true; }

  // Bounds at mean -/+ 3 std, knots on ReLU, outer slopes 0 and 1 (the paper's phase II).
  void realign(double mean, double stddev, std::span<float> params) const override {
    const double spread = 3.0 * std::max(stddev, 1e-6);
    const double left = mean - spread, step = 2.0 * spread / n_;
    params[kLeft] = static_cast<float>(left);
    params[kRight] = static_cast<float>(mean + spread);
    params[kSlopeLeft] = 0.0f;
    params[kSlopeRight] = 1.0f;
    for (int k = 0; k <= n_; ++k) {
      params[static_cast<std::size_t>(kKnots + k)] =
          static_cast<float>(std::max(left + k * step, 0.0));
    }
  }

 private:
  int n_;
};

void Pwlu::forward(std::span<const float> x, std::span<const float> params, std::span<float> y,
                   std::span<float> dydx, std::span<float> dydp) const {
  const float left = params[kLeft], right = params[kRight];
  const float slope_left = params[kSlopeLeft], slope_right = params[kSlopeRight];
  const float* knots = params.data() + kKnots;
  const float width = right - left, nf = static_cast<float>(n_);
  const std::size_t n = x.size();
  std::fill(dydp.begin(), dydp.end(), 0.0f);
  auto dp = [&](int k, std::size_t i) -> float& {
    return dydp[static_cast<std::size_t>(k) * n + i];
  };
  for (std::size_t i = 0; i < n; ++i) {
    const float v = x[i];
    if (!(v >= left)) {  // also NaN, which then stays NaN
      y[i] = knots[0] + (v - left) * slope_left;
      dydx[i] = slope_left;
      dp(kLeft, i) = -slope_left;
      dp(kSlopeLeft, i) = v - left;
      dp(kKnots, i) = 1.0f;
    } else if (v >= right) {
      y[i] = knots[n_] + (v - right) * slope_right;
      dydx[i] = slope_right;
      dp(kRight, i) = -slope_right;
      dp(kSlopeRight, i) = v - right;
      dp(kKnots + n_, i) = 1.0f;
    } else {
      // left <= v < right, so width > 0 and 0 <= t <= N after rounding.
      const float t = (v - left) / width * nf;
      const int k = std::min(static_cast<int>(t), n_ - 1);
      const float frac = t - static_cast<float>(k);
      const float rise = knots[k + 1] - knots[k];
      y[i] = knots[k] + frac * rise;
      dydx[i] = rise * nf / width;
      dp(kLeft, i) = rise * (v - right) * nf / (width * width);
      dp(kRight, i) = -rise * t / width;
      dp(kKnots + k, i) = 1.0f - frac;
      dp(kKnots + k + 1, i) = frac;
    }
  }
}

}  // namespace

std::unique_ptr<Activation> make_pwlu(int intervals) {
  if (intervals < 2 || intervals % 2 != 0) {
    throw Error("pwlu: the number of intervals must be even and at least 2, got " +
                std::to_string(intervals));
  }
  return std::make_unique<Pwlu>(intervals);
}

}  // namespace actsearch::nn
