# tokprof profile end to end on the real Arena-Hard-Auto answers in
# ../shared/traces-real: the counts, scores and frontier must reproduce the
# published leaderboard (arena_hard_leaderboard_20240731.csv), checked by an
# independent script (check_leaderboard.py) rather than by tokprof's own code.

real_v01() {
  echo "$SOURCE_DIR/../shared/traces-real/arena-hard-v0.1"
}

test_profile_reproduces_the_leaderboard() {
  local dir
  dir=$(real_v01)
  [ -d "$dir" ] || skip "$dir is absent"
  run profile --tokenizer cl100k_base --bootstrap 200 \
    --scores "$dir/leaderboard/arena_hard_leaderboard_20240731.csv" \
    --report json -o report "$dir/model_answer"
  expect_status 0
  checks=$((checks + 1))
  python3 "$SOURCE_DIR/tests/cli/check_leaderboard.py" report/report.json \
    "$dir/leaderboard/arena_hard_leaderboard_20240731.csv" >"$work/check" 2>&1 ||
    fail "check_leaderboard.py: $(cat "$work/check")"
}
