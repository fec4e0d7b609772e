# `cmake --install`: the libraries, the program, the public headers under
# include/actsearch/<module>/ (included as <actsearch/grammar/expr.hpp>) and a package config
# with a version file, for find_package(actsearch CONFIG).
include_guard(GLOBAL)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ACTSEARCH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/actsearch)

install(TARGETS actsearch_base actsearch_grammar actsearch_nn actsearch_search actsearch
  EXPORT actsearchTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Internal headers: shared by a folder's own sources, not part of the API, not installed.
set(ACTSEARCH_INTERNAL_HEADERS
  grammar/export/emit.hpp grammar/export/python.hpp grammar/lexer.hpp grammar/nearest/fit.hpp
  grammar/program/kernels.hpp grammar/program/math.hpp grammar/simplify_terms.hpp
  search/report/detail.hpp search/report/html_parts.hpp search/run/engine.hpp)
file(GLOB_RECURSE ACTSEARCH_PUBLIC_HEADERS CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}
  ${PROJECT_SOURCE_DIR}/grammar/*.hpp ${PROJECT_SOURCE_DIR}/nn/*.hpp
  ${PROJECT_SOURCE_DIR}/search/*.hpp)
list(FILTER ACTSEARCH_PUBLIC_HEADERS EXCLUDE REGEX "^search/(cli|mpi)/")  # the program's own
list(REMOVE_ITEM ACTSEARCH_PUBLIC_HEADERS ${ACTSEARCH_INTERNAL_HEADERS})
install(CODE "
  set(ACTSEARCH_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
  set(ACTSEARCH_INCLUDE_DIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(ACTSEARCH_PUBLIC_HEADERS \"${ACTSEARCH_PUBLIC_HEADERS}\")
  include(\"${PROJECT_SOURCE_DIR}/cmake/install_headers.cmake\")")

install(EXPORT actsearchTargets NAMESPACE actsearch:: DESTINATION ${ACTSEARCH_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/actsearchConfig.cmake.in
  ${PROJECT_BINARY_DIR}/actsearchConfig.cmake INSTALL_DESTINATION ${ACTSEARCH_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/actsearchConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/actsearchConfig.cmake
  ${PROJECT_BINARY_DIR}/actsearchConfigVersion.cmake DESTINATION ${ACTSEARCH_CMAKE_DIR})
