// The DDSketch quantile sketch (sketch.hpp): its relative error bound on
// skewed and discrete data, exact and order-independent merging, and the
// values it refuses.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "aggregate/sketch.hpp"

using namespace tokprof::aggregate;

namespace {

QuantileSketch sketch_of(const std::vector<double>& values, double alpha) {
  auto sketch = QuantileSketch::create(alpha);
  REQUIRE(sketch);
  for (const double value : values) {
    REQUIRE(sketch->add(value));
  }
  return *sketch;
}

// Token-count-like data: log-normal lengths rounded to integers, with some
// empty answers and a few very long ones.
std::vector<double> token_counts(std::mt19937_64& rng, std::size_t n) {
  std::lognormal_distribution<double> length(6.0, 1.1);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> values;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = unit(rng);
    values.push_back(u < 0.03 ? 0.0 : u > 0.995 ? std::round(length(rng) * 40) : std::round(length(rng)));
  }
  return values;
}

void check_bound(const QuantileSketch& sketch, std::vector<double> values) {
  std::sort(values.begin(), values.end());
  for (int step = 0; step <= 200; ++step) {
    const double q = step / 200.0;
    const auto rank = static_cast<std::size_t>(std::floor(q * static_cast<double>(values.size() - 1)));
    const double exact = values[rank];
    const auto estimate = sketch.quantile(q);
    REQUIRE(estimate);
    INFO("q = " << q << ", exact " << exact << ", estimate " << *estimate);
    // The bound, with room for the rounding of one log and one exp.
    CHECK(std::abs(*estimate - exact) <= sketch.alpha() * exact * (1 + 1e-9));
  }
}

}  // namespace

TEST_CASE("aggregate::QuantileSketch::quantile keeps its relative error bound") {
  std::mt19937_64 rng(11);
  for (const double alpha : {0.001, 0.01, 0.05, 0.2}) {
    SUBCASE(("alpha " + std::to_string(alpha)).c_str()) {
      for (const std::size_t n : {1U, 2U, 7U, 1000U, 20000U}) {
        const auto values = token_counts(rng, n);
        check_bound(sketch_of(values, alpha), values);
      }
    }
  }
  SUBCASE("bucket boundaries and tiny and huge values") {
    const double alpha = 0.01;
    const double gamma = (1 + alpha) / (1 - alpha);
    std::vector<double> values;
    for (int i = -40; i <= 2000; i += 7) {
      values.push_back(std::pow(gamma, i));
    }
    values.push_back(1e-300);
    values.push_back(1e300);
    check_bound(sketch_of(values, alpha), values);
  }
}

TEST_CASE("aggregate::QuantileSketch::merge is exact and order-independent") {
  std::mt19937_64 rng(12);
  const auto values = token_counts(rng, 5000);
  const QuantileSketch whole = sketch_of(values, 0.01);
  for (int round = 0; round < 10; ++round) {
    // Random shards, some empty, merged in a random order.
    const std::size_t shards = 1 + rng() % 6;
    std::vector<std::vector<double>> parts(shards);
    for (const double value : values) {
      parts[rng() % shards].push_back(value);
    }
    std::shuffle(parts.begin(), parts.end(), rng);
    QuantileSketch merged = *QuantileSketch::create(0.01);
    for (const auto& part : parts) {
      REQUIRE(merged.merge(sketch_of(part, 0.01)));
    }
    CHECK(merged.count() == whole.count());
    CHECK(merged.zeros() == whole.zeros());
    CHECK(merged.buckets() == whole.buckets());
    for (const double q : {0.0, 0.5, 0.9, 0.99, 1.0}) {
      CHECK(merged.quantile(q) == whole.quantile(q));
    }
  }
}

TEST_CASE("aggregate::QuantileSketch refuses what it cannot hold") {
  CHECK_FALSE(QuantileSketch::create(0));
  CHECK_FALSE(QuantileSketch::create(1));
  CHECK_FALSE(QuantileSketch::create(std::nan("")));
  QuantileSketch sketch = *QuantileSketch::create(0.01);
  CHECK_FALSE(sketch.quantile(0.5));
  CHECK_FALSE(sketch.add(-1));
  CHECK_FALSE(sketch.add(INFINITY));
  CHECK_FALSE(sketch.add(std::nan("")));
  CHECK(sketch.count() == 0);
  const auto other = QuantileSketch::create(0.02);
  REQUIRE(other);
  const auto refused = sketch.merge(*other);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == "cannot merge quantile sketches of relative accuracy 0.01 and 0.02");
  REQUIRE(sketch.add(0));
  CHECK(sketch.quantile(1) == 0.0);
  QuantileSketch fine = *QuantileSketch::create(1e-9);
  CHECK_FALSE(fine.add(1e300));
  CHECK(fine.add(1.5));
}
