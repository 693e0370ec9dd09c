#pragma once
// Shared wording and number formatting for the report writers, so that the
// terminal, Markdown and HTML reports say the same thing the same way.

#include <optional>
#include <string>
#include <vector>

#include "report.hpp"

namespace tokprof::report {

using aggregate::Figures;
using aggregate::ModelProfile;
using aggregate::Profile;

// Shown for a figure that does not exist (no score, unpriced, ...).
inline constexpr const char* k_absent = "-";

// Returns `value` as 950, 1.2k, 58M (whole numbers below 1000), or k_absent.
[[nodiscard]] std::string format_tokens(std::optional<double> value);
// Returns `value` with three significant digits (361, 53.4, 0.475), or k_absent.
[[nodiscard]] std::string format_significant(std::optional<double> value);
// Returns `value` with `decimals` decimals, or k_absent.
[[nodiscard]] std::string format_score(std::optional<double> value, int decimals);
// Returns the decimals scores need: 3 on a 0-1 scale, else 1.
[[nodiscard]] int score_decimals(const Profile& profile);
// Returns `value` as $2,088, $12.34, $0.0123 (three significant digits
// below one dollar), or k_absent.
[[nodiscard]] std::string format_usd(std::optional<double> value);
// Returns `fraction` as a whole percentage ("62%"), or k_absent.
[[nodiscard]] std::string format_percent(std::optional<double> fraction);
// Returns a ratio as a signed change ("-31%" for 0.69, "+12%"), or k_absent.
[[nodiscard]] std::string format_change(std::optional<double> ratio);
// Returns a signed difference with `decimals` decimals ("+0.012"), or k_absent.
[[nodiscard]] std::string format_difference(std::optional<double> difference, int decimals);
// Returns `value` with thousands separators ("1,234,567").
[[nodiscard]] std::string format_integer(std::int64_t value);
// Returns the shortest decimal that reads back as `value`, for CSV cells.
[[nodiscard]] std::string format_number(double value);

// Returns the models ordered by score (highest first; unscored last), then
// by output tokens (fewest first), then by name.
[[nodiscard]] std::vector<const ModelProfile*> models_by_score(const Profile& profile);

// Returns the frontier entry of `model` in `frontier`, or nullptr.
[[nodiscard]] const aggregate::ParetoEntry* frontier_entry(const aggregate::Frontier& frontier,
                                                           const std::string& model);
// Returns "tokens", "cost", "tokens, cost" or "" for the frontiers `model` is on.
[[nodiscard]] std::string frontier_tags(const Profile& profile, const std::string& model);

// Returns hidden reasoning as a share of reported output tokens, if known.
[[nodiscard]] std::optional<double> hidden_share(const Figures& figures);
// Returns where `model`'s output tokens come from: "reported",
// "counted (o200k_base)", "counted (o200k_base, approx.)" or "summary".
[[nodiscard]] std::string tokens_label(const ModelProfile& model);
// Returns the number of samples to show: the summary's task count for a
// summary model.
[[nodiscard]] std::optional<double> shown_samples(const ModelProfile& model);

// Returns one sentence on which samples the figures cover.
[[nodiscard]] std::string sample_set_sentence(const Profile& profile);
// Returns one sentence on how scores and correct answers are defined.
[[nodiscard]] std::string scoring_sentence(const Profile& profile);
// Returns the run's warnings followed by the profile's.
[[nodiscard]] std::vector<std::string> all_warnings(const ReportData& data);
// Returns one line per dominated model: "B is dominated by A, C".
[[nodiscard]] std::vector<std::string> domination_lines(const aggregate::Frontier& frontier);
// Returns the frontier members joined by ", ", or "none".
[[nodiscard]] std::string member_list(const aggregate::Frontier& frontier);

}  // namespace tokprof::report
