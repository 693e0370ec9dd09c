#pragma once
// The numeric rows aggregation works on. The CLI turns each trace record
// into a Sample once its tokens are counted, so nothing here holds text; a
// published summary table becomes SummaryRows instead.
//
// Samples are the unit of aggregation on purpose: a partial profile (issue 8)
// is a list of Samples, merging partials is concatenating them, and a
// resampling loop (issue 9) re-runs the same statistics on index sets of them.

#include <cstdint>
#include <optional>
#include <string>

#include "base/strings.hpp"

namespace tokprof::aggregate {

// API-reported token usage in tokprof's canonical convention, field by field
// the same as trace::Usage (aggregate must not depend on trace):
// - `input` counts every prompt token; `cache_read` and `cache_write` are
//   parts of it, never additions to it;
// - `output` counts every generated token; `reasoning` is a part of it.
// A field the trace does not have stays empty.
struct ReportedUsage {
  std::optional<std::int64_t> input;
  std::optional<std::int64_t> output;
  std::optional<std::int64_t> reasoning;
  std::optional<std::int64_t> cache_read;
  std::optional<std::int64_t> cache_write;

  // Returns true if no field is set.
  [[nodiscard]] bool empty() const {
    return !input && !output && !reasoning && !cache_read && !cache_write;
  }
};

// One model answer, reduced to numbers. (model, task, sample_id, epoch) must
// be unique: it is the key that pairs the answers of different models.
struct Sample {
  std::string model;      // as the trace names it ("gpt-4o-2024-08-06")
  std::string task;       // benchmark, eval or category; may be empty
  std::string sample_id;  // the item's id within its task
  std::int64_t epoch = 1; // repeated runs of one item

  // BPE count of the visible answer plus the visible reasoning, and the
  // visible reasoning part of it. An empty answer counts 0 tokens.
  std::int64_t counted_output_tokens = 0;
  std::int64_t counted_reasoning_tokens = 0;

  ReportedUsage usage;
  std::optional<double> score;              // usually 0/1 or in [0, 1]
  std::optional<double> reported_cost_usd;  // cost the trace itself reports

  std::string tokenizer;         // encoding the counts come from ("o200k_base")
  bool tokenizer_exact = false;  // true if it is the model's own tokenizer

  SharedString file;      // where the record came from, for messages (shared by its copies)
  std::int64_t line = 0;  // 1-based, or 0 when unknown
};

// A model known only from an aggregate table (a leaderboard, a published
// index): it lands on the same frontier as the sample-based models but takes
// no part in sample alignment.
struct SummaryRow {
  std::string model;
  std::optional<double> score;
  std::int64_t output_tokens = 0;    // total over the whole evaluation
  std::optional<double> cost_usd;    // total cost, when published
  std::optional<std::int64_t> tasks; // number of items, when published

  std::string file;
  std::int64_t line = 0;
};

// Returns "file:line", "file" or "" for `file` and `line`, as messages show it.
[[nodiscard]] std::string format_location(const std::string& file, std::int64_t line);

}  // namespace tokprof::aggregate
