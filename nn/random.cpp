#include "nn/random.hpp"

#include <cmath>
#include <cstdint>
#include <numbers>

namespace actsearch::nn {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
  // Mixing the stream through splitmix first keeps (seed, stream) pairs apart even when
  // seed + stream collide.
  std::uint64_t mix = stream;
  std::uint64_t state = seed ^ splitmix64(mix);
  for (std::uint64_t& s : s_) s = splitmix64(state);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Rng::normal() {
  // 1 - uniform() lies in (0, 1], so the logarithm is finite.
  const double r = std::sqrt(-2.0 * std::log(1.0 - uniform()));
  return r * std::cos(2.0 * std::numbers::pi * uniform());
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Lemire's multiply-shift: the high half of x * n is uniform on [0, n) once the few
  // biased low halves are rejected. No division on the common path.
  __extension__ using Wide = unsigned __int128;  // a GCC extension: -Wpedantic must allow it
  Wide m = static_cast<Wide>(next()) * n;
  if (static_cast<std::uint64_t>(m) < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (static_cast<std::uint64_t>(m) < threshold) m = static_cast<Wide>(next()) * n;
  }
  return static_cast<std::uint64_t>(m >> 64);
}

void random_permutation(Rng& rng, std::vector<std::int64_t>& order) {
  const auto n = static_cast<std::int64_t>(order.size());
  for (std::int64_t i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  for (std::int64_t i = n - 1; i > 0; --i) {
    const auto j = static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(i) + 1));
    std::swap(order[static_cast<std::size_t>(i)], order[j]);
  }
}

}  // namespace actsearch::nn
