#pragma once
// Random draws from std::mt19937_64 written out by hand: the standard distributions'
// algorithms are implementation-defined, and runs must replay bit for bit (resume,
// determinism across machines with another standard library).

#include <cstdint>
#include <random>

namespace actsearch::grammar {

/// Uniform integer in [0, n), unbiased (rejection of the low 2^64 mod n values); n >= 1.
inline std::uint64_t uniform_below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
  for (;;) {
    const std::uint64_t r = rng();
    if (r >= threshold) return r % n;
  }
}

/// Uniform double in [0, 1) with 53 random bits.
inline double uniform01(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

/// Uniform double in [lo, hi).
inline double uniform_real(std::mt19937_64& rng, double lo, double hi) {
  return lo + (hi - lo) * uniform01(rng);
}

}  // namespace actsearch::grammar
