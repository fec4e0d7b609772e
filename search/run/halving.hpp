#pragma once
// Successive halving over fidelities (Jamieson & Talwalkar 2016; asynchronous promotion as in
// ASHA, Li et al. 2020): most candidates get one cheap training, and only the best 1/eta of
// each rung are trained again at the next, costlier rung.
//
// The ladder: rung 0 trains each task's screening protocol with 1 seed; rung 1 its full
// protocol with 1 seed; rung r >= 2 the full protocol with eta^(r-1) seeds. With one rung
// there is no halving and the only rung is rung 1 (full protocol, 1 seed). The final stage
// retrains the top candidates and the baselines at rung last + 1 with fresh seeds.

#include <cstddef>
#include <span>
#include <vector>

namespace actsearch::search {

/// Largest --rungs: rung 3 already trains eta^2 seeds per task.
inline constexpr int kMaxRungs = 4;

struct Ladder {
  int rungs = 3;  // 1..kMaxRungs
  int eta = 3;    // >= 2: keep the best 1/eta of each rung

  friend bool operator==(const Ladder&, const Ladder&) = default;
};

/// Throws actsearch::Error for rungs outside 1..kMaxRungs or eta < 2, naming the option.
void validate(const Ladder& ladder);

/// The rung every candidate is trained at first: 0, or 1 when rungs == 1.
int first_rung(const Ladder& ladder);

/// The costliest rung of the search: rungs - 1, or 1 when rungs == 1.
int last_rung(const Ladder& ladder);

/// The rung number of the final stage: last_rung + 1, so its seeds are new.
int final_rung(const Ladder& ladder);

/// Seeds per candidate and task at a search rung: 1 at rungs 0 and 1, eta^(rung-1) above.
int seeds_at(const Ladder& ladder, int rung);

/// The rung whose training serves seed `seed_index` at `rung`: rung 0 for rung 0, else the
/// lowest full rung (>= 1) that trains that seed. Full rungs share one protocol, so a
/// promoted candidate keeps its trainings from the rungs below and only adds seeds.
int source_rung(const Ladder& ladder, int rung, int seed_index);

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
