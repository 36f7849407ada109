include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CNNPLACE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/cnnplace)
install(TARGETS cnnplace cnnplace_model cnnplace_bounds cnnplace_heuristics cnnplace_solver cnnplace_render
        EXPORT cnnplaceTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# Public headers only: each module lists them in CNNPLACE_PUBLIC_HEADERS_<module>. The API
# that consumers see is the model (instances, builder, I/O, evaluate/check), the solver's front
# door (solve, options, result) and pictures (docs/library.md); bounds/ and heuristics/ are
# the solver's insides: their libraries are installed for linking, their headers are not.
foreach(module model solver render)
  get_property(headers GLOBAL PROPERTY CNNPLACE_PUBLIC_HEADERS_${module})
  install(FILES ${headers} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/cnnplace/${module})
endforeach()
install(EXPORT cnnplaceTargets NAMESPACE cnnplace:: DESTINATION ${CNNPLACE_CMAKE_DIR})
configure_package_config_file(cmake/cnnplaceConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/cnnplaceConfig.cmake INSTALL_DESTINATION ${CNNPLACE_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/cnnplaceConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/cnnplaceConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/cnnplaceConfigVersion.cmake
        DESTINATION ${CNNPLACE_CMAKE_DIR})
