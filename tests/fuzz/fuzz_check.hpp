#pragma once
// What the fuzz targets share: a property check that aborts (a libFuzzer finding) with a
// readable message, active in every build type.

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace actsearch::fuzz {

/// Aborts with "fuzz property failed: <what>" unless `ok`.
inline void require(bool ok, std::string_view what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz property failed: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace actsearch::fuzz
