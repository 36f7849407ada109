# The package as a package (fmt's find-package test): install the build tree into a fresh
# prefix, check that only public headers went in, then configure, build and run two consumer
# projects outside the source tree against it with find_package(cnnplace CONFIG):
# examples/ (builder, solve, breakdown) and tests/package/headers (every installed header
# compiles on its own, so no public header leans on an internal one).
#
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DWORK_DIR=... [-DGENERATOR=Ninja] -P run.cmake
foreach(var SOURCE_DIR BINARY_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake needs -D${var}=...")
  endif()
endforeach()
if(NOT DEFINED GENERATOR)
  set(GENERATOR "Unix Makefiles")
endif()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}):\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

run("cmake --install" ${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix})

# Public headers only: nothing internal (search state, bounds, JSON text and SVG helpers).
foreach(internal model/json_text.hpp model/json_fields.hpp model/prng.hpp solver/search.hpp
                 solver/incumbent.hpp render/svg_text.hpp render/labels.hpp
                 bounds/chain_dp.hpp heuristics/local_search.hpp)
  if(EXISTS ${prefix}/include/cnnplace/${internal})
    message(FATAL_ERROR "internal header installed: include/cnnplace/${internal}")
  endif()
endforeach()
foreach(needed model/builder.hpp model/instance_io.hpp model/evaluate.hpp solver/solve.hpp
               solver/result_json.hpp render/svg.hpp)
  if(NOT EXISTS ${prefix}/include/cnnplace/${needed})
    message(FATAL_ERROR "public header not installed: include/cnnplace/${needed}")
  endif()
endforeach()
file(GLOB config ${prefix}/lib*/cmake/cnnplace/cnnplaceConfig.cmake)
if(NOT config)
  message(FATAL_ERROR "no cnnplaceConfig.cmake under ${prefix}/lib*/cmake/cnnplace")
endif()

foreach(project examples tests/package/headers)
  string(REPLACE "/" "-" name ${project})
  set(build ${WORK_DIR}/build-${name})
  run("configuring ${project}" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/${project} -B ${build} -G ${GENERATOR}
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix})
  run("building ${project}" ${CMAKE_COMMAND} --build ${build})
endforeach()

run("running the example" ${WORK_DIR}/build-examples/place_in_code)
message(STATUS "example output:\n${output}")
foreach(expected "status optimal" "digits: t = " "gated: t = " " gate " "  L1 conv1")
  string(FIND "${output}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the example's output lacks \"${expected}\"")
  endif()
endforeach()
