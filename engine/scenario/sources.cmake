target_sources(relocsim_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/config_node.cc
  ${CMAKE_CURRENT_LIST_DIR}/reader.cc
  ${CMAKE_CURRENT_LIST_DIR}/loader.cc
  ${CMAKE_CURRENT_LIST_DIR}/parse.cc
  ${CMAKE_CURRENT_LIST_DIR}/parse_population.cc
  ${CMAKE_CURRENT_LIST_DIR}/parse_levers.cc
  ${CMAKE_CURRENT_LIST_DIR}/load_scenario.cc)
