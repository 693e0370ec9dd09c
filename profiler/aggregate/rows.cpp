#include "rows.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

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

namespace {

// Returns, per sample, the index of its file in `files`, which it fills
// with the distinct files in the order they first appear.
std::vector<std::uint32_t> index_files(const std::vector<Sample>& samples, std::vector<std::string>& files) {
  FirstSeen seen = number_first_seen(samples, [](const Sample& sample) -> const std::string& { return sample.file; });
  files.assign(seen.values.begin(), seen.values.end());
  return std::move(seen.of_sample);
}

// Returns, per sample, the index of its row in the rows' canonical order,
// (profile model, key): a key is unique per model. Two counting sorts, by
// key and then stably by model, in place of sorting the rows themselves
// (144 bytes each, and 330k of them for 1 GB of traces).
std::vector<std::size_t> row_positions(const Alignment& alignment, const std::vector<std::size_t>& profile_model) {
  const std::vector<std::size_t>& sample_key = alignment.sample_key;
  std::vector<std::size_t> next(alignment.keys.size() + 1, 0);
  for (const std::size_t key : sample_key) {
    ++next[key + 1];
  }
  std::partial_sum(next.begin(), next.end(), next.begin());
  std::vector<std::size_t> by_key(sample_key.size());
  for (std::size_t i = 0; i < sample_key.size(); ++i) {
    by_key[next[sample_key[i]]++] = i;
  }
  const std::size_t models = profile_model.empty() ? 0 : *std::max_element(profile_model.begin(), profile_model.end()) + 1;
  next.assign(models + 1, 0);
  for (const std::size_t model : alignment.sample_model) {
    ++next[profile_model[model] + 1];
  }
  std::partial_sum(next.begin(), next.end(), next.begin());
  std::vector<std::size_t> position(sample_key.size());
  for (const std::size_t i : by_key) {
    position[i] = next[profile_model[alignment.sample_model[i]]]++;
  }
  return position;
}

Row make_row(const Sample& sample, std::size_t model, std::size_t key, const Alignment& alignment,
             const ModelChoice& choice, double correct_at) {
  Row row;
  row.model = model;
  row.key = key;
  row.task = alignment.keys[key].task;
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
  row.line = sample.line;
  return row;
}

}  // namespace

Result<std::vector<Row>> make_rows(const std::vector<Sample>& samples, const Alignment& alignment,
                                   const std::vector<ModelChoice>& choices,
                                   const std::vector<std::size_t>& profile_model,
                                   double correct_at, std::vector<std::string>& files) {
  // Checked in input order, so that the error is the first bad sample's.
  for (const Sample& sample : samples) {
    TOKPROF_TRY(validate_sample(sample));
  }
  const std::vector<std::uint32_t> file_of = index_files(samples, files);
  // A canonical order (keys are unique per model) makes every floating-point
  // sum independent of the input order, so partial profiles merged in any
  // order give the same bytes.
  // Each row is written to its place while the samples are read in input
  // order: reading them in row order instead jumps around 200-byte samples.
  const std::vector<std::size_t> position = row_positions(alignment, profile_model);
  std::vector<Row> rows(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const std::size_t model = alignment.sample_model[i];
    Row& row = rows[position[i]];
    row = make_row(samples[i], profile_model[model], alignment.sample_key[i], alignment, choices[model], correct_at);
    row.file = file_of[i];
  }
  return rows;
}

}  // namespace tokprof::aggregate
