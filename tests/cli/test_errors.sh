# tokprof profile on malformed input (issue 6): every case names the file
# and line, says what was wrong, and exits 1 (2 for a wrong command line).
# Exit codes: profiler/cli/run.hpp.

MAP=(--format mapped --map model=/model,output=/output,id=/id,score=/score)

# rec MODEL ID SCORE OUTPUT: one mapped JSONL record (SCORE is raw JSON).
rec() {
  printf '{"model": "%s", "id": "%s", "score": %s, "output": "%s"}\n' "$1" "$2" "$3" "$4"
}

test_good_input_exits_0() {
  { rec m 1 1 "hello"; rec m 2 0 "world"; } >a.jsonl
  run profile "${MAP[@]}" a.jsonl
  expect_status 0
  expect_err ""
}

test_invalid_json_names_file_and_line() {
  { rec m 1 1 a; printf '{"model": "m", oops}\n'; rec m 3 1 c; } >a.jsonl
  run profile "${MAP[@]}" a.jsonl
  expect_status 1
  expect_err "tokprof: error: a.jsonl:2: invalid JSON (improper structure: missing or extra commas, brackets or keys)"
}

test_truncated_last_line() {
  { rec m 1 1 a; printf '{"model": "m", "id": "2", "out'; } >a.jsonl
  run profile "${MAP[@]}" a.jsonl
  expect_status 1
  expect_err "tokprof: error: a.jsonl:2: truncated last line (no newline at the end of the file): invalid JSON (unclosed string)"
}

test_numeric_string_score_is_accepted() {
  { rec m 1 '"0.7"' a; rec m 2 1 b; } >a.jsonl
  run profile "${MAP[@]}" --report json a.jsonl
  expect_status 0
  expect_out_contains '"score": 0.85'
}

test_word_score_is_refused() {
  { rec m 1 1 a; rec m 2 '"high"' b; } >a.jsonl
  run profile "${MAP[@]}" a.jsonl
  expect_status 1
  expect_err "tokprof: error: a.jsonl:2: field \"score\" is not a number: \"high\" (format mapped, pointer /score)"
}

test_wrong_type_for_text() {
  { rec m 1 1 a; printf '{"model": "m", "id": "2", "score": 1, "output": {"x": 1}}\n'; } >a.jsonl
  run profile "${MAP[@]}" a.jsonl
  expect_status 1
  expect_err "tokprof: error: a.jsonl:2: field \"output\" is not a string: an object (format mapped, pointer /output)"
}

test_missing_field_names_field_and_format() {
  printf '{"custom_id": "r1", "response": {"status_code": 200, "body": {"object": "chat.completion", "choices": [{"message": {"role": "assistant", "content": "hi"}}]}}}\n' >batch.jsonl
  run profile --format openai batch.jsonl
  expect_status 1
  expect_err "tokprof: error: batch.jsonl:1: missing field \"response.body.model\" (format openai)"
}

test_unknown_format_is_a_usage_error() {
  rec m 1 1 a >a.jsonl
  run profile --format frobnitz a.jsonl
  expect_status 2
  # The list of formats grows; the start of the message does not.
  expect_err_contains 'tokprof: error: unknown trace format "frobnitz" (known: auto, mapped, openai, anthropic, arena-hard, summary'

}

test_undetectable_format_lists_the_keys() {
  printf '{"foo": 1, "bar": "x"}\n' >a.jsonl
  run profile a.jsonl
  expect_status 1
  expect_err "tokprof: error: a.jsonl:1: cannot detect the trace format from the first record (keys: bar, foo); use --format, or --map to name its fields"
}

test_empty_file() {
  : >a.jsonl
  run profile "${MAP[@]}" a.jsonl
  expect_status 1
  expect_err "tokprof: error: a.jsonl: empty file: no records"
  printf '\n  \n\n' >blank.jsonl
  run profile "${MAP[@]}" blank.jsonl
  expect_status 1
  expect_err "tokprof: error: blank.jsonl: empty file: no records"
}

test_duplicate_sample_ids() {
  { rec m 1 1 a; rec m 2 1 b; rec m 1 0 c; } >a.jsonl
  run profile "${MAP[@]}" a.jsonl
  expect_status 1
  expect_err "tokprof: error: a.jsonl:3: duplicate sample: model \"m\", task \"\", id \"1\", epoch 1 appears at a.jsonl:1 and at a.jsonl:3"
  # --approx-quantiles keeps no samples, only their keys: the same check.
  { rec m 1 1 a; } >b.jsonl
  run profile "${MAP[@]}" --approx-quantiles a.jsonl b.jsonl
  expect_status 1
  expect_err "tokprof: error: a.jsonl:3: duplicate sample: model \"m\", task \"\", id \"1\", epoch 1 appears at a.jsonl:1 and at a.jsonl:3"
  { rec m 1 1 a; rec m 2 1 a; } >a.jsonl  # across files: b.jsonl repeats id 1
  run profile "${MAP[@]}" --approx-quantiles a.jsonl b.jsonl
  expect_status 1
  expect_err "tokprof: error: b.jsonl:1: duplicate sample: model \"m\", task \"\", id \"1\", epoch 1 appears at a.jsonl:1 and at b.jsonl:1"
}

test_nan_and_infinity_scores_are_missing_with_a_warning() {
  { rec m 1 NaN a; rec m 2 Infinity b; rec m 3 1 c; } >a.jsonl
  run profile "${MAP[@]}" a.jsonl
  expect_status 0
  expect_err "tokprof: warning: a.jsonl:1: field \"score\" is NaN: read as missing
tokprof: warning: a.jsonl:2: field \"score\" is Infinity: read as missing"
}

test_invalid_utf8_is_counted_as_bytes_with_a_warning() {
  { rec m 1 1 ok; printf '{"model": "m", "id": "2", "score": 1, "output": "caf\xe9 \xff"}\n'; } >a.jsonl
  run profile "${MAP[@]}" --report json --per-sample a.jsonl
  expect_status 0
  expect_err "tokprof: warning: a.jsonl:2: invalid UTF-8 in the record; its text is read as raw bytes"
}

test_corrupt_vocabulary() {
  rec m 1 1 hello >a.jsonl
  head -n 1000 "$SOURCE_DIR/profiler/tokenizer/data/cl100k_base.tiktoken" >cl100k_base.tiktoken
  printf 'not*base64 1000\n' >>cl100k_base.tiktoken
  run profile "${MAP[@]}" --tokenizer ./cl100k_base.tiktoken a.jsonl
  expect_status 1
  expect_err "tokprof: error: ./cl100k_base.tiktoken:1001: invalid base64 token \"not*base64\""
}

test_truncated_vocabulary() {
  rec m 1 1 hello >a.jsonl
  head -c 5000 "$SOURCE_DIR/profiler/tokenizer/data/cl100k_base.tiktoken" >cl100k_base.tiktoken
  run profile "${MAP[@]}" --tokenizer ./cl100k_base.tiktoken a.jsonl
  expect_status 1
  expect_err "tokprof: error: ./cl100k_base.tiktoken:543: expected \"BASE64 RANK\""
}

test_mapping_that_points_nowhere() {
  rec m 1 1 hello >a.jsonl
  run profile --map model=/model,output=/answer/text,id=/id a.jsonl
  expect_status 1
  expect_err "tokprof: error: a.jsonl: mapping field \"output\": pointer /answer/text matched no record (format mapped)"
}

test_mapping_that_is_not_a_pointer_is_a_usage_error() {
  rec m 1 1 hello >a.jsonl
  run profile --map model=model,output=/output a.jsonl
  expect_status 2
  expect_err "tokprof: error: mapping field \"model\": \"model\" is not a JSON pointer (start it with \"/\", or write model==model for a constant)"
}

test_missing_input_file() {
  run profile "${MAP[@]}" nope.jsonl
  expect_status 1
  expect_err "tokprof: error: nope.jsonl: no such file or directory"
}

test_map_naming_the_model_needs_no_format() {
  { rec m 1 1 a; rec m 2 0 b; } >a.jsonl
  run profile --map model=/model,output=/output,id=/id,score=/score a.jsonl
  expect_status 0
  expect_err ""
}
