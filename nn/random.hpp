#pragma once
// The random numbers of training (weight initialisation, batch shuffling) come from the one
// random module of the base, grammar/base/random.hpp; these are nn's names for them.

#include "grammar/base/random.hpp"

namespace actsearch::nn {

/// xoshiro256** seeded through splitmix64; see grammar::Xoshiro256.
using Rng = grammar::Xoshiro256;
using grammar::random_permutation;

}  // namespace actsearch::nn
