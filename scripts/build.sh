#!/usr/bin/env bash
# Installs the dependencies, then configures and builds cnnplace (Release) in build/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
build_dir=${CNNPLACE_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${CNNPLACE_BUILD_TYPE:-Release} >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
