#include "figures.hpp"

#include <vector>

namespace tokprof::aggregate {

namespace {

// Everything compute_figures sums, gathered in one pass over the indices:
// the bootstrap calls it about 1e8 row-times on a large run, and the rows
// are visited in random order, so each extra pass cost as much again in
// cache misses (three passes took 38% of `profile` on 41k answers).
struct ScoreSums {
  double sum = 0;
  std::int64_t count = 0;
};

struct CostSums {
  double total = 0;
  double scored = 0;
  double reported = 0;
  bool all_costed = true;
  bool all_reported = true;
};

void add_token_counts(const Row& row, Figures& figures) {
  figures.counted_output += row.counted;
  figures.counted_reasoning += row.counted_reasoning;
  if (row.reported) {
    ++figures.reported_output_samples;
    figures.reported_output += *row.reported;
    figures.hidden_reasoning = figures.hidden_reasoning.value_or(0) + (*row.reported - row.counted);
  }
  if (row.reported_reasoning) {
    ++figures.reported_reasoning_samples;
    figures.reported_reasoning += *row.reported_reasoning;
  }
}

void add_cost(const Row& row, CostSums& costs, Figures& figures) {
  costs.all_costed = costs.all_costed && row.cost_usd.has_value();
  costs.all_reported = costs.all_reported && row.reported_cost_usd.has_value();
  costs.total += row.cost_usd.value_or(0);
  costs.scored += row.score ? row.cost_usd.value_or(0) : 0;
  costs.reported += row.reported_cost_usd.value_or(0);
  figures.cost_output_only_samples += row.cost_output_only ? 1 : 0;
  figures.cost_from_counted_samples += row.cost_from_counted ? 1 : 0;
}

void add_score(const Row& row, ScoreSums& overall, std::vector<ScoreSums>& per_task) {
  overall.sum += *row.score;
  ++overall.count;
  if (row.task >= per_task.size()) {
    per_task.resize(row.task + 1);
  }
  per_task[row.task].sum += *row.score;
  ++per_task[row.task].count;
}

std::optional<double> mean_score(const ScoreSums& overall, const std::vector<ScoreSums>& per_task,
                                 Average average) {
  if (overall.count == 0) {
    return std::nullopt;
  }
  if (average == Average::micro) {
    return overall.sum / static_cast<double>(overall.count);
  }
  double sum_of_means = 0;
  std::size_t tasks = 0;
  for (const ScoreSums& sums : per_task) {
    if (sums.count > 0) {
      sum_of_means += sums.sum / static_cast<double>(sums.count);
      ++tasks;
    }
  }
  return sum_of_means / static_cast<double>(tasks);
}

// Sets the cost figures; leaves them empty unless every row has one.
void set_costs(const CostSums& costs, std::size_t samples, Figures& figures) {
  if (samples == 0) {
    return;
  }
  if (costs.all_costed) {
    figures.cost_usd = costs.total;
    figures.cost_per_sample_usd = costs.total / static_cast<double>(samples);
    figures.cost_per_correct_usd = ratio(costs.scored, static_cast<double>(figures.correct));
  }
  if (costs.all_reported) {
    figures.reported_cost_usd = costs.reported;
  }
}

}  // namespace

Figures compute_figures(std::span<const Row> rows, std::span<const std::size_t> indices,
                        Average average, Quantiles quantiles) {
  Figures figures;
  figures.samples = static_cast<std::int64_t>(indices.size());
  // Reused: the bootstrap calls this per replicate and group.
  thread_local std::vector<std::int64_t> tokens;
  thread_local std::vector<ScoreSums> per_task;
  tokens.clear();
  per_task.clear();
  ScoreSums overall;
  CostSums costs;
  std::int64_t scored_tokens = 0;
  for (const std::size_t index : indices) {
    const Row& row = rows[index];
    tokens.push_back(row.tokens);
    add_token_counts(row, figures);
    if (row.score) {
      ++figures.scored;
      scored_tokens += row.tokens;
      figures.correct += row.correct ? 1 : 0;
      add_score(row, overall, per_task);
    }
    add_cost(row, costs, figures);
  }
  figures.output = quantiles == Quantiles::computed ? token_stats(tokens) : token_sums(tokens);
  figures.score = mean_score(overall, per_task, average);
  figures.tokens_per_correct =
      ratio(static_cast<double>(scored_tokens), static_cast<double>(figures.correct));
  if (figures.score && figures.output.total > 0) {
    figures.score_per_million_tokens =
        *figures.score / (static_cast<double>(figures.output.total) / 1e6);
  }
  set_costs(costs, indices.size(), figures);
  return figures;
}

}  // namespace tokprof::aggregate
