# Helpers for the black-box CLI suites: each suite is a bash file of
# functions named test_*, run in a fresh temporary directory, and each check
# runs the real tokprof binary and asserts its exit code and output.
#
# usage (from ctest): bash tests/cli/lib.sh SUITE.sh TOKPROF_BINARY SOURCE_DIR
set -uo pipefail

suite=$1
TOKPROF=$2
SOURCE_DIR=$3
failures=0
checks=0

# run ARGS...: runs tokprof, capturing $status, $out and $err.
run() {
  out=$("$TOKPROF" "$@" 2>"$work/stderr")
  status=$?
  err=$(cat "$work/stderr")
}

fail() {
  echo "FAIL ${current_test}: $*" >&2
  echo "  stdout: ${out:-}" | head -20 >&2
  echo "  stderr: ${err:-}" | head -20 >&2
  failures=$((failures + 1))
}

expect_status() {
  checks=$((checks + 1))
  [ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

expect_out() {
  checks=$((checks + 1))
  [ "$out" = "$1" ] || fail "stdout differs; expected: $1"
}

expect_err() {
  checks=$((checks + 1))
  [ "$err" = "$1" ] || fail "stderr differs; expected: $1"
}

expect_out_contains() {
  checks=$((checks + 1))
  case "$out" in *"$1"*) ;; *) fail "stdout lacks: $1" ;; esac
}

expect_err_contains() {
  checks=$((checks + 1))
  case "$err" in *"$1"*) ;; *) fail "stderr lacks: $1" ;; esac
}

# skip REASON: ends the whole suite as skipped (ctest SKIP_RETURN_CODE 77),
# for data that only exists beside a developer checkout.
skip() {
  echo "$(basename "$suite"): skipped: $*"
  exit 77
}

# shellcheck source=/dev/null
source "$suite"
for current_test in $(declare -F | awk '{print $3}' | grep '^test_'); do
  work=$(mktemp -d)
  cd "$work" || exit 2
  "$current_test"
  cd / && rm -rf "$work"
done
echo "$(basename "$suite"): $checks checks, $failures failed"
[ "$failures" -eq 0 ]
