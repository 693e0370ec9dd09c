#include "bootstrap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "base/parallel.hpp"
#include "draw_counts.hpp"
#include "figures.hpp"
#include "pareto.hpp"
#include "random.hpp"

namespace tokprof::aggregate {

namespace {

constexpr std::size_t k_no_row = std::numeric_limits<std::size_t>::max();
constexpr std::int64_t k_default_replicates = 1000;
constexpr std::int64_t k_min_default_replicates = 200;
constexpr double k_row_visit_budget = 1e8;

// The figures of one group in one replicate that get intervals, in the
// order of FigureIntervals' members.
using Draw = std::array<std::optional<double>, 8>;

Draw draw_of(const Figures& f) {
  return {f.score,
          static_cast<double>(f.output.total),
          f.output.mean,
          f.tokens_per_correct,
          f.score_per_million_tokens,
          f.cost_usd,
          f.cost_per_sample_usd,
          f.cost_per_correct_usd};
}

// One row as a replicate reads it: the few fields CoreSums needs, 32 bytes
// instead of a Row's 144, so that a model's rows stream through the cache
// once per replicate.
struct ResampleRow {
  std::uint32_t draw_slot = 0;  // its key's slot in the draw counts (Design)
  bool scored = false;
  bool correct = false;
  bool costed = false;
  std::int64_t tokens = 0;
  double score = 0;
  double cost = 0;
};

// A run of one model's rows of one task, in key order.
struct TaskRows {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t slot = k_no_row;  // index in ModelProfile::tasks
};

// Where each replicate draws from and what it sums: how many keys of each
// task are in the sample set, and each sample-based model's rows by task.
//
// A replicate counts its draws by slot, not by key: the keys of the sample
// set, task after task, are slots 0, 1, ..., so a draw among the n_t keys
// of a task is one increment at its offset plus the draw, and each row
// carries its key's slot. (Indexing the counts by key needed a look-up in a
// table of the task's keys first: two cache misses per draw, not one.)
// Keys outside the sample set share one last slot, which is never drawn.
struct Design {
  std::vector<std::size_t> strata;              // per task: keys in the sample set
  std::vector<std::vector<ResampleRow>> rows;   // per model, in key order
  std::vector<std::vector<TaskRows>> tasks;     // per model, in task order
  std::size_t slots = 0;                        // keys in the sample set, + 1
};

// Cuts one model's `rows` (in key order, so in task order) into runs of one
// task each.
std::vector<TaskRows> task_runs(const Profile& profile, const ModelProfile& model,
                                std::span<const Row> rows) {
  std::vector<TaskRows> runs;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (runs.empty() || rows[i].task != rows[runs.back().begin].task) {
      runs.push_back({i, i, k_no_row});
      const std::string& task = profile.tasks[rows[i].task];
      for (std::size_t slot = 0; slot < model.tasks.size(); ++slot) {
        runs.back().slot = model.tasks[slot].task == task ? slot : runs.back().slot;
      }
    }
    runs.back().end = i + 1;
  }
  return runs;
}

Design make_design(const Profile& profile) {
  Design design;
  design.strata.assign(profile.tasks.size(), 0);
  std::vector<bool> in_sample_set(profile.keys.size());
  for (std::size_t key = 0; key < profile.keys.size(); ++key) {
    const SampleKey& sample_key = profile.keys[key];
    in_sample_set[key] = profile.sample_set == SampleSet::all || sample_key.common;
    design.strata[sample_key.task] += in_sample_set[key] ? 1 : 0;
  }
  // Keys are sorted by task, so numbering the keys of the sample set in key
  // order numbers them task after task.
  std::uint32_t drawn_slots = 0;
  for (const std::size_t keys : design.strata) {
    drawn_slots += static_cast<std::uint32_t>(keys);
  }
  std::vector<std::uint32_t> slot_of(profile.keys.size());
  for (std::uint32_t key = 0, next = 0; key < profile.keys.size(); ++key) {
    slot_of[key] = in_sample_set[key] ? next++ : drawn_slots;  // the last slot: never drawn
  }
  design.slots = std::size_t{drawn_slots} + 1;
  design.rows.resize(profile.models.size());
  design.tasks.resize(profile.models.size());
  // Rows are sorted by (model, key), and keys by task: each model's rows are
  // one run, cut into one run per task.
  for (std::size_t begin = 0, end = 0; begin < profile.rows.size(); begin = end) {
    const std::size_t m = profile.rows[begin].model;
    for (end = begin; end < profile.rows.size() && profile.rows[end].model == m; ++end) {
      const Row& row = profile.rows[end];
      design.rows[m].push_back({slot_of[row.key], row.score.has_value(), row.correct,
                                row.cost_usd.has_value(), row.tokens, row.score.value_or(0),
                                row.cost_usd.value_or(0)});
    }
    design.tasks[m] = task_runs(profile, profile.models[m],
                                std::span<const Row>(profile.rows).subspan(begin, end - begin));
  }
  return design;
}

// Everything one replicate contributes, indexed like Profile::models.
struct Replicate {
  std::vector<Figures> models;
  std::vector<std::vector<Draw>> tasks;  // [model][slot in ModelProfile::tasks]
  std::vector<bool> on_tokens_frontier;
  std::vector<bool> on_cost_frontier;
};

// Counts how many times the replicate draws each key: n_t draws with
// replacement among the n_t keys of each task, in task order.
void draw_weights(const Design& design, Rng& rng, DrawCounts& weights) {
  weights.reset(design.slots);
  std::uint32_t offset = 0;
  for (const std::size_t keys : design.strata) {
    if (keys == 0) {
      continue;
    }
    const BoundedDraw draw(keys);
    for (std::size_t i = 0; i < keys; ++i) {
      weights.draw(offset + static_cast<std::uint32_t>(draw(rng)));
    }
    offset += static_cast<std::uint32_t>(keys);
  }
}

// Sums `rows`, each weighted by its draws, into `out`. The loop reads the
// counts' bytes and calls nothing: with the rare draws beyond 255 looked up
// inside it, the compiler kept every sum in memory, stored on every row,
// which doubled the time of a replicate. Those draws are added after it.
void weighted_sums(std::span<const ResampleRow> rows, const DrawCounts& weights, CoreSums& out) {
  CoreSums sums;
  for (const ResampleRow& row : rows) {
    sums.add(row.tokens, row.scored, row.score, row.correct, row.costed, row.cost, weights.in_byte(row.draw_slot));
  }
  for (const std::uint32_t slot : weights.beyond()) {
    for (const ResampleRow& row : rows) {
      if (row.draw_slot == slot) {
        sums.add(row.tokens, row.scored, row.score, row.correct, row.costed, row.cost, 1);
      }
    }
  }
  out = sums;
}

// Recomputes one sample-based model's figures on the drawn keys, its rows
// weighted by how often their key was drawn, task by task.
void replicate_model(const Profile& profile, const Design& design, std::size_t m,
                     const DrawCounts& weights, Replicate& out) {
  const ModelProfile& model = profile.models[m];
  thread_local std::vector<ScoreSums> per_task;
  per_task.clear();
  out.tasks[m].assign(model.tasks.size(), Draw{});
  CoreSums all;
  for (const TaskRows& run : design.tasks[m]) {
    CoreSums sums;
    weighted_sums(std::span<const ResampleRow>(design.rows[m]).subspan(run.begin, run.end - run.begin), weights,
                  sums);
    if (sums.samples == 0) {
      continue;
    }
    if (run.slot != k_no_row) {
      Figures task;
      finish_core(sums, {}, Average::micro, task);
      out.tasks[m][run.slot] = draw_of(task);
    }
    per_task.push_back(sums.scores);
    all.merge(sums);
  }
  Figures figures;
  finish_core(all, per_task, profile.average, figures);
  if (model.score_from_table) {
    // A leaderboard score is one number, not resampled: keep it fixed.
    figures.score = model.figures.score;
    figures.score_per_million_tokens =
        figures.score && figures.output.total > 0
            ? std::optional(*figures.score / (static_cast<double>(figures.output.total) / 1e6))
            : std::nullopt;
  }
  out.models[m] = figures;
}

void mark_frontiers(const Profile& profile, Replicate& out) {
  std::vector<ParetoPoint> tokens;
  std::vector<ParetoPoint> cost;
  for (std::size_t m = 0; m < profile.models.size(); ++m) {
    const Figures& f = out.models[m];
    tokens.push_back({profile.models[m].model, static_cast<double>(f.output.total), f.score});
    cost.push_back({profile.models[m].model, f.cost_usd, f.score});
  }
  const Frontier token_frontier = compute_frontier(tokens);
  const Frontier cost_frontier = compute_frontier(cost);
  out.on_tokens_frontier.resize(profile.models.size());
  out.on_cost_frontier.resize(profile.models.size());
  for (std::size_t m = 0; m < profile.models.size(); ++m) {
    out.on_tokens_frontier[m] = token_frontier.entries[m].on_frontier;
    out.on_cost_frontier[m] = cost_frontier.entries[m].on_frontier;
  }
}

Replicate run_replicate(const Profile& profile, const Design& design, std::uint64_t seed,
                        std::size_t number) {
  Rng rng(mix64(seed ^ mix64(static_cast<std::uint64_t>(number) + 1)));
  thread_local DrawCounts weights;
  draw_weights(design, rng, weights);
  Replicate out;
  out.models.resize(profile.models.size());
  out.tasks.resize(profile.models.size());
  for (std::size_t m = 0; m < profile.models.size(); ++m) {
    if (profile.models[m].from_summary) {
      out.models[m] = profile.models[m].figures;
      continue;
    }
    replicate_model(profile, design, m, weights, out);
  }
  mark_frontiers(profile, out);
  return out;
}

// Returns the interval of one figure over `draws`, or empty when it is
// absent from more than half of them.
std::optional<Interval> figure_interval(const std::vector<Draw>& draws, std::size_t figure,
                                        double confidence) {
  std::vector<double> values;
  for (const Draw& draw : draws) {
    if (draw[figure]) {
      values.push_back(*draw[figure]);
    }
  }
  if (values.size() * 2 < draws.size()) {
    return std::nullopt;
  }
  return percentile_interval(values, confidence);
}

FigureIntervals intervals_of(const std::vector<Draw>& draws, double confidence) {
  FigureIntervals out;
  std::optional<Interval>* targets[] = {&out.score,
                                        &out.output_total,
                                        &out.output_mean,
                                        &out.tokens_per_correct,
                                        &out.score_per_million_tokens,
                                        &out.cost_usd,
                                        &out.cost_per_sample_usd,
                                        &out.cost_per_correct_usd};
  for (std::size_t figure = 0; figure < std::size(targets); ++figure) {
    *targets[figure] = figure_interval(draws, figure, confidence);
  }
  return out;
}

void add_model_intervals(Profile& profile, const std::vector<Replicate>& replicates,
                         double confidence) {
  const double count = static_cast<double>(replicates.size());
  for (std::size_t m = 0; m < profile.models.size(); ++m) {
    ModelProfile& model = profile.models[m];
    if (model.from_summary) {
      continue;
    }
    std::vector<Draw> draws;
    for (const Replicate& replicate : replicates) {
      draws.push_back(draw_of(replicate.models[m]));
    }
    model.intervals = intervals_of(draws, confidence);
    if (model.score_from_table) {
      // A leaderboard score is held fixed in every resample: a zero-width
      // interval would claim a certainty nobody measured.
      model.intervals->score = std::nullopt;
    }
    for (std::size_t slot = 0; slot < model.tasks.size(); ++slot) {
      std::vector<Draw> task_draws;
      for (const Replicate& replicate : replicates) {
        task_draws.push_back(replicate.tasks[m][slot]);
      }
      model.tasks[slot].intervals = intervals_of(task_draws, confidence);
    }
  }
  for (std::size_t m = 0; m < profile.models.size(); ++m) {
    FrontierStability stability;
    std::int64_t tokens = 0;
    std::int64_t cost = 0;
    for (const Replicate& replicate : replicates) {
      tokens += replicate.on_tokens_frontier[m] ? 1 : 0;
      cost += replicate.on_cost_frontier[m] ? 1 : 0;
    }
    if (profile.tokens_frontier.entries[m].eligible) {
      stability.tokens = static_cast<double>(tokens) / count;
    }
    if (profile.cost_frontier && profile.cost_frontier->entries[m].eligible) {
      stability.cost = static_cast<double>(cost) / count;
    }
    profile.models[m].stability = stability;
  }
}

std::optional<Interval> paired_interval(const std::vector<Replicate>& replicates, double confidence,
                                        const auto& value_of) {
  std::vector<Draw> draws;
  for (const Replicate& replicate : replicates) {
    draws.push_back(Draw{value_of(replicate)});
  }
  return figure_interval(draws, 0, confidence);
}

// Returns `model` against `reference` with paired intervals.
BaselineDelta paired_delta(const Profile& profile, const std::vector<Replicate>& replicates,
                           std::size_t model, std::size_t reference, double confidence) {
  const auto delta_of = [&](const Figures& a, const Figures& b) {
    BaselineDelta delta;
    delta.tokens_ratio =
        ratio(static_cast<double>(a.output.total), static_cast<double>(b.output.total));
    if (a.score && b.score) {
      delta.score_difference = *a.score - *b.score;
    }
    if (a.cost_usd && b.cost_usd) {
      delta.cost_ratio = ratio(*a.cost_usd, *b.cost_usd);
    }
    return delta;
  };
  BaselineDelta out = delta_of(profile.models[model].figures, profile.models[reference].figures);
  if (profile.models[model].from_summary || profile.models[reference].from_summary) {
    return out;  // one side is not resampled: a paired interval would mislead
  }
  const auto replicate_delta = [&](const Replicate& r) {
    return delta_of(r.models[model], r.models[reference]);
  };
  out.tokens_ratio_interval = paired_interval(
      replicates, confidence, [&](const Replicate& r) { return replicate_delta(r).tokens_ratio; });
  if (!profile.models[model].score_from_table && !profile.models[reference].score_from_table) {
    out.score_difference_interval = paired_interval(
        replicates, confidence, [&](const Replicate& r) { return replicate_delta(r).score_difference; });
  }
  out.cost_ratio_interval = paired_interval(
      replicates, confidence, [&](const Replicate& r) { return replicate_delta(r).cost_ratio; });
  return out;
}

void add_comparisons(Profile& profile, const std::vector<Replicate>& replicates,
                     const BootstrapOptions& options) {
  std::optional<std::size_t> base;
  for (std::size_t m = 0; m < profile.models.size(); ++m) {
    base = profile.baseline && profile.models[m].model == *profile.baseline ? m : base;
  }
  for (std::size_t m = 0; base && m < profile.models.size(); ++m) {
    profile.models[m].vs_baseline = paired_delta(profile, replicates, m, *base, options.confidence);
  }
  if (!options.all_pairs) {
    return;
  }
  for (std::size_t a = 0; a < profile.models.size(); ++a) {
    for (std::size_t b = a + 1; b < profile.models.size(); ++b) {
      // Pairs with the baseline are already in vs_baseline.
      const bool with_baseline = base && (a == *base || b == *base);
      if (with_baseline || profile.models[a].from_summary || profile.models[b].from_summary) {
        continue;
      }
      profile.comparisons.push_back({profile.models[a].model, profile.models[b].model,
                                     paired_delta(profile, replicates, a, b, options.confidence)});
    }
  }
}

}  // namespace

std::int64_t default_replicates(std::size_t rows) {
  if (rows == 0) {
    return k_default_replicates;
  }
  const auto budget = static_cast<std::int64_t>(k_row_visit_budget / static_cast<double>(rows));
  return std::clamp(budget / 100 * 100, k_min_default_replicates, k_default_replicates);
}

std::optional<Interval> percentile_interval(std::vector<double>& values, double confidence) {
  if (values.empty()) {
    return std::nullopt;
  }
  std::sort(values.begin(), values.end());
  const auto quantile = [&](double p) {
    const double h = static_cast<double>(values.size() - 1) * std::clamp(p, 0.0, 1.0);
    const auto low = static_cast<std::size_t>(std::floor(h));
    const std::size_t high = std::min(low + 1, values.size() - 1);
    return values[low] + (h - static_cast<double>(low)) * (values[high] - values[low]);
  };
  const double tail = (1 - confidence) / 2;
  return Interval{quantile(tail), quantile(1 - tail)};
}

Result<void> add_bootstrap(Profile& profile, const BootstrapOptions& options) {
  if (!(options.confidence > 0 && options.confidence < 1)) {
    return make_error(ErrorKind::invalid,
                      fmt::format("the confidence must be between 0 and 1, not {}", options.confidence));
  }
  if (options.replicates < 0) {
    return make_error(ErrorKind::invalid, "the number of bootstrap replicates cannot be negative");
  }
  if (profile.rows.empty()) {
    return {};  // only summary rows: nothing to resample
  }
  const Design design = make_design(profile);
  const std::int64_t count =
      options.replicates > 0 ? options.replicates : default_replicates(profile.rows.size());
  std::vector<Replicate> replicates(static_cast<std::size_t>(count));
  parallel_for(replicates.size(), options.threads, [&](std::size_t b) {
    replicates[b] = run_replicate(profile, design, options.seed, b);
  }, 8);
  add_model_intervals(profile, replicates, options.confidence);
  add_comparisons(profile, replicates, options);
  const auto keys = static_cast<std::int64_t>(design.slots - 1);
  profile.bootstrap = BootstrapInfo{count, options.seed, options.confidence, keys};
  return {};
}

Result<void> add_projection(Profile& profile, double volume) {
  if (!(volume > 0) || !std::isfinite(volume)) {
    return make_error(ErrorKind::invalid,
                      fmt::format("the monthly volume must be a positive number, not {}", volume));
  }
  profile.volume_per_month = volume;
  for (ModelProfile& model : profile.models) {
    const auto& per_sample = model.figures.cost_per_sample_usd;
    if (!per_sample) {
      continue;
    }
    Projection projection{*per_sample * volume, std::nullopt};
    if (model.intervals && model.intervals->cost_per_sample_usd) {
      const Interval& interval = *model.intervals->cost_per_sample_usd;
      projection.interval = Interval{interval.low * volume, interval.high * volume};
    }
    model.projection = projection;
  }
  return {};
}

}  // namespace tokprof::aggregate
