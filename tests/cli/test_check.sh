# tokprof check: exit codes and one line per breach (issue 9). Reports are
# made from the bundled OpenAI and Anthropic word-math traces.

make_report() {  # make_report OUT.json [EXTRA PROFILE OPTIONS...]
  local out=$1
  shift
  wordmath_report "$out" openai/batch-gpt-4.1-2025-04-14.jsonl anthropic/batch-claude-sonnet-4-6.jsonl -- "$@"
}

test_check_passes() {
  make_report new.json
  run check --baseline new.json --max-token-increase 10% --max-cost-per-task 100 new.json
  expect_status 0
  expect_out_contains "OK: 2 models within every limit"
}

test_check_min_score_breach() {
  make_report new.json
  run check --min-score 2 new.json
  expect_status 4
  expect_out_contains "FAIL claude-sonnet-4-6: score"
  expect_out_contains "is below the minimum 2"
  [ "$(printf '%s\n' "$out" | grep -c '^FAIL ')" -eq 2 ] || fail "expected one FAIL line per model"
}

test_check_token_increase_breach() {
  make_report old.json --tokens counted
  make_report new.json --tokens reported
  run check --baseline old.json --max-token-increase 0% new.json
  expect_status 4
  expect_out_contains "output tokens per sample rose"
  expect_out_contains "above the 0% limit"
}

test_check_missing_model_breach() {
  make_report old.json
  "$TOKPROF" profile --map task==wordmath --report json \
    "$SOURCE_DIR/traces/openai/batch-gpt-4.1-2025-04-14.jsonl" >new.json 2>/dev/null
  run check --baseline old.json --max-token-increase 50% new.json
  expect_status 4
  expect_out_contains "FAIL claude-sonnet-4-6: in the baseline but missing from new.json"
}

test_check_usage_errors() {
  make_report new.json
  run check new.json
  expect_status 2
  expect_err_contains "at least one limit"
  run check --max-token-increase 10% new.json
  expect_status 2
  expect_err_contains "needs --baseline"
  run check --min-score abc new.json
  expect_status 2
  run check --min-score 0.5
  expect_status 2
}

test_check_not_a_report() {
  echo '{"schema": "other"}' >other.json
  run check --min-score 0.5 other.json
  expect_status 1
  expect_err_contains "not a tokprof JSON report"
}
