"""The Python binding against the C++ goldens (tests/golden/tokenizer) and
against the CLI's own report for the same records."""
import base64
import json
import pathlib
import threading

import pytest

import tokprof

GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "golden" / "tokenizer"
ENCODINGS = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base", "o200k_harmony"]


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


def test_unknown_encoding_and_bad_ids_raise():
    with pytest.raises(ValueError):
        tokprof.count("x", "no_such_encoding")
    with pytest.raises(ValueError):
        tokprof.decode([10**9])


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
