#pragma once
// The warnings a profile carries: everything a reader of the figures should
// know before trusting them (misaligned samples, estimated tokens, missing
// prices or scores). Internal to aggregate.

#include <string>
#include <vector>

#include "aggregate.hpp"
#include "align.hpp"
#include "rows.hpp"

namespace tokprof::aggregate {

// Returns the warnings for `profile`, built from `alignment` and `choices`
// (indexed like alignment.models; `profile_model` maps them into
// profile.models) under `options`: global ones first, then per model in
// model order.
[[nodiscard]] std::vector<std::string> collect_warnings(const Profile& profile,
                                                        const Alignment& alignment,
                                                        const std::vector<ModelChoice>& choices,
                                                        const std::vector<std::size_t>& profile_model,
                                                        const Options& options);

// The same for an approximate profile (approx_profile.hpp), which has no
// alignment: `choices` and `binary` (every score is 0 or 1) are indexed like
// profile.models; entries of summary models are not read.
[[nodiscard]] std::vector<std::string> collect_approx_warnings(const Profile& profile,
                                                               const std::vector<ModelChoice>& choices,
                                                               const std::vector<bool>& binary,
                                                               const Options& options);

}  // namespace tokprof::aggregate
