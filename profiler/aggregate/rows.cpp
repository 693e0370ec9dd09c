#include "rows.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

namespace tokprof::aggregate {

namespace {

Unexpected sample_error(const Sample& sample, const std::string& message) {
  return make_error_at(ErrorKind::invalid, fmt::format("model \"{}\": {}", sample.model, message),
                       sample.file, sample.line);
}

}  // namespace

Result<void> validate_sample(const Sample& sample) {
  const ReportedUsage& usage = sample.usage;
  const std::optional<std::int64_t> counts[] = {sample.counted_output_tokens,
                                                sample.counted_reasoning_tokens,
                                                usage.input,
                                                usage.output,
                                                usage.reasoning,
                                                usage.cache_read,
                                                usage.cache_write};
  for (const auto& count : counts) {
    if (count && *count < 0) {
      return sample_error(sample, fmt::format("negative token count {}", *count));
    }
  }
  if (sample.score && !std::isfinite(*sample.score)) {
    return sample_error(sample, "score is not a finite number");
  }
  if (sample.reported_cost_usd &&
      (!std::isfinite(*sample.reported_cost_usd) || *sample.reported_cost_usd < 0)) {
    return sample_error(sample, "reported cost is not a non-negative number");
  }
  return {};
}

void choose_cost(ModelChoice& choice, const std::string& model, bool every_sample_has_cost,
                 const Options& options) {
  if (options.prices) {
    PriceMatch match = options.prices->find(model);
    if (match.price) {
      choice.cost = CostSource::prices;
      choice.price = match.price;
      choice.price_key = match.key;
      return;
    }
    choice.ambiguous_keys = std::move(match.ambiguous);
  }
  if (every_sample_has_cost) {
    choice.cost = CostSource::trace;
  }
}

Result<std::vector<ModelChoice>> choose_models(const std::vector<Sample>& samples,
                                               const Alignment& alignment,
                                               const Options& options) {
  const std::size_t model_count = alignment.models.size();
  std::vector<ModelChoice> choices(model_count);
  std::vector<bool> every_cost(model_count, true);
  std::vector<std::set<std::string>> tokenizers(model_count);
  std::vector<const Sample*> first_without(model_count, nullptr);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const Sample& sample = samples[i];
    const std::size_t model = alignment.sample_model[i];
    ModelChoice& choice = choices[model];
    if (!sample.usage.output) {
      ++choice.without_reported_output;
      first_without[model] = first_without[model] ? first_without[model] : &sample;
    }
    every_cost[model] = every_cost[model] && sample.reported_cost_usd.has_value();
    tokenizers[model].insert(sample.tokenizer);
    choice.tokenizer_exact = choice.tokenizer_exact && sample.tokenizer_exact;
  }
  for (std::size_t model = 0; model < model_count; ++model) {
    ModelChoice& choice = choices[model];
    const bool all_reported = choice.without_reported_output == 0;
    if (options.tokens == TokensMode::reported && !all_reported) {
      return sample_error(*first_without[model],
                          fmt::format("tokens source \"reported\" needs reported output tokens, "
                                      "but {} samples have none (the first is here)",
                                      choice.without_reported_output));
    }
    const bool use_reported = options.tokens == TokensMode::reported ||
                              (options.tokens == TokensMode::automatic && all_reported);
    choice.tokens = use_reported ? TokensSource::reported : TokensSource::counted;
    choice.tokenizers.assign(tokenizers[model].begin(), tokenizers[model].end());
    choose_cost(choice, alignment.models[model], every_cost[model], options);
  }
  return choices;
}

Result<std::vector<Row>> make_rows(const std::vector<Sample>& samples, const Alignment& alignment,
                                   const std::vector<ModelChoice>& choices,
                                   const std::vector<std::size_t>& profile_model,
                                   double correct_at, std::vector<std::string>& files) {
  std::vector<Row> rows;
  rows.reserve(samples.size());
  files.clear();
  std::unordered_map<std::string_view, std::uint32_t> file_index;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const Sample& sample = samples[i];
    TOKPROF_TRY(validate_sample(sample));
    const std::size_t model = alignment.sample_model[i];
    const ModelChoice& choice = choices[model];
    Row row;
    row.model = profile_model[model];
    row.key = alignment.sample_key[i];
    row.task = alignment.keys[row.key].task;
    row.counted = sample.counted_output_tokens;
    row.counted_reasoning = sample.counted_reasoning_tokens;
    row.reported = sample.usage.output;
    row.reported_reasoning = sample.usage.reasoning;
    row.tokens = choice.tokens == TokensSource::reported ? *sample.usage.output : row.counted;
    row.score = sample.score;
    row.correct = sample.score && *sample.score >= correct_at;
    row.reported_cost_usd = sample.reported_cost_usd;
    if (choice.cost == CostSource::prices) {
      const SampleCost cost = cost_of_usage(*choice.price, sample.usage, row.counted);
      row.cost_usd = cost.usd;
      row.cost_output_only = cost.output_only;
      row.cost_from_counted = !sample.usage.output;
    } else if (choice.cost == CostSource::trace) {
      row.cost_usd = sample.reported_cost_usd;
    }
    const auto [file, added] = file_index.try_emplace(sample.file, static_cast<std::uint32_t>(files.size()));
    if (added) {
      files.push_back(sample.file);
    }
    row.file = file->second;
    row.line = sample.line;
    rows.push_back(std::move(row));
  }
  // A canonical order (keys are unique per model) makes every floating-point
  // sum independent of the input order, so partial profiles merged in any
  // order give the same bytes.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.model != b.model ? a.model < b.model : a.key < b.key;
  });
  return rows;
}

}  // namespace tokprof::aggregate
