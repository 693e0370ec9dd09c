# tokprof diff: two JSON reports in, changes per model and task out (issue 9).

make_report() {  # make_report OUT.json [EXTRA PROFILE OPTIONS...]
  local out=$1
  shift
  wordmath_report "$out" openai/batch-gpt-4.1-2025-04-14.jsonl openai/batch-gpt-5-mini-2025-08-07.jsonl \
    anthropic/batch-claude-sonnet-4-6.jsonl -- "$@"
}

test_diff_identical_reports() {
  make_report a.json
  run diff a.json a.json
  expect_status 0
  expect_out_contains "No change beyond noise."
  expect_out_contains "claude-sonnet-4-6       45.5 -> 45.5    +0.0% (-4.7% to +4.7%)"
}

test_diff_matches_golden() {
  make_report old.json --tokens counted
  make_report new.json --tokens reported
  run diff --all old.json new.json
  expect_status 0
  local golden="$SOURCE_DIR/tests/golden/cli/diff-counted-reported.txt"
  if [ "${TOKPROF_UPDATE_GOLDEN:-}" = 1 ]; then
    printf '%s\n' "$out" >"$golden"
  fi
  expect_out "$(cat "$golden")"
}

test_diff_single_task_rows_are_not_repeated() {
  make_report old.json --tokens counted
  make_report new.json --tokens reported
  run diff old.json new.json
  expect_status 0
  expect_out_contains "gpt-4.1-2025-04-14 now spends 25% more output tokens, score unchanged"
  # Every model has one task: its row and headline would repeat the model's.
  case "$out" in *"on wordmath"*|*"  wordmath "*) fail "a single task repeated" ;; esac
  checks=$((checks + 1))
}

test_diff_json_and_output_file() {
  make_report old.json --tokens counted
  make_report new.json --tokens reported
  run diff --report json -o diff.json old.json new.json
  expect_status 0
  expect_out ""
  checks=$((checks + 1))
  python3 - diff.json <<'PY' || fail "diff.json: unexpected content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "tokprof.diff/1" and d["intervals"] is True
e = {(x["model"], x["task"]): x for x in d["entries"]}
t = e[("gpt-4.1-2025-04-14", None)]["output_tokens_per_sample"]
assert t["before"] == 30.5 and t["after"] == 38 and t["beyond_noise"] is True
assert t["interval"]["low"] > 0
assert e[("gpt-4.1-2025-04-14", "wordmath")]["score"]["beyond_noise"] is False
assert len(d["headlines"]) == 3, d["headlines"]
PY
  run diff --report csv old.json new.json
  expect_status 2
  expect_err_contains "term, md or json"
}

test_diff_reports_are_reproducible() {
  make_report a.json
  make_report b.json
  cmp -s <(grep -v generated_at a.json) <(grep -v generated_at b.json) || fail "same seed, different report"
}

test_diff_errors() {
  run diff only-one.json
  expect_status 2
  run diff missing.json missing.json
  expect_status 1
  expect_err_contains "missing.json"
  echo 'not json' >bad.json
  run diff bad.json bad.json
  expect_status 1
  expect_err_contains "invalid JSON"
}
