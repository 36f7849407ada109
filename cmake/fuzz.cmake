# -DCNNPLACE_FUZZ=ON: every target is built with clang, AddressSanitizer + UBSan and
# libFuzzer's coverage instrumentation, and fuzz/ adds the libFuzzer targets. One such tree
# (build-fuzz/, scripts/fuzz.sh) serves both the fuzz targets and the ASan + UBSan run of
# the test programs in CI, so that CI compiles the library with a sanitizer twice (this and
# TSan), not three times. Needs clang: CC=clang CXX=clang++ in a build directory of its own.
option(CNNPLACE_FUZZ "Build with clang's ASan + UBSan and the libFuzzer targets in fuzz/" OFF)
if(CNNPLACE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CNNPLACE_FUZZ needs clang: configure a fresh build directory with CC=clang CXX=clang++")
  endif()
  if(NOT CNNPLACE_SANITIZE STREQUAL "")
    message(FATAL_ERROR "CNNPLACE_FUZZ brings its own sanitizers; leave CNNPLACE_SANITIZE empty")
  endif()
  # Line tables are enough for symbolized reports and compile far faster than full -g.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined -gline-tables-only)
  add_link_options(-fsanitize=address,undefined)
endif()
