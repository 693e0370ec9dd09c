#!/usr/bin/env python3
"""Checks an approximate JSON report (--approx-quantiles) against the exact
single-run report of the same traces, made with --per-sample --bootstrap 0.

usage: check_approx_report.py EXACT.json APPROX.json ALPHA

- Integer figures (counts, token totals, maxima, hidden reasoning, correct
  answers) and integer ratios (token means, tokens per correct answer) must be
  equal, bit for bit.
- Scores and costs are sums of doubles, which the approximate profile sums
  without rounding error: they must agree to a relative 1e-12.
- Every median and p90 must be within the documented bound (sketch.hpp,
  docs/scaling.md): within a relative ALPHA of the exact value of rank
  floor(q (n - 1)), hence within [(1 - ALPHA) v[r], (1 + ALPHA) v[r + 1]],
  the interval that holds the exact (type 7) quantile.
- The report must say it is approximate.
Approximate figures cover every sample of a model: they are compared with
the exact report's all_samples figures, and per task and frontier only when
the exact run's common set is every sample.
"""
import json
import math
import sys

INTEGER_FIELDS = [
    "samples", "scored", "correct", "counted_output_tokens", "counted_reasoning_tokens",
    "reported_output_samples", "reported_output_tokens", "reported_reasoning_samples",
    "reported_reasoning_tokens", "hidden_reasoning_tokens", "tokens_per_correct",
    "cost_output_only_samples", "cost_from_counted_samples"]
FLOAT_FIELDS = ["score", "score_per_million_tokens", "cost_usd", "cost_per_sample_usd",
                "cost_per_correct_usd", "reported_cost_usd"]

errors = []
checked = {"exact": 0, "float": 0, "quantile": 0}


def fail(message):
    errors.append(message)


def same(where, a, b):
    checked["exact"] += 1
    if a != b:
        fail(f"{where}: {a!r} != exact {b!r}")


def close(where, a, b):
    checked["float"] += 1
    if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-12 * max(abs(a), abs(b))):
        fail(f"{where}: {a!r} is not within 1e-12 of exact {b!r}")


def quantile_bound(where, approx, values, q, alpha):
    checked["quantile"] += 1
    values = sorted(values)
    rank = math.floor(q * (len(values) - 1))
    low, high = values[rank], values[min(rank + 1, len(values) - 1)]
    if approx is None or abs(approx - low) > alpha * low + 1e-9:
        fail(f"{where}: {approx!r} is not within a relative {alpha} of v[r] = {low}")
    elif not (1 - alpha) * low - 1e-9 <= approx <= (1 + alpha) * high + 1e-9:
        fail(f"{where}: {approx!r} is outside [(1 - a) {low}, (1 + a) {high}]")


def compare_figures(where, approx, exact, tokens, alpha):
    for field in INTEGER_FIELDS:
        same(f"{where}.{field}", approx[field], exact[field])
    for field in FLOAT_FIELDS:
        close(f"{where}.{field}", approx[field], exact[field])
    a, e = approx["output_tokens"], exact["output_tokens"]
    for field in ("total", "mean", "max"):
        same(f"{where}.output_tokens.{field}", a[field], e[field])
    if tokens:
        quantile_bound(f"{where}.output_tokens.median", a["median"], tokens, 0.5, alpha)
        quantile_bound(f"{where}.output_tokens.p90", a["p90"], tokens, 0.9, alpha)


def main():
    exact, approx = (json.load(open(path)) for path in sys.argv[1:3])
    alpha = float(sys.argv[3])
    settings = approx["settings"]
    same("settings.quantiles", settings.get("quantiles"), "approximate")
    same("settings.quantile_relative_accuracy", settings.get("quantile_relative_accuracy"), alpha)
    same("bootstrap", settings["bootstrap"], None)
    every_sample_common = exact["sample_set"]["common_keys"] == exact["sample_set"]["all_keys"]
    tokens = {}
    for row in exact["samples"]:
        tokens.setdefault((row["model"], None), []).append(row["output_tokens"])
        tokens.setdefault((row["model"], row["task"]), []).append(row["output_tokens"])
    exact_models = {m["model"]: m for m in exact["models"]}
    same("models", [m["model"] for m in approx["models"]], list(exact_models))
    for model in approx["models"]:
        name = model["model"]
        reference = exact_models[name]
        for field in ("origin", "tokens_source", "cost_source", "tokenizers", "price_key"):
            same(f"{name}.{field}", model[field], reference[field])
        same(f"{name}.intervals", model["intervals"], None)
        compare_figures(name, model["figures"], reference["all_samples"], tokens.get((name, None)), alpha)
        if every_sample_common and model["origin"] == "samples":
            same(f"{name}.tasks", [t["task"] for t in model["tasks"]], [t["task"] for t in reference["tasks"]])
            for task, task_reference in zip(model["tasks"], reference["tasks"]):
                compare_figures(f"{name}/{task['task']}", task["figures"], task_reference["figures"],
                                tokens[(name, task["task"])], alpha)
    if every_sample_common:
        for frontier in ("tokens", "cost"):
            same(f"frontiers.{frontier}", approx["frontiers"][frontier], exact["frontiers"][frontier])
    for message in errors:
        print(message, file=sys.stderr)
    if checked["quantile"] == 0 or checked["exact"] < 20:
        print("too few figures compared", checked, file=sys.stderr)
        return 1
    print(f"compared {checked['exact']} exact, {checked['float']} float and {checked['quantile']} quantile figures")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
