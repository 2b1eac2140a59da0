target_sources(relocsim_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/errors.cc
  ${CMAKE_CURRENT_LIST_DIR}/csv.cc
  ${CMAKE_CURRENT_LIST_DIR}/atomic_file.cc
  ${CMAKE_CURRENT_LIST_DIR}/memory.cc
  ${CMAKE_CURRENT_LIST_DIR}/nearest_name.cc
  ${CMAKE_CURRENT_LIST_DIR}/parallel.cc
  ${CMAKE_CURRENT_LIST_DIR}/rng.cc)
target_link_libraries(relocsim_core PUBLIC Random123 PRIVATE OpenMP::OpenMP_CXX)
