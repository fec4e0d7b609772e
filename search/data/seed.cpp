#include "search/data/seed.hpp"

#include "grammar/base/error.hpp"
#include "grammar/base/random.hpp"

namespace actsearch::search {
namespace {

using grammar::splitmix64;

// Separates these seeds from any other splitmix64 use of the same run seed.
constexpr std::uint64_t kDomain = 0x61637473'65617263ULL;  // "actsearc"

}  // namespace

std::uint64_t derive_seed(std::uint64_t run_seed, std::uint64_t fingerprint, int seed_index,
                          int rung) {
  ACTSEARCH_ASSERT(seed_index >= 0 && rung >= 0, "seed index and rung are non-negative");
  std::uint64_t h = splitmix64(kDomain);
  h = splitmix64(h ^ run_seed);
  h = splitmix64(h ^ fingerprint);
  h = splitmix64(h ^ static_cast<std::uint64_t>(seed_index));
  return splitmix64(h ^ static_cast<std::uint64_t>(rung));
}

}  // namespace actsearch::search
