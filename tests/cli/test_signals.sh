# SIGINT and SIGTERM (issue 6): an interrupted run exits 130 and leaves the
# previous report, or none, never a partial one, and no temporary file.
#
# The trace comes through a FIFO so the test controls where the run is when
# the signal lands: records are written, the signal is sent while tokprof
# waits for more, then the rest follows; tokprof must notice the signal at
# the next record and stop.

MAP=(--format mapped --map model=/model,output=/output,id=/id,score=/score)

rec() {
  printf '{"model": "%s", "id": "%s", "score": %s, "output": "%s"}\n' "$1" "$2" "$3" "$4"
}

# interrupt SIGNAL: runs tokprof on a FIFO into out/, signals it mid-run,
# and sets $status.
interrupt() {
  mkfifo in.jsonl
  "$TOKPROF" profile "${MAP[@]}" --report json,md -o out in.jsonl >/dev/null 2>"$work/stderr" &
  local pid=$!
  exec 3>in.jsonl
  for i in $(seq 1 3000); do rec m "$i" 1 "text $i"; done >&3
  sleep 0.5
  kill -s "$1" "$pid"
  sleep 0.2
  # tokprof stops at the first of these and closes the FIFO: write from a
  # subshell that ignores SIGPIPE, so that the suite itself survives.
  (trap '' PIPE; for i in $(seq 3001 3100); do rec m "$i" 1 "text $i"; done >&3) 2>/dev/null
  exec 3>&-
  wait "$pid"
  status=$?
  err=$(cat "$work/stderr")
}

test_sigterm_keeps_the_previous_report() {
  rec m 1 1 old >old.jsonl
  run profile "${MAP[@]}" --report json,md -o out old.jsonl
  expect_status 0
  cp out/report.json before.json
  interrupt TERM
  expect_status 130
  expect_err "tokprof: error: interrupted by SIGTERM: no report was written"
  checks=$((checks + 1))
  cmp -s out/report.json before.json || fail "the previous report changed"
  checks=$((checks + 1))
  [ -z "$(ls -A out | grep -v '^report\.\(json\|md\)$')" ] || fail "left behind: $(ls -A out)"
}

test_sigint_leaves_no_report() {
  interrupt INT
  expect_status 130
  expect_err "tokprof: error: interrupted by SIGINT: no report was written"
  checks=$((checks + 1))
  [ -z "$(ls -A out 2>/dev/null)" ] || fail "left behind: $(ls -A out)"
}
