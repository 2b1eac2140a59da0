# relocsim_sweep: designs (random, Latin hypercube, Saltelli, Morris, grid), Sobol and Morris
# indices, the files of `relocsim sample` / `relocsim analyze`, and the plan, journal and thread pool
# of `relocsim sweep` (which runs the model through a callback). Stands on relocsim_core alone.
target_sources(relocsim_sweep PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/factor.cc
  ${CMAKE_CURRENT_LIST_DIR}/factors_yaml.cc
  ${CMAKE_CURRENT_LIST_DIR}/stats.cc
  ${CMAKE_CURRENT_LIST_DIR}/design.cc
  ${CMAKE_CURRENT_LIST_DIR}/saltelli.cc
  ${CMAKE_CURRENT_LIST_DIR}/morris.cc
  ${CMAKE_CURRENT_LIST_DIR}/sobol.cc
  ${CMAKE_CURRENT_LIST_DIR}/analyze.cc
  ${CMAKE_CURRENT_LIST_DIR}/files.cc
  ${CMAKE_CURRENT_LIST_DIR}/requests.cc
  ${CMAKE_CURRENT_LIST_DIR}/sweep_file.cc
  ${CMAKE_CURRENT_LIST_DIR}/sweep_plan.cc
  ${CMAKE_CURRENT_LIST_DIR}/sweep_journal.cc
  ${CMAKE_CURRENT_LIST_DIR}/sweep_pool.cc)
target_link_libraries(relocsim_sweep PRIVATE yaml-cpp fmt::fmt Boost::boost Random123
                      nlohmann_json::nlohmann_json)
