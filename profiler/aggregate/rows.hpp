#pragma once
// Per-model choices (tokens source, price) and the Rows built from Samples
// with them. Internal to aggregate; tests may include it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aggregate.hpp"
#include "align.hpp"

namespace tokprof::aggregate {

// What is settled per sample-based model before its rows are built.
struct ModelChoice {
  TokensSource tokens = TokensSource::counted;
  CostSource cost = CostSource::none;
  std::optional<ModelPrice> price;
  std::string price_key;
  std::vector<std::string> ambiguous_keys;  // price keys that disagree
  std::int64_t without_reported_output = 0;
  std::vector<std::string> tokenizers;  // sorted, distinct
  bool tokenizer_exact = true;
};

// Settles each model of `alignment` under `options`: its tokens source and
// where its cost comes from. Fails on TokensMode::reported when a sample has
// no reported output tokens.
[[nodiscard]] Result<std::vector<ModelChoice>> choose_models(const SampleTable& samples,
                                                             const Alignment& alignment,
                                                             const Options& options);

// Fails, naming the sample's location, on a negative token count or a
// non-finite score or cost.
[[nodiscard]] Result<void> validate_sample(const Sample& sample);

// Sets where the cost of `model` comes from: the price table of `options`
// if it prices the model, else the traces when `every_sample_has_cost`.
void choose_cost(ModelChoice& choice, const std::string& model, bool every_sample_has_cost, const Options& options);

// Builds one Row per sample, sorted by (model, key); `profile_model` maps an
// alignment model index to its index in the Profile; sets `files` to the
// files the rows' indices refer to. Fails on negative counts and non-finite
// scores or costs, naming the sample's location. With `release` (the table
// `samples`, handed over) the samples' entries are freed as their rows are
// made, so that a large run never holds both.
[[nodiscard]] Result<std::vector<Row>> make_rows(const SampleTable& samples, SampleTable* release,
                                                 const Alignment& alignment,
                                                 const std::vector<ModelChoice>& choices,
                                                 const std::vector<std::size_t>& profile_model,
                                                 double correct_at, std::vector<std::string>& files);

}  // namespace tokprof::aggregate
