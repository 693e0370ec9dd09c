# Helpers for the black-box CLI suites: each suite is a bash file of
# functions named test_*, run in a fresh temporary directory, and each check
# runs the real tokprof binary and asserts its exit code and output.
#
# usage (from ctest): bash tests/cli/lib.sh SUITE.sh TOKPROF_BINARY SOURCE_DIR
set -uo pipefail

suite=$1
TOKPROF=$2
SOURCE_DIR=$3
# Each test runs in its own directory, so relative paths given on the
# command line must be made absolute first.
case $TOKPROF in /*) ;; *) TOKPROF=$PWD/$TOKPROF ;; esac
case $SOURCE_DIR in /*) ;; *) SOURCE_DIR=$PWD/$SOURCE_DIR ;; esac
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

# same_report A B [KEYS...]: the two JSON reports are equal apart from the
# generation time and the top-level KEYS.
same_report() {
  checks=$((checks + 1))
  python3 - "$@" <<'PY' || fail "reports differ: $1 $2"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    r["generator"].pop("generated_at")
    for key in sys.argv[3:]:
        r.pop(key)
sys.exit(0 if a == b else 1)
PY
}

# wordmath_report OUT TRACE... [-- PROFILE OPTIONS...]: writes to OUT the
# JSON report of the bundled word-math traces named (under traces/), judged
# per sample, with a seeded bootstrap: the reports diff and check compare.
wordmath_report() {
  local out=$1
  shift
  local traces=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    traces+=("$SOURCE_DIR/traces/$1")
    shift
  done
  [ $# -gt 0 ] && shift
  "$TOKPROF" profile --task wordmath --scores "$SOURCE_DIR/traces/scores/wordmath-judgments.jsonl" \
    --tokenizer o200k_base --bootstrap 200 --seed 1 --report json "$@" "${traces[@]}" >"$out" 2>/dev/null
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
