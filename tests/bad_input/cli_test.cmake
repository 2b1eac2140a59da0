# The command line refuses bad input with exit code 2 and the place on stderr, before anything is
# written: scenario errors (validate and run), bad option values and bad --set values.
#   cmake -DRELOCSIM=build/relocsim -DSOURCE=. -DWORK=scratch -P tests/bad_input/cli_test.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(CORPUS tests/bad_input)
set(VALID scenarios/baseline.yaml)

# Runs relocsim with ARGN from the source folder; checks the exit code and that stderr holds
# `expect` (a literal text).
function(expect code expect)
  execute_process(COMMAND ${RELOCSIM} ${ARGN} WORKING_DIRECTORY ${SOURCE}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL code)
    message(FATAL_ERROR "relocsim ${ARGN}: exit ${rc}, expected ${code}\n${out}${err}")
  endif()
  string(FIND "${err}" "${expect}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "relocsim ${ARGN}: stderr lacks '${expect}':\n${err}")
  endif()
endfunction()

expect(0 "" validate ${VALID})
expect(2 "${CORPUS}/unknown_key_scenario.yaml:4:3: unknown key 'sed' in scenario (did you mean 'seed'?)"
       validate ${CORPUS}/unknown_key_scenario.yaml)
expect(2 "${CORPUS}/syntax_tab_indent.yaml:4:6: YAML syntax error"
       validate ${CORPUS}/syntax_tab_indent.yaml)
expect(2 "${CORPUS}/alias_bomb.yaml:7:12: aliases expand to more than"
       validate ${CORPUS}/alias_bomb.yaml)
expect(2 "${CORPUS}/data/zones_bad_numbers.csv:6: column 'lat'"
       validate ${CORPUS}/csv_bad_numbers.yaml)
expect(2 "${CORPUS}/extends_cycle_b.yaml:2:10: 'extends' makes a cycle"
       validate ${CORPUS}/extends_cycle_a.yaml)
expect(2 "${CORPUS}/nothing_here.yaml: cannot read the scenario file"
       validate ${CORPUS}/nothing_here.yaml)

# --set values: an unknown path, a wrong type, a malformed option.
expect(2 "--set scenario.sed=3: unknown key 'sed' in scenario (did you mean 'seed'?)"
       validate ${VALID} --set scenario.sed=3)
expect(2 "--set scenario.seed=abc: expected an integer, got 'abc'"
       validate ${VALID} --set scenario.seed=abc)
expect(2 "--set levers[catalog_2014].until=2016: no item named 'catalog_2014'"
       validate ${VALID} --set levers[catalog_2014].until=2016)
expect(2 "--set scenario.seed: expected path=value" validate ${VALID} --set scenario.seed)

# Option values of run, refused before the scenario is read; the output folder is not created.
set(out ${WORK}/out)
expect(2 "--scale 0: the scale must be a number above 0 and at most 1"
       run ${VALID} --out ${out} --scale 0)
expect(2 "--scale 1e-400: the scale must be" run ${VALID} --out ${out} --scale 1e-400)
expect(2 "--threads 0: the number of threads must be a whole number from 1 to 4096"
       run ${VALID} --out ${out} --threads 0)
expect(2 "--seed -1: the seed must be a whole number from 0" run ${VALID} --out ${out} --seed -1)
expect(2 "--set scenario.scale=2: 2 is out of range" run ${VALID} --out ${out} --set scenario.scale=2)
expect(2 "${CORPUS}/many_errors_at_once.yaml:15:25:" run ${CORPUS}/many_errors_at_once.yaml
       --out ${out})
if(EXISTS ${out})
  message(FATAL_ERROR "a refused run created its output folder ${out}")
endif()

# An existing output folder is left as it was.
file(MAKE_DIRECTORY ${out})
file(WRITE ${out}/mine.txt "untouched\n")
expect(2 "${CORPUS}/unknown_zone.yaml:7:13:" run ${CORPUS}/unknown_zone.yaml --out ${out})
file(GLOB left RELATIVE ${out} ${out}/*)
file(READ ${out}/mine.txt mine)
if(NOT left STREQUAL "mine.txt" OR NOT mine STREQUAL "untouched\n")
  message(FATAL_ERROR "a refused run touched ${out}: ${left}")
endif()
file(REMOVE_RECURSE ${WORK})
