#include "text.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/strings.hpp"

namespace tokprof::report {

namespace {

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string joined;
  for (const std::string& part : parts) {
    joined += (joined.empty() ? "" : separator) + part;
  }
  return joined;
}

}  // namespace

std::string format_tokens(std::optional<double> value) {
  if (!value) {
    return k_absent;
  }
  // Token counts are whole: a mean of 346.29 reads better as 346.
  return human_count(std::fabs(*value) < 999.5 ? std::round(*value) : *value);
}

std::string format_significant(std::optional<double> value) {
  if (!value) {
    return k_absent;
  }
  if (*value == 0.0) {
    return "0";
  }
  const int decimals =
      std::clamp(2 - static_cast<int>(std::floor(std::log10(std::fabs(*value)))), 0, 6);
  return fmt::format("{:.{}f}", *value, decimals);
}

std::string format_score(std::optional<double> value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : k_absent;
}

int score_decimals(const Profile& profile) {
  for (const ModelProfile& model : profile.models) {
    if (model.figures.score && std::fabs(*model.figures.score) > 1.0) {
      return 1;
    }
  }
  return 3;
}

std::string format_integer(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<std::size_t>(at), ",");
  }
  return value < 0 ? "-" + digits : digits;
}

std::string format_usd(std::optional<double> value) {
  if (!value) {
    return k_absent;
  }
  const double usd = *value;
  if (usd == 0.0) {
    return "$0";
  }
  if (usd >= 100.0) {
    return "$" + format_integer(std::llround(usd));
  }
  if (usd >= 1.0) {
    return fmt::format("${:.2f}", usd);
  }
  const int decimals = std::clamp(2 - static_cast<int>(std::floor(std::log10(usd))), 2, 9);
  return fmt::format("${:.{}f}", usd, decimals);
}

std::string format_percent(std::optional<double> fraction) {
  return fraction ? fmt::format("{:.0f}%", *fraction * 100.0) : k_absent;
}

std::string format_change(std::optional<double> ratio) {
  if (!ratio) {
    return k_absent;
  }
  const long change = std::lround((*ratio - 1.0) * 100.0);
  return change == 0 ? "0%" : fmt::format("{:+d}%", change);
}

std::string format_difference(std::optional<double> difference, int decimals) {
  if (!difference) {
    return k_absent;
  }
  // Print -0.000 as 0.000: a sign on a zero reads as a change.
  const double rounded = std::round(*difference * std::pow(10.0, decimals));
  return rounded == 0.0 ? fmt::format("{:.{}f}", 0.0, decimals)
                        : fmt::format("{:+.{}f}", *difference, decimals);
}

std::string format_number(double value) {
  return fmt::format("{}", value);
}

std::vector<const ModelProfile*> models_by_score(const Profile& profile) {
  std::vector<const ModelProfile*> models;
  for (const ModelProfile& model : profile.models) {
    models.push_back(&model);
  }
  std::stable_sort(models.begin(), models.end(), [](const ModelProfile* a, const ModelProfile* b) {
    const auto& sa = a->figures.score;
    const auto& sb = b->figures.score;
    if (sa.has_value() != sb.has_value()) {
      return sa.has_value();
    }
    if (sa && *sa != *sb) {
      return *sa > *sb;
    }
    if (a->figures.output.total != b->figures.output.total) {
      return a->figures.output.total < b->figures.output.total;
    }
    return a->model < b->model;
  });
  return models;
}

const aggregate::ParetoEntry* frontier_entry(const aggregate::Frontier& frontier,
                                             const std::string& model) {
  for (const aggregate::ParetoEntry& entry : frontier.entries) {
    if (entry.name == model) {
      return &entry;
    }
  }
  return nullptr;
}

std::string frontier_tags(const Profile& profile, const std::string& model) {
  std::vector<std::string> tags;
  const auto* tokens = frontier_entry(profile.tokens_frontier, model);
  if (tokens != nullptr && tokens->on_frontier) {
    tags.emplace_back("tokens");
  }
  if (profile.cost_frontier) {
    const auto* cost = frontier_entry(*profile.cost_frontier, model);
    if (cost != nullptr && cost->on_frontier) {
      tags.emplace_back("cost");
    }
  }
  return join(tags, ", ");
}

std::optional<double> hidden_share(const Figures& figures) {
  if (!figures.hidden_reasoning || figures.reported_output <= 0) {
    return std::nullopt;
  }
  return static_cast<double>(*figures.hidden_reasoning) /
         static_cast<double>(figures.reported_output);
}

std::string tokens_label(const ModelProfile& model) {
  if (model.tokens_source != aggregate::TokensSource::counted) {
    return std::string(aggregate::to_string(model.tokens_source));
  }
  const std::string encodings = join(model.tokenizers, "+");
  return fmt::format("counted ({}{})", encodings, model.tokenizer_exact ? "" : ", approx.");
}

std::optional<double> shown_samples(const ModelProfile& model) {
  if (model.from_summary) {
    return model.summary_tasks ? std::optional<double>(static_cast<double>(*model.summary_tasks))
                               : std::nullopt;
  }
  return static_cast<double>(model.figures.samples);
}

std::string sample_set_sentence(const Profile& profile) {
  const std::size_t tasks = profile.tasks.size();
  if (profile.quantile_accuracy && !profile.tasks.empty()) {
    return fmt::format("Approximate mode (--approx-quantiles): figures cover every sample of each model ({} "
                       "task{}, no common-sample alignment); medians and p90s are approximate (DDSketch, within a "
                       "relative {} of the exact ones), every other figure is exact.",
                       tasks, tasks == 1 ? "" : "s", format_number(*profile.quantile_accuracy));
  }
  if (profile.all_keys == 0) {
    return "Figures come from summary tables only.";
  }
  if (profile.sample_set == aggregate::SampleSet::all) {
    return fmt::format("The models share no sample: figures cover each model's own samples "
                       "({} distinct in all, {} task{}).",
                       format_integer(profile.all_keys), tasks, tasks == 1 ? "" : "s");
  }
  if (profile.common_keys == profile.all_keys) {
    return fmt::format("Figures cover {} samples in {} task{}, the same for every model.",
                       format_integer(profile.common_keys), tasks, tasks == 1 ? "" : "s");
  }
  return fmt::format("Figures cover the {} samples every model has ({} distinct in all, {} "
                     "task{}).",
                     format_integer(profile.common_keys), format_integer(profile.all_keys), tasks,
                     tasks == 1 ? "" : "s");
}

std::string scoring_sentence(const Profile& profile) {
  const bool approximate_samples = profile.quantile_accuracy && !profile.tasks.empty();
  if (profile.all_keys == 0 && !approximate_samples) {
    return "Scores and token totals are as published.";
  }
  const std::string average = profile.average == aggregate::Average::macro
                                  ? "the mean of the per-task means (each task weighs the same)"
                                  : "the mean over all scored samples";
  std::string sentence = fmt::format("A model's score is {}; a sample is correct at score >= {}.",
                                     average, format_number(profile.correct_at));
  if (profile.baseline) {
    sentence += fmt::format(" Changes are relative to {}.", *profile.baseline);
  }
  return sentence;
}

std::vector<std::string> all_warnings(const ReportData& data) {
  std::vector<std::string> warnings = data.warnings;
  warnings.insert(warnings.end(), data.profile.warnings.begin(), data.profile.warnings.end());
  return warnings;
}

std::vector<std::string> domination_lines(const aggregate::Frontier& frontier) {
  std::vector<std::string> lines;
  for (const aggregate::ParetoEntry& entry : frontier.entries) {
    if (entry.eligible && !entry.on_frontier) {
      lines.push_back(fmt::format("{} is dominated by {}", entry.name,
                                  join(entry.dominated_by, ", ")));
    }
  }
  return lines;
}

std::string member_list(const aggregate::Frontier& frontier) {
  return frontier.members.empty() ? "none" : join(frontier.members, ", ");
}

}  // namespace tokprof::report
