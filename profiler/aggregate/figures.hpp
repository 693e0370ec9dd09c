#pragma once
// The statistics kernel: all figures of one group of rows, given as an index
// set. Keeping it a pure function of (rows, indices) is what lets a
// bootstrap (issue 9) resample keys and recompute every figure per
// replicate without touching the rest of the aggregation: an index may
// appear several times and then counts several times.

#include <cstddef>
#include <span>

#include "profile.hpp"

namespace tokprof::aggregate {

// Whether to compute the token median and p90, which need a sort: the
// bootstrap has no interval for them and skips it in every replicate.
enum class Quantiles { computed, skipped };

// Computes the figures of `rows`[i] for every i in `indices`. With
// `average` macro the score is the mean over tasks (Row::task) of each
// task's mean score; tasks without a scored row do not count. Costs are set
// only when every row has one. With Quantiles::skipped, output.median and
// output.p90 stay empty.
[[nodiscard]] Figures compute_figures(std::span<const Row> rows, std::span<const std::size_t> indices,
                                      Average average, Quantiles quantiles = Quantiles::computed);

}  // namespace tokprof::aggregate
