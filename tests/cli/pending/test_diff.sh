# tokprof diff: two JSON reports in, changes per model and task out (issue 9).

make_report() {  # make_report OUT.json [EXTRA PROFILE OPTIONS...]
  local out=$1
  shift
  "$TOKPROF" profile --map task==wordmath --scores "$SOURCE_DIR/traces/scores/wordmath-judgments.jsonl" \
    --tokenizer o200k_base --bootstrap 200 --seed 1 --report json "$@" \
    "$SOURCE_DIR/traces/openai/batch-gpt-4.1-2025-04-14.jsonl" \
    "$SOURCE_DIR/traces/openai/batch-gpt-5-mini-2025-08-07.jsonl" \
    "$SOURCE_DIR/traces/anthropic/batch-claude-sonnet-4-6.jsonl" >"$out" 2>/dev/null
}

test_diff_identical_reports() {
  make_report a.json
  run diff a.json a.json
  expect_status 0
  expect_out_contains "No change beyond noise."
  expect_out_contains "model / task | output tokens per sample | score | cost per sample"
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
