"""The Python binding against the C++ goldens (tests/golden/tokenizer) and
against the CLI's own report for the same records."""
import base64
import json
import os
import pathlib
import random
import subprocess
import threading
import time

import pytest

import tokprof

GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "golden" / "tokenizer"
ENCODINGS = ["r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base", "o200k_harmony"]
# The Hugging Face goldens (tests/golden/tokenizer/hf), checked for those
# installed (scripts/fetch-tokenizers), as the C++ golden test does.
HF_TOKENIZERS = ["llama3", "llama3_1", "qwen3", "deepseek_v3", "gemma3", "claude", "gptoss", "llama2"]
HF_LOSSLESS = {"llama3", "llama3_1", "deepseek_v3", "gptoss"}


def tokenizer_dir():
    """Where tokprof looks for Hugging Face tokenizers (tokenizer.hpp)."""
    if os.environ.get("TOKPROF_TOKENIZER_DIR"):
        return pathlib.Path(os.environ["TOKPROF_TOKENIZER_DIR"])
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return pathlib.Path(cache) / "tokprof" / "tokenizers"


def golden_inputs():
    out = []
    for line in (GOLDEN / "inputs.jsonl").read_text().splitlines():
        row = json.loads(line)
        text = row["text"].encode("utf-8") if "text" in row else base64.b64decode(row["bytes_b64"])
        out.append((row["name"], text))
    return out


def golden_ids(encoding):
    return [json.loads(line)["ids"] for line in (GOLDEN / f"{encoding}.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encode_and_count_match_goldens(encoding):
    inputs = golden_inputs()
    expected = golden_ids(encoding)
    texts = [text for _, text in inputs]
    assert tokprof.encode(texts, encoding) == expected
    assert tokprof.count(texts, encoding) == [len(ids) for ids in expected]
    for (name, text), ids in zip(inputs[:50], expected[:50]):
        assert tokprof.encode(text, encoding) == ids, name
        assert tokprof.count(text, encoding) == len(ids), name


@pytest.mark.parametrize("name", HF_TOKENIZERS)
def test_hugging_face_tokenizers_match_goldens(name):
    if not (tokenizer_dir() / name / "tokenizer.json").exists():
        pytest.skip(f"{name} is not installed; run scripts/fetch-tokenizers {name}")
    texts = {n: t for n, t in golden_inputs()}
    rows = [json.loads(line) for line in (GOLDEN / "hf" / f"{name}.jsonl").read_text().splitlines()]
    batch = [texts[row["name"]] for row in rows]
    # tokprof counts special-token text as text, so ids_as_text where they differ.
    expected = [row.get("ids_as_text", row["ids"]) for row in rows]
    assert tokprof.encode(batch, name) == expected
    assert tokprof.count(batch, name) == [len(ids) for ids in expected]
    if name in HF_LOSSLESS:
        assert tokprof.decode_bytes(expected, name) == batch


def test_decode_round_trips_valid_text():
    for name, text in golden_inputs():
        try:
            string = text.decode("utf-8")
        except UnicodeDecodeError:
            assert tokprof.decode_bytes(tokprof.encode(text)) == text, name
            continue
        assert tokprof.decode(tokprof.encode(string)) == string, name


def test_str_and_list_inputs():
    assert tokprof.count("hello world") == 2
    assert tokprof.count(["hello world", ""], "cl100k_base") == [2, 0]
    assert isinstance(tokprof.encode("hi"), list)


def test_decode_batches():
    texts = ["Hello world", "", "naïve café 漢字"]
    ids = tokprof.encode(texts, "cl100k_base")
    assert tokprof.decode(ids, "cl100k_base") == texts
    assert tokprof.decode_bytes(ids, "cl100k_base", threads=2) == [t.encode() for t in texts]
    assert tokprof.decode([], "cl100k_base") == ""
    assert tokprof.count(b"\xff\xfe hello") == len(tokprof.encode(b"\xff\xfe hello"))


def test_unknown_encoding_and_bad_ids_raise():
    with pytest.raises(ValueError):
        tokprof.count("x", "no_such_encoding")
    with pytest.raises(ValueError):
        tokprof.decode([10**9])
    with pytest.raises(ValueError):
        tokprof.decode([[1], [10**9]])


def test_threads_share_the_module():
    # The GIL is released while counting: threads must all get exact answers.
    texts = ["the quick brown fox " * 200] * 50
    results = []

    def work():
        results.append(tokprof.count(texts))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results)


def test_counting_releases_the_gil():
    # While one thread counts a long text, another keeps running Python: the
    # longest pause it sees must be far shorter than the count itself.
    rng = random.Random(5)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz\u00e9\u6f22") for _ in range(rng.randint(1, 12)))
             for _ in range(20000)]
    # Long enough to take well over 0.1 s even as counting gets faster
    # (300,000 words took 0.09 s once the merge got its two-byte table).
    text = " ".join(rng.choice(words) for _ in range(1500000))
    tokprof.count("warm up", "r50k_base")
    elapsed = []

    def work():
        start = time.perf_counter()
        tokprof.count(text, "r50k_base")
        elapsed.append(time.perf_counter() - start)

    worker = threading.Thread(target=work)
    worker.start()
    longest, last = 0.0, time.perf_counter()
    while worker.is_alive():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    worker.join()
    assert elapsed[0] > 0.1, "the text is too short to tell"
    assert longest < elapsed[0] / 2


RECORDS = [
    {"model": "gpt-4o", "task": "math", "id": "1", "output": "The answer is 4.", "score": 1.0,
     "usage": {"input": 20, "output": 9}},
    {"model": "gpt-4o", "task": "math", "id": "2", "output": "I think it is 7.", "score": 0.0,
     "usage": {"input": 22, "output": 8}},
    {"model": "claude-3-5-sonnet", "task": "math", "id": "1", "output": "4", "score": 1.0},
    {"model": "claude-3-5-sonnet", "task": "math", "id": "2", "output": "Seven, because 3 + 4 = 7.", "score": 1.0},
]


def test_profile_returns_the_json_report():
    report = tokprof.profile(RECORDS, tokenizer="o200k_base")
    assert report["schema"] == "tokprof.report/1"
    models = {m["model"]: m for m in report["models"]}
    assert models["gpt-4o"]["tokens_source"] == "reported"
    assert models["gpt-4o"]["figures"]["output_tokens"]["total"] == 17
    assert models["claude-3-5-sonnet"]["figures"]["output_tokens"]["total"] == (
        tokprof.count("4") + tokprof.count("Seven, because 3 + 4 = 7."))
    assert "claude-3-5-sonnet" in report["frontiers"]["tokens"]["members"]


def test_partials_merge_to_the_same_report():
    whole = tokprof.profile(RECORDS, tokenizer="o200k_base")
    parts = [tokprof.partial(RECORDS[i::3], tokenizer="o200k_base") for i in range(3)]
    merged = tokprof.merge(parts[::-1])
    for report in (whole, merged):
        report["generator"].pop("generated_at")
    assert merged == whole


def test_merge_refuses_different_settings():
    a = tokprof.partial(RECORDS[:2], tokenizer="o200k_base")
    b = tokprof.partial(RECORDS[2:], tokenizer="cl100k_base")
    with pytest.raises(ValueError, match="different settings"):
        tokprof.merge([a, b])


def test_approximate_partials_merge_to_one_sketch_and_keep_exact_totals():
    whole = tokprof.merge([tokprof.partial(RECORDS, tokenizer="o200k_base", approx_quantiles=0.01)])
    parts = [tokprof.partial(RECORDS[i::2], tokenizer="o200k_base", approx_quantiles=0.01) for i in range(2)]
    assert all(json.loads(part)["schema"] == "tokprof.partial.approx/1" for part in parts)
    merged = tokprof.merge(parts[::-1])
    for report in (whole, merged):
        report["generator"].pop("generated_at")
    assert merged == whole
    totals = [{m["model"]: m["figures"]["output_tokens"]["total"] for m in report["models"]}
              for report in (merged, tokprof.profile(RECORDS, tokenizer="o200k_base"))]
    assert totals[0] == totals[1]


def test_approximate_partials_refuse_a_bad_accuracy_and_repeated_samples():
    with pytest.raises(ValueError, match="between 0 and 1"):
        tokprof.partial(RECORDS, approx_quantiles=1.5)
    with pytest.raises(ValueError, match="duplicate sample"):
        tokprof.partial(RECORDS + RECORDS[:1], tokenizer="o200k_base", approx_quantiles=0.01)


def test_bootstrap_intervals_survive_the_merge():
    whole = tokprof.profile(RECORDS, tokenizer="o200k_base", bootstrap=50, seed=3)
    assert whole["settings"]["bootstrap"]["replicates"] == 50
    parts = [tokprof.partial(RECORDS[i::2], tokenizer="o200k_base") for i in range(2)]
    merged = tokprof.merge(parts[::-1], bootstrap=50, seed=3, threads=1)
    for report in (whole, merged):
        report["generator"].pop("generated_at")
    assert merged == whole


def test_profile_equals_the_cli_report(tmp_path):
    # The same records through `tokprof profile` (a mapped JSONL file).
    trace = tmp_path / "records.jsonl"
    trace.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    mapping = ("model=/model,task=/task,id=/id,output=/output,score=/score,"
               "input_tokens=/usage/input,output_tokens=/usage/output")
    done = subprocess.run([os.environ["TOKPROF_BINARY"], "profile", "--tokenizer", "o200k_base", "--bootstrap", "0",
                           "--map", mapping, "--report", "json", str(trace)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    cli = json.loads(done.stdout)
    binding = tokprof.profile(RECORDS, tokenizer="o200k_base")
    for report in (cli, binding):
        for key in ("generator", "inputs"):
            report.pop(key)
    assert binding == cli
