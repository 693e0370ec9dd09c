#include "sketch.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace tokprof::aggregate {
namespace {

// Bucket indices fit an int32 with room to spare for the merge of sums.
constexpr double k_max_index = 1 << 30;

}  // namespace

QuantileSketch::QuantileSketch(double alpha)
    : m_alpha(alpha), m_log_gamma(std::log((1 + alpha) / (1 - alpha))) {}

Result<QuantileSketch> QuantileSketch::create(double alpha) {
  if (!(alpha > 0 && alpha < 1)) {
    return make_error(ErrorKind::invalid,
                      fmt::format("a quantile sketch needs a relative accuracy between 0 and 1, not {}", alpha));
  }
  return QuantileSketch(alpha);
}

Result<void> QuantileSketch::add(double value) {
  if (!(value >= 0) || !std::isfinite(value)) {
    return make_error(ErrorKind::invalid, fmt::format("a quantile sketch takes no value {}", value));
  }
  if (value == 0) {
    add_zeros(1);
    return {};
  }
  const double index = std::ceil(std::log(value) / m_log_gamma);
  if (std::abs(index) > k_max_index) {  // only with a tiny alpha and an extreme value
    return make_error(ErrorKind::invalid,
                      fmt::format("{} is out of the range of a quantile sketch of relative accuracy {}", value, m_alpha));
  }
  add_to_bucket(static_cast<std::int32_t>(index), 1);
  return {};
}

void QuantileSketch::add_to_bucket(std::int32_t index, std::uint64_t count) {
  m_buckets[index] += count;
  m_count += count;
}

void QuantileSketch::add_zeros(std::uint64_t count) {
  m_zeros += count;
  m_count += count;
}

Result<void> QuantileSketch::merge(const QuantileSketch& other) {
  if (other.m_alpha != m_alpha) {
    return make_error(ErrorKind::invalid, fmt::format("cannot merge quantile sketches of relative accuracy {} and {}",
                                                      m_alpha, other.m_alpha));
  }
  for (const auto& [index, count] : other.m_buckets) {
    add_to_bucket(index, count);
  }
  add_zeros(other.m_zeros);
  return {};
}

double QuantileSketch::bucket_value(std::int32_t index) const {
  // 2 gamma^i / (gamma + 1), i.e. the midpoint in relative terms of
  // (gamma^(i-1), gamma^i]; computed through exp so that large indices do
  // not lose precision to repeated multiplication.
  const double gamma = std::exp(m_log_gamma);
  return 2 * std::exp(m_log_gamma * index) / (gamma + 1);
}

std::optional<double> QuantileSketch::quantile(double q) const {
  if (m_count == 0) {
    return std::nullopt;
  }
  const double clamped = std::clamp(q, 0.0, 1.0);
  // The value of 0-based rank floor(q (n - 1)): the first bucket whose
  // running count passes it.
  const auto rank = static_cast<std::uint64_t>(std::floor(clamped * static_cast<double>(m_count - 1)));
  if (rank < m_zeros) {
    return 0.0;
  }
  std::uint64_t seen = m_zeros;
  for (const auto& [index, count] : m_buckets) {
    seen += count;
    if (seen > rank) {
      return bucket_value(index);
    }
  }
  return bucket_value(m_buckets.rbegin()->first);  // unreachable: the counts sum to m_count
}

}  // namespace tokprof::aggregate
