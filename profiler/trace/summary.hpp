#pragma once
// Summary tables: one row per model with aggregate figures, for when only a
// published table exists (Artificial Analysis, a leaderboard CSV), so that
// it lands on the same frontier as traces do.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "record.hpp"

namespace tokprof::trace {

struct ModelSummary {
  std::string model;
  double score = 0;
  // Output tokens over the whole run, or a mean per task when
  // `output_tokens_per_task` is set (see read_summary_table).
  double output_tokens = 0;
  // True when the table gave means per task and no task count to turn them
  // into totals; output_tokens, input_tokens and cost_usd are then per task.
  bool output_tokens_per_task = false;
  std::optional<double> cost_usd;
  std::optional<std::int64_t> task_count;
  std::optional<double> input_tokens;
  SourceLocation where;  // the table and the row's line
};

// Reads a summary table from `path`: CSV (or TSV, recognised by a header
// with tabs and no commas) with a header row, or JSON (an array of objects,
// or an object holding one under "models", "rows" or "data"). Column names
// are matched case-insensitively, with spaces and '-' read as '_', and with
// these aliases (first match wins):
//   model          model, model_name, name, model_id
//   score          score, intelligence_index, index, accuracy, win_rate
//   output tokens  output_tokens, total_output_tokens, tokens, output_tokens_used
//   mean per task  avg_tokens, avg_output_tokens, mean_output_tokens,
//                  tokens_per_task, output_tokens_per_task
//   cost           cost_usd, cost, total_cost, cost_to_run
//   mean cost      cost_per_task, avg_cost
//   task count     task_count, tasks, n_tasks, num_tasks
//   input tokens   input_tokens, total_input_tokens (mean: input_tokens_per_task)
// A total column wins over a mean one. A mean is multiplied by the task
// count when the row has one; without a task count, every figure of the
// table must be a mean, and the rows are marked output_tokens_per_task
// (a frontier over means per task is the frontier over totals when all
// models ran the same tasks, as on a leaderboard). Numbers may carry
// thousands separators, a leading '$' and a k/M/B suffix ("58M").
// Other columns are ignored. Errors name the file and line: a missing model,
// score or token column, a cell that is not a number, a model listed twice.
[[nodiscard]] Result<std::vector<ModelSummary>> read_summary_table(const std::string& path);

}  // namespace tokprof::trace
