# tokprof profile end to end on every bundled trace format (issue 7): one
# golden terminal report per format, and a mixed run over one directory
# holding Inspect, OpenAI batch and Gemini batch logs of the same two models
# and task, checked against figures computed by hand.
#
# Regenerate the goldens with TOKPROF_UPDATE_GOLDEN=1 and review the diff.
# Hugging Face tokenizers are hidden so that the reports do not depend on
# which ones the machine has installed.

export TOKPROF_TOKENIZER_DIR=no-hf-tokenizers

# profile_golden NAME ARGS...: profiles from the source directory (so that
# paths in warnings are relative) and compares stdout and stderr with
# tests/golden/cli/formats/NAME.txt.
profile_golden() {
  local name=$1
  shift
  out=$(cd "$SOURCE_DIR" && "$TOKPROF" profile --bootstrap 0 "$@" 2>&1)
  status=$?
  err=""
  expect_status 0
  local golden="$SOURCE_DIR/tests/golden/cli/formats/$name.txt"
  if [ "${TOKPROF_UPDATE_GOLDEN:-}" = 1 ]; then
    mkdir -p "$(dirname "$golden")"
    printf '%s\n' "$out" >"$golden"
  fi
  expect_out "$(cat "$golden")"
}

test_format_openai() {
  profile_golden openai traces/openai --task wordmath --scores traces/scores/wordmath-judgments.jsonl
}

test_format_anthropic() {
  profile_golden anthropic traces/anthropic --task wordmath --scores traces/scores/wordmath-judgments.jsonl
}

test_format_arena_hard_v01() {
  profile_golden arena-hard-v0.1 traces/arena-hard-v0.1 --scores traces/scores/arena-hard-v0.1-scores.csv
}

test_format_arena_hard_v20() {
  profile_golden arena-hard-v2.0 traces/arena-hard-v2.0
}

test_format_mapped_json() {
  profile_golden mapped-json traces/mapped/judged-outputs.json --map-file traces/mapped/judged-outputs.map.json
}

test_format_mapped_jsonl() {
  profile_golden mapped-jsonl traces/mapped/unit-conversion.jsonl --map-file traces/mapped/unit-conversion.map.json
}

test_format_summary() {
  profile_golden summary traces/summary/artificial-analysis-v4.csv
}

test_format_inspect() {
  profile_golden inspect traces/inspect
}

test_format_lm_eval() {
  profile_golden lm-eval traces/lm-eval
}

test_format_otel() {
  profile_golden otel traces/otel --task-attr eval.task
}

test_format_gemini() {
  profile_golden gemini traces/gemini --task wordmath
}

test_format_openrouter() {
  profile_golden openrouter traces/openrouter
}

mixed_args=(traces/mixed --task gsm8k --scores traces/scores/mixed-gsm8k-judgments.jsonl
  --alias openai/gpt-4.1-mini=gpt-4.1-mini --alias gpt-4.1-mini-2025-04-14=gpt-4.1-mini
  --alias google/gemini-2.5-flash=gemini-2.5-flash)

test_format_mixed() {
  profile_golden mixed "${mixed_args[@]}"
}

# The figures, from the trace files by hand (reported usage throughout):
#   gpt-4.1-mini      Inspect #1 "18" C: 1 token   #2 "7" I: 1 token
#                     OpenAI  #3 score 1: completion_tokens 23   #4 score 0: 33
#                     -> 4 samples, score 2/4 = 0.5, output 58, mean 14.5,
#                        median (1+23)/2 = 12, max 33, tokens per correct 58/2 = 29
#   gemini-2.5-flash  Inspect #1 "18" C: 1   #2 "12" C: 1
#                     Gemini  #3 score 1: candidates 3 + thoughts 88 = 91
#                             #4 score 1: candidates 3 + thoughts 143 = 146
#                     -> 4 samples, score 1, output 239, median (1+91)/2 = 46,
#                        max 146, tokens per correct 239/4 = 59.75, reported
#                        reasoning 231; counted (o200k_base): 1 + 1 + (3 + 15)
#                        + (3 + 15) = 38, so 239 - 38 = 201 hidden
#   frontier: gpt-4.1-mini (fewest tokens) and gemini-2.5-flash (best score).
test_mixed_run_matches_hand_computation() {
  (cd "$SOURCE_DIR" && "$TOKPROF" profile --bootstrap 0 --report json "${mixed_args[@]}") >mixed.json 2>/dev/null
  checks=$((checks + 1))
  python3 - mixed.json >check.txt 2>&1 <<'PY' || fail "mixed run: $(cat check.txt)"
import json, sys
report = json.load(open(sys.argv[1]))
models = {m["model"]: m for m in report["models"]}
assert sorted(models) == ["gemini-2.5-flash", "gpt-4.1-mini"], sorted(models)
assert report["sample_set"]["used"] == "common" and report["sample_set"]["common_keys"] == 4
expected = {
    "gpt-4.1-mini": dict(score=0.5, total=58, mean=14.5, median=12, max=33, per_correct=29,
                         counted=None, reasoning=0, hidden=None),
    "gemini-2.5-flash": dict(score=1.0, total=239, mean=59.75, median=46, max=146, per_correct=59.75,
                             counted=38, reasoning=231, hidden=201),
}
for name, want in expected.items():
    f = models[name]["figures"]
    assert models[name]["tokens_source"] == "reported", models[name]["tokens_source"]
    assert f["samples"] == 4 and f["scored"] == 4, f
    assert f["score"] == want["score"], (name, f["score"])
    t = f["output_tokens"]
    got = (t["total"], t["mean"], t["median"], t["max"])
    assert got == (want["total"], want["mean"], want["median"], want["max"]), (name, got)
    assert f["tokens_per_correct"] == want["per_correct"], (name, f["tokens_per_correct"])
    assert f["reported_reasoning_tokens"] == want["reasoning"], (name, f["reported_reasoning_tokens"])
    if want["counted"] is not None:
        assert f["counted_output_tokens"] == want["counted"], (name, f["counted_output_tokens"])
        assert f["hidden_reasoning_tokens"] == want["hidden"], (name, f["hidden_reasoning_tokens"])
    assert [t["task"] for t in models[name]["tasks"]] == ["gsm8k"]
    assert models[name]["frontier"]["tokens"]["on_frontier"] is True
print("ok")
PY
}

test_alias_needs_two_names() {
  run profile --alias gpt-4.1-mini "$SOURCE_DIR/traces/mixed"
  expect_status 2
  expect_err_contains '--alias needs FROM=TO (two model names), not "gpt-4.1-mini"'
}
