#!/usr/bin/env bash
# The README's second command: set up, build, and run the whole test suite through CTest.
# In CI (CI=true) three more stages follow (docs/reliability.md): AddressSanitizer + UBSan
# on the unit and solver tests and ThreadSanitizer on the parallel solver tests, each in a
# build directory of its own that builds only what it runs, then a bounded libFuzzer run of
# each target. CNNPLACE_EXTRA_STAGES=1 runs them outside CI; CNNPLACE_FUZZ_SECONDS (60) sets
# the fuzz time per target.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
build_dir=${CNNPLACE_BUILD_DIR:-$root/build}
(cd "$build_dir" && ctest --output-on-failure --parallel "$(nproc)" "$@")

[ "${CI:-}" = true ] || [ "${CNNPLACE_EXTRA_STAGES:-}" = 1 ] || exit 0

# Each stage prints how long it took, so that the CI budget can be checked from the log.
stage_start=0
stage_done() { echo "stage: $1 took $((SECONDS - stage_start)) s"; stage_start=$SECONDS; }
stage_done "Release build and ctest"

# Any report fails the run: halt_on_error, and UBSan aborts (-fno-sanitize-recover).
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# ASan + UBSan: the clang tree of the fuzz targets (cmake/fuzz.cmake) also builds the unit
# tests and the solver's property tests (brute-force agreement, bounds, determinism).
fuzz_dir=${CNNPLACE_FUZZ_BUILD_DIR:-$root/build-fuzz}
"$root/scripts/fuzz.sh" --build cnnplace_unit_tests cnnplace_solver_tests
stage_done "ASan + UBSan build (clang; fuzz targets, unit and solver tests)"
echo "stage: ASan + UBSan: cnnplace_unit_tests, cnnplace_solver_tests"
"$fuzz_dir/tests/cnnplace_unit_tests"
"$fuzz_dir/tests/cnnplace_solver_tests"
stage_done "ASan + UBSan tests"

# ThreadSanitizer, in a tree of its own with only the two programs it runs: the incumbent
# under contention from std::threads, and the solver's parallel tests. Debian's libtbb is
# not built with TSan, so under TSan solver/search.cpp runs the same schedule on std::threads,
# whose start and join TSan sees (docs/reliability.md).
# tests/tsan.supp holds the one report left inside TBB's own headers, with its reason.
tsan_dir=$root/build-tsan
echo "stage: building cnnplace_reliability_tests cnnplace_solver_tests with -DCNNPLACE_SANITIZE=thread in $tsan_dir"
cmake -S "$root" -B "$tsan_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DCNNPLACE_SANITIZE=thread -DCNNPLACE_BUILD_CLI=OFF -DCNNPLACE_BUILD_BENCH=OFF -DCNNPLACE_INSTALL=OFF >/dev/null
cmake --build "$tsan_dir" --parallel "$(nproc)" --target cnnplace_reliability_tests cnnplace_solver_tests
stage_done "TSan build"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$root/tests/tsan.supp"
echo "stage: TSan: cnnplace_reliability_tests [tsan] (the incumbent under std::threads)"
"$tsan_dir/tests/cnnplace_reliability_tests" "[tsan]"
echo "stage: TSan: cnnplace_solver_tests [threads] (the parallel search, on std::threads under TSan)"
"$tsan_dir/tests/cnnplace_solver_tests" "[threads]"
stage_done "TSan tests"

echo "stage: fuzz: each libFuzzer target for ${CNNPLACE_FUZZ_SECONDS:-60} s"
"$root/scripts/fuzz.sh" "${CNNPLACE_FUZZ_SECONDS:-60}"
stage_done "fuzz"
