# The real app under Xvfb asked for a screenshot of a book it cannot read: it must say where the
# book is wrong and exit 3, not wait on a dialog nobody will close.
# Our own X authority file (-f): xvfb-run then makes no temporary folder, whose removal races the
# X server's exit and fails now and then ("problem while cleaning up temporary directory", exit 5).
file(REMOVE ${OUT}.xauth)
execute_process(
  COMMAND ${XVFB_RUN} -a -f ${OUT}.xauth -s "-screen 0 1400x900x24" ${LEVEX} --screenshot ${OUT} ${BOOK}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 90)
file(REMOVE ${OUT}.xauth)
if(NOT rc EQUAL 3)
  message(FATAL_ERROR "levex --screenshot on a bad book exited with '${rc}', expected 3\n${out}\n${err}")
endif()
if(NOT err MATCHES "${EXPECTED}")
  message(FATAL_ERROR "expected '${EXPECTED}' in what levex printed, got:\n${err}")
endif()
