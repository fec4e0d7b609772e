#pragma once
// The monotonic clock of time limits and progress displays, which take an injectable clock
// in tests and fall back to this one.

#include <chrono>

namespace actsearch {

/// Seconds on std::chrono::steady_clock: differences are elapsed time, the origin means
/// nothing.
inline double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace actsearch
