#include "grammar/fingerprint.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "grammar/base/error.hpp"

namespace actsearch::grammar {
namespace {

// Denser near 0, where activation functions differ most; no two points are symmetric, so
// odd and even functions cannot be confused with their reflections.
constexpr std::array<double, kFingerprintPoints> kPoints{
    -5.91, -5.37, -4.83, -4.42, -3.97, -3.61, -3.18, -2.77, -2.39, -2.03, -1.71,
    -1.37, -1.09, -0.83, -0.61, -0.37, -0.13, 0.07,  0.29,  0.53,  0.79,  1.13,
    1.42,  1.81,  2.21,  2.67,  3.11,  3.53,  4.07,  4.61,  5.23,  5.87};

// 30 mantissa bits: ~9 significant digits, coarse enough that rounding differences between
// equivalent forms (~1e-15 relative) almost never straddle a step.
constexpr int kKeyBits = 30;
constexpr double kKeyZero = 1e-9;  // below this magnitude a value hashes as 0
constexpr double kRelTolerance = 1e-7;

std::uint64_t rounded_bits(double v) {
  if (std::isnan(v)) return 0x7ff8000000000001ULL;
  if (std::isinf(v)) return v > 0 ? 0x7ff0000000000000ULL : 0xfff0000000000000ULL;
  if (std::abs(v) < kKeyZero) return 0;
  int exponent = 0;
  double mantissa = std::round(std::ldexp(std::frexp(v, &exponent), kKeyBits));
  if (std::abs(mantissa) == std::ldexp(1.0, kKeyBits)) {  // rounded up to the next binade
    mantissa /= 2;
    ++exponent;
  }
  const auto m = static_cast<std::uint64_t>(static_cast<std::int64_t>(mantissa));
  return m ^ (static_cast<std::uint64_t>(static_cast<std::uint32_t>(exponent)) << 40);
}

std::uint64_t hash_values(const std::vector<double>& values) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the rounded values
  for (double v : values) {
    const std::uint64_t bits = rounded_bits(v);
    for (int i = 0; i < 8; ++i) {
      h ^= (bits >> (8 * i)) & 0xFF;
      h *= 1099511628211ULL;
    }
  }
  return h;
}

bool same_value(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= kRelTolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

double value_at(const Expr& e, double x, std::span<const double> params,
                std::vector<double>& stack) {
  stack.clear();
  for (const Node& n : e.nodes) {
    switch (arity(n.op)) {
      case 0:
        stack.push_back(n.op == Op::Const ? n.value : n.op == Op::X ? x : params[n.index]);
        break;
      case 1:
        stack.back() = apply(n.op, stack.back());
        break;
      default: {
        const double b = stack.back();
        stack.pop_back();
        stack.back() = apply(n.op, stack.back(), b);
      }
    }
  }
  return stack.back();
}

}  // namespace

std::span<const double> fingerprint_points() {
  return kPoints;
}

std::vector<double> second_setting(const Expr& e) {
  std::vector<double> setting(static_cast<std::size_t>(num_params(e)));
  for (std::size_t k = 0; k < setting.size(); ++k) setting[k] = 1.7 + 0.31 * static_cast<double>(k);
  return setting;
}

std::vector<double> sample(const Expr& e, std::span<const double> xs,
                           std::span<const double> params) {
  ACTSEARCH_ASSERT(params.size() >= static_cast<std::size_t>(num_params(e)),
                   "sample() needs a value for every parameter");
  std::vector<double> values;
  values.reserve(xs.size());
  std::vector<double> stack;
  stack.reserve(e.size());
  for (double x : xs) values.push_back(value_at(e, x, params, stack));
  return values;
}

Fingerprint fingerprint(const Expr& e) {
  Fingerprint fp;
  fp.values = sample(e, kPoints, param_inits(e));
  const std::vector<double> second = sample(e, kPoints, second_setting(e));
  fp.values.insert(fp.values.end(), second.begin(), second.end());
  fp.key = hash_values(fp.values);
  return fp;
}

bool same_function(const Fingerprint& a, const Fingerprint& b) {
  return a.values.size() == b.values.size() &&
         std::equal(a.values.begin(), a.values.end(), b.values.begin(), same_value);
}

}  // namespace actsearch::grammar
