# relocsim_report: report.html, zones.geojson and compare.html from a run's output files.
target_sources(relocsim_report PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/run_data.cc
  ${CMAKE_CURRENT_LIST_DIR}/format.cc
  ${CMAKE_CURRENT_LIST_DIR}/svg.cc
  ${CMAKE_CURRENT_LIST_DIR}/charts.cc
  ${CMAKE_CURRENT_LIST_DIR}/map.cc
  ${CMAKE_CURRENT_LIST_DIR}/map_data.cc
  ${CMAKE_CURRENT_LIST_DIR}/page.cc
  ${CMAKE_CURRENT_LIST_DIR}/sections_tables.cc
  ${CMAKE_CURRENT_LIST_DIR}/sections_charts.cc
  ${CMAKE_CURRENT_LIST_DIR}/report_page.cc
  ${CMAKE_CURRENT_LIST_DIR}/zones_geojson.cc
  ${CMAKE_CURRENT_LIST_DIR}/comparison.cc)
target_link_libraries(relocsim_report PRIVATE nlohmann_json::nlohmann_json fmt::fmt)
