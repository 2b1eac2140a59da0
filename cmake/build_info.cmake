# Writes build_info.h with the git description of the source tree; touches the file only when it changes.
execute_process(COMMAND git describe --always --dirty --tags
  WORKING_DIRECTORY ${SRC} OUTPUT_VARIABLE desc OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 0 OR desc STREQUAL "")
  set(desc "${FALLBACK}")
endif()
set(content "// Generated at build time by cmake/build_info.cmake.\n#pragma once\n#define RELOCSIM_GIT_DESCRIBE \"${desc}\"\n#define RELOCSIM_COMPILER \"${CXX_ID} ${CXX_VERSION}\"\n#define RELOCSIM_BUILD_TYPE \"${BUILD_TYPE}\"\n")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${content}")
  file(WRITE ${OUT} "${content}")
endif()
