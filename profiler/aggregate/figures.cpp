#include "figures.hpp"

#include <vector>

namespace tokprof::aggregate {

namespace {

// Everything compute_figures sums beyond CoreSums, gathered in the same one
// pass over the indices: the rows may be visited in any order, and each
// extra pass costs as much again in cache misses.
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

struct ReportedCost {
  double total = 0;
  bool all_reported = true;
};

void add_cost_details(const Row& row, ReportedCost& reported, Figures& figures) {
  reported.all_reported = reported.all_reported && row.reported_cost_usd.has_value();
  reported.total += row.reported_cost_usd.value_or(0);
  figures.cost_output_only_samples += row.cost_output_only ? 1 : 0;
  figures.cost_from_counted_samples += row.cost_from_counted ? 1 : 0;
}

void add_task_score(const Row& row, std::vector<ScoreSums>& per_task) {
  if (row.task >= per_task.size()) {
    per_task.resize(row.task + 1);
  }
  per_task[row.task].sum += *row.score;
  ++per_task[row.task].count;
}

std::optional<double> mean_score(const ScoreSums& overall, std::span<const ScoreSums> per_task,
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

}  // namespace

void CoreSums::merge(const CoreSums& other) {
  max_tokens = other.samples > 0 && other.max_tokens > max_tokens ? other.max_tokens : max_tokens;
  samples += other.samples;
  tokens += other.tokens;
  correct += other.correct;
  scored_tokens += other.scored_tokens;
  scores.sum += other.scores.sum;
  scores.count += other.scores.count;
  cost += other.cost;
  scored_cost += other.scored_cost;
  all_costed = all_costed && other.all_costed;
}

void finish_core(const CoreSums& sums, std::span<const ScoreSums> per_task, Average average,
                 Figures& figures) {
  figures.samples = sums.samples;
  figures.scored = sums.scores.count;
  figures.correct = sums.correct;
  figures.output.total = sums.tokens;
  if (sums.samples > 0) {
    figures.output.mean = static_cast<double>(sums.tokens) / static_cast<double>(sums.samples);
    figures.output.max = sums.max_tokens;
  }
  figures.score = mean_score(sums.scores, per_task, average);
  figures.tokens_per_correct =
      ratio(static_cast<double>(sums.scored_tokens), static_cast<double>(sums.correct));
  if (figures.score && sums.tokens > 0) {
    figures.score_per_million_tokens = *figures.score / (static_cast<double>(sums.tokens) / 1e6);
  }
  // Costs are set only when every row has one.
  if (sums.samples > 0 && sums.all_costed) {
    figures.cost_usd = sums.cost;
    figures.cost_per_sample_usd = sums.cost / static_cast<double>(sums.samples);
    figures.cost_per_correct_usd = ratio(sums.scored_cost, static_cast<double>(sums.correct));
  }
}

Figures compute_figures(std::span<const Row> rows, std::span<const std::size_t> indices,
                        Average average, Quantiles quantiles) {
  Figures figures;
  // Reused across calls.
  thread_local std::vector<std::int64_t> tokens;
  thread_local std::vector<ScoreSums> per_task;
  tokens.clear();
  per_task.clear();
  CoreSums sums;
  ReportedCost reported;
  for (const std::size_t index : indices) {
    const Row& row = rows[index];
    sums.add(row.tokens, row.score.has_value(), row.score.value_or(0), row.correct,
             row.cost_usd.has_value(), row.cost_usd.value_or(0), 1);
    if (quantiles == Quantiles::computed) {
      tokens.push_back(row.tokens);
    }
    if (row.score && average == Average::macro) {
      add_task_score(row, per_task);
    }
    add_token_counts(row, figures);
    add_cost_details(row, reported, figures);
  }
  finish_core(sums, per_task, average, figures);
  if (quantiles == Quantiles::computed) {
    figures.output = token_stats(tokens);
  }
  if (!indices.empty() && reported.all_reported) {
    figures.reported_cost_usd = reported.total;
  }
  return figures;
}

}  // namespace tokprof::aggregate
