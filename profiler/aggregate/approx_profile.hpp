#pragma once
// The profile of approximate sums (approx.hpp): what `tokprof merge` makes
// of approximate partials, and `tokprof profile --approx-quantiles` of its
// own samples, so that the two give the same report.
//
// Exact, as in build_profile: counts, token totals and means, maxima,
// hidden reasoning, correct answers, tokens per correct answer, costs
// (priced from exact token sums), frontiers and baseline ratios. Scores
// and reported costs are sums without rounding error, rounded once, so they
// can differ from build_profile's running sums in the last binary digit;
// costs from a price table likewise (they are priced from token totals).
// Approximate: median and p90, from DDSketches of relative accuracy alpha
// (sketch.hpp gives the bound). Left out, because they need per-sample
// rows: common-sample alignment (every model is reported on all of its
// samples, Profile::sample_set "all"), bootstrap intervals, frontier
// stability, paired comparisons. One warning says so.

#include <vector>

#include "aggregate.hpp"
#include "approx.hpp"

namespace tokprof::aggregate {

// Builds the approximate profile of `sums` and `summaries` under `options`
// (options.bootstrap is not used). Fails like build_profile on a model both
// in `sums` and `summaries`, an unknown baseline, and TokensMode::reported
// when a sample lacks reported output tokens.
[[nodiscard]] Result<Profile> build_approx_profile(const ApproxSums& sums, const std::vector<SummaryRow>& summaries,
                                                   const Options& options);

}  // namespace tokprof::aggregate
