#pragma once
// A mergeable quantile sketch with a relative error bound: DDSketch
// (Masson, Rim and Lee, "DDSketch: A Fast and Fully-Mergeable Quantile
// Sketch with Relative-Error Guarantees", VLDB 2019,
// https://arxiv.org/abs/1908.10693), for the planned --approx-quantiles mode
// of partial profiles (docs/scaling.md), where per-sample rows are too many.
//
// Buckets: with gamma = (1 + alpha) / (1 - alpha), a value x > 0 goes to
// bucket i = ceil(log_gamma(x)), which holds (gamma^(i-1), gamma^i]; zero
// has a bucket of its own. A bucket is read back as 2 gamma^i / (gamma + 1),
// which is within a relative alpha of every value in it.
//
// Guarantee (the paper's Proposition 3, tested in test_aggregate_sketch):
// for n values v sorted ascending and 0 <= q <= 1, quantile(q) returns the
// bucket of the value of rank r = floor(q (n - 1)), so
//     |quantile(q) - v[r]| <= alpha * v[r].
// tokprof's exact quantiles are type 7 (stats.hpp), interpolated between
// v[r] and v[r + 1]; against those the sketch is within
// [(1 - alpha) v[r], (1 + alpha) v[r + 1]].
//
// Merging adds bucket counts, so it is exact, associative and commutative:
// a sketch of the union of shards equals the merge of the shards' sketches,
// bucket for bucket, in any order. Size: one bucket per occupied power of
// gamma; token counts up to 10^6 at alpha = 0.01 use at most ~700.
//
// Rejected: KLL (rank error, not value error: a p90 of long answers could be
// off by many tokens, and its merge is randomised, so shards merged in
// another order give other answers).

#include <cstdint>
#include <map>
#include <optional>

#include "base/error.hpp"

namespace tokprof::aggregate {

class QuantileSketch {
 public:
  // Returns an empty sketch with relative accuracy `alpha`; an invalid
  // error unless 0 < alpha < 1.
  [[nodiscard]] static Result<QuantileSketch> create(double alpha);

  // Adds `value`; a negative or non-finite value is an invalid error (token
  // counts, costs and latencies are never negative), and so is a value
  // whose bucket index would pass 2^30 (e.g. 1e300 at alpha 1e-7).
  [[nodiscard]] Result<void> add(double value);

  // Adds the counts of `other`; an invalid error when its alpha differs.
  [[nodiscard]] Result<void> merge(const QuantileSketch& other);

  // Returns the value of quantile `q` (clamped to [0, 1]) within the bound
  // above; empty for an empty sketch.
  [[nodiscard]] std::optional<double> quantile(double q) const;

  [[nodiscard]] double alpha() const { return m_alpha; }
  [[nodiscard]] std::uint64_t count() const { return m_count; }

  // The counts by bucket index, and of zeros: what a serialised sketch holds.
  [[nodiscard]] const std::map<std::int32_t, std::uint64_t>& buckets() const { return m_buckets; }
  [[nodiscard]] std::uint64_t zeros() const { return m_zeros; }

  // Adds `count` values to bucket `index` (as read from a serialised
  // sketch).
  void add_to_bucket(std::int32_t index, std::uint64_t count);
  void add_zeros(std::uint64_t count);

 private:
  explicit QuantileSketch(double alpha);
  [[nodiscard]] double bucket_value(std::int32_t index) const;

  double m_alpha = 0.01;
  double m_log_gamma = 0;
  std::map<std::int32_t, std::uint64_t> m_buckets;
  std::uint64_t m_zeros = 0;
  std::uint64_t m_count = 0;
};

}  // namespace tokprof::aggregate
