#pragma once
// Approximate partial profiles (--approx-quantiles, issue 8): what a shard
// contributes when per-sample rows would be too many. Per (model, task) the
// exact integer sums and counts every figure of the report is made of, the
// score and reported-cost sums without rounding error (exact_sum.hpp), the
// token counts a price table needs to cost them later, exact maxima, and
// DDSketches (sketch.hpp) of the output tokens for the median and p90.
// Its size depends on the number of models, tasks and distinct token
// magnitudes, never on the number of samples.
//
// Everything here adds up: merging is adding counts, sums and sketch
// buckets, so shards merge in any order to the same figures, and the
// figures equal those of the sketch of all the samples at once.
//
// What it cannot hold: sample keys. So there is no common-sample alignment
// (every model is reported on all of its samples), no bootstrap, and no
// duplicate check across shards (approx_profile.hpp says so in the report).

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "exact_sum.hpp"
#include "sample.hpp"
#include "sketch.hpp"

namespace tokprof::aggregate {

// The relative accuracy of --approx-quantiles without a value: a median of
// 1,000 tokens is reported within 990..1,010 (plus the interpolation gap,
// sketch.hpp), and a sketch of token counts stays under ~700 buckets.
inline constexpr double k_default_quantile_accuracy = 0.01;

// Exact sums over a group of samples.
struct GroupSums {
  std::int64_t samples = 0;
  std::int64_t counted_output = 0;
  std::int64_t counted_reasoning = 0;
  std::int64_t reported_output_samples = 0;
  std::int64_t reported_output = 0;
  std::int64_t counted_of_reported = 0;  // counted output of those samples: hidden reasoning
  std::int64_t reported_reasoning_samples = 0;
  std::int64_t reported_reasoning = 0;
  std::int64_t scored = 0;
  std::int64_t correct = 0;
  std::int64_t non_binary_scores = 0;  // scores other than 0 and 1
  ExactSum score;
  std::int64_t reported_cost_samples = 0;
  ExactSum reported_cost;
  // The parts of cost_of_usage (prices.hpp), priced when the report is made:
  // the formula is linear in them once each sample's clamps are applied.
  std::int64_t input_samples = 0;        // samples with reported input
  std::int64_t uncached_input = 0;       // max(0, input - cache_read - cache_write)
  std::int64_t cache_read = 0;           // of samples with reported input
  std::int64_t cache_write = 0;
  std::int64_t priced_output = 0;        // output (reported, else counted) of samples without reported reasoning
  std::int64_t priced_output_with_reasoning = 0;  // the same, of samples with reported reasoning
  std::int64_t priced_reasoning = 0;     // min(reasoning, output) of those

  void add(const GroupSums& other);
  bool operator==(const GroupSums&) const = default;
};

// One (model, task): sums over all its samples and over the scored ones
// (tokens and cost per correct answer), exact maxima, and sketches of the
// counted and of the reported output tokens (the latter over the samples
// that report them).
struct ApproxCell {
  GroupSums all;
  GroupSums scored;
  std::optional<std::int64_t> max_counted;
  std::optional<std::int64_t> max_reported;
  QuantileSketch counted;
  QuantileSketch reported;

  explicit ApproxCell(double alpha);
  [[nodiscard]] Result<void> merge(const ApproxCell& other);
  bool operator==(const ApproxCell& other) const;
};

// How a model's samples were counted.
struct ModelCounting {
  std::set<std::string> tokenizers;
  bool tokenizer_exact = true;
  bool operator==(const ModelCounting&) const = default;
};

struct ApproxSums {
  double alpha = k_default_quantile_accuracy;
  std::map<std::pair<std::string, std::string>, ApproxCell> cells;  // by (model, task)
  std::map<std::string, ModelCounting> models;

  // Adds `other`; an invalid error when its alpha differs.
  [[nodiscard]] Result<void> merge(const ApproxSums& other);
  bool operator==(const ApproxSums&) const = default;
};

// Reduces `samples` to sums and sketches of relative accuracy `alpha`; a
// sample is correct at score >= `correct_at`. Fails, naming the sample, on
// a negative token count or a non-finite score or cost.
[[nodiscard]] Result<ApproxSums> approx_sums(const std::vector<Sample>& samples, double alpha,
                                             double correct_at);

}  // namespace tokprof::aggregate
