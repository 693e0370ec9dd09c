#pragma once
// Wording for the bootstrap's intervals, frontier stability, paired
// comparisons and projections (aggregate/bootstrap.hpp), shared by the
// terminal, Markdown and HTML reports.
//
// Tables show "point ±h" with h the half-width of the interval: compact, and
// what readers expect from error bars. Percentile intervals can be
// asymmetric, so comparisons spell out both bounds, and the JSON and CSV
// reports carry the exact low and high.

#include <optional>
#include <string>
#include <vector>

#include "text.hpp"

namespace tokprof::report {

using aggregate::Interval;

// Returns `point` followed by " ±" and `margin` of the half-width of
// `interval` when there is one (`margin` formats the half-width).
[[nodiscard]] std::string with_margin(const std::string& point,
                                      const std::optional<Interval>& interval,
                                      std::string (*margin)(std::optional<double>));

// Returns `point` with a ± in `decimals` decimals, for scores.
[[nodiscard]] std::string score_with_margin(std::optional<double> point,
                                            const std::optional<Interval>& interval, int decimals);

// Returns a ratio as a change with its interval: "-31% (-35% to -27%)".
[[nodiscard]] std::string change_with_interval(std::optional<double> ratio,
                                               const std::optional<Interval>& interval);

// Returns a difference with its interval: "+0.012 (-0.020 to +0.041)".
[[nodiscard]] std::string difference_with_interval(std::optional<double> difference,
                                                   const std::optional<Interval>& interval,
                                                   int decimals);

// Returns true if any model of `profile` has frontier stability.
[[nodiscard]] bool any_stability(const Profile& profile);
// Returns true if any model of `profile` has a monthly projection.
[[nodiscard]] bool any_projection(const Profile& profile);

// Returns `model`'s share of resamples on the token frontier ("97%"), with
// the cost frontier's after a slash when `profile` has one; k_absent if none.
[[nodiscard]] std::string stability_cell(const Profile& profile, const ModelProfile& model);

// Returns the monthly cost of `model` with its margin, or k_absent.
[[nodiscard]] std::string projection_cell(const ModelProfile& model);

// Returns the sentence that explains ± and the stability column, or "" when
// `profile` has no bootstrap.
[[nodiscard]] std::string interval_note(const Profile& profile);

// Returns one sentence per paired comparison (against the baseline, then
// every requested pair): "A spends 31% fewer output tokens than B (95% CI
// 27% to 35% fewer) for a score difference of -0.4 (-1.9 to +1.1)".
[[nodiscard]] std::vector<std::string> comparison_sentences(const Profile& profile);

}  // namespace tokprof::report
