# Compile settings shared by every actsearch target.
include_guard(GLOBAL)

# actsearch_defaults(TARGET): warnings, -Werror, -march=native and sanitizers per the
# ACTSEARCH_* options. Never -ffast-math: the evaluator relies on NaN/Inf checks.
function(actsearch_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(ACTSEARCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(ACTSEARCH_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
  if(ACTSEARCH_SANITIZE)
    # A sanitizer report must fail the test that triggered it: UBSan halts instead of
    # printing and going on. GCC documents that the instrumentation makes
    # -Wmaybe-uninitialized give false positives (it does in libstdc++'s <regex>).
    target_compile_options(${target} PRIVATE -fsanitize=${ACTSEARCH_SANITIZE}
                                             -fno-sanitize-recover=all -fno-omit-frame-pointer
                                             $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
    # PUBLIC: whatever links a sanitized library needs the sanitizer runtime too, the tests
    # here as much as a project using the installed package (the consumer_package test).
    target_link_options(${target} PUBLIC -fsanitize=${ACTSEARCH_SANITIZE})
  endif()
  if(ACTSEARCH_BUILD_TESTS)
    target_compile_definitions(${target} PRIVATE ACTSEARCH_CHECKED=1)
  endif()
endfunction()

# actsearch_precompile(TARGET [HEADERS...]): precompiles the heavy headers most of TARGET's
# units include ({fmt}, nlohmann-json, the standard library, and HEADERS), when
# ACTSEARCH_PCH is on. Measured on the search library: 17% less CPU for the whole. Eigen is
# never precompiled: grammar/base/eigen.hpp's narrow silencing of GCC 12's false warnings is a
# pragma, and a precompiled header does not keep pragmas.
function(actsearch_precompile target)
  if(ACTSEARCH_PCH)
    target_precompile_headers(${target} PRIVATE
      <algorithm> <filesystem> <map> <memory> <optional> <string> <string_view> <vector>
      <fmt/format.h> <nlohmann/json.hpp> ${ARGN})
  endif()
endfunction()
