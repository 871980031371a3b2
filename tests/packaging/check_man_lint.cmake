# Fails on any groff warning (-ww) in the man pages PAGES, as `man --warnings` would show them.
foreach(page IN LISTS PAGES)
  execute_process(COMMAND ${GROFF} -man -ww -z ${page} RESULT_VARIABLE status ERROR_VARIABLE err)
  if(NOT status EQUAL 0 OR NOT err STREQUAL "")
    message(FATAL_ERROR "groff -man -ww finds problems in ${page}:\n${err}")
  endif()
endforeach()
