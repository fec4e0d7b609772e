# The consumer_package test: install actsearch from BUILD_DIR into WORK_DIR/prefix, then
# configure, build and run the project in CONSUMER_DIR against it.
# cmake -DBUILD_DIR=... -DCONSUMER_DIR=... -DWORK_DIR=... -P run_consumer_test.cmake
foreach(var BUILD_DIR CONSUMER_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_consumer_test.cmake needs -D${var}=...")
  endif()
endforeach()

function(step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${name} failed (${status}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
step(install ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
step(configure ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build
     -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
step(build ${CMAKE_COMMAND} --build ${WORK_DIR}/build --parallel 2)
step(run ${WORK_DIR}/build/consumer)
message(STATUS "${step_output}")
if(NOT step_output MATCHES "consumer: actsearch [0-9.]+, x\\*sigmoid\\(beta\\*x\\): ok")
  message(FATAL_ERROR "unexpected consumer output: ${step_output}")
endif()
