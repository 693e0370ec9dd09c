#pragma once
// Paired, stratified percentile bootstrap over sample keys.
//
// Resampling unit: the key (task, sample_id, epoch), not the row. A replicate
// draws keys with replacement and takes every model's row for each drawn key,
// so all models are measured on the same resampled prompts: differences
// between models (token ratios, score differences, frontier membership) are
// paired, and the per-prompt difficulty they share cancels out. With 2
// models whose tokens move together from prompt to prompt, a paired interval
// of their ratio is much narrower than two separate intervals suggest.
//
// Stratified by task: each task keeps its number of keys in every replicate
// (n_t draws among the task's n_t keys). The macro score gives each task the
// same weight, and a suite's task mix is a design choice, not noise, so the
// resample varies the prompts within each task and never the mix.
//
// Keys: those of Profile::sample_set (the common keys, or all when the
// models share none; a model then uses the drawn keys it has). Summary
// models have no samples: they keep their figures in every replicate and get
// no intervals, but still take part in every replicate's frontier.
//
// Interval: percentile (the (1-c)/2 and (1+c)/2 type-7 quantiles of the
// replicate values, c the confidence). It needs no normality, is invariant
// under monotone transforms (a ratio's interval is the inverse of the
// inverse ratio's), and is exact for a constant sample (zero width). A figure
// absent from more than half the replicates (tokens per correct answer with
// no correct answer drawn) gets no interval.
//
// Kernel: a replicate does not visit drawn rows one by one. It counts how
// often each key is drawn (a byte per key, DrawCounts), then sums each
// model's rows once, in key order, weighted by those counts (figures.hpp,
// CoreSums): a sequential pass over 32-byte rows instead of random visits to
// 144-byte ones, 14x faster (tests/bench/bench_bootstrap.cpp, keys 41472,
// shared 1: 16 -> 230 M row visits per second). The draws are the same;
// only the order of floating-point sums changed. When the models share no
// key (330k keys in one task), drawing dominates: counting by slot rather
// than by key (bootstrap.cpp, Design) and BoundedDraw took it from 589 to
// 380 ms per 100 replicates, and a weighted pass that calls nothing (the
// sums then stay in registers) to 260 ms; with shared keys, 150 ms.
//
// Reproducible: replicate b draws from its own generator seeded with
// mix64(seed ^ mix64(b + 1)) (random.hpp), and writes only its own slot, so
// the result is bit-identical for any number of threads.
//
// Default replicates: 1000 (percentile tails at 95% rest on 25 values each
// side), reduced for large inputs so that replicates x rows stays near 1e8
// row visits (about half a second of one core), but never below 200.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/error.hpp"
#include "profile.hpp"

namespace tokprof::aggregate {

struct BootstrapOptions {
  std::int64_t replicates = 0;  // 0: default_replicates() for the profile's rows
  std::uint64_t seed = 1;
  double confidence = 0.95;
  bool all_pairs = false;   // fill Profile::comparisons with every pair of sample models (but the baseline's)
  std::size_t threads = 0;  // 0: every CPU; the result does not depend on it
};

// Returns the default number of replicates for `rows` sample rows.
[[nodiscard]] std::int64_t default_replicates(std::size_t rows);

// Returns the percentile interval at `confidence` of `values` (sorted in
// place); empty when `values` is empty.
[[nodiscard]] std::optional<Interval> percentile_interval(std::vector<double>& values,
                                                          double confidence);

// Adds intervals, frontier stability and paired comparisons (baseline,
// and every pair with `options`.all_pairs) to `profile`, which build_profile
// made. Fails when the confidence is not strictly between 0 and 1 or the
// replicate count is negative.
[[nodiscard]] Result<void> add_bootstrap(Profile& profile, const BootstrapOptions& options);

// Sets every model's monthly cost projection for `volume` samples a month:
// cost per sample x volume, with the interval of the cost per sample scaled
// when there is one. Fails when `volume` is not a positive finite number.
[[nodiscard]] Result<void> add_projection(Profile& profile, double volume);

}  // namespace tokprof::aggregate
