#!/usr/bin/env python3
"""Checks a tokprof JSON report of the Arena-Hard v0.1 answers against the
published leaderboard CSV, without using any tokprof code:

* every model in both has avg_tokens == floor(mean counted output tokens over
  all its answers) (the leaderboard floors the mean of cl100k_base token_len);
* every model's score is the leaderboard score;
* the token frontier in the report is the Pareto set recomputed here by brute
  force from the report's own per-model totals and scores, and it equals the
  Pareto set of the leaderboard's (avg_tokens, score) pairs.

usage: check_leaderboard.py REPORT.json LEADERBOARD.csv
"""
import csv
import json
import math
import sys


def pareto(points):
    """Names of the points no other point dominates (fewer or equal tokens and
    higher or equal score, strictly better in one)."""
    front = set()
    for name, (tokens, score) in points.items():
        dominated = any(
            t <= tokens and s >= score and (t < tokens or s > score)
            for other, (t, s) in points.items()
            if other != name
        )
        if not dominated:
            front.add(name)
    return front


def main(report_path, leaderboard_path):
    report = json.load(open(report_path))
    board = {row["model"]: row for row in csv.DictReader(open(leaderboard_path))}
    models = {m["model"]: m for m in report["models"]}
    errors = []
    compared = 0
    for name, model in models.items():
        row = board.get(name)
        if row is None:
            if model["figures"]["score"] is not None:
                errors.append(f"{name}: has a score but is not on the leaderboard")
            continue
        compared += 1
        mean = model["all_samples"]["output_tokens"]["mean"]
        if math.floor(mean) != int(float(row["avg_tokens"])):
            errors.append(f"{name}: floor(mean) {math.floor(mean)} != avg_tokens {row['avg_tokens']}")
        if model["figures"]["score"] != float(row["score"]):
            errors.append(f"{name}: score {model['figures']['score']} != {row['score']}")
        if model["intervals"]["score"] is not None:
            errors.append(f"{name}: a leaderboard score has no sampling interval")
    if compared != 9:
        errors.append(f"compared {compared} models, expected 9")

    scored = {n: m for n, m in models.items() if m["figures"]["score"] is not None}
    from_report = pareto({n: (m["figures"]["output_tokens"]["total"], m["figures"]["score"])
                          for n, m in scored.items()})
    from_board = pareto({n: (float(board[n]["avg_tokens"]), float(board[n]["score"]))
                         for n in scored})
    flagged = {n for n, m in models.items() if m["frontier"]["tokens"] and m["frontier"]["tokens"]["on_frontier"]}
    if flagged != from_report:
        errors.append(f"report frontier {sorted(flagged)} != recomputed {sorted(from_report)}")
    if from_report != from_board:
        errors.append(f"frontier {sorted(from_report)} != leaderboard frontier {sorted(from_board)}")
    for error in errors:
        print(error)
    print(f"{compared} models checked; frontier: {', '.join(sorted(from_report))}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
