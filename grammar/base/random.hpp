#pragma once
// Every random draw of actsearch: the generators (SplitMix64 for generated tasks and seeds,
// xoshiro256** for training, std::mt19937_64 for the grammar's sampling and mutation) and
// the draws from them, written out by hand: the distributions of <random> are
// implementation-defined, and runs must replay bit for bit (resume, determinism across
// machines with another standard library). Each algorithm here is a stream of results that
// journals depend on: change none of them (tests pin values of each).

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

namespace actsearch::grammar {

/// The splitmix64 output for state x (Steele, Lea, Flood 2014; Vigna's SplitMix64): the
/// finaliser applied to x + the golden-ratio increment, a bijection of 64-bit words with
/// full avalanche.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  std::uint64_t z = x + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// Uniform double in [0, 1) with 53 random bits.
template <class Generator>
double uniform01(Generator& g) {
  return static_cast<double>(g() >> 11) * 0x1.0p-53;
}

/// Uniform double in [lo, hi).
template <class Generator>
double uniform_real(Generator& g, double lo, double hi) {
  return lo + (hi - lo) * uniform01(g);
}

/// Standard normal by Box-Muller: exactly two draws per value, the pair's twin discarded,
/// so the number of draws never depends on the values.
template <class Generator>
double standard_normal(Generator& g) {
  const double r = std::sqrt(-2.0 * std::log(1.0 - uniform01(g)));  // 1 - u in (0, 1]
  return r * std::cos(2.0 * std::numbers::pi * uniform01(g));
}

/// Uniform integer in [0, n), unbiased (rejection of the low 2^64 mod n values); n >= 1.
/// The grammar's draws (sampling, mutation, evolution) use this one.
template <class Generator>
std::uint64_t uniform_below(Generator& g, std::uint64_t n) {
  const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
  for (;;) {
    const std::uint64_t r = g();
    if (r >= threshold) return r % n;
  }
}

/// The members every generator of ours offers, after the free draws above.
template <class Derived>
class Draws {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  /// Uniform on [0, 1), a multiple of 2^-53.
  double uniform() { return uniform01(self()); }
  /// Uniform on [lo, hi).
  double uniform(double lo, double hi) { return uniform_real(self(), lo, hi); }
  /// Standard normal (standard_normal: two draws).
  double normal() { return standard_normal(self()); }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

/// SplitMix64 as a generator: the stream of the generated tasks (nn/data/synthetic.cpp).
class SplitMix64 : public Draws<SplitMix64> {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  /// 64 uniformly random bits.
  std::uint64_t operator()() {
    const std::uint64_t out = splitmix64(state_);
    state_ += 0x9e3779b97f4a7c15ULL;
    return out;
  }
  std::uint64_t next() { return (*this)(); }

 private:
  std::uint64_t state_;
};

/// xoshiro256** seeded through SplitMix64: the stream of training (weight initialisation,
/// batch shuffling). `stream` separates independent sequences drawn from one seed.
class Xoshiro256 : public Draws<Xoshiro256> {
 public:
  explicit Xoshiro256(std::uint64_t seed, std::uint64_t stream = 0) {
    // Mixing the stream first keeps (seed, stream) pairs apart even when seed + stream collide.
    SplitMix64 seeder(seed ^ splitmix64(stream));
    for (std::uint64_t& s : s_) s = seeder();
  }

  /// 64 uniformly random bits.
  std::uint64_t operator()() {
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
  std::uint64_t next() { return (*this)(); }

  /// Uniform integer in [0, n), n > 0, unbiased by Lemire's multiply-shift: the high half of
  /// x * n once the few biased low halves are rejected. No division on the common path.
  std::uint64_t below(std::uint64_t n) {
    __extension__ using Wide = unsigned __int128;  // a GCC extension: -Wpedantic must allow it
    Wide m = static_cast<Wide>(next()) * n;
    if (static_cast<std::uint64_t>(m) < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (static_cast<std::uint64_t>(m) < threshold) m = static_cast<Wide>(next()) * n;
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t s_[4];
};

/// Fills `order` with a uniformly random permutation of 0 .. order.size()-1 (Fisher-Yates).
inline void random_permutation(Xoshiro256& rng, std::vector<std::int64_t>& order) {
  const auto n = static_cast<std::int64_t>(order.size());
  for (std::int64_t i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  for (std::int64_t i = n - 1; i > 0; --i) {
    const auto j = static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(i) + 1));
    std::swap(order[static_cast<std::size_t>(i)], order[j]);
  }
}

}  // namespace actsearch::grammar
