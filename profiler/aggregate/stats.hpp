#pragma once
// Order statistics and means used by every figure in a profile.
//
// Quantiles use linear interpolation between closest ranks (Hyndman & Fan
// type 7, the default of numpy, R and Excel's PERCENTILE.INC): for n sorted
// values v[0..n-1] and 0 <= p <= 1, h = (n - 1) * p and the quantile is
// v[floor(h)] + (h - floor(h)) * (v[floor(h) + 1] - v[floor(h)]). The median
// is the p = 0.5 quantile, so for an even n it is the mean of the two middle
// values. Type 7 was chosen because planners check figures in a spreadsheet
// or a notebook, and this is what those compute by default.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace tokprof::aggregate {

// Returns the type-7 quantile `p` (clamped to [0, 1]) of `sorted`, which
// must be in ascending order; empty when `sorted` is empty.
[[nodiscard]] std::optional<double> quantile_sorted(std::span<const std::int64_t> sorted, double p);

// Summary of a list of token counts.
struct TokenStats {
  std::int64_t total = 0;
  std::optional<double> mean;
  std::optional<double> median;
  std::optional<double> p90;
  std::optional<std::int64_t> max;
};

// Returns the total, mean, median, p90 and max of `values` (any order;
// `values` is reordered: the quantiles select their ranks, in linear time,
// instead of sorting). All but the total are empty for no values.
[[nodiscard]] TokenStats token_stats(std::vector<std::int64_t>& values);

// Returns the total, mean and max of `values` without sorting; median and
// p90 stay empty.
[[nodiscard]] TokenStats token_sums(const std::vector<std::int64_t>& values);

// Returns `numerator` / `denominator`, or empty when `denominator` is 0.
[[nodiscard]] std::optional<double> ratio(double numerator, double denominator);

}  // namespace tokprof::aggregate
