target_sources(relocsim_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/lever.cc
  ${CMAKE_CURRENT_LIST_DIR}/registry.cc
  ${CMAKE_CURRENT_LIST_DIR}/docs.cc
  ${CMAKE_CURRENT_LIST_DIR}/negative_list.cc
  ${CMAKE_CURRENT_LIST_DIR}/mandated_relocation.cc
  ${CMAKE_CURRENT_LIST_DIR}/transport_project.cc
  ${CMAKE_CURRENT_LIST_DIR}/exit_program.cc
  ${CMAKE_CURRENT_LIST_DIR}/relocation_incentive.cc
  ${CMAKE_CURRENT_LIST_DIR}/core_area_control.cc
  ${CMAKE_CURRENT_LIST_DIR}/space_reuse.cc
  ${CMAKE_CURRENT_LIST_DIR}/leading_functions.cc
  ${CMAKE_CURRENT_LIST_DIR}/integration_zone.cc
  ${CMAKE_CURRENT_LIST_DIR}/innovation_cooperation.cc
  ${CMAKE_CURRENT_LIST_DIR}/public_service_transfer.cc
  ${CMAKE_CURRENT_LIST_DIR}/population_cap.cc
  ${CMAKE_CURRENT_LIST_DIR}/housing_supply.cc
  ${CMAKE_CURRENT_LIST_DIR}/environment.cc)
