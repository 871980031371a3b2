# Builds the .deb with cpack into OUT (a fresh folder), as `cpack -G DEB` in the build folder would.
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${CPACK} -G DEB --config ${CONFIG} -B ${OUT} RESULT_VARIABLE status OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cpack -G DEB failed (${status}):\n${out}\n${err}")
endif()
file(GLOB debs ${OUT}/*.deb)
message(STATUS "built: ${debs}")
