#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "aggregate/stats.hpp"

using namespace tokprof::aggregate;

TEST_CASE("aggregate::quantile_sorted") {
  const std::vector<std::int64_t> values = {100, 200, 300, 400, 500, 600};
  SUBCASE("type 7: h = (n - 1) p, linear between ranks") {
    CHECK(*quantile_sorted(values, 0.5) == doctest::Approx(350));  // mean of the middle two
    CHECK(*quantile_sorted(values, 0.9) == doctest::Approx(550));  // h = 4.5
    CHECK(*quantile_sorted(values, 0.0) == 100);
    CHECK(*quantile_sorted(values, 1.0) == 600);
  }
  SUBCASE("odd count: the median is the middle value") {
    const std::vector<std::int64_t> odd = {1, 5, 9};
    CHECK(*quantile_sorted(odd, 0.5) == 5);
    CHECK(*quantile_sorted(odd, 0.9) == doctest::Approx(8.2));  // h = 1.8: 5 + 0.8 * 4
  }
  SUBCASE("one value and no value") {
    const std::vector<std::int64_t> one = {42};
    CHECK(*quantile_sorted(one, 0.9) == 42);
    CHECK_FALSE(quantile_sorted(std::vector<std::int64_t>{}, 0.5));
  }
  SUBCASE("p outside [0, 1] is clamped") {
    CHECK(*quantile_sorted(values, 2.0) == 600);
    CHECK(*quantile_sorted(values, -1.0) == 100);
  }
}

TEST_CASE("aggregate::token_sums agrees with token_stats without the quantiles") {
  std::vector<std::int64_t> values = {30, 10, 50, 20, 40};
  const TokenStats sums = token_sums(values);
  const TokenStats stats = token_stats(values);
  CHECK(sums.total == stats.total);
  CHECK(sums.mean == stats.mean);
  CHECK(sums.max == stats.max);
  CHECK_FALSE(sums.median);
  CHECK_FALSE(sums.p90);
  CHECK_FALSE(token_sums({}).max);
}

TEST_CASE("aggregate::token_stats") {
  std::vector<std::int64_t> values = {600, 100, 500, 200, 400, 300};
  const TokenStats stats = token_stats(values);
  CHECK(stats.total == 2100);
  CHECK(*stats.mean == doctest::Approx(350));
  CHECK(*stats.median == doctest::Approx(350));
  CHECK(*stats.p90 == doctest::Approx(550));
  CHECK(*stats.max == 600);

  std::vector<std::int64_t> none;
  const TokenStats empty = token_stats(none);
  CHECK(empty.total == 0);
  CHECK_FALSE(empty.mean);
  CHECK_FALSE(empty.max);
}

TEST_CASE("aggregate::token_stats selects the same quantiles as sorting") {
  // Unsorted, with repeats, and sizes where h = (n - 1) p falls on a rank
  // and between ranks: the selected ranks must be those of the sorted list.
  std::uint64_t state = 12345;
  for (const std::size_t count : {1U, 2U, 3U, 10U, 11U, 101U, 1000U}) {
    std::vector<std::int64_t> values(count);
    for (std::int64_t& value : values) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      value = static_cast<std::int64_t>((state >> 33) % 50);
    }
    std::vector<std::int64_t> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const TokenStats stats = token_stats(values);
    CAPTURE(count);
    CHECK(*stats.median == *quantile_sorted(sorted, 0.5));
    CHECK(*stats.p90 == *quantile_sorted(sorted, 0.9));
    CHECK(*stats.max == sorted.back());
  }
}
