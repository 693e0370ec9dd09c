#include "stats.hpp"

#include <algorithm>
#include <cmath>

namespace tokprof::aggregate {

std::optional<double> quantile_sorted(std::span<const std::int64_t> sorted, double p) {
  if (sorted.empty()) {
    return std::nullopt;
  }
  const double clamped = std::clamp(p, 0.0, 1.0);
  const double h = static_cast<double>(sorted.size() - 1) * clamped;
  const auto low = static_cast<std::size_t>(std::floor(h));
  // (n - 1) * p carries binary noise (6 * 0.9 = 5.3999...): round it off so
  // that the p90 of {100..600} is 550, not 549.99999999999994.
  const double fraction = std::round((h - static_cast<double>(low)) * 1e9) / 1e9;
  const auto low_value = static_cast<double>(sorted[low]);
  if (low + 1 >= sorted.size() || fraction == 0.0) {
    return low_value;
  }
  return low_value + fraction * (static_cast<double>(sorted[low + 1]) - low_value);
}

TokenStats token_stats(std::vector<std::int64_t>& values) {
  TokenStats stats;
  for (const std::int64_t value : values) {
    stats.total += value;
  }
  if (values.empty()) {
    return stats;
  }
  std::sort(values.begin(), values.end());
  stats.mean = static_cast<double>(stats.total) / static_cast<double>(values.size());
  stats.median = quantile_sorted(values, 0.5);
  stats.p90 = quantile_sorted(values, 0.9);
  stats.max = values.back();
  return stats;
}

TokenStats token_sums(const std::vector<std::int64_t>& values) {
  TokenStats stats;
  for (const std::int64_t value : values) {
    stats.total += value;
  }
  if (!values.empty()) {
    stats.mean = static_cast<double>(stats.total) / static_cast<double>(values.size());
    stats.max = *std::max_element(values.begin(), values.end());
  }
  return stats;
}

std::optional<double> ratio(double numerator, double denominator) {
  if (denominator == 0.0) {
    return std::nullopt;
  }
  return numerator / denominator;
}

}  // namespace tokprof::aggregate
