#pragma once
// The statistics kernel: all figures of one group of rows, given as an index
// set. Keeping it a pure function of (rows, indices) is what lets a
// bootstrap (issue 9) resample keys and recompute every figure per
// replicate without touching the rest of the aggregation: an index may
// appear several times and then counts several times.
//
// The figures a replicate recomputes rest on CoreSums, which weigh each row
// by how often it was drawn: the bootstrap sums a model's rows once per
// replicate in key order with those weights instead of visiting every drawn
// row (bootstrap.hpp), and compute_figures uses the same sums with weight 1,
// so both follow one definition of each figure.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "profile.hpp"

namespace tokprof::aggregate {

// Whether to compute the token median and p90, which need a sort: the
// bootstrap has no interval for them and skips it in every replicate.
enum class Quantiles { computed, skipped };

// Computes the figures of `rows`[i] for every i in `indices`. With
// `average` macro the score is the mean over tasks (Row::task) of each
// task's mean score; tasks without a scored row do not count. Costs are set
// only when every row has one. With Quantiles::skipped, output.median and
// output.p90 stay empty.
[[nodiscard]] Figures compute_figures(std::span<const Row> rows, std::span<const std::size_t> indices,
                                      Average average, Quantiles quantiles = Quantiles::computed);

// The sum of the scores of a group's scored rows and how many there are.
struct ScoreSums {
  double sum = 0;
  std::int64_t count = 0;
};

// The sums behind samples, scored, correct, score, output total, mean and
// max, tokens per correct answer, score per million tokens and the three
// cost figures: everything a bootstrap replicate needs.
struct CoreSums {
  std::int64_t samples = 0;
  std::int64_t tokens = 0;
  std::int64_t max_tokens = 0;  // of rows with a non-zero weight
  std::int64_t correct = 0;
  std::int64_t scored_tokens = 0;
  ScoreSums scores;
  double cost = 0;
  double scored_cost = 0;  // of scored rows
  bool all_costed = true;  // every row with a non-zero weight has a cost

  // Adds a row `weight` times (0: not at all). `score` and `cost` are read
  // only when `scored` and `costed`. Branch-free, since in a bootstrap
  // about a third of the weights are 0 at random.
  void add(std::int64_t row_tokens, bool scored, double score, bool correct_row, bool costed,
           double row_cost, std::int64_t weight) {
    const std::int64_t scored_weight = scored ? weight : 0;
    samples += weight;
    tokens += row_tokens * weight;
    max_tokens = weight != 0 && row_tokens > max_tokens ? row_tokens : max_tokens;
    correct += correct_row ? scored_weight : 0;
    scored_tokens += row_tokens * scored_weight;
    scores.sum += scored ? score * static_cast<double>(weight) : 0.0;
    scores.count += scored_weight;
    all_costed = all_costed && (costed || weight == 0);
    const double weighted_cost = costed ? row_cost * static_cast<double>(weight) : 0.0;
    cost += weighted_cost;
    scored_cost += scored ? weighted_cost : 0.0;
  }

  // Adds the sums of another group of rows.
  void merge(const CoreSums& other);
};

// Sets the figures `sums` determine (see CoreSums) in `figures`. With
// `average` macro the score is the mean of the `per_task` means that have a
// scored row; with micro, `per_task` is not read.
void finish_core(const CoreSums& sums, std::span<const ScoreSums> per_task, Average average,
                 Figures& figures);

}  // namespace tokprof::aggregate
