#include "rows.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <set>

#include <fmt/format.h>

namespace tokprof::aggregate {

namespace {

Unexpected sample_error(const Sample& sample, const std::string& message) {
  return make_error_at(ErrorKind::invalid, fmt::format("model \"{}\": {}", sample.model, message),
                       sample.file, sample.line);
}

// Returns what is wrong with a sample's numbers, or nothing.
std::optional<std::string> number_problem(std::int64_t counted_output, std::int64_t counted_reasoning,
                                          const ReportedUsage& usage, std::optional<double> score,
                                          std::optional<double> reported_cost) {
  const std::optional<std::int64_t> counts[] = {counted_output,   counted_reasoning, usage.input,
                                                usage.output,     usage.reasoning,   usage.cache_read,
                                                usage.cache_write};
  for (const auto& count : counts) {
    if (count && *count < 0) {
      return fmt::format("negative token count {}", *count);
    }
  }
  if (score && !std::isfinite(*score)) {
    return "score is not a finite number";
  }
  if (reported_cost && (!std::isfinite(*reported_cost) || *reported_cost < 0)) {
    return "reported cost is not a non-negative number";
  }
  return std::nullopt;
}

// Fails on the first sample, in input order, whose numbers are bad.
Result<void> validate_samples(const SampleTable& samples) {
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const SampleTable::Entry& entry = samples[i];
    if (auto problem = number_problem(entry.counted_output_tokens, entry.counted_reasoning_tokens,
                                      entry.reported_usage(), entry.score_value(), entry.reported_cost())) {
      return sample_error(samples.sample(i), *problem);
    }
  }
  return {};
}

}  // namespace

Result<void> validate_sample(const Sample& sample) {
  if (auto problem = number_problem(sample.counted_output_tokens, sample.counted_reasoning_tokens, sample.usage,
                                    sample.score, sample.reported_cost_usd)) {
    return sample_error(sample, *problem);
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

Result<std::vector<ModelChoice>> choose_models(const SampleTable& samples, const Alignment& alignment,
                                               const Options& options) {
  const std::size_t model_count = alignment.models.size();
  std::vector<ModelChoice> choices(model_count);
  std::vector<bool> every_cost(model_count, true);
  std::vector<std::set<std::uint32_t>> tokenizers(model_count);
  std::vector<std::optional<std::size_t>> first_without(model_count);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const SampleTable::Entry& sample = samples[i];
    const std::size_t model = alignment.sample_model[i];
    ModelChoice& choice = choices[model];
    if (!sample.reported_output()) {
      ++choice.without_reported_output;
      first_without[model] = first_without[model] ? first_without[model] : i;
    }
    every_cost[model] = every_cost[model] && sample.reported_cost().has_value();
    tokenizers[model].insert(sample.tokenizer);
    choice.tokenizer_exact = choice.tokenizer_exact && sample.tokenizer_exact;
  }
  for (std::size_t model = 0; model < model_count; ++model) {
    ModelChoice& choice = choices[model];
    const bool all_reported = choice.without_reported_output == 0;
    if (options.tokens == TokensMode::reported && !all_reported) {
      return sample_error(samples.sample(*first_without[model]),
                          fmt::format("tokens source \"reported\" needs reported output tokens, "
                                      "but {} samples have none (the first is here)",
                                      choice.without_reported_output));
    }
    const bool use_reported = options.tokens == TokensMode::reported ||
                              (options.tokens == TokensMode::automatic && all_reported);
    choice.tokens = use_reported ? TokensSource::reported : TokensSource::counted;
    for (const std::uint32_t tokenizer : tokenizers[model]) {
      choice.tokenizers.push_back(samples.tokenizers()[tokenizer]);
    }
    std::sort(choice.tokenizers.begin(), choice.tokenizers.end());
    choose_cost(choice, alignment.models[model], every_cost[model], options);
  }
  return choices;
}

namespace {

// Returns, per sample, the index of its row in the rows' canonical order,
// (profile model, key): a key is unique per model. Two counting sorts, by
// key and then stably by model, in place of sorting the rows themselves
// (144 bytes each, and 330k of them for 1 GB of traces).
std::vector<std::uint32_t> row_positions(const Alignment& alignment, const std::vector<std::size_t>& profile_model) {
  const std::vector<std::uint32_t>& sample_key = alignment.sample_key;
  std::vector<std::uint32_t> next(alignment.keys.size() + 1, 0);
  for (const std::uint32_t key : sample_key) {
    ++next[key + 1];
  }
  std::partial_sum(next.begin(), next.end(), next.begin());
  std::vector<std::uint32_t> by_key(sample_key.size());
  for (std::uint32_t i = 0; i < sample_key.size(); ++i) {
    by_key[next[sample_key[i]]++] = i;
  }
  const std::size_t models = profile_model.empty() ? 0 : *std::max_element(profile_model.begin(), profile_model.end()) + 1;
  next.assign(models + 1, 0);
  for (const std::uint32_t model : alignment.sample_model) {
    ++next[profile_model[model] + 1];
  }
  std::partial_sum(next.begin(), next.end(), next.begin());
  std::vector<std::uint32_t> position(sample_key.size());
  for (const std::uint32_t i : by_key) {
    position[i] = next[profile_model[alignment.sample_model[i]]]++;
  }
  return position;
}

// Moves row i to position[i], a permutation, in place: following its
// cycles, each swap puts one row where it belongs. (Writing each row to
// its place as it is made would touch the whole rows' vector while the
// table is still whole.)
void permute(std::vector<Row>& rows, std::vector<std::uint32_t>& position) {
  for (std::uint32_t i = 0; i < rows.size(); ++i) {
    while (position[i] != i) {
      const std::uint32_t target = position[i];
      std::swap(rows[i], rows[target]);
      std::swap(position[i], position[target]);
    }
  }
}

Row make_row(const SampleTable::Entry& sample, std::uint32_t model, std::uint32_t key, const Alignment& alignment,
             const ModelChoice& choice, double correct_at) {
  Row row;
  row.model = model;
  row.key = key;
  row.task = alignment.keys[key].task;
  row.counted = sample.counted_output_tokens;
  row.counted_reasoning = sample.counted_reasoning_tokens;
  const ReportedUsage usage = sample.reported_usage();
  row.reported = usage.output;
  row.reported_reasoning = usage.reasoning;
  row.tokens = choice.tokens == TokensSource::reported ? *usage.output : row.counted;
  row.score = sample.score_value();
  row.correct = row.score && *row.score >= correct_at;
  row.reported_cost_usd = sample.reported_cost();
  if (choice.cost == CostSource::prices) {
    const SampleCost cost = cost_of_usage(*choice.price, usage, row.counted);
    row.cost_usd = cost.usd;
    row.cost_output_only = cost.output_only;
    row.cost_from_counted = !usage.output;
  } else if (choice.cost == CostSource::trace) {
    row.cost_usd = row.reported_cost_usd;
  }
  row.line = sample.line;
  return row;
}

}  // namespace

Result<std::vector<Row>> make_rows(const SampleTable& samples, SampleTable* release, const Alignment& alignment,
                                   const std::vector<ModelChoice>& choices,
                                   const std::vector<std::size_t>& profile_model,
                                   double correct_at, std::vector<std::string>& files) {
  TOKPROF_TRY(validate_samples(samples));
  files = samples.files();
  // A canonical order (keys are unique per model) makes every floating-point
  // sum independent of the input order, so partial profiles merged in any
  // order give the same bytes. The rows are made in input order, reading
  // the table once, front to back (and freeing it as they go), and then
  // moved to their places.
  std::vector<std::uint32_t> position = row_positions(alignment, profile_model);
  std::vector<Row> rows;
  rows.reserve(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const std::size_t model = alignment.sample_model[i];
    rows.push_back(make_row(samples[i], static_cast<std::uint32_t>(profile_model[model]), alignment.sample_key[i],
                            alignment, choices[model], correct_at));
    rows.back().file = samples[i].file;
    if (release != nullptr) {
      release->release_before(i + 1);
    }
  }
  permute(rows, position);
  return rows;
}

}  // namespace tokprof::aggregate
