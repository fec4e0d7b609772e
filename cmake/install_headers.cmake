# Run by `cmake --install` (ActsearchInstall.cmake): copies the public headers to
# <prefix>/include/actsearch/, rewriting the project's own includes ("grammar/expr.hpp") to
# <actsearch/grammar/expr.hpp>. Installed headers then find each other only under the
# actsearch/ prefix, never in a consumer's own nn/ or search/ folder. A public header that
# includes a header which is not installed stops the install.
foreach(header IN LISTS ACTSEARCH_PUBLIC_HEADERS)
  file(READ "${ACTSEARCH_SOURCE_DIR}/${header}" text)
  string(REGEX MATCHALL "#include \"(grammar|nn|search)/[^\"]+\"" includes "${text}")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "#include \"([^\"]+)\"" "\\1" included "${line}")
    list(FIND ACTSEARCH_PUBLIC_HEADERS "${included}" index)
    if(index EQUAL -1)
      message(FATAL_ERROR "public header ${header} includes ${included}, which is not installed")
    endif()
  endforeach()
  string(REGEX REPLACE "#include \"((grammar|nn|search)/[^\"]+)\"" "#include <actsearch/\\1>"
         text "${text}")
  set(destination "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/${ACTSEARCH_INCLUDE_DIR}/actsearch/${header}")
  set(installed "")
  if(EXISTS "${destination}")
    file(READ "${destination}" installed)
  endif()
  if(installed STREQUAL text)
    message(STATUS "Up-to-date: ${destination}")
  else()
    message(STATUS "Installing: ${destination}")
    file(WRITE "${destination}" "${text}")
  endif()
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES "${destination}")
endforeach()
