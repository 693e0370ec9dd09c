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
