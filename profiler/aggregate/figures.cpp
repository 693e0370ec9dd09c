#include "figures.hpp"

#include <vector>

namespace tokprof::aggregate {

namespace {

struct ScoreSums {
  double sum = 0;
  std::int64_t count = 0;
};

std::optional<double> mean_score(std::span<const Row> rows, std::span<const std::size_t> indices,
                                 Average average) {
  ScoreSums overall;
  // Indexed by task; reused, since the bootstrap calls this per replicate.
  thread_local std::vector<ScoreSums> per_task;
  per_task.clear();
  for (const std::size_t index : indices) {
    const Row& row = rows[index];
    if (!row.score) {
      continue;
    }
    overall.sum += *row.score;
    ++overall.count;
    if (row.task >= per_task.size()) {
      per_task.resize(row.task + 1);
    }
    ScoreSums& task = per_task[row.task];
    task.sum += *row.score;
    ++task.count;
  }
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

// Sums the costs; leaves them empty unless every row has one.
void add_costs(std::span<const Row> rows, std::span<const std::size_t> indices, Figures& figures) {
  double total = 0;
  double scored = 0;
  double reported = 0;
  bool all_costed = true;
  bool all_reported = true;
  for (const std::size_t index : indices) {
    const Row& row = rows[index];
    all_costed = all_costed && row.cost_usd.has_value();
    all_reported = all_reported && row.reported_cost_usd.has_value();
    total += row.cost_usd.value_or(0);
    scored += row.score ? row.cost_usd.value_or(0) : 0;
    reported += row.reported_cost_usd.value_or(0);
    figures.cost_output_only_samples += row.cost_output_only ? 1 : 0;
    figures.cost_from_counted_samples += row.cost_from_counted ? 1 : 0;
  }
  if (indices.empty()) {
    return;
  }
  if (all_costed) {
    figures.cost_usd = total;
    figures.cost_per_sample_usd = total / static_cast<double>(indices.size());
    figures.cost_per_correct_usd = ratio(scored, static_cast<double>(figures.correct));
  }
  if (all_reported) {
    figures.reported_cost_usd = reported;
  }
}

}  // namespace

Figures compute_figures(std::span<const Row> rows, std::span<const std::size_t> indices,
                        Average average, Quantiles quantiles) {
  Figures figures;
  figures.samples = static_cast<std::int64_t>(indices.size());
  // Reused: the bootstrap calls this per replicate and group.
  thread_local std::vector<std::int64_t> tokens;
  tokens.clear();
  std::int64_t scored_tokens = 0;
  for (const std::size_t index : indices) {
    const Row& row = rows[index];
    tokens.push_back(row.tokens);
    add_token_counts(row, figures);
    if (row.score) {
      ++figures.scored;
      scored_tokens += row.tokens;
      figures.correct += row.correct ? 1 : 0;
    }
  }
  figures.output = quantiles == Quantiles::computed ? token_stats(tokens) : token_sums(tokens);
  figures.score = mean_score(rows, indices, average);
  figures.tokens_per_correct =
      ratio(static_cast<double>(scored_tokens), static_cast<double>(figures.correct));
  if (figures.score && figures.output.total > 0) {
    figures.score_per_million_tokens =
        *figures.score / (static_cast<double>(figures.output.total) / 1e6);
  }
  add_costs(rows, indices, figures);
  return figures;
}

}  // namespace tokprof::aggregate
