# tokprof count: output, options and errors.

test_count_stdin() {
  out=$(printf 'hello world' | "$TOKPROF" count 2>"$work/stderr"); status=$?; err=$(cat "$work/stderr")
  expect_status 0
  expect_out "      2 -"
}

test_count_files_and_total() {
  printf 'hello world' >a.txt
  printf 'hello world, hello' >b.txt
  run count --encoding cl100k_base a.txt b.txt
  expect_status 0
  expect_out "      2 a.txt
      4 b.txt
      6 total"
}

test_count_json() {
  printf 'hello world' >a.txt
  run count --json a.txt
  expect_status 0
  expect_out_contains '"tokenizer": "o200k_base"'
  expect_out_contains '"tokens": 2'
}

test_count_special_tokens() {
  printf 'a<|endoftext|>b' >s.txt
  run count --special s.txt
  expect_out "      3 s.txt"
  run count s.txt
  expect_out "      9 s.txt"
}

test_count_invalid_utf8_is_counted_as_bytes() {
  printf 'ok \xff\xfe done' >bad.txt
  run count bad.txt
  expect_status 0
}

test_count_jsonl_pointer() {
  printf '{"a":{"t":"hello world"}}\n{"a":{"t":"x"}}\n' >r.jsonl
  run count --jsonl --text /a/t r.jsonl
  expect_status 0
  expect_out "2
1"
}

test_count_jsonl_errors_name_file_and_line() {
  printf '{"a":{"t":"hello"}}\n{"a":{"u":1}}\n' >r.jsonl
  run count --jsonl --text /a/t r.jsonl
  expect_status 1
  expect_err "tokprof: error: r.jsonl:2: no value at /a/t"
  printf '{"a":{"t":"hello"}}\n{"a":\n' >bad.jsonl
  run count --jsonl --text /a/t bad.jsonl
  expect_status 1
  expect_err_contains "tokprof: error: bad.jsonl:2: invalid JSON"
}

test_count_missing_file() {
  run count nope.txt
  expect_status 1
  expect_err "tokprof: error: nope.txt: cannot open: No such file or directory"
}

test_count_unknown_encoding_is_a_usage_error() {
  run count --encoding o300k x
  expect_status 2
  expect_err_contains 'tokprof: error: unknown tokenizer "o300k"'
}

test_count_corrupt_vocabulary() {
  head -c 5000 "$SOURCE_DIR/profiler/tokenizer/data/cl100k_base.tiktoken" >cl100k_base.tiktoken
  printf 'x' >a.txt
  run count --tokenizer ./cl100k_base.tiktoken a.txt
  expect_status 1
  expect_err_contains "tokprof: error: ./cl100k_base.tiktoken:"
}

test_count_vocabulary_from_path() {
  cp "$SOURCE_DIR/profiler/tokenizer/data/p50k_base.tiktoken" mine.tiktoken
  printf 'hello world' >a.txt
  run count --tokenizer ./mine.tiktoken --like p50k_base a.txt
  expect_status 0
  expect_out "      2 a.txt"
}

test_unknown_option() {
  run count --frobnicate
  expect_status 2
  expect_err "tokprof: error: unknown option --frobnicate"
}

test_encodings_lists_all_six() {
  run encodings
  expect_status 0
  for name in o200k_base o200k_harmony cl100k_base p50k_base p50k_edit r50k_base; do
    expect_out_contains "$name"
  done
}

# A large file is counted in pieces cut at line starts (Tokenizer::
# last_safe_cut), on several threads: the count must equal the count of the
# same text as one string (--jsonl counts a record's text uncut), for every
# built-in split pattern, any thread count, and through a decompressor.
test_count_large_file_cut_in_pieces() {
  /usr/bin/python3 - "$SOURCE_DIR/traces/arena-hard-real/arena-hard-v0.1/model_answer" <<'PY' || { fail "could not build the texts"; return; }
import glob, json, os, sys
answers = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.jsonl"))):
    for line in open(path, encoding="utf-8"):
        answers.append(json.loads(line)["choices"][0]["turns"][0]["content"])
text = ""
i = 0
while len(text.encode()) < 3_000_000:  # about three 1 MB blocks, several cuts each
    text += answers[i % len(answers)] + ("\n" if i % 3 else "\n\n  \n") + "x" * (i % 5) + "\n"
    i += 1
open("big.txt", "w", encoding="utf-8", newline="").write(text)
open("big.jsonl", "w", encoding="utf-8").write(json.dumps({"t": text}) + "\n")
PY
  gzip -k big.txt
  local encoding whole
  for encoding in o200k_base cl100k_base r50k_base; do
    run count --encoding "$encoding" --jsonl --text /t big.jsonl
    expect_status 0
    whole=$out
    for threads in 1 2 3; do
      run count --encoding "$encoding" --threads "$threads" big.txt
      expect_status 0
      expect_out "$(printf '%7s big.txt' "$whole")"
    done
    run count --encoding "$encoding" big.txt.gz
    expect_out "$(printf '%7s big.txt.gz' "$whole")"
  done
}
