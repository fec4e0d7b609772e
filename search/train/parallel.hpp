#pragma once
// The one place the search forks work onto oneTBB: a parallel loop whose fork and join
// ThreadSanitizer can see.

#include <cstddef>
#include <functional>

namespace actsearch::search {

/// Calls body(i) for every i in [0, n) on TBB's threads (of the current arena), one index per
/// task, and returns once all have finished. Meant for long bodies (a training, a curve fit),
/// so no index waits behind a chunk of others. body must not throw.
void parallel_for_each_index(std::size_t n, const std::function<void(std::size_t)>& body);

}  // namespace actsearch::search
