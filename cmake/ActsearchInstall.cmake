# `cmake --install`: the libraries, the program, the headers under include/actsearch/<module>/
# (so `#include "grammar/expr.hpp"` works as in the build tree) and a package config with a
# version file, for find_package(actsearch CONFIG).
include_guard(GLOBAL)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ACTSEARCH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/actsearch)

install(TARGETS actsearch_base actsearch_grammar actsearch_nn actsearch_search actsearch
  EXPORT actsearchTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

foreach(module grammar nn search)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${module}/
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/actsearch/${module}
    FILES_MATCHING PATTERN "*.hpp"
    PATTERN "cli" EXCLUDE  # the program's own headers
    PATTERN "mpi" EXCLUDE)
endforeach()

install(EXPORT actsearchTargets NAMESPACE actsearch:: DESTINATION ${ACTSEARCH_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/actsearchConfig.cmake.in
  ${PROJECT_BINARY_DIR}/actsearchConfig.cmake INSTALL_DESTINATION ${ACTSEARCH_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/actsearchConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/actsearchConfig.cmake
  ${PROJECT_BINARY_DIR}/actsearchConfigVersion.cmake DESTINATION ${ACTSEARCH_CMAKE_DIR})
