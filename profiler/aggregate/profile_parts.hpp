#pragma once
// The steps of build_profile (aggregate.cpp) that the approximate profile
// (approx_profile.cpp) shares, so that both treat summary models, scores,
// frontiers and baselines alike. Internal to aggregate.

#include <map>
#include <string>
#include <vector>

#include "aggregate.hpp"

namespace tokprof::aggregate {

// Fails on a summary row without a model or with a negative or non-finite value.
[[nodiscard]] Result<void> validate_summary(const SummaryRow& row);

// Returns every model name (`sample_models` and the summary rows' models),
// sorted, with its position; a name both sample-based and in the summary
// table, or twice in the summary table, is an error.
[[nodiscard]] Result<std::map<std::string, std::size_t>> model_index(const std::vector<std::string>& sample_models,
                                                                     const std::vector<SummaryRow>& summaries);

// The profile of a summary-table model.
[[nodiscard]] ModelProfile summary_model(const SummaryRow& row);

// Gives models without sample scores their leaderboard score, if any.
void apply_model_scores(Profile& profile, const std::map<std::string, double>& model_scores);

// Computes the tokens frontier, and the cost frontier when any model is priced.
void add_frontiers(Profile& profile);

// Adds every model's BaselineDelta against `baseline`; fails when it is not a model.
[[nodiscard]] Result<void> add_baseline(Profile& profile, const std::string& baseline);

}  // namespace tokprof::aggregate
