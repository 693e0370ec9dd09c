# tokprof profile --approx-quantiles and tokprof merge of approximate
# partials (issue 8): shards merge to the report of a direct approximate run;
# every exact figure equals the exact single run's and every median and p90
# keeps the documented bound (check_approx_report.py); a partial's size does
# not grow with its samples; what cannot be merged is refused.

ARENA="$SOURCE_DIR/traces/arena-hard-real/arena-hard-v0.1"
ARENA_SCORES=(--scores "$ARENA/leaderboard/arena_hard_leaderboard_20240731.csv")
CHECK="$SOURCE_DIR/tests/cli/check_approx_report.py"

# check_against_exact EXACT APPROX [ALPHA]
check_against_exact() {
  checks=$((checks + 1))
  python3 "$CHECK" "$1" "$2" "${3:-0.01}" >check.out 2>&1 || fail "approximate figures: $(head -20 check.out)"
}

# A LiteLLM price table for the word-math models: cache prices, and a
# reasoning price for one model, so that every part of the cost formula runs.
write_prices() {
  cat >prices.json <<'EOF'
{"gpt-4.1": {"input_cost_per_token": 2e-6, "output_cost_per_token": 8e-6, "cache_read_input_token_cost": 5e-7},
 "gpt-5-mini": {"input_cost_per_token": 2.5e-7, "output_cost_per_token": 2e-6, "cache_read_input_token_cost": 2.5e-8,
                "output_cost_per_reasoning_token": 3e-6},
 "claude-opus-4-6": {"input_cost_per_token": 1.5e-5, "output_cost_per_token": 7.5e-5,
                     "cache_read_input_token_cost": 1.5e-6, "cache_creation_input_token_cost": 1.875e-5},
 "claude-sonnet-4-6": {"input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5}}
EOF
}

test_arena_shards_merge_to_the_exact_figures() {
  mapfile -t files < <(ls "$ARENA"/model_answer/*.jsonl)
  run profile "${ARENA_SCORES[@]}" --bootstrap 0 --per-sample --report json -o exact "${files[@]}"
  expect_status 0
  run profile "${ARENA_SCORES[@]}" --approx-quantiles --report json,csv -o direct "${files[@]}"
  expect_status 0
  # Shards: byte ranges of one file (cut mid-line, one empty), whole files.
  big=${files[0]}
  size=$(stat -c %s "$big")
  run profile "${ARENA_SCORES[@]}" --approx-quantiles --partial r0.json --byte-range "0:$((size / 3))" "$big"
  expect_status 0
  expect_out ""
  run profile "${ARENA_SCORES[@]}" --approx-quantiles --partial r1.json --byte-range "$((size / 3)):$((size / 3))" "$big"
  run profile "${ARENA_SCORES[@]}" --approx-quantiles --partial r2.json --byte-range "$((size / 3)):" "$big"
  run profile "${ARENA_SCORES[@]}" --approx-quantiles --partial f1.json "${files[1]}" "${files[2]}"
  run profile "${ARENA_SCORES[@]}" --approx-quantiles --partial f2.json "${files[@]:3}"
  checks=$((checks + 1))
  head -c 40 r0.json | grep -q '"schema":"tokprof.partial.approx/1"' || fail "r0.json is not an approximate partial"
  run merge --report json,csv -o merged r0.json r1.json r2.json f1.json f2.json
  expect_status 0
  check_against_exact exact/report.json merged/report.json
  same_report direct/report.json merged/report.json inputs
  checks=$((checks + 1))
  cmp -s direct/report.csv merged/report.csv || fail "the CSV reports of the direct run and the merge differ"
  # Any order, the same figures.
  run merge --report json,csv -o reversed f2.json r2.json f1.json r1.json r0.json
  same_report merged/report.json reversed/report.json inputs
  checks=$((checks + 1))
  cmp -s merged/report.csv reversed/report.csv || fail "the merge order changed the CSV report"
}

test_wordmath_costs_and_scores_merge_to_the_exact_figures() {
  write_prices
  common=(--task wordmath --scores "$SOURCE_DIR/traces/scores/wordmath-judgments.jsonl" --prices prices.json)
  traces=("$SOURCE_DIR"/traces/openai/batch-*.jsonl "$SOURCE_DIR"/traces/anthropic/batch-*.jsonl)
  run profile "${common[@]}" --bootstrap 0 --per-sample --report json -o exact "${traces[@]}"
  expect_status 0
  parts=()
  for i in "${!traces[@]}"; do
    run profile "${common[@]}" --approx-quantiles=0.02 --partial "p$i.json" "${traces[$i]}"
    expect_status 0
    parts+=("p$i.json")
  done
  run merge --prices prices.json --report json -o merged "${parts[@]}"
  expect_status 0
  check_against_exact exact/report.json merged/report.json 0.02
  # One warning says what approximate mode leaves out, as the report's first.
  checks=$((checks + 1))
  python3 - <<'PY' || fail "the report does not carry the approximate-mode warning once, first"
import json, sys
warnings = json.load(open("merged/report.json"))["warnings"]
ours = [w for w in warnings if "approximate mode" in w or "bootstrap" in w]
sys.exit(0 if len(ours) == 1 and ours[0].startswith("approximate mode (--approx-quantiles 0.02)") and
         "bootstrap intervals, frontier stability and paired comparisons are left out" in ours[0] else 1)
PY
}

test_mixed_formats_with_task_and_aliases() {
  mixed=(--task gsm8k --scores "$SOURCE_DIR/traces/scores/mixed-gsm8k-judgments.jsonl"
    --alias openai/gpt-4.1-mini=gpt-4.1-mini --alias gpt-4.1-mini-2025-04-14=gpt-4.1-mini
    --alias google/gemini-2.5-flash=gemini-2.5-flash)
  run profile "${mixed[@]}" --bootstrap 0 --per-sample --report json -o exact "$SOURCE_DIR/traces/mixed"
  expect_status 0
  parts=()
  for trace in "$SOURCE_DIR"/traces/mixed/*; do
    run profile "${mixed[@]}" --approx-quantiles --partial "p${#parts[@]}.json" "$trace"
    expect_status 0
    parts+=("p${#parts[@]}.json")
  done
  run merge --report json -o merged "${parts[@]}"
  expect_status 0
  check_against_exact exact/report.json merged/report.json
}

test_every_report_format_says_the_quantiles_are_approximate() {
  mapfile -t files < <(ls "$ARENA"/model_answer/*.jsonl | head -2)
  run profile --approx-quantiles --report term,md,csv,json,html -o approx "${files[@]}"
  expect_status 0
  for format in txt md html; do
    checks=$((checks + 1))
    grep -q "medians and p90s are approximate (DDSketch, within a relative 0.01" "approx/report.$format" ||
      fail "report.$format does not say the quantiles are approximate"
  done
  checks=$((checks + 1))
  head -1 approx/report.csv | grep -q ',quantiles,quantile_relative_accuracy' || fail "CSV header lacks the quantile columns"
  checks=$((checks + 1))
  sed -n 2p approx/report.csv | grep -q ',approximate,0.01' || fail "CSV rows lack the quantile columns"
  checks=$((checks + 1))
  python3 -c '
import json, sys
s = json.load(open("approx/report.json"))["settings"]
sys.exit(0 if (s["quantiles"], s["quantile_sketch"], s["quantile_relative_accuracy"]) == ("approximate", "DDSketch", 0.01) else 1)
' || fail "the JSON settings do not say the quantiles are approximate"
  # Exact reports say nothing of it.
  run profile --bootstrap 0 --report csv "${files[@]}"
  checks=$((checks + 1))
  case "$out" in *quantiles*) fail "an exact CSV report has the quantile columns" ;; esac
}

# JSONL of N answers whose lengths follow one fixed distribution (1 to 400
# words), for two models over three tasks.
synthetic() {
  python3 - "$1" >"$2" <<'PY'
import json, random, sys
rng = random.Random(42)
for i in range(int(sys.argv[1])):
    words = min(400, max(1, int(rng.lognormvariate(4.0, 0.9))))
    print(json.dumps({"model": f"m{i % 2}", "task": f"t{i % 3}", "id": str(i // 2),
                      "score": rng.random() < 0.5, "output": "word " * words}))
PY
}

test_partial_size_does_not_grow_with_samples() {
  synthetic 1000 small.jsonl
  synthetic 10000 large.jsonl
  map=(--format mapped --map model=/model,task=/task,id=/id,score=/score,output=/output --tokenizer o200k_base)
  for n in small large; do
    run profile "${map[@]}" --approx-quantiles --partial "approx-$n.json" "$n.jsonl"
    expect_status 0
    run profile "${map[@]}" --partial "exact-$n.json" "$n.jsonl"
    expect_status 0
  done
  sizes=$(stat -c %s approx-small.json approx-large.json exact-small.json exact-large.json | tr '\n' ' ')
  echo "partial sizes (approx 1k, approx 10k, exact 1k, exact 10k records): $sizes"
  read -r approx_small approx_large exact_small exact_large <<<"$sizes"
  checks=$((checks + 1))
  # Ten times the samples: one more digit in some bucket counts, nothing more.
  [ $((approx_large * 10)) -le $((approx_small * 13)) ] || fail "approximate partial grew: $sizes"
  checks=$((checks + 1))
  [ $((exact_large)) -ge $((exact_small * 8)) ] || fail "exact partial did not grow with its samples: $sizes"
  checks=$((checks + 1))
  [ "$approx_large" -lt $((exact_large / 20)) ] || fail "approximate partial is not small: $sizes"
}

test_approximate_merges_refuse_what_differs() {
  mapfile -t files < <(ls "$ARENA"/model_answer/*.jsonl | head -2)
  run profile --approx-quantiles --tokenizer o200k_base --partial a.json "${files[0]}"
  run profile --approx-quantiles --partial b.json "${files[1]}"
  run merge a.json b.json
  expect_status 1
  expect_err "tokprof: error: cannot merge b.json with a.json: they were made with different settings (--tokenizer: o200k_base vs auto)"
  run profile --approx-quantiles --partial a.json --scorer match "${files[0]}"
  run merge a.json b.json
  expect_status 1
  expect_err_contains "(--scorer: match vs (default))"
  run profile --approx-quantiles=0.05 --partial a.json "${files[0]}"
  run merge a.json b.json
  expect_status 1
  expect_err "tokprof: error: cannot merge b.json with a.json: quantile sketches of relative accuracy 0.01 and 0.05 (use the same --approx-quantiles for every shard)"
  run profile --approx-quantiles=1.5 --partial a.json "${files[0]}"
  expect_status 2
  expect_err "tokprof: error: --approx-quantiles needs a relative accuracy between 0 and 1 (e.g. 0.01), not \"1.5\""
}

test_exact_partials_merged_with_approximate_ones_become_sketches() {
  mapfile -t files < <(ls "$ARENA"/model_answer/*.jsonl | head -3)
  run profile --approx-quantiles --report json -o direct "${files[@]}"
  run profile --approx-quantiles --partial a.json "${files[0]}"
  run profile --partial b.json "${files[1]}"
  run profile --partial c.json "${files[2]}"
  run merge --report json -o merged a.json b.json c.json
  expect_status 0
  expect_err_contains "tokprof: warning: b.json, c.json are exact, merged with approximate partials: their samples were reduced to sketches of relative accuracy 0.01"
  python3 - <<'PY' || fail "the degraded merge differs from the direct approximate run"
import json, sys
a, b = (json.load(open(p)) for p in ("direct/report.json", "merged/report.json"))
sys.exit(0 if a["models"] == b["models"] and a["frontiers"] == b["frontiers"] else 1)
PY
  checks=$((checks + 1))
}

test_merge_notes_different_reading_options() {
  mapfile -t files < <(ls "$ARENA"/model_answer/*.jsonl | head -2)
  run profile --approx-quantiles --task arena --partial a.json "${files[0]}"
  run profile --approx-quantiles --partial b.json "${files[1]}"
  run merge --report json a.json b.json
  expect_status 0
  expect_err_contains "tokprof: note: the partials were read with different reading options (--task: \"arena\" in a.json, none in b.json)"
  run profile --approx-quantiles --partial a.json "${files[0]}"
  run merge --report json a.json b.json
  checks=$((checks + 1))
  case "$err" in *"reading options"*) fail "a note without a difference" ;; esac
}

test_bootstrap_options_are_refused_with_approximate_quantiles() {
  local file
  file=$(ls "$ARENA"/model_answer/*.jsonl | head -1)
  for option in "--bootstrap 200" "--pairs all" "--seed 7" "--confidence 0.9"; do
    # shellcheck disable=SC2086  # the option and its value are two words
    run profile --approx-quantiles $option "$file"
    expect_status 2
    expect_err_contains "tokprof: error: ${option%% *} configures the bootstrap, which --approx-quantiles does not run"
  done
  run profile --approx-quantiles --bootstrap 0 --report json "$file"  # asks for no bootstrap: fine
  expect_status 0
}
