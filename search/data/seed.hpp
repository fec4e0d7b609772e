#pragma once
// Per-evaluation seeds. A training's seed depends only on what is trained, never on thread
// count or the order evaluations finish in, so a run is reproducible and a resumed run
// retrains nothing differently.

#include <cstdint>

namespace actsearch::search {

/// The seed of one training: a chain h = grammar::splitmix64(h ^ input) over a domain
/// constant, run_seed, fingerprint, seed_index and rung, in that order. Each step is a
/// bijection of its input for a fixed prefix, so two requests that differ in exactly one
/// argument never share a seed; other collisions are as rare as for a random 64-bit function
/// (~2^-64 per pair). seed_index and rung must be >= 0.
std::uint64_t derive_seed(std::uint64_t run_seed, std::uint64_t fingerprint, int seed_index,
                          int rung);

}  // namespace actsearch::search
