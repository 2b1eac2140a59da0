target_sources(relocsim_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/registry.cc
  ${CMAKE_CURRENT_LIST_DIR}/policy_schedule.cc
  ${CMAKE_CURRENT_LIST_DIR}/network_update.cc
  ${CMAKE_CURRENT_LIST_DIR}/demography.cc
  ${CMAKE_CURRENT_LIST_DIR}/firm_dynamics.cc
  ${CMAKE_CURRENT_LIST_DIR}/firm_relocation.cc
  ${CMAKE_CURRENT_LIST_DIR}/institution_relocation.cc
  ${CMAKE_CURRENT_LIST_DIR}/labour_market.cc
  ${CMAKE_CURRENT_LIST_DIR}/labour_scan.cc
  ${CMAKE_CURRENT_LIST_DIR}/household_relocation.cc
  ${CMAKE_CURRENT_LIST_DIR}/markets.cc
  ${CMAKE_CURRENT_LIST_DIR}/public_services.cc)
