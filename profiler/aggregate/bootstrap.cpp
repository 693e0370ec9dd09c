#include "bootstrap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "base/parallel.hpp"
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

// Where each replicate draws from: the keys of each task, and each model's
// row for a key.
struct Design {
  std::vector<std::vector<std::size_t>> strata;  // per task: keys in the sample set
  std::vector<std::vector<std::size_t>> row_of;  // [model][key]: row index or k_no_row
  std::vector<std::vector<std::size_t>> task_slot;  // [model][task]: index in ModelProfile::tasks
};

Design make_design(const Profile& profile) {
  Design design;
  design.strata.resize(profile.tasks.size());
  for (std::size_t key = 0; key < profile.keys.size(); ++key) {
    const SampleKey& sample_key = profile.keys[key];
    if (profile.sample_set == SampleSet::all || sample_key.common) {
      design.strata[sample_key.task].push_back(key);
    }
  }
  design.row_of.assign(profile.models.size(), std::vector<std::size_t>(profile.keys.size(), k_no_row));
  for (std::size_t i = 0; i < profile.rows.size(); ++i) {
    design.row_of[profile.rows[i].model][profile.rows[i].key] = i;
  }
  design.task_slot.assign(profile.models.size(), std::vector<std::size_t>(profile.tasks.size(), k_no_row));
  for (std::size_t m = 0; m < profile.models.size(); ++m) {
    const auto& tasks = profile.models[m].tasks;
    for (std::size_t slot = 0; slot < tasks.size(); ++slot) {
      const auto found = std::find(profile.tasks.begin(), profile.tasks.end(), tasks[slot].task);
      if (found != profile.tasks.end()) {
        design.task_slot[m][static_cast<std::size_t>(found - profile.tasks.begin())] = slot;
      }
    }
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

std::vector<std::vector<std::size_t>> draw_keys(const Design& design, Rng& rng) {
  std::vector<std::vector<std::size_t>> drawn(design.strata.size());
  for (std::size_t task = 0; task < design.strata.size(); ++task) {
    const auto& keys = design.strata[task];
    for (std::size_t i = 0; i < keys.size(); ++i) {
      drawn[task].push_back(keys[rng.below(keys.size())]);
    }
  }
  return drawn;
}

// Recomputes one sample-based model's figures on the drawn keys. When its
// drawn rows all belong to one task, that task's figures are the model's
// (one task: the macro average is the micro one, to the bit), so they are
// computed once, not twice: most runs have one task per model.
void replicate_model(const Profile& profile, const Design& design, std::size_t m,
                     const std::vector<std::vector<std::size_t>>& drawn, Replicate& out) {
  const ModelProfile& model = profile.models[m];
  thread_local std::vector<std::size_t> all;
  thread_local std::vector<std::size_t> task_ends;  // per task: end of its rows in `all`
  all.clear();
  task_ends.clear();
  std::size_t tasks_with_rows = 0;
  for (std::size_t task = 0; task < drawn.size(); ++task) {
    const std::size_t begin = all.size();
    for (const std::size_t key : drawn[task]) {
      if (const std::size_t row = design.row_of[m][key]; row != k_no_row) {
        all.push_back(row);
      }
    }
    task_ends.push_back(all.size());
    tasks_with_rows += all.size() > begin ? 1 : 0;
  }
  out.tasks[m].assign(model.tasks.size(), Draw{});
  Figures figures = compute_figures(profile.rows, all, profile.average, Quantiles::skipped);
  for (std::size_t task = 0, begin = 0; task < drawn.size(); begin = task_ends[task], ++task) {
    const std::size_t slot = design.task_slot[m][task];
    if (slot == k_no_row || task_ends[task] == begin) {
      continue;
    }
    out.tasks[m][slot] =
        draw_of(tasks_with_rows == 1 ? figures
                                     : compute_figures(profile.rows,
                                                       std::span<const std::size_t>(all).subspan(begin, task_ends[task] - begin),
                                                       Average::micro, Quantiles::skipped));
  }
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
  const auto drawn = draw_keys(design, rng);
  Replicate out;
  out.models.resize(profile.models.size());
  out.tasks.resize(profile.models.size());
  for (std::size_t m = 0; m < profile.models.size(); ++m) {
    if (profile.models[m].from_summary) {
      out.models[m] = profile.models[m].figures;
      continue;
    }
    replicate_model(profile, design, m, drawn, out);
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
  std::int64_t keys = 0;
  for (const auto& stratum : design.strata) {
    keys += static_cast<std::int64_t>(stratum.size());
  }
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
