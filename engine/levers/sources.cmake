target_sources(relocsim_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/lever.cc
  ${CMAKE_CURRENT_LIST_DIR}/registry.cc
  ${CMAKE_CURRENT_LIST_DIR}/negative_list.cc
  ${CMAKE_CURRENT_LIST_DIR}/mandated_relocation.cc
  ${CMAKE_CURRENT_LIST_DIR}/transport_project.cc)
