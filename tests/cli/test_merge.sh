# tokprof profile --partial / --byte-range and tokprof merge (issue 8): any
# split of the traces merges to the single-run report.

# The bundled excerpt of real Arena-Hard answers (6 models x 30 prompts).
TRACES="$SOURCE_DIR/traces/arena-hard-real/arena-hard-v0.1/model_answer"

three_files() {
  ls "$TRACES"/*.jsonl | head -3
}

test_merge_by_file_equals_single_run() {
  mapfile -t files < <(three_files)
  run profile --report json --per-sample -o single "${files[@]}"
  expect_status 0
  for i in 0 1 2; do
    run profile --partial "p$i.json" "${files[$i]}"
    expect_status 0
    expect_out ""
  done
  run merge --report json --per-sample -o merged p0.json p1.json p2.json
  expect_status 0
  same_report single/report.json merged/report.json
  run merge --report json --per-sample -o reversed p2.json p0.json p1.json
  same_report single/report.json reversed/report.json inputs
}

test_merge_byte_ranges_equal_single_run() {
  mapfile -t files < <(three_files)
  big=${files[0]}
  size=$(stat -c %s "$big")
  run profile --report json --per-sample -o single "$big" "${files[1]}"
  # Cuts in the middle of lines, an empty range and an open end.
  cuts=(0 777 777 $((size / 3)) $((size / 2 + 13)))
  parts=()
  for i in 0 1 2 3; do
    run profile --partial "r$i.json" --byte-range "${cuts[$i]}:${cuts[$((i + 1))]}" "$big"
    expect_status 0
    parts+=("r$i.json")
  done
  run profile --partial r4.json --byte-range "${cuts[4]}:" "$big"
  run profile --partial f1.json "${files[1]}"
  run merge --report json --per-sample -o merged "${parts[@]}" r4.json f1.json
  expect_status 0
  same_report single/report.json merged/report.json
}

test_merge_refuses_different_settings() {
  mapfile -t files < <(three_files)
  run profile --partial a.json --tokenizer o200k_base "${files[0]}"
  run profile --partial b.json "${files[1]}"
  run merge a.json b.json
  expect_status 1
  expect_err_contains "cannot merge b.json with a.json: they were made with different settings (--tokenizer: o200k_base vs auto)"
}

test_merge_same_shard_twice_counts_once() {
  mapfile -t files < <(three_files)
  run profile --report json -o single "${files[0]}"
  run profile --partial a.json "${files[0]}"
  cp a.json again.json
  run merge --report json -o merged a.json again.json
  expect_status 0
  same_report single/report.json merged/report.json
}

test_merge_errors() {
  run merge
  expect_status 2
  printf '{"schema":"tokprof.report/1"}' >r.json
  run merge r.json
  expect_status 1
  expect_err_contains "r.json: bad partial profile: not a partial profile"
  run profile --partial p.json --byte-range 5 "$TRACES"
  expect_status 2
}

test_merge_takes_the_uncertainty_options_of_profile() {
  mapfile -t files < <(three_files)
  baseline=$(basename "${files[1]}" .jsonl)
  stats=(--bootstrap 200 --seed 7 --confidence 0.9 --pairs all --volume 2M/month --baseline "$baseline")
  run profile --report json "${stats[@]}" -o single "${files[0]}" "${files[1]}"
  expect_status 0
  run profile --partial p0.json "${files[0]}"
  run profile --partial p1.json "${files[1]}"
  run merge --report json "${stats[@]}" --threads 1 -o merged p1.json p0.json
  expect_status 0
  same_report single/report.json merged/report.json inputs
  run merge --report json --bootstrap 0 p0.json p1.json
  expect_status 0
  expect_out_contains '"bootstrap": null'
  run merge --seed x p0.json
  expect_status 2
  expect_err "tokprof: error: --seed needs a non-negative integer, not \"x\""
}

rec() {
  printf '{"model": "%s", "id": "%s", "score": %s, "output": "%s"}\n' "$1" "$2" "$3" "$4"
}

test_merge_keeps_going_like_a_single_run() {
  map=(--format mapped --map model=/model,output=/output,id=/id,score=/score --keep-going)
  { rec m 1 1 a; printf '{"model": "m", oops}\n'; rec m 3 1 c; rec m 4 '"high"' d; rec m 5 0 e; } >bad.jsonl
  { rec m 6 1 f; rec m 7 0 g; } >good.jsonl
  run profile "${map[@]}" --report json -o single bad.jsonl good.jsonl
  expect_status 3
  run profile "${map[@]}" --partial b1.json --byte-range 0:60 bad.jsonl
  expect_status 3
  run profile "${map[@]}" --partial b2.json --byte-range 60: bad.jsonl
  run profile "${map[@]}" --partial g.json good.jsonl
  expect_status 0
  # The second shard given twice: its skipped record is still counted once.
  run merge --report json -o merged b1.json b2.json b2.json g.json
  expect_status 3
  expect_err_contains "tokprof: warning: bad.jsonl: skipped 2 bad records (--keep-going)"
  same_report single/report.json merged/report.json
}

test_merge_refuses_a_different_scorer() {
  mapfile -t files < <(three_files)
  run profile --partial a.json --scorer match "${files[0]}"
  run profile --partial b.json "${files[1]}"
  run merge a.json b.json
  expect_status 1
  expect_err "tokprof: error: cannot merge b.json with a.json: they were made with different settings (--scorer: match vs (default))"
}

test_merge_words_missing_tokenizer_warnings_as_a_single_run() {
  # Each shard warns about the missing tokenizer naming its own first model;
  # the merge keeps the first, as the single run does.
  mapfile -t files < <(three_files)
  export TOKPROF_TOKENIZER_DIR=$PWD/no-tokenizers
  run profile --report json --bootstrap 0 -o single "${files[0]}" "${files[1]}"
  expect_err_contains "counting the models that need it (claude-3-5-sonnet-20240620 first)"
  run profile --partial a.json "${files[0]}"
  run profile --partial b.json "${files[1]}"
  run merge --report json --bootstrap 0 -o merged a.json b.json
  expect_status 0
  unset TOKPROF_TOKENIZER_DIR
  same_report single/report.json merged/report.json
}
