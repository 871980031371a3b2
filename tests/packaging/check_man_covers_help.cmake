# The man page PAGE of program NAME must mention every option that `PROGRAM --help` and, for each
# command listed under "commands:", `PROGRAM COMMAND --help` print, have a section (.SS) for each
# command, and carry the version `PROGRAM --version` prints. The failure lists exactly what is missing.
file(READ ${PAGE} page)
get_filename_component(page_name ${PAGE} NAME)
# The page as text: no comments, plain hyphens, no font escapes.
string(REGEX REPLACE "(^|\n)\\.\\\\\"[^\n]*" "\\1" page "${page}")
string(REPLACE "\\-" "-" page "${page}")
string(REGEX REPLACE "\\\\f[BIRP]" "" page "${page}")

function(run_help out)
  execute_process(COMMAND ${PROGRAM} ${ARGN} OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    string(REPLACE ";" " " shown "${ARGN}")
    message(FATAL_ERROR "${NAME} ${shown} failed (${status}): ${err}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(missing "")
function(check_options help where)
  # Options start a word; brackets and separators count as spaces (and would upset CMake lists).
  string(REGEX REPLACE "[][(),|;]" " " help "${help}")
  string(REGEX MATCHALL "(^|[\n ])--?[a-zA-Z][a-zA-Z0-9-]*" found "${help}")
  list(REMOVE_DUPLICATES found)
  foreach(match IN LISTS found)
    string(STRIP "${match}" option)
    if(NOT page MATCHES "(^|[^a-zA-Z0-9-])${option}([^a-zA-Z0-9-]|$)")
      set(missing "${missing}\n  ${page_name} does not mention option ${option} (printed by ${where})")
    endif()
  endforeach()
  set(missing "${missing}" PARENT_SCOPE)
endfunction()

run_help(main --help)
check_options("${main}" "${NAME} --help")
# Commands: the indented words under "commands:" up to the next blank line.
if(main MATCHES "\ncommands:\n(([^\n]+\n)+)")
  string(REGEX MATCHALL "(^|\n)  [a-z][a-z-]*" commands "${CMAKE_MATCH_1}")
  foreach(entry IN LISTS commands)
    string(STRIP "${entry}" command)
    if(NOT page MATCHES "\n\\.SS \"?${command}[ \"\n]")
      set(missing "${missing}\n  ${page_name} has no section for command ${command} (listed by ${NAME} --help): add '.SS ${command}'")
    endif()
    run_help(help ${command} --help)
    check_options("${help}" "${NAME} ${command} --help")
  endforeach()
endif()

run_help(version --version)
string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" number "${version}")
if(NOT page MATCHES "\n\\.TH [^\n]*\"LevEx ${number}\"")
  set(missing "${missing}\n  ${page_name}: its .TH line does not name version LevEx ${number} (printed by ${NAME} --version)")
endif()

if(NOT missing STREQUAL "")
  message(FATAL_ERROR "The man page has drifted from the program:${missing}")
endif()
