# Lays LevEx out as a user gets it and runs the installed programs there:
#   MODE=install: `cmake --install BUILD_DIR --prefix ROOT`;
#   MODE=deb:     the one levex_VERSION_<arch>.deb in DEB_DIR, unpacked with `dpkg-deb -x` into ROOT.
# Then checks the files, `levex-cli --version`, and `levex-cli inspect` on the installed sample,
# proving the programs read the installed data (not the source tree they were built from); with the
# app, `levex-cli simulate --chart-out` there, proving levex-cli loads its installed chart module.
function(fail)
  string(REPLACE ";" "" text "${ARGN}")
  message(FATAL_ERROR "${text}")
endfunction()

function(run out)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE text ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    string(REPLACE ";" " " shown "${ARGN}")
    fail("${shown} failed (${status}):\n${err}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${ROOT}")
if(MODE STREQUAL "install")
  run(ignored ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix "${ROOT}")
  set(top "${ROOT}")
elseif(MODE STREQUAL "deb")
  run(arch dpkg --print-architecture)
  string(STRIP "${arch}" arch)
  set(deb "${DEB_DIR}/levex_${VERSION}_${arch}.deb")
  if(NOT EXISTS "${deb}")
    file(GLOB found "${DEB_DIR}/*")
    fail("expected the package ${deb}; cpack wrote: ${found}")
  endif()
  run(ignored ${DPKG_DEB} -x "${deb}" "${ROOT}")
  set(top "${ROOT}/usr")

  # Control fields: the project version, Depends computed by dpkg-shlibdeps (plus the Qt platform plugins).
  run(version ${DPKG_DEB} -f "${deb}" Version)
  string(STRIP "${version}" version)
  if(NOT version STREQUAL VERSION)
    fail("package Version is '${version}', expected the project version ${VERSION}")
  endif()
  run(depends ${DPKG_DEB} -f "${deb}" Depends)
  set(needed libc6 libstdc++6)
  if(GUI)
    list(APPEND needed libqt6widgets6 libqcustomplot qt6-qpa-plugins)
  endif()
  string(STRIP ", ${depends}" listed)
  foreach(package IN LISTS needed)
    string(FIND "${listed}" ", ${package}" at)
    if(at EQUAL -1)
      fail("package Depends lacks ${package}: ${depends}")
    endif()
  endforeach()
  # Everything belongs to root and sits under /usr.
  run(listing ${DPKG_DEB} -c "${deb}")
  string(REGEX MATCHALL "[^\n]+" entries "${listing}")
  foreach(entry IN LISTS entries)
    if(NOT entry MATCHES " root/root " OR NOT entry MATCHES " \\./(usr/.*)?$")
      fail("unexpected package entry: ${entry}")
    endif()
  endforeach()
else()
  fail("MODE must be install or deb, found '${MODE}'")
endif()

set(data "${top}/${DATADIR}/levex")
set(files "${BINDIR}/levex-cli" "${DATADIR}/levex/samples/btcusdt-sample.csv" "${DATADIR}/levex/venues/generic.json"
          "${DATADIR}/levex/venues/binance-usdm-btcusdt.json" "${DATADIR}/man/man1/levex-cli.1.gz"
          "${DATADIR}/doc/levex/copyright" "${DATADIR}/doc/levex/changelog.gz")
if(GUI)
  list(APPEND files "${BINDIR}/levex" "${DATADIR}/man/man1/levex.1.gz" "${DATADIR}/applications/${APP_ID}.desktop"
       "${DATADIR}/metainfo/${APP_ID}.metainfo.xml" "${DATADIR}/mime/packages/${APP_ID}.xml"
       "${DATADIR}/icons/hicolor/scalable/apps/${APP_ID}.svg")
  foreach(size 16 22 24 32 48 64 128 256 512)
    list(APPEND files "${DATADIR}/icons/hicolor/${size}x${size}/apps/${APP_ID}.png")
  endforeach()
  list(APPEND files "${LIBDIR}/levex/levex-cli-charts.so")
endif()
foreach(file IN LISTS files)
  if(NOT EXISTS "${top}/${file}")
    fail("not installed: ${file} (under ${top})")
  endif()
endforeach()
file(READ "${top}/${DATADIR}/doc/levex/copyright" copyright)
if(NOT copyright MATCHES "License: GPL-3.0-or-later")
  fail("the copyright file does not state GPL-3.0-or-later")
endif()

# The installed programs, with no hint where their data is.
set(cli "${top}/${BINDIR}/levex-cli")
run(version ${CMAKE_COMMAND} -E env --unset=LEVEX_DATA_DIR "${cli}" --version)
if(NOT version STREQUAL "levex-cli ${VERSION}\n")
  fail("installed levex-cli --version printed '${version}', expected 'levex-cli ${VERSION}'")
endif()
run(table ${CMAKE_COMMAND} -E env --unset=LEVEX_DATA_DIR "${cli}" inspect "${data}/samples/btcusdt-sample.csv"
    --venue binance-usdm-btcusdt)
string(REGEX MATCHALL "\n" lines "${table}")
list(LENGTH lines rows)
if(NOT table MATCHES "^id,account,symbol,side,size,entry_price," OR NOT rows EQUAL 30001)
  string(SUBSTRING "${table}" 0 200 start)
  fail("installed levex-cli inspect on the installed sample: expected a header and 30000 rows, found ${rows} lines "
       "starting '${start}'")
endif()
# A venue that exists only in the installed tree: found only if the installed data is what is read.
file(COPY_FILE "${data}/venues/generic.json" "${data}/venues/installed-tree-only.json")
run(table ${CMAKE_COMMAND} -E env --unset=LEVEX_DATA_DIR "${cli}" inspect "${data}/samples/btcusdt-sample.csv"
    --venue installed-tree-only --out "${ROOT}/inspect.csv")
file(REMOVE "${data}/venues/installed-tree-only.json")

if(GUI)
  # A chart: drawn by the chart module, which levex-cli finds only in the installed tree (it looks
  # beside itself, then in ${LIBDIR}/levex relative to its folder; nowhere absolute).
  set(chart "${ROOT}/installed-chart.png")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=LEVEX_DATA_DIR --unset=DISPLAY --unset=WAYLAND_DISPLAY
                          "${cli}" simulate "${data}/samples/btcusdt-sample.csv" --shock -0.05 --steps 60
                          --json "${ROOT}/simulate.json" --chart-out "${chart}"
                  RESULT_VARIABLE status ERROR_VARIABLE err)
  if(NOT status EQUAL 0 OR NOT err MATCHES "levex-cli: wrote heatmap chart ")
    fail("installed levex-cli simulate --chart-out on the installed sample failed (${status}):\n${err}")
  endif()
  file(READ "${chart}" signature LIMIT 4 HEX)
  if(NOT signature STREQUAL "89504e47")
    fail("installed levex-cli simulate --chart-out wrote ${chart} that is not a PNG (starts ${signature})")
  endif()

  run(version ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen "${top}/${BINDIR}/levex" --version)
  if(NOT version STREQUAL "LevEx ${VERSION}\n")
    fail("installed levex --version printed '${version}', expected 'LevEx ${VERSION}'")
  endif()
  file(READ "${top}/${DATADIR}/metainfo/${APP_ID}.metainfo.xml" metainfo)
  if(NOT metainfo MATCHES "<release version=\"${VERSION}\"")
    fail("the installed AppStream metainfo does not list release ${VERSION}")
  endif()
  # The metainfo together with the desktop entry and icons it names, as a software centre reads them.
  if(MODE STREQUAL "deb" AND APPSTREAMCLI)
    run(ignored ${APPSTREAMCLI} validate-tree --no-net "${ROOT}")
  endif()
endif()
message(STATUS "installed tree under ${top}: files, --version, inspect (and a chart) on the installed sample are right")
