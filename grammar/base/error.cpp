#include "grammar/base/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace actsearch {

void assertion_failed(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "actsearch bug: %s:%d: assertion '%s' failed: %s\n", file, line, condition,
               why);
  std::abort();
}

}  // namespace actsearch
