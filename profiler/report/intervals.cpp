#include "intervals.hpp"

#include <cmath>

#include <fmt/format.h>

namespace tokprof::report {

namespace {

std::optional<double> half_width(const std::optional<Interval>& interval) {
  if (!interval) {
    return std::nullopt;
  }
  return (interval->high - interval->low) / 2;
}

// Returns "31% fewer" / "12% more" / "as many" for a ratio.
std::string change_words(double ratio, const char* noun_more, const char* noun_fewer) {
  const long percent = std::lround((ratio - 1.0) * 100.0);
  if (percent == 0) {
    return "about as many";
  }
  return fmt::format("{}% {}", std::labs(percent), percent > 0 ? noun_more : noun_fewer);
}

std::string comparison_sentence(const Profile& profile, const std::string& model,
                                const std::string& reference, const aggregate::BaselineDelta& delta) {
  if (!delta.tokens_ratio) {
    return {};
  }
  std::string sentence = fmt::format("{} spends {} output tokens than {}", model,
                                     change_words(*delta.tokens_ratio, "more", "fewer"), reference);
  if (delta.tokens_ratio_interval && profile.bootstrap) {
    const Interval& i = *delta.tokens_ratio_interval;
    sentence += fmt::format(" ({:.0f}% CI {} to {})", profile.bootstrap->confidence * 100,
                            format_change(i.low), format_change(i.high));
  }
  if (delta.score_difference) {
    sentence += " for a score difference of " +
                difference_with_interval(delta.score_difference, delta.score_difference_interval,
                                         score_decimals(profile));
  }
  return sentence;
}

}  // namespace

std::string with_margin(const std::string& point, const std::optional<Interval>& interval,
                        std::string (*margin)(std::optional<double>)) {
  if (!interval || point == k_absent) {
    return point;
  }
  return point + " ±" + margin(half_width(interval));
}

std::string score_with_margin(std::optional<double> point, const std::optional<Interval>& interval,
                              int decimals) {
  const std::string text = format_score(point, decimals);
  if (!interval || !point) {
    return text;
  }
  return text + " ±" + format_score(half_width(interval), decimals);
}

std::string change_with_interval(std::optional<double> ratio,
                                 const std::optional<Interval>& interval) {
  const std::string text = format_change(ratio);
  if (!interval || !ratio) {
    return text;
  }
  return fmt::format("{} ({} to {})", text, format_change(interval->low),
                     format_change(interval->high));
}

std::string difference_with_interval(std::optional<double> difference,
                                     const std::optional<Interval>& interval, int decimals) {
  const std::string text = format_difference(difference, decimals);
  if (!interval || !difference) {
    return text;
  }
  return fmt::format("{} ({} to {})", text, format_difference(interval->low, decimals),
                     format_difference(interval->high, decimals));
}

bool any_stability(const Profile& profile) {
  for (const ModelProfile& model : profile.models) {
    if (model.stability && (model.stability->tokens || model.stability->cost)) {
      return true;
    }
  }
  return false;
}

bool any_projection(const Profile& profile) {
  for (const ModelProfile& model : profile.models) {
    if (model.projection) {
      return true;
    }
  }
  return false;
}

std::string stability_cell(const Profile& profile, const ModelProfile& model) {
  if (!model.stability || !model.stability->tokens) {
    return k_absent;
  }
  std::string cell = format_percent(model.stability->tokens);
  if (profile.cost_frontier) {
    cell += " / " + format_percent(model.stability->cost);
  }
  return cell;
}

std::string projection_cell(const ModelProfile& model) {
  if (!model.projection) {
    return k_absent;
  }
  return with_margin(format_usd(model.projection->monthly_usd), model.projection->interval,
                     format_usd);
}

std::string interval_note(const Profile& profile) {
  if (!profile.bootstrap) {
    return {};
  }
  const aggregate::BootstrapInfo& info = *profile.bootstrap;
  std::string note = fmt::format(
      "±: half-width of the {:.0f}% confidence interval (paired bootstrap, {} resamples of the "
      "{} prompts, stratified by task, seed {}).",
      info.confidence * 100, format_integer(info.replicates), format_integer(info.keys), info.seed);
  if (any_stability(profile)) {
    note += profile.cost_frontier
                ? " Stable: share of resamples on the token / cost frontier."
                : " Stable: share of resamples on the token frontier.";
  }
  return note;
}

std::vector<std::string> comparison_sentences(const Profile& profile) {
  std::vector<std::string> sentences;
  if (!profile.bootstrap) {
    return sentences;  // without intervals the table's baseline columns say it all
  }
  for (const ModelProfile& model : profile.models) {
    if (model.vs_baseline && profile.baseline && model.model != *profile.baseline) {
      sentences.push_back(
          comparison_sentence(profile, model.model, *profile.baseline, *model.vs_baseline));
    }
  }
  for (const aggregate::Comparison& comparison : profile.comparisons) {
    sentences.push_back(
        comparison_sentence(profile, comparison.model, comparison.reference, comparison.delta));
  }
  std::erase(sentences, std::string());
  return sentences;
}

}  // namespace tokprof::report
