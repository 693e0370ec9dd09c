#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "aggregate/figures.hpp"

using namespace tokprof::aggregate;

namespace {

// Rows of 3 tasks with every combination of scored, correct and costed, and
// a score of 0.25 steps so that sums of them are exact in binary.
std::vector<Row> mixed_rows(std::size_t count, std::mt19937_64& rng) {
  std::vector<Row> rows;
  for (std::size_t i = 0; i < count; ++i) {
    Row row;
    row.task = static_cast<std::uint32_t>(i % 3);
    row.tokens = static_cast<std::int64_t>(rng() % 5000);
    if (rng() % 4 != 0) {
      row.score = static_cast<double>(rng() % 5) * 0.25;
      row.correct = *row.score >= 1.0;
    }
    row.cost_usd = static_cast<double>(rng() % 1000) * 0.125;
    rows.push_back(row);
  }
  return rows;
}

CoreSums weighted(const std::vector<Row>& rows, const std::vector<std::int64_t>& weights) {
  CoreSums sums;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    sums.add(row.tokens, row.score.has_value(), row.score.value_or(0), row.correct,
             row.cost_usd.has_value(), row.cost_usd.value_or(0), weights[i]);
  }
  return sums;
}

}  // namespace

TEST_CASE("aggregate::CoreSums: a row of weight w counts as w copies of it (the bootstrap's kernel)") {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 50; ++round) {
    const std::vector<Row> rows = mixed_rows(1 + rng() % 40, rng);
    std::vector<std::int64_t> weights;
    std::vector<std::size_t> repeated;  // each index weight times
    for (std::size_t i = 0; i < rows.size(); ++i) {
      weights.push_back(static_cast<std::int64_t>(rng() % 4));
      repeated.insert(repeated.end(), static_cast<std::size_t>(weights.back()), i);
    }
    const Figures expected = compute_figures(rows, repeated, Average::micro, Quantiles::skipped);
    Figures actual;
    finish_core(weighted(rows, weights), {}, Average::micro, actual);
    CHECK(actual.samples == expected.samples);
    CHECK(actual.scored == expected.scored);
    CHECK(actual.correct == expected.correct);
    CHECK(actual.output.total == expected.output.total);
    CHECK(actual.output.max == expected.output.max);  // rows of weight 0 do not count
    CHECK(actual.output.mean == expected.output.mean);
    CHECK(actual.score == expected.score);
    CHECK(actual.tokens_per_correct == expected.tokens_per_correct);
    CHECK(actual.score_per_million_tokens == expected.score_per_million_tokens);
    CHECK(actual.cost_usd == expected.cost_usd);
    CHECK(actual.cost_per_sample_usd == expected.cost_per_sample_usd);
    CHECK(actual.cost_per_correct_usd == expected.cost_per_correct_usd);
  }
}

TEST_CASE("aggregate::CoreSums: an uncosted row of weight 0 keeps the costs; of weight 1 drops them") {
  std::vector<Row> rows(2);
  rows[0].tokens = 10;
  rows[0].cost_usd = 1.5;
  rows[1].tokens = 99;  // no cost
  Figures kept;
  finish_core(weighted(rows, {2, 0}), {}, Average::micro, kept);
  CHECK(kept.cost_usd == 3.0);
  CHECK(kept.output.max == 10);
  Figures dropped;
  finish_core(weighted(rows, {2, 1}), {}, Average::micro, dropped);
  CHECK_FALSE(dropped.cost_usd);
  CHECK(dropped.output.max == 99);
}

TEST_CASE("aggregate::CoreSums::merge of per-task sums gives the macro figures of the whole") {
  std::mt19937_64 rng(11);
  const std::vector<Row> rows = mixed_rows(60, rng);
  std::vector<std::size_t> all(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    all[i] = i;
  }
  const Figures expected = compute_figures(rows, all, Average::macro, Quantiles::skipped);
  CoreSums merged;
  std::vector<ScoreSums> per_task;
  for (std::size_t task = 0; task < 3; ++task) {
    std::vector<std::int64_t> weights(rows.size(), 0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      weights[i] = rows[i].task == task ? 1 : 0;
    }
    const CoreSums sums = weighted(rows, weights);
    per_task.push_back(sums.scores);
    merged.merge(sums);
  }
  Figures actual;
  finish_core(merged, per_task, Average::macro, actual);
  CHECK(actual.samples == expected.samples);
  CHECK(actual.output.total == expected.output.total);
  CHECK(actual.output.max == expected.output.max);
  CHECK(actual.correct == expected.correct);
  REQUIRE(actual.score);
  CHECK(*actual.score == doctest::Approx(*expected.score));
  REQUIRE(actual.cost_usd);
  CHECK(*actual.cost_usd == doctest::Approx(*expected.cost_usd));
}

TEST_CASE("aggregate::CompactOptional is empty only when unset, and zero is a value") {
  const CompactOptional<double> unset;
  CHECK_FALSE(unset.has_value());
  CHECK(unset.value_or(7.5) == 7.5);
  CHECK_FALSE(unset.get().has_value());
  const CompactOptional<double> zero = 0.0;
  CHECK(zero.has_value());
  CHECK(*zero == 0.0);
  CHECK(CompactOptional<double>(std::optional<double>(-2.5)).get() == std::optional<double>(-2.5));
  CHECK_FALSE(CompactOptional<double>(std::optional<double>()).has_value());

  const CompactOptional<std::int64_t> none;
  CHECK_FALSE(none);
  const CompactOptional<std::int64_t> count = std::int64_t{0};
  CHECK(count);
  CHECK(CompactOptional<std::int64_t>(std::optional<std::int64_t>(123)).value_or(0) == 123);
  CHECK(sizeof(CompactOptional<double>) == sizeof(double));
}
