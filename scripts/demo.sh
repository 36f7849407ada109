#!/usr/bin/env bash
# The README's first command: set up, build, and solve the bundled Figure-1 instance.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
build_dir=${CNNPLACE_BUILD_DIR:-$root/build}
"$build_dir/cli/cnnplace" solve "$root/instances/samples/figure1.json" "$@"
