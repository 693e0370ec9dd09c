#pragma once
// The uncertainty options of `tokprof profile`: --bootstrap, --seed,
// --confidence, --pairs, --volume (issue 9). Kept apart from profile.cpp so
// that the profile command only forwards them to aggregation.

#include <cstddef>
#include <string_view>

#include "aggregate/aggregate.hpp"
#include "args.hpp"

namespace tokprof::cli {

// The usage text of the options below, for `tokprof profile --help`.
inline constexpr std::string_view k_stats_usage = R"(uncertainty:
  --bootstrap N        paired bootstrap replicates for the confidence intervals;
                       default 1000 (fewer for very large inputs), 0 turns it off
  --seed S             bootstrap seed (default 1): same seed, same intervals
  --confidence C       interval confidence level (default 0.95)
  --pairs all          also compare every pair of models, not only the baseline
  --volume N[/month]   project each model's monthly cost for N samples a month
                       (N may end in k, M or B: --volume 2M/month)
)";

// Sets `options`.bootstrap and `options`.volume_per_month from `args`,
// bootstrapping on `threads` threads. Fails with a usage error naming the
// option on a malformed value.
[[nodiscard]] Result<void> apply_stats_options(const Args& args, std::size_t threads,
                                               aggregate::Options& options);

// Parses a monthly volume: "2000000", "2M", "1.5k/month"; a usage error
// otherwise.
[[nodiscard]] Result<double> parse_volume(std::string_view text);

}  // namespace tokprof::cli
