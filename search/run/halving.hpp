#pragma once
// Successive halving over fidelities (Jamieson & Talwalkar 2016; asynchronous promotion as in
// ASHA, Li et al. 2020): most candidates get one cheap training, and only the best 1/eta of
// each rung are trained again at the next, costlier rung. The rungs themselves are the
// configuration's Ladder (search/data/run_config.hpp); this is the promotion rule.

#include <cstddef>
#include <span>
#include <vector>

namespace actsearch::search {

/// One candidate's standing at a rung.
struct RungEntry {
  double score = 0.0;     // NaN ranks below everything
  int proposal = 0;       // ties go to the earlier proposal
  bool promoted = false;  // already promoted to the next rung
};

/// The entries to promote now: those among the best floor(n / eta) of all n entries (score
/// descending, NaN last, ties by proposal index) that are not promoted yet, best first, as
/// indices into `entries`. Calling it after every batch promotes asynchronously: a
/// candidate is promoted as soon as it ranks in the top 1/eta of its rung.
std::vector<std::size_t> promotions(std::span<const RungEntry> entries, int eta);

}  // namespace actsearch::search
