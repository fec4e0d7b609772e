# Eigen's alignment is part of its ABI, and -march=native changes it: with AVX, Eigen aligns
# its heap blocks (and fixed-size members) to 32 bytes through its own allocator, without it
# to 16 through plain malloc. A consumer compiled without -march=native that frees an Eigen
# object made by our library (nn::Dataset holds Eigen matrices) would then free a pointer its
# allocator never returned: a crash (double free). So when ACTSEARCH_NATIVE is on, the
# alignment the native build uses is pinned by two definitions that actsearch::base
# exports to everything that links it, consumers of the installed package included; with
# them Eigen uses the same allocator and layouts whatever the consumer's SIMD flags (as long
# as they do not go beyond this machine's).
include_guard(GLOBAL)
include(CheckCXXSourceCompiles)

# actsearch_share_eigen_abi(TARGET): adds EIGEN_MAX_ALIGN_BYTES and
# EIGEN_MAX_STATIC_ALIGN_BYTES, as Eigen chooses them under -march=native, to TARGET's
# public compile definitions. Nothing when ACTSEARCH_NATIVE is off.
function(actsearch_share_eigen_abi target)
  if(NOT ACTSEARCH_NATIVE)
    return()
  endif()
  if(NOT DEFINED ACTSEARCH_EIGEN_ALIGN_BYTES)
    set(CMAKE_REQUIRED_FLAGS "-march=native")
    set(CMAKE_REQUIRED_LIBRARIES Eigen3::Eigen)
    set(CMAKE_REQUIRED_QUIET ON)
    foreach(bytes 64 32 16)
      check_cxx_source_compiles(
        "#include <Eigen/Core>
         static_assert(EIGEN_MAX_ALIGN_BYTES == ${bytes}, \"\");
         int main() { return 0; }"
        ACTSEARCH_EIGEN_ALIGN_${bytes})
      if(ACTSEARCH_EIGEN_ALIGN_${bytes})
        set(ACTSEARCH_EIGEN_ALIGN_BYTES ${bytes} CACHE INTERNAL "Eigen's alignment under -march=native")
        break()
      endif()
    endforeach()
    if(NOT DEFINED ACTSEARCH_EIGEN_ALIGN_BYTES)
      message(FATAL_ERROR "cannot determine Eigen's alignment under -march=native")
    endif()
    message(STATUS "Eigen alignment under -march=native: ${ACTSEARCH_EIGEN_ALIGN_BYTES} bytes (exported)")
  endif()
  target_compile_definitions(${target} PUBLIC
    EIGEN_MAX_ALIGN_BYTES=${ACTSEARCH_EIGEN_ALIGN_BYTES}
    EIGEN_MAX_STATIC_ALIGN_BYTES=${ACTSEARCH_EIGEN_ALIGN_BYTES})
endfunction()
