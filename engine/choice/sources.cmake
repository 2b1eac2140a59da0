target_sources(relocsim_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/logit.cc
  ${CMAKE_CURRENT_LIST_DIR}/stratified.cc
  ${CMAKE_CURRENT_LIST_DIR}/calibration.cc
  ${CMAKE_CURRENT_LIST_DIR}/household_utility.cc
  ${CMAKE_CURRENT_LIST_DIR}/firm_utility.cc)
