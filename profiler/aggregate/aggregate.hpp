#pragma once
// tokprof_aggregate façade: Samples (and summary rows) in, a Profile out.
// Pure computation: no I/O, no printing, deterministic (sorted names, input
// order elsewhere), so that the same samples in the same order always give
// byte-identical reports.
//
// Definitions used throughout (the report's methodology section repeats them):
// - score of a task: mean of its scored samples; of a model: the mean of its
//   task scores (macro, each task weighs the same, as leaderboards do) or of
//   its samples (micro). Unscored samples count for tokens, not for score.
// - correct: a scored sample with score >= correct_at (default 1, for 0/1
//   scores).
// - output tokens: reported by the API when every sample of the model has
//   them (TokensMode::automatic), else counted by BPE; the Profile records
//   which per model.
// - tokens per correct answer: output tokens of scored samples / correct.
// - score per million tokens: score / (total output tokens / 1e6).
// - cost: see prices.hpp; per sample = total / samples; per correct answer =
//   cost of scored samples / correct.
// - hidden reasoning: reported output - counted visible output, summed over
//   samples that have both.
// - median and p90: type-7 quantiles (stats.hpp).
// - common samples and the sample set the figures use: align.hpp.
// - frontier dominance and ties: pareto.hpp.
//
// Built to be extended without changing these rules:
// - merging partial profiles (issue 8): a partial is its Samples and
//   SummaryRows; merging is concatenating them and calling build_profile
//   again. Rows are put in a canonical (model, key) order before any sum, so
//   the merge order cannot change a single bit of the result.
// - a paired bootstrap (issue 9): Profile::rows and Profile::keys are the
//   resampling units. Draw key indices with replacement, take every model's
//   rows for the drawn keys (pairing models by key), and call
//   compute_figures (figures.hpp) and compute_frontier (pareto.hpp) per
//   replicate.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "align.hpp"
#include "base/error.hpp"
#include "bootstrap.hpp"
#include "pareto.hpp"
#include "prices.hpp"
#include "profile.hpp"
#include "sample.hpp"
#include "sample_table.hpp"

namespace tokprof::aggregate {

struct Options {
  Average average = Average::macro;
  // A sample is correct when its score >= `correct_at`; empty means 1.
  std::optional<double> correct_at;
  TokensMode tokens = TokensMode::automatic;
  // Prices for the cost figures; models it does not price use the costs
  // their traces report, if every sample has one, else they are unpriced.
  std::optional<PriceTable> prices;
  // A model to compare every other model against (BaselineDelta).
  std::optional<std::string> baseline;
  // Per-model scores from a leaderboard (`--scores board.csv`), by model
  // name as the samples spell it. They give a score to a sample-based model
  // none of whose samples is scored; sample scores always win.
  std::map<std::string, double> model_scores;
  // Confidence intervals, frontier stability and paired comparisons by a
  // bootstrap (bootstrap.hpp); none when empty.
  std::optional<BootstrapOptions> bootstrap;
  // Samples per month: adds each model's monthly cost projection.
  std::optional<double> volume_per_month;
};

// Builds the profile of `samples` and `summaries` under `options`. Fails on
// a duplicate (model, task, sample_id, epoch), a model both in `samples`
// and in `summaries`, a negative token count, a non-finite score, an unknown
// baseline, and on TokensMode::reported when a sample lacks reported output
// tokens; every message names the offending location.
[[nodiscard]] Result<Profile> build_profile(const std::vector<Sample>& samples,
                                            const std::vector<SummaryRow>& summaries,
                                            const Options& options);

// The same over a SampleTable, the compact form a large run keeps.
[[nodiscard]] Result<Profile> build_profile(const SampleTable& samples, const std::vector<SummaryRow>& summaries,
                                            const Options& options);

// The same, and frees `samples` as soon as the rows are built, before the
// bootstrap: a large run then never holds its samples and its bootstrap
// together. On success `samples` is left empty.
[[nodiscard]] Result<Profile> build_profile(SampleTable&& samples, const std::vector<SummaryRow>& summaries,
                                            const Options& options);

}  // namespace tokprof::aggregate
