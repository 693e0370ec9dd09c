# Limits (issue 6): a record of any size that fits in memory works (a
# 200 MB line); deeply nested JSON is refused cleanly, without a stack
# overflow; binary garbage is refused quickly; .gz and .zst inputs are read
# transparently, and a read error mid-file is an error, not an early end.

MAP=(--format mapped --map model=/model,output=/output,id=/id,score=/score)

rec() {
  printf '{"model": "%s", "id": "%s", "score": %s, "output": "%s"}\n' "$1" "$2" "$3" "$4"
}

# A record whose output is `MB` megabytes of short words (so that counting,
# not one giant BPE piece, is what the size stresses).
big_record() {
  printf '{"model": "m", "id": "big", "score": 1, "output": "'
  yes 'tokens are cheap ' | tr -d '\n' | head -c "$(($1 * 1000000))"
  printf '"}\n'
}

test_a_200_mb_line_is_read() {
  big_record 200 >big.jsonl
  rec m small 0 hello >>big.jsonl
  local start=$SECONDS
  run profile "${MAP[@]}" --report csv big.jsonl
  expect_status 0
  expect_err ""
  # 200 MB of "tokens are cheap " is 11,764,705 repeats of 3 tokens, plus
  # the cut-off end ("tokens are ch" = 4 pieces... counted, not guessed:
  # compare with tokprof count on the same text).
  yes 'tokens are cheap ' | tr -d '\n' | head -c 200000000 >big.txt
  local expected
  expected=$("$TOKPROF" count big.txt | awk '{print $1}')
  expect_out_contains ",$((expected + 1)),"
  echo "  200 MB line: $((SECONDS - start)) s" >&2
}

test_deeply_nested_json_is_refused_cleanly() {
  { printf '{"model": "m", "id": "1", "score": 1, "output": "x", "deep": '
    head -c 1000000 /dev/zero | tr '\0' '['
    head -c 1000000 /dev/zero | tr '\0' ']'
    printf '}\n'; } >deep.jsonl
  run profile "${MAP[@]}" deep.jsonl
  expect_status 1
  expect_err "tokprof: error: deep.jsonl:1: invalid JSON (nested too deeply)"
}

test_deeply_nested_document_is_refused_cleanly() {
  head -c 1000000 /dev/zero | tr '\0' '[' >deep.json
  run profile "${MAP[@]}" deep.json
  expect_status 1
  expect_err_contains "tokprof: error: deep.json"
}

test_binary_garbage_is_refused_quickly() {
  head -c 20000000 /dev/urandom >garbage.jsonl
  local start=$SECONDS
  run profile garbage.jsonl
  expect_status 1
  expect_err_contains "tokprof: error: garbage.jsonl:"
  checks=$((checks + 1))
  [ $((SECONDS - start)) -le 5 ] || fail "binary garbage took $((SECONDS - start)) s to refuse"
}

test_gzip_and_zstd_inputs() {
  { rec m 1 1 "hello world"; rec m 2 0 "bye"; } >a.jsonl
  gzip -c a.jsonl >a.jsonl.gz
  zstd -q -c a.jsonl >a.jsonl.zst
  run profile "${MAP[@]}" --report csv a.jsonl
  local plain=$out
  run profile "${MAP[@]}" --report csv a.jsonl.gz
  expect_status 0
  expect_out "$plain"
  run profile "${MAP[@]}" --report csv a.jsonl.zst
  expect_status 0
  expect_out "$plain"
}

test_truncated_gzip_is_an_error_not_an_early_end() {
  for i in $(seq 1 3000); do rec m "$i" 1 "some text number $i"; done | gzip -c >a.jsonl.gz
  head -c 3000 a.jsonl.gz >cut.jsonl.gz
  run profile "${MAP[@]}" cut.jsonl.gz
  expect_status 1
  expect_err "tokprof: error: cut.jsonl.gz: truncated gzip stream"
}

test_truncated_zstd_is_an_error_not_an_early_end() {
  for i in $(seq 1 3000); do rec m "$i" 1 "some text number $i"; done | zstd -q -c >a.jsonl.zst
  head -c 3000 a.jsonl.zst >cut.jsonl.zst
  run profile "${MAP[@]}" cut.jsonl.zst
  expect_status 1
  expect_err "tokprof: error: cut.jsonl.zst: truncated zstd stream"
}

test_corrupt_gzip_is_an_error() {
  { rec m 1 1 a; } | gzip -c >a.jsonl.gz
  printf '\x1f\x8b\x08\x00garbage-not-deflate' >bad.jsonl.gz
  run profile "${MAP[@]}" bad.jsonl.gz
  expect_status 1
  expect_err_contains "tokprof: error: bad.jsonl.gz"
}
