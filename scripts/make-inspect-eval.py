#!/usr/bin/env python3
"""Writes the sample Inspect AI .eval logs in traces/ (issue 7).

An .eval log is a ZIP archive (inspect_ai/log/_recorders/eval.py) holding
header.json, samples/{id}_epoch_{n}.json, summaries.json and reductions.json.
Current Inspect compresses the entries with zstd (method 93, possibly several
frames per entry); older versions used deflate (method 8). Python's zipfile
cannot write method 93, so the archive is written here by hand, following
PKWARE's APPNOTE: a local header per entry, then the central directory and
the end record. zstd frames come from the `zstd` command-line tool
(apt-get install zstd); deflate from zlib. Timestamps are fixed so that the
output is byte-for-byte reproducible.

usage: scripts/make-inspect-eval.py [REPO_ROOT]
"""

import json
import os
import struct
import subprocess
import sys
import zlib

DOS_TIME = 0x6000  # 12:00:00
DOS_DATE = (2025 - 1980) << 9 | 9 << 5 | 14  # 2025-09-14


def zstd_frames(data: bytes, frames: int) -> bytes:
    """Compresses `data` as `frames` independent zstd frames, back to back."""
    size = max(1, -(-len(data) // frames))
    out = b""
    for start in range(0, len(data), size):
        chunk = data[start:start + size]
        out += subprocess.run(["zstd", "-q", "-c", "-3", "--no-check"], input=chunk,
                              check=True, capture_output=True).stdout
    return out


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def write_zip(path: str, entries: list, method: int, descriptors: bool) -> None:
    """Writes `entries` [(name, bytes)] with `method` (8 or 93)."""
    body = b""
    central = b""
    for name, data in entries:
        packed = zstd_frames(data, 2 if len(data) > 600 else 1) if method == 93 else deflate(data)
        crc = zlib.crc32(data)
        flags = 0x0808 if descriptors else 0x0800  # bit 11: UTF-8 names; bit 3: data descriptor
        offset = len(body)
        raw_name = name.encode()
        local_crc, local_packed, local_size = (0, 0, 0) if descriptors else (crc, len(packed), len(data))
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 63, flags, method, DOS_TIME, DOS_DATE,
                            local_crc, local_packed, local_size, len(raw_name), 0) + raw_name + packed
        if descriptors:
            body += struct.pack("<IIII", 0x08074B50, crc, len(packed), len(data))
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 63, 63, flags, method, DOS_TIME,
                               DOS_DATE, crc, len(packed), len(data), len(raw_name), 0, 0, 0, 0,
                               0o100644 << 16, offset) + raw_name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central),
                      len(body), 0)
    with open(path, "wb") as out:
        out.write(body + central + end)


def dump(value) -> bytes:
    return json.dumps(value, indent=2).encode()


def usage(inp, out, cache_read=None, cache_write=None, reasoning=None, cost=None):
    result = {"input_tokens": inp, "output_tokens": out,
              "total_tokens": inp + out + (cache_read or 0) + (cache_write or 0)}
    if cache_write is not None:
        result["input_tokens_cache_write"] = cache_write
    if cache_read is not None:
        result["input_tokens_cache_read"] = cache_read
    if reasoning is not None:
        result["reasoning_tokens"] = reasoning
    if cost is not None:
        result["total_cost"] = cost
    return result


def header(task, model, version, samples, scorers, status="success"):
    return {
        "version": 2, "status": status,
        "eval": {"eval_id": f"{task}-{model}".replace("/", "-"), "run_id": "run-0914",
                 "created": "2025-09-14T09:30:00+00:00", "task": task, "task_id": f"{task}-id",
                 "task_version": 0, "task_file": f"{task}.py",
                 "dataset": {"name": task, "samples": samples}, "model": model,
                 "config": {"epochs": 2}, "packages": {"inspect_ai": version}},
        "plan": {"name": "plan", "steps": [{"solver": "generate", "params": {}}]},
        "results": {"total_samples": samples, "completed_samples": samples,
                    "scores": [{"name": s, "scorer": s, "reducer": "mean",
                                "metrics": {"accuracy": {"name": "accuracy", "value": 0.5}}}
                               for s in scorers]},
        "stats": {"started_at": "2025-09-14T09:30:00+00:00",
                  "completed_at": "2025-09-14T09:31:00+00:00", "model_usage": {}},
    }


def sample(sid, epoch, model, content, scores, sample_usage=None, output_usage=None,
           attachments=None, target="18"):
    record = {
        "id": sid, "epoch": epoch, "input": f"Question {sid}", "target": target,
        "messages": [{"role": "user", "content": f"Question {sid}"},
                     {"role": "assistant", "content": content, "source": "generate"}],
        "output": {"model": model, "choices": [{"message": {"role": "assistant", "content": content,
                                                            "source": "generate"},
                                                "stop_reason": "stop"}],
                   "completion": content if isinstance(content, str) else "", "time": 1.5},
        "scores": scores, "metadata": {}, "total_time": 2.0, "working_time": 1.9,
        "uuid": f"uuid-{sid}-{epoch}",
    }
    if output_usage is not None:
        record["output"]["usage"] = output_usage
    if sample_usage is not None:
        record["model_usage"] = sample_usage
    if attachments is not None:
        record["attachments"] = attachments
    return record


def archive(path, head, samples, method):
    entries = [("_journal/start.json", dump({"version": 2, "eval": head["eval"], "plan": head["plan"]}))]
    for s in samples:
        entries.append((f"samples/{s['id']}_epoch_{s['epoch']}.json", dump(s)))
    summaries = [{"id": s["id"], "epoch": s["epoch"], "scores": s["scores"], "completed": True}
                 for s in samples]
    entries.append(("summaries.json", dump(summaries)))
    entries.append(("reductions.json", dump([])))
    entries.append(("header.json", dump(head)))
    write_zip(path, entries, method, descriptors=(method == 93))


def reasoning_blocks(thought, answer):
    return [{"type": "reasoning", "reasoning": thought, "redacted": False},
            {"type": "text", "text": answer}]


def inspect_samples(root):
    """traces/inspect/: a current zstd log (o3, 2 samples x 2 epochs, two scorers,
    reasoning blocks, an attachment) and an older deflate log (one scorer,
    output.usage only, string content)."""
    model = "openai/o3"
    long_thought = "Janet has 16 eggs, eats 3 and bakes 4, so 9 are left; 9 times 2 dollars is 18."
    digest = "3b1f0c7e5d2a4b6c8e9f0a1b2c3d4e5f"
    o3 = []
    for epoch in (1, 2):
        o3.append(sample(1, epoch, model, reasoning_blocks(f"attachment://{digest}", "18"),
                         {"match": {"value": "C", "answer": "18"},
                          "model_graded_fact": {"value": "C"}},
                         sample_usage={model: usage(120, 300, cache_read=64, reasoning=280, cost=0.0031)},
                         output_usage=usage(120, 300, cache_read=64, reasoning=280),
                         attachments={digest: long_thought}))
        o3.append(sample(2, epoch, model, reasoning_blocks("Add 5 and 7.", "12" if epoch == 1 else "13"),
                         {"match": {"value": "C" if epoch == 1 else "I", "answer": "12"},
                          "model_graded_fact": {"value": "P"}},
                         sample_usage={model: usage(100, 150, reasoning=140, cost=0.0014)},
                         target="12"))
    archive(os.path.join(root, "traces/inspect/2025-09-14T09-30-00+00-00_gsm8k_o3.eval"),
            header("gsm8k", model, "0.3.210", 2, ["match", "model_graded_fact"]), o3, 93)

    old_model = "anthropic/claude-3-5-sonnet-20241022"
    old = [sample(1, 1, old_model, "The answer is 18.", {"match": {"value": "C"}},
                  output_usage=usage(90, 8, cache_write=1024)),
           sample(2, 1, old_model, "The answer is 11.", {"match": {"value": "I"}},
                  output_usage=usage(80, 8, cache_read=1024))]
    head = header("gsm8k", old_model, "0.3.55", 2, ["match"])
    head["eval"]["config"] = {}
    archive(os.path.join(root, "traces/inspect/2024-12-29T10-00-00+00-00_gsm8k_claude.eval"), head, old, 8)


def json_log(root):
    """traces/inspect/*.json: the single-document form, an older layout (no
    model_usage, string content), one NaN score (Python writes a bare NaN)
    and one sample without usage."""
    model = "google/gemini-2.5-flash"
    records = [sample("Mercury_7175875", 1, model, "ANSWER: C", {"choice": {"value": "C", "answer": "C"}},
                      output_usage=usage(96, 3), target="C"),
               sample("Mercury_417466", 1, model, "ANSWER: B", {"choice": {"value": float("nan")}},
                      output_usage=usage(88, 3), target="A"),
               sample("Mercury_7214498", 1, model, "ANSWER: D", {"choice": {"value": "I"}}, target="A")]
    log = header("arc_easy", model, "0.3.99", 3, ["choice"])
    log["samples"] = records
    with open(os.path.join(root, "traces/inspect/2025-03-20T08-00-00+00-00_arc-easy_gemini.json"), "w") as out:
        out.write(json.dumps(log, indent=2) + "\n")


def mixed_samples(root):
    """traces/mixed/: gsm8k answered by the two mixed-run models, one .eval each."""
    for model, answers, method in (("openai/gpt-4.1-mini", ("18", "7"), 93),
                                   ("google/gemini-2.5-flash", ("18", "12"), 8)):
        records = [sample(i + 1, 1, model, text, {"match": {"value": "C" if text in ("18", "12") else "I"}},
                          sample_usage={model: usage(50, 1)}, target=("18", "12")[i])
                   for i, text in enumerate(answers)]
        name = model.split("/")[1]
        archive(os.path.join(root, f"traces/mixed/inspect-gsm8k-{name}.eval"),
                header("gsm8k", model, "0.3.210", 2, ["match"]), records, method)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(os.path.join(root, "traces/inspect"), exist_ok=True)
    os.makedirs(os.path.join(root, "traces/mixed"), exist_ok=True)
    inspect_samples(root)
    json_log(root)
    mixed_samples(root)


if __name__ == "__main__":
    main()
