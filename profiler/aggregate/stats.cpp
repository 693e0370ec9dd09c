#include "stats.hpp"

#include <algorithm>
#include <cmath>

namespace tokprof::aggregate {

namespace {

// Where the type-7 quantile `p` of `count` sorted values falls: between the
// values of rank `low` and `low + 1`, at `fraction` of the way.
struct QuantilePosition {
  std::size_t low = 0;
  double fraction = 0.0;
};

QuantilePosition quantile_position(std::size_t count, double p) {
  const double clamped = std::clamp(p, 0.0, 1.0);
  const double h = static_cast<double>(count - 1) * clamped;
  const auto low = static_cast<std::size_t>(std::floor(h));
  // (n - 1) * p carries binary noise (6 * 0.9 = 5.3999...): round it off so
  // that the p90 of {100..600} is 550, not 549.99999999999994.
  const double fraction = std::round((h - static_cast<double>(low)) * 1e9) / 1e9;
  return {low, low + 1 >= count ? 0.0 : fraction};
}

double interpolate(std::int64_t low_value, std::int64_t high_value, double fraction) {
  const auto low = static_cast<double>(low_value);
  if (fraction == 0.0) {
    return low;
  }
  return low + fraction * (static_cast<double>(high_value) - low);
}

// Returns the type-7 quantile `p` of the non-empty `values`, which it
// reorders: it selects the one or two values of the ranks it needs, in
// linear time, where sorting them all would take n log n.
double quantile_selected(std::vector<std::int64_t>& values, double p) {
  const QuantilePosition at = quantile_position(values.size(), p);
  const auto low = values.begin() + static_cast<std::ptrdiff_t>(at.low);
  std::nth_element(values.begin(), low, values.end());
  if (at.fraction == 0.0) {
    return static_cast<double>(*low);
  }
  // Everything after `low` is now at least *low: the next rank is their least.
  return interpolate(*low, *std::min_element(low + 1, values.end()), at.fraction);
}

}  // namespace

std::optional<double> quantile_sorted(std::span<const std::int64_t> sorted, double p) {
  if (sorted.empty()) {
    return std::nullopt;
  }
  const QuantilePosition at = quantile_position(sorted.size(), p);
  if (at.fraction == 0.0) {
    return static_cast<double>(sorted[at.low]);
  }
  return interpolate(sorted[at.low], sorted[at.low + 1], at.fraction);
}

TokenStats token_stats(std::vector<std::int64_t>& values) {
  TokenStats stats;
  for (const std::int64_t value : values) {
    stats.total += value;
  }
  if (values.empty()) {
    return stats;
  }
  stats.mean = static_cast<double>(stats.total) / static_cast<double>(values.size());
  stats.median = quantile_selected(values, 0.5);
  stats.p90 = quantile_selected(values, 0.9);
  stats.max = *std::max_element(values.begin(), values.end());
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
