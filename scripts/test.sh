#!/usr/bin/env bash
# Builds tokprof with its tests (warnings as errors) and runs the whole
# suite with ctest. Usage: scripts/test.sh [BUILD_DIR]   (default build/test)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/test}
jobs=$(nproc)

scripts/install-deps.sh
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOKPROF_WERROR=ON \
  -DTOKPROF_BUILD_TESTS=ON >/dev/null
cmake --build "$build_dir" -j "$jobs"
ctest --test-dir "$build_dir" -j "$jobs" --output-on-failure
