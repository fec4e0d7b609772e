#pragma once
// Tests whose oracle lives outside the build (NumPy, PyTorch and SymPy through Python,
// mpirun, Debian's Fashion-MNIST files) skip where it is missing, so `make test` passes on a
// machine without them. A skip counts as a pass, so CI sets ACTSEARCH_REQUIRE_ORACLES=1:
// there a missing oracle fails the test instead of leaving it unchecked.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace actsearch::testing {

/// True when the environment says every oracle must be there (ACTSEARCH_REQUIRE_ORACLES set
/// and neither empty nor "0").
inline bool oracles_required() {
  const char* v = std::getenv("ACTSEARCH_REQUIRE_ORACLES");
  return v != nullptr && *v != '\0' && std::string_view(v) != "0";
}

/// The interpreter that runs the Python oracles, as a shell word: $ACTSEARCH_PYTHON, else
/// Debian's /usr/bin/python3, where python3-numpy, -torch and -sympy install.
inline std::string python() {
  const char* v = std::getenv("ACTSEARCH_PYTHON");
  return v != nullptr && *v != '\0' ? v : "/usr/bin/python3";
}

}  // namespace actsearch::testing

/// Ends the running test (or its SetUp) because `oracle` is missing, for the reason `why`:
/// a skip, or a failure where oracles_required(). A macro, as GTEST_SKIP and GTEST_FAIL
/// return from the function they are written in.
#define ACTSEARCH_SKIP_OR_FAIL_WITHOUT(oracle, why)                                              \
  do {                                                                                           \
    if (::actsearch::testing::oracles_required()) {                                              \
      GTEST_FAIL() << (oracle) << " is missing and ACTSEARCH_REQUIRE_ORACLES is set: " << (why); \
    }                                                                                            \
    GTEST_SKIP() << (oracle) << " is missing: " << (why);                                        \
  } while (false)
