# Warnings for cnnplace's own targets (never for consumers).
function(cnnplace_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion
                                           $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
endfunction()

# One static library per folder, its sources globbed so that adding a file is one step.
# Headers listed in PUBLIC_HEADERS are installed; others stay internal.
function(cnnplace_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PUBLIC_HEADERS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(cnnplace_${name} STATIC ${sources})
  add_library(cnnplace::${name} ALIAS cnnplace_${name})
  target_include_directories(cnnplace_${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/cnnplace>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(cnnplace_${name} PUBLIC ${ARG_DEPS})
  target_compile_features(cnnplace_${name} PUBLIC cxx_std_20)
  set_target_properties(cnnplace_${name} PROPERTIES EXPORT_NAME ${name})
  cnnplace_set_warnings(cnnplace_${name})
  list(TRANSFORM ARG_PUBLIC_HEADERS PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
  set_property(GLOBAL PROPERTY CNNPLACE_PUBLIC_HEADERS_${name} ${ARG_PUBLIC_HEADERS})
endfunction()
