#pragma once
// The only place the modules meet: trace files are read (trace/), their
// texts counted (tokenizer/), and the numbers handed on as Sample rows
// (aggregate/). Reading is sequential per file; counting runs on threads.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aggregate/approx.hpp"
#include "aggregate/partial.hpp"
#include "aggregate/sample.hpp"
#include "aggregate/sample_table.hpp"
#include "base/error.hpp"
#include "tokenizer_cache.hpp"
#include "trace/reader.hpp"

namespace tokprof::cli {

struct ScanOptions {
  trace::ReadOptions read;
  std::vector<trace::ScoreTable> scores;  // joined by (model, sample id)
  std::size_t threads = 0;                // 0: every core
  bool keep_going = false;                // skip bad records instead of stopping
  std::map<std::string, std::string> model_aliases;  // --alias: model names read as others
  std::string default_task;  // --task: for records without one; empty: none
  // --approx-quantiles: each counted batch is reduced to ScanResult::approx
  // at once and its samples dropped, so memory does not grow with the run;
  // a sample is correct at score >= correct_at.
  std::optional<double> approx_alpha;
  double correct_at = 1.0;
};

// A partial profile carries the skipped records as they are, so that
// `tokprof merge` reports them as the single run does.
using SkippedRecord = aggregate::SkippedEntry;

struct ScanResult {
  aggregate::SampleTable samples;  // empty with approx_alpha
  std::optional<aggregate::ApproxSums> approx;  // set with approx_alpha
  std::vector<aggregate::SummaryRow> summaries;
  std::vector<std::string> warnings;
  std::vector<SkippedRecord> skipped;  // bad records (--keep-going)
  std::int64_t records = 0;
  std::int64_t bytes_of_text = 0;
};

// Reads every file of `files` (already expanded) and returns its samples.
// Without keep_going the first bad record is the Error; with it, bad
// records are skipped and listed.
[[nodiscard]] Result<ScanResult> scan_traces(const std::vector<std::string>& files, const ScanOptions& options,
                                             TokenizerCache& tokenizers);

}  // namespace tokprof::cli
