#!/usr/bin/env bash
# The libFuzzer targets (docs/reliability.md), built with clang, ASan and UBSan in build-fuzz/.
#   scripts/fuzz.sh [SECONDS]            build, then run each target for SECONDS (default 60)
#   scripts/fuzz.sh --build [TARGET...]  only build the fuzz targets and the TARGETs (CI builds
#                                        the unit and solver tests here too: its ASan stage)
# The corpus grows in build-fuzz/corpus/<target>/, seeded from instances/ and fuzz/; a crash, leak,
# timeout or sanitizer report stops the run, leaves the input in build-fuzz/findings/ and
# makes this script fail. A long run:  nice scripts/fuzz.sh 3600
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${CNNPLACE_FUZZ_BUILD_DIR:-$root/build-fuzz}
build_only=false
if [ "${1:-}" = --build ]; then
  build_only=true
  shift
  extra_targets=("$@")
else
  seconds=${1:-60}
  extra_targets=()
fi
"$root/scripts/setup.sh"

echo "fuzz: building fuzz_instance fuzz_placement fuzz_solve ${extra_targets[*]} in $build_dir (clang, ASan + UBSan + coverage)"
CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1" -DCNNPLACE_FUZZ=ON -DCNNPLACE_BUILD_CLI=OFF \
  -DCNNPLACE_BUILD_TESTS=ON -DCNNPLACE_BUILD_BENCH=OFF -DCNNPLACE_INSTALL=OFF >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" --target fuzz_instance fuzz_placement fuzz_solve "${extra_targets[@]}"
$build_only && exit 0

# Seeds: every instance file we ship (valid, invalid and infeasible) for the parser; three
# placements of fuzz/placement-seeds/ for the placement reader; for the solver, a few byte
# strings (its input is a seed and shape, any bytes are meaningful).
mkdir -p "$build_dir/corpus/fuzz_instance" "$build_dir/corpus/fuzz_placement" "$build_dir/corpus/fuzz_solve" "$build_dir/findings" "$build_dir/seeds/fuzz_solve"
seeds_instance=$(mktemp -d)
trap 'rm -rf "$seeds_instance"' EXIT
find "$root/instances" -name '*.json' -size -64k -exec cp {} "$seeds_instance/" \;
for k in 0 1 2 3 4 5 6 7; do
  printf "seed%02d\x00\x00\x03\x02\x03\x07\x0%d\xff" "$k" "$k" >"$build_dir/seeds/fuzz_solve/seed$k"
done

run() {
  local target=$1 seeds=$2
  shift 2
  echo "fuzz: $target for ${seconds} s"
  local log="$build_dir/$target.log"
  if ! "$build_dir/fuzz/$target" "$build_dir/corpus/$target" "$seeds" -max_total_time="$seconds" \
      -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build_dir/findings/$target-" "$@" \
      >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $target FOUND A BUG; the input is in $build_dir/findings/, the log in $log" >&2
    return 1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^Done" "$log" | sed "s/^/fuzz: $target: /"
}
status=0
run fuzz_instance "$seeds_instance" -max_len=65536 -dict="$root/fuzz/instance.dict" || status=1
run fuzz_placement "$root/fuzz/placement-seeds" -max_len=4096 -dict="$root/fuzz/placement.dict" || status=1
run fuzz_solve "$build_dir/seeds/fuzz_solve" -max_len=64 || status=1
exit $status
