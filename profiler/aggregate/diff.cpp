#include "diff.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

namespace tokprof::aggregate {

namespace {

Change compare(std::optional<double> before, std::optional<double> after,
               const std::optional<Interval>& before_interval,
               const std::optional<Interval>& after_interval) {
  Change change{before, after, std::nullopt, std::nullopt, false};
  if (!before || !after) {
    return change;
  }
  if (*before != 0) {
    change.relative = *after / *before - 1;
  }
  if (before_interval && after_interval) {
    const double h_before = (before_interval->high - before_interval->low) / 2;
    const double h_after = (after_interval->high - after_interval->low) / 2;
    const double difference = *after - *before;
    const double margin = std::hypot(h_before, h_after);
    change.interval = Interval{difference - margin, difference + margin};
    change.beyond_noise = change.interval->low > 0 || change.interval->high < 0;
  }
  return change;
}

DiffEntry diff_entry(const std::string& model, const std::string& task, const SnapshotFigures& a,
                     const SnapshotFigures& b) {
  return DiffEntry{model, task,
                   compare(a.mean_tokens, b.mean_tokens, a.mean_tokens_interval, b.mean_tokens_interval),
                   compare(a.score, b.score, a.score_interval, b.score_interval),
                   compare(a.cost_per_sample, b.cost_per_sample, a.cost_per_sample_interval,
                           b.cost_per_sample_interval)};
}

std::map<std::string, const SnapshotModel*> by_name(const Snapshot& snapshot) {
  std::map<std::string, const SnapshotModel*> models;
  for (const SnapshotModel& model : snapshot.models) {
    models.emplace(model.model, &model);
  }
  return models;
}

// Returns "23% more output tokens" / "12% fewer output tokens".
std::string token_words(const Change& change) {
  const long percent = std::lround(change.relative.value_or(0) * 100);
  return fmt::format("{}% {} output tokens", std::labs(percent), percent >= 0 ? "more" : "fewer");
}

std::string score_words(const Change& change) {
  if (!change.before || !change.after) {
    return "score not compared";
  }
  if (!change.beyond_noise) {
    return "score unchanged";
  }
  const double difference = *change.after - *change.before;
  return fmt::format("score {} by {:.3g}", difference > 0 ? "up" : "down", std::fabs(difference));
}

}  // namespace

Diff diff_snapshots(const Snapshot& before, const Snapshot& after) {
  Diff diff;
  const auto old_models = by_name(before);
  const auto new_models = by_name(after);
  for (const auto& [name, model] : old_models) {
    const auto found = new_models.find(name);
    if (found == new_models.end()) {
      diff.removed.push_back(name);
      continue;
    }
    diff.entries.push_back(diff_entry(name, "", model->figures, found->second->figures));
    for (const SnapshotTask& task : model->tasks) {
      for (const SnapshotTask& other : found->second->tasks) {
        if (other.task == task.task) {
          diff.entries.push_back(diff_entry(name, task.task, task.figures, other.figures));
        }
      }
    }
  }
  for (const auto& [name, model] : new_models) {
    if (!old_models.contains(name)) {
      diff.added.push_back(name);
    }
  }
  return diff;
}

std::vector<std::string> diff_headlines(const Diff& diff) {
  std::map<std::string, int> tasks_of;
  for (const DiffEntry& entry : diff.entries) {
    tasks_of[entry.model] += entry.task.empty() ? 0 : 1;
  }
  std::vector<std::string> lines;
  for (const DiffEntry& entry : diff.entries) {
    if (!entry.task.empty() && tasks_of[entry.model] == 1) {
      continue;  // the model's only task: its headline would repeat the model's
    }
    const std::string where = entry.task.empty() ? "" : " on " + entry.task;
    if (entry.tokens.beyond_noise && entry.tokens.relative) {
      lines.push_back(fmt::format("{} now spends {}{}, {}", entry.model, token_words(entry.tokens),
                                  where, score_words(entry.score)));
    } else if (entry.score.beyond_noise) {
      lines.push_back(fmt::format("{}{}: {}, output tokens unchanged", entry.model, where,
                                  score_words(entry.score)));
    }
    if (entry.cost.beyond_noise && entry.cost.relative) {
      const long percent = std::lround(*entry.cost.relative * 100);
      lines.push_back(fmt::format("{} now costs {}% {} per sample{}", entry.model, std::labs(percent),
                                  percent >= 0 ? "more" : "less", where));
    }
  }
  return lines;
}

std::vector<std::string> check_limits(const Snapshot* baseline, const Snapshot& current,
                                      const CheckLimits& limits) {
  std::vector<std::string> breaches;
  const auto current_models = by_name(current);
  if (baseline != nullptr && limits.max_token_increase) {
    for (const auto& [name, model] : by_name(*baseline)) {
      const auto found = current_models.find(name);
      if (found == current_models.end()) {
        breaches.push_back(fmt::format("{}: in the baseline but missing from {}", name, current.source));
        continue;
      }
      const Change tokens = compare(model->figures.mean_tokens, found->second->figures.mean_tokens,
                                    std::nullopt, std::nullopt);
      if (tokens.relative && *tokens.relative > *limits.max_token_increase) {
        breaches.push_back(fmt::format(
            "{}: output tokens per sample rose {:.1f}% ({:.1f} -> {:.1f}), above the {:g}% limit",
            name, *tokens.relative * 100, *tokens.before, *tokens.after,
            *limits.max_token_increase * 100));
      }
    }
  }
  for (const auto& [name, model] : current_models) {
    const SnapshotFigures& f = model->figures;
    if (limits.min_score && (!f.score || *f.score < *limits.min_score)) {
      breaches.push_back(f.score ? fmt::format("{}: score {:g} is below the minimum {:g}", name,
                                               *f.score, *limits.min_score)
                                 : fmt::format("{}: no score to check against the minimum {:g}",
                                               name, *limits.min_score));
    }
    if (limits.max_cost_per_task && f.cost_per_sample && *f.cost_per_sample > *limits.max_cost_per_task) {
      breaches.push_back(fmt::format("{}: cost per task ${:.6g} is above the ${:g} limit", name,
                                     *f.cost_per_sample, *limits.max_cost_per_task));
    }
  }
  return breaches;
}

}  // namespace tokprof::aggregate
