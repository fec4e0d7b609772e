#pragma once
// The random numbers of training: weight initialisation and batch shuffling. Written here
// rather than taken from <random> because the distributions of <random> may differ between
// standard libraries, and "same seed, same result, bit for bit" must hold everywhere.

#include <cstdint>
#include <vector>

namespace actsearch::nn {

/// xoshiro256** seeded through splitmix64. `stream` separates independent sequences drawn
/// from one seed (initialisation, shuffling, ...).
class Rng {
 public:
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0);

  /// 64 uniformly random bits.
  std::uint64_t next();
  /// Uniform on [0, 1), a multiple of 2^-53.
  double uniform();
  /// Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Standard normal (Box-Muller; one value per call, the pair's twin is discarded).
  double normal();
  /// Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n);

 private:
  std::uint64_t s_[4];
};

/// Fills `order` with a uniformly random permutation of 0 .. order.size()-1 (Fisher-Yates).
void random_permutation(Rng& rng, std::vector<std::int64_t>& order);

}  // namespace actsearch::nn
