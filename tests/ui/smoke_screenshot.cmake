# Starts the real app in an X server (Xvfb) on the bundled sample, lets it save its window, and
# checks the picture: right size, and both the long and the short colours drawn.
file(REMOVE ${OUT})
# Our own X authority file (-f): xvfb-run then makes no temporary folder, whose removal races the
# X server's exit and fails now and then ("problem while cleaning up temporary directory", exit 5).
file(REMOVE ${OUT}.xauth)
execute_process(
  COMMAND ${XVFB_RUN} -a -f ${OUT}.xauth -s "-screen 0 1400x900x24" ${LEVEX} --screenshot ${OUT}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 90)
file(REMOVE ${OUT}.xauth)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "levex --screenshot exited with ${rc}\n${out}\n${err}")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "levex --screenshot wrote no file ${OUT}")
endif()
execute_process(COMMAND ${CHECK} ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "screenshot check failed: ${out}${err}")
endif()
message(STATUS "${out}")
