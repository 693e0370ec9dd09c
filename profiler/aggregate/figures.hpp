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

// Computes the figures of `rows`[i] for every i in `indices`. With
// `average` macro the score is the mean over tasks (Row::task) of each
// task's mean score; tasks without a scored row do not count. Costs are set
// only when every row has one.
[[nodiscard]] Figures compute_figures(std::span<const Row> rows,
                                      std::span<const std::size_t> indices, Average average);

}  // namespace tokprof::aggregate
