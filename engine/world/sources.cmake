target_sources(relocsim_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/model.cc
  ${CMAKE_CURRENT_LIST_DIR}/network.cc
  ${CMAKE_CURRENT_LIST_DIR}/world.cc
  ${CMAKE_CURRENT_LIST_DIR}/census.cc
  ${CMAKE_CURRENT_LIST_DIR}/digest.cc
  ${CMAKE_CURRENT_LIST_DIR}/world_io.cc
  ${CMAKE_CURRENT_LIST_DIR}/synthesis.cc)
