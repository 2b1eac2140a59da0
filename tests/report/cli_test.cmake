# `relocsim report` and `relocsim compare` on copies of the fixture runs: exit codes 0 with the files
# written, and 2 (invalid input) for a missing folder, one run only, and a malformed metrics.csv.
#   cmake -DRELOCSIM=path/to/relocsim -DFIXTURES=tests/report/fixtures -DWORK=scratch -P cli_test.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(COPY ${FIXTURES}/baseline ${FIXTURES}/no_policy DESTINATION ${WORK})

function(expect_exit code)
  execute_process(COMMAND ${RELOCSIM} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL code)
    message(FATAL_ERROR "relocsim ${ARGN}: exit ${rc}, expected ${code}\n${out}${err}")
  endif()
  set(last_error "${err}" PARENT_SCOPE)
endfunction()

expect_exit(0 report ${WORK}/baseline)
foreach(f report.html zones.geojson)
  if(NOT EXISTS ${WORK}/baseline/${f})
    message(FATAL_ERROR "relocsim report wrote no ${f}")
  endif()
endforeach()
expect_exit(0 report ${WORK}/baseline --flow-years 1 --top-flows 3)
expect_exit(0 compare ${WORK}/baseline ${WORK}/no_policy --out ${WORK}/cmp)
foreach(f compare.html differences.csv)
  if(NOT EXISTS ${WORK}/cmp/${f})
    message(FATAL_ERROR "relocsim compare wrote no ${f}")
  endif()
endforeach()

expect_exit(2 report ${WORK}/nothing)
expect_exit(2 compare ${WORK}/baseline --out ${WORK}/cmp1)
expect_exit(2 compare ${WORK}/baseline ${WORK}/no_policy)  # no --out
file(APPEND ${WORK}/no_policy/metrics.csv "2016,dongcheng,residents,many\n")
expect_exit(2 report ${WORK}/no_policy)
if(NOT last_error MATCHES "metrics.csv:347: value 'many' is not a number")
  message(FATAL_ERROR "the error does not name file and line: ${last_error}")
endif()
file(REMOVE_RECURSE ${WORK})
