#pragma once
// Eigen's core, included through this header everywhere in actsearch. GCC 12's AVX-512
// intrinsics (avx512fintrin.h) build their "undefined" operand as `__m512 __Y = __Y;`, and
// once Eigen's packet math inlines them into our code GCC 12 reports that `__Y` "is used
// uninitialized" (GCC bug 105593, fixed in GCC 13), so a -march=native build on an AVX-512
// CPU would fail under -Werror. The two warnings are silenced for the intrinsics headers
// alone: every other location, ours and Eigen's, keeps them.

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13 && defined(__x86_64__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#endif

#include <Eigen/Core>
