// build_approx_profile (approx_profile.hpp): the figures of figures.cpp,
// computed from sums and sketches instead of rows.

#include "approx_profile.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "bootstrap.hpp"
#include "profile_parts.hpp"
#include "rows.hpp"
#include "warnings.hpp"

namespace tokprof::aggregate {
namespace {

// One group of cells (a model, or a model on one task), merged.
struct MergedCells {
  ApproxCell cell;
  std::vector<std::optional<double>> task_scores;  // each cell's mean score, for the macro average
};

MergedCells merge_cells(const std::vector<const ApproxCell*>& cells, double alpha) {
  MergedCells merged{ApproxCell(alpha), {}};
  for (const ApproxCell* cell : cells) {
    (void)merged.cell.merge(*cell);  // same alpha: ApproxSums holds one
    merged.task_scores.push_back(ratio(cell->all.score.value(), static_cast<double>(cell->all.scored)));
  }
  return merged;
}

std::optional<double> mean_score(const MergedCells& cells, Average average) {
  const GroupSums& all = cells.cell.all;
  if (all.scored == 0) {
    return std::nullopt;
  }
  if (average == Average::micro) {
    return all.score.value() / static_cast<double>(all.scored);
  }
  double sum_of_means = 0;
  std::size_t tasks = 0;
  for (const auto& score : cells.task_scores) {
    if (score) {
      sum_of_means += *score;
      ++tasks;
    }
  }
  return sum_of_means / static_cast<double>(tasks);
}

// cost_of_usage (prices.hpp) over a group's clamped token sums.
double priced_cost(const ModelPrice& price, const GroupSums& sums) {
  const auto as_double = [](std::int64_t value) { return static_cast<double>(value); };
  double usd = as_double(sums.uncached_input) * price.input +
               as_double(sums.cache_read) * price.cache_read.value_or(price.input) +
               as_double(sums.cache_write) * price.cache_write.value_or(price.input);
  if (price.reasoning) {
    usd += as_double(sums.priced_output + sums.priced_output_with_reasoning - sums.priced_reasoning) * price.output +
           as_double(sums.priced_reasoning) * *price.reasoning;
  } else {
    usd += as_double(sums.priced_output + sums.priced_output_with_reasoning) * price.output;
  }
  return usd;
}

void add_costs(const ApproxCell& cell, const ModelChoice& choice, Figures& figures) {
  const GroupSums& all = cell.all;
  if (all.samples == 0) {
    return;
  }
  std::optional<double> total;
  std::optional<double> scored;
  if (choice.cost == CostSource::prices) {
    total = priced_cost(*choice.price, all);
    scored = priced_cost(*choice.price, cell.scored);
    figures.cost_output_only_samples = all.samples - all.input_samples;
    figures.cost_from_counted_samples = all.samples - all.reported_output_samples;
  } else if (choice.cost == CostSource::trace) {
    total = all.reported_cost.value();
    scored = cell.scored.reported_cost.value();
  }
  if (total) {
    figures.cost_usd = total;
    figures.cost_per_sample_usd = *total / static_cast<double>(all.samples);
    figures.cost_per_correct_usd = ratio(*scored, static_cast<double>(figures.correct));
  }
  if (all.reported_cost_samples == all.samples) {
    figures.reported_cost_usd = all.reported_cost.value();
  }
}

TokenStats token_stats(const ApproxCell& cell, bool reported) {
  TokenStats stats;
  const QuantileSketch& sketch = reported ? cell.reported : cell.counted;
  stats.total = reported ? cell.all.reported_output : cell.all.counted_output;
  if (cell.all.samples > 0) {
    stats.mean = static_cast<double>(stats.total) / static_cast<double>(cell.all.samples);
    stats.median = sketch.quantile(0.5);
    stats.p90 = sketch.quantile(0.9);
    stats.max = reported ? cell.max_reported : cell.max_counted;
  }
  return stats;
}

Figures approx_figures(const MergedCells& cells, const ModelChoice& choice, Average average) {
  const GroupSums& all = cells.cell.all;
  const bool reported = choice.tokens == TokensSource::reported;
  Figures figures;
  figures.samples = all.samples;
  figures.scored = all.scored;
  figures.correct = all.correct;
  figures.score = mean_score(cells, average);
  figures.output = token_stats(cells.cell, reported);
  figures.counted_output = all.counted_output;
  figures.counted_reasoning = all.counted_reasoning;
  figures.reported_output_samples = all.reported_output_samples;
  figures.reported_output = all.reported_output;
  figures.reported_reasoning_samples = all.reported_reasoning_samples;
  figures.reported_reasoning = all.reported_reasoning;
  if (all.reported_output_samples > 0) {
    figures.hidden_reasoning = all.reported_output - all.counted_of_reported;
  }
  const GroupSums& scored = cells.cell.scored;
  const std::int64_t scored_tokens = reported ? scored.reported_output : scored.counted_output;
  figures.tokens_per_correct = ratio(static_cast<double>(scored_tokens), static_cast<double>(figures.correct));
  if (figures.score && figures.output.total > 0) {
    figures.score_per_million_tokens = *figures.score / (static_cast<double>(figures.output.total) / 1e6);
  }
  add_costs(cells.cell, choice, figures);
  return figures;
}

// Settles a model's tokens source and cost source, as choose_models does.
Result<ModelChoice> choose_model(const std::string& model, const GroupSums& all, const ModelCounting& counting,
                                 const Options& options) {
  ModelChoice choice;
  choice.without_reported_output = all.samples - all.reported_output_samples;
  if (options.tokens == TokensMode::reported && choice.without_reported_output > 0) {
    return make_error(ErrorKind::invalid, fmt::format("model \"{}\": tokens source \"reported\" needs reported output "
                                                      "tokens, but {} samples have none",
                                                      model, choice.without_reported_output));
  }
  const bool use_reported = options.tokens == TokensMode::reported ||
                            (options.tokens == TokensMode::automatic && choice.without_reported_output == 0);
  choice.tokens = use_reported ? TokensSource::reported : TokensSource::counted;
  choice.tokenizers.assign(counting.tokenizers.begin(), counting.tokenizers.end());
  choice.tokenizer_exact = counting.tokenizer_exact;
  choose_cost(choice, model, all.reported_cost_samples == all.samples, options);
  return choice;
}

// The cells of each model, in task order (ApproxSums sorts by (model, task)).
std::map<std::string, std::vector<std::pair<std::string, const ApproxCell*>>> cells_by_model(const ApproxSums& sums) {
  std::map<std::string, std::vector<std::pair<std::string, const ApproxCell*>>> by_model;
  for (const auto& [key, cell] : sums.cells) {
    by_model[key.first].emplace_back(key.second, &cell);
  }
  return by_model;
}

struct SampleModel {
  ModelChoice choice;
  bool binary = true;
};

Result<SampleModel> fill_model(ModelProfile& model, const std::vector<std::pair<std::string, const ApproxCell*>>& cells,
                               const ApproxSums& sums, const Options& options) {
  std::vector<const ApproxCell*> all_cells;
  for (const auto& [task, cell] : cells) {
    all_cells.push_back(cell);
  }
  const MergedCells merged = merge_cells(all_cells, sums.alpha);
  const auto counting = sums.models.find(model.model);
  TOKPROF_TRY_ASSIGN(const ModelChoice choice,
                     choose_model(model.model, merged.cell.all,
                                  counting != sums.models.end() ? counting->second : ModelCounting{}, options));
  model.tokens_source = choice.tokens;
  model.cost_source = choice.cost;
  model.price_key = choice.price_key;
  model.tokenizers = choice.tokenizers;
  model.tokenizer_exact = choice.tokenizer_exact;
  model.all = approx_figures(merged, choice, options.average);
  model.figures = model.all;
  model.coverage.samples = merged.cell.all.samples;
  for (const auto& [task, cell] : cells) {
    model.tasks.push_back(TaskFigures{task, approx_figures(merge_cells({cell}, sums.alpha), choice, Average::micro)});
  }
  return SampleModel{choice, merged.cell.all.non_binary_scores == 0};
}

std::string approximate_warning(double alpha) {
  return fmt::format("approximate mode (--approx-quantiles {}): medians and p90s are DDSketch estimates within a "
                     "relative {} of the exact ones; every model is reported on all of its samples (no "
                     "common-sample alignment), and bootstrap intervals, frontier stability and paired comparisons "
                     "are left out: they need per-sample rows",
                     alpha, alpha);
}

}  // namespace

Result<Profile> build_approx_profile(const ApproxSums& sums, const std::vector<SummaryRow>& summaries,
                                     const Options& options) {
  if (options.correct_at && !std::isfinite(*options.correct_at)) {
    return make_error(ErrorKind::invalid, "the correct-at threshold must be a finite number");
  }
  const auto by_model = cells_by_model(sums);
  std::vector<std::string> sample_models;
  std::set<std::string> tasks;
  for (const auto& [model, cells] : by_model) {
    sample_models.push_back(model);
    for (const auto& [task, cell] : cells) {
      tasks.insert(task);
    }
  }
  TOKPROF_TRY_ASSIGN(const auto index, model_index(sample_models, summaries));

  Profile profile;
  profile.average = options.average;
  profile.correct_at = options.correct_at.value_or(1.0);
  profile.tokens_mode = options.tokens;
  profile.price_source = options.prices ? options.prices->source() : std::string();
  profile.sample_set = by_model.empty() ? SampleSet::common : SampleSet::all;
  profile.quantile_accuracy = sums.alpha;
  profile.tasks.assign(tasks.begin(), tasks.end());
  profile.models.resize(index.size());
  for (const SummaryRow& row : summaries) {
    profile.models[index.at(row.model)] = summary_model(row);
  }
  std::vector<ModelChoice> choices(index.size());
  std::vector<bool> binary(index.size(), true);
  for (const auto& [model, cells] : by_model) {
    const std::size_t position = index.at(model);
    profile.models[position].model = model;
    TOKPROF_TRY_ASSIGN(const SampleModel filled, fill_model(profile.models[position], cells, sums, options));
    choices[position] = filled.choice;
    binary[position] = filled.binary;
  }
  apply_model_scores(profile, options.model_scores);
  add_frontiers(profile);
  if (options.baseline) {
    TOKPROF_TRY(add_baseline(profile, *options.baseline));
  }
  profile.warnings = collect_approx_warnings(profile, choices, binary, options);
  profile.warnings.insert(profile.warnings.begin(), approximate_warning(sums.alpha));
  if (options.volume_per_month) {
    TOKPROF_TRY(add_projection(profile, *options.volume_per_month));
  }
  return profile;
}

}  // namespace tokprof::aggregate
