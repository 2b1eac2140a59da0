target_sources(relocsim_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/provenance.cc
  ${CMAKE_CURRENT_LIST_DIR}/metrics_table.cc
  ${CMAKE_CURRENT_LIST_DIR}/metrics_recorder.cc
  ${CMAKE_CURRENT_LIST_DIR}/run_outputs.cc)
