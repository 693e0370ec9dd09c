# --keep-going (issue 6): bad records are skipped, counted per file, listed
# in the warnings and the JSON report, and the exit code is 3 ("completed
# with skipped records"); without it the first bad record stops the run (1).
# A read error (truncated .gz) is never skipped.

MAP=(--format mapped --map model=/model,output=/output,id=/id,score=/score)

rec() {
  printf '{"model": "%s", "id": "%s", "score": %s, "output": "%s"}\n' "$1" "$2" "$3" "$4"
}

make_inputs() {
  { rec m 1 1 a; printf '{"model": "m", oops}\n'; rec m 3 1 c; rec m 4 '"high"' d; rec m 5 0 e; } >bad.jsonl
  { rec m 6 1 f; rec m 7 0 g; } >good.jsonl
}

test_without_keep_going_the_first_bad_record_stops() {
  make_inputs
  run profile "${MAP[@]}" bad.jsonl good.jsonl
  expect_status 1
  expect_err "tokprof: error: bad.jsonl:2: invalid JSON (improper structure: missing or extra commas, brackets or keys)"
}

test_keep_going_skips_and_counts_per_file() {
  make_inputs
  run profile "${MAP[@]}" --keep-going --report json bad.jsonl good.jsonl
  expect_status 3
  expect_err "tokprof: warning: bad.jsonl:2: skipped: invalid JSON (improper structure: missing or extra commas, brackets or keys)
tokprof: warning: bad.jsonl:4: skipped: field \"score\" is not a number: \"high\" (format mapped, pointer /score)
tokprof: warning: bad.jsonl: skipped 2 bad records (--keep-going)"
  # Five good records of seven were read: 1, 3, 5 and 6, 7.
  expect_out_contains '"samples": 5'
  expect_out_contains '"skipped": {
    "records": 2,
    "files": [
      {
        "file": "bad.jsonl",
        "records": 2
      }
    ]
  }'
}

test_keep_going_clean_run_exits_0() {
  make_inputs
  run profile "${MAP[@]}" --keep-going --report json good.jsonl
  expect_status 0
  expect_err ""
  case "$out" in *'"skipped"'*) fail "a clean run lists skipped records" ;; esac
}

test_keep_going_truncated_last_line() {
  { rec m 1 1 a; rec m 2 1 b; printf '{"model": "m", "id": "3"'; } >a.jsonl
  run profile "${MAP[@]}" --keep-going a.jsonl
  expect_status 3
  expect_err_contains "tokprof: warning: a.jsonl:3: skipped: truncated last line (no newline at the end of the file)"
}

test_keep_going_does_not_skip_a_read_error() {
  for i in $(seq 1 2000); do rec m "$i" 1 "some text $i"; done | gzip -c >a.jsonl.gz
  head -c 2000 a.jsonl.gz >cut.jsonl.gz
  run profile "${MAP[@]}" --keep-going cut.jsonl.gz
  expect_status 1
  expect_err "tokprof: error: cut.jsonl.gz: truncated gzip stream"
}

# Inspect AI and OpenTelemetry files hold many records per JSON document: a
# bad sample or span is skipped like a bad JSONL line, and the records after
# it in the same document are still read.
make_eval_logs() {
  cat >log.json <<'JSON'
{"version": 2, "status": "success", "eval": {"task": "t", "model": "m"}, "samples": [
  {"id": "a", "epoch": 1, "output": {"completion": "one"}, "scores": {"s": {"value": "C"}}},
  {"epoch": 1, "output": {"completion": "no id"}, "scores": {"s": {"value": "C"}}},
  {"id": "c", "epoch": 1, "output": {"completion": "three"}, "scores": {"s": {"value": "I"}}}
]}
JSON
  local span='{"spanId": "%s", "name": "chat", "attributes": [{"key": "gen_ai.request.model", "value": {"stringValue": "m"}}, {"key": "gen_ai.usage.output_tokens", "value": {"intValue": %s}}]}'
  {
    printf '{"resourceSpans": [{"scopeSpans": [{"spans": ['
    # shellcheck disable=SC2059
    printf "$span, $span, $span" s1 3 s2 '"lots"' s3 4
    printf ']}]}]}\n'
  } >spans.json
}

test_keep_going_skips_a_bad_inspect_sample_and_a_bad_otel_span() {
  make_eval_logs
  run profile --keep-going --report json log.json spans.json
  expect_status 3
  expect_err "tokprof: warning: log.json: skipped: record 2: missing field \"id\" (format inspect)
tokprof: warning: spans.json:1: skipped: span 2: field \"gen_ai.usage.output_tokens.intValue\" is not a token count: \"lots\" (format otel)
tokprof: warning: log.json: skipped 1 bad record (--keep-going)
tokprof: warning: spans.json: skipped 1 bad record (--keep-going)"
  # Samples a and c of the log, spans s1 and s3.
  expect_out_contains '"samples": 4'
  expect_out_contains '"skipped": {
    "records": 2,
    "files": [
      {
        "file": "log.json",
        "records": 1
      },
      {
        "file": "spans.json",
        "records": 1
      }
    ]
  }'
}

test_without_keep_going_a_bad_inspect_sample_or_otel_span_stops() {
  make_eval_logs
  run profile log.json
  expect_status 1
  expect_err "tokprof: error: log.json: record 2: missing field \"id\" (format inspect)"
  run profile spans.json
  expect_status 1
  expect_err "tokprof: error: spans.json:1: span 2: field \"gen_ai.usage.output_tokens.intValue\" is not a token count: \"lots\" (format otel)"
}
