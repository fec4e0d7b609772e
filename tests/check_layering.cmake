# The folders of grammar/, nn/ and search/ in layers, bottom first: a file may include its
# own folder and folders on lower layers only, so dependencies run one way. Folders on one
# layer use nothing of each other. Of grammar/, nn/ may use only grammar/base (STYLE: nn/
# does not depend on the grammar). A folder that is in no layer fails the check too: a new
# folder is placed on purpose.
#   cmake -DSOURCE_DIR=<repo> -P tests/check_layering.cmake   (ctest: layering)
cmake_minimum_required(VERSION 3.25)
set(layers
  "grammar/base"
  "grammar"
  "grammar/program grammar/space grammar/export"
  "grammar/nearest"
  "nn/data"
  "nn"
  "search/data"
  "search/stats search/strategy search/train"
  "search/report"
  "search/run"
  "search/tools search/mpi"
  "search/cli")
set(grammar_folders grammar grammar/program grammar/space grammar/export grammar/nearest)

set(layer_index 0)
foreach(layer IN LISTS layers)
  separate_arguments(folders UNIX_COMMAND "${layer}")
  foreach(folder IN LISTS folders)
    set(layer_of_${folder} ${layer_index})
  endforeach()
  math(EXPR layer_index "${layer_index} + 1")
endforeach()

# The folder a repository path lies in ("search/run/engine.cpp" -> "search/run").
function(folder_of path out)
  get_filename_component(folder "${path}" DIRECTORY)
  set(${out} "${folder}" PARENT_SCOPE)
endfunction()

set(violations "")
set(checked 0)
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
  "${SOURCE_DIR}/grammar/*.[ch]pp" "${SOURCE_DIR}/nn/*.[ch]pp" "${SOURCE_DIR}/search/*.[ch]pp")
foreach(source IN LISTS sources)
  folder_of("${source}" from)
  if(NOT DEFINED layer_of_${from})
    list(APPEND violations "${source}: folder ${from} is in no layer of tests/check_layering.cmake")
    continue()
  endif()
  file(STRINGS "${SOURCE_DIR}/${source}" includes REGEX "^#include \"(grammar|nn|search)/")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" included "${line}")
    folder_of("${included}" to)
    math(EXPR checked "${checked} + 1")
    if(to STREQUAL from)
      continue()
    endif()
    if(NOT DEFINED layer_of_${to})
      list(APPEND violations "${source}: includes ${included}, in no layer")
    elseif(NOT layer_of_${to} LESS layer_of_${from})
      list(APPEND violations "${source}: includes ${included} (${from} may not use ${to})")
    elseif(from MATCHES "^nn" AND to IN_LIST grammar_folders)
      list(APPEND violations "${source}: includes ${included} (nn may use only grammar/base)")
    endif()
  endforeach()
endforeach()

list(LENGTH sources files)
if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "dependencies that run the wrong way:\n  ${text}")
endif()
message(STATUS "layering: ${checked} includes of ${files} files run one way")
