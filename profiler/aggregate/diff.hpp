#pragma once
// Comparing two runs: `tokprof diff` and `tokprof check` read two JSON
// reports (schema tokprof.report/1) into Snapshots and compare them here.
//
// Noise rule: the two runs are independent bootstraps, so the interval of a
// change after - before is the change ± sqrt(h_before² + h_after²), h being
// the half-width of each run's interval (half-widths add in quadrature, as
// standard errors do). A change is beyond noise when that interval excludes
// 0. When both runs answered the same prompts the true interval is narrower,
// so the rule errs towards calling a change noise. Without intervals in
// either report, no change is flagged.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "profile.hpp"

namespace tokprof::aggregate {

// The figures of one model, or one model on one task, in a report.
struct SnapshotFigures {
  std::int64_t samples = 0;
  std::optional<double> score;
  std::optional<double> mean_tokens;  // output tokens per sample
  std::optional<double> cost_per_sample;
  std::optional<Interval> score_interval;
  std::optional<Interval> mean_tokens_interval;
  std::optional<Interval> cost_per_sample_interval;
};

struct SnapshotTask {
  std::string task;
  SnapshotFigures figures;
};

struct SnapshotModel {
  std::string model;
  SnapshotFigures figures;
  std::vector<SnapshotTask> tasks;
};

// What diff and check need from one report.
struct Snapshot {
  std::string source;  // the file it was read from
  std::optional<double> confidence;
  std::vector<SnapshotModel> models;
};

// Parses the JSON report `text` read from `source`; fails on malformed
// JSON or another schema, naming `source`.
[[nodiscard]] Result<Snapshot> parse_snapshot(std::string_view text, const std::string& source);

// One figure before and after.
struct Change {
  std::optional<double> before;
  std::optional<double> after;
  std::optional<double> relative;    // after / before - 1
  std::optional<Interval> interval;  // of after - before (noise rule above)
  bool beyond_noise = false;
};

struct DiffEntry {
  std::string model;
  std::string task;  // empty for the model as a whole
  Change tokens;     // mean output tokens per sample
  Change score;
  Change cost;  // cost per sample
};

struct Diff {
  std::vector<DiffEntry> entries;  // each model, then its tasks, by name
  std::vector<std::string> added;    // models only in `after`
  std::vector<std::string> removed;  // models only in `before`
};

// Compares every model and task present in both snapshots.
[[nodiscard]] Diff diff_snapshots(const Snapshot& before, const Snapshot& after);

// Returns one sentence per entry with a change beyond noise: "gpt-4o now
// spends 23% more output tokens on math, score unchanged". A model's only
// task gets no sentence of its own: it would repeat the model's.
[[nodiscard]] std::vector<std::string> diff_headlines(const Diff& diff);

// Thresholds of `tokprof check`; an empty one is not checked.
struct CheckLimits {
  std::optional<double> max_token_increase;  // fraction: 0.10 for 10%
  std::optional<double> min_score;
  std::optional<double> max_cost_per_task;   // USD per sample
};

// Returns one line per breach of `limits` by `current` (token increases
// against `baseline`, which they need; a model of `baseline` missing from
// `current` is a breach too); empty when every check passes.
[[nodiscard]] std::vector<std::string> check_limits(const Snapshot* baseline, const Snapshot& current,
                                                    const CheckLimits& limits);

}  // namespace tokprof::aggregate
