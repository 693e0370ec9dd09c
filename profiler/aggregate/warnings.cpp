#include "warnings.hpp"

#include <fmt/format.h>

namespace tokprof::aggregate {

namespace {

// Returns "1 sample" or "N samples".
std::string samples(std::int64_t count) {
  return fmt::format("{} sample{}", count, count == 1 ? "" : "s");
}

std::string join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) {
    joined += joined.empty() ? part : ", " + part;
  }
  return joined;
}

void global_warnings(const Profile& profile, std::vector<std::string>& out) {
  std::vector<std::string> summary_models;
  bool any_samples = false;
  for (const ModelProfile& model : profile.models) {
    if (model.from_summary) {
      summary_models.push_back(model.model);
    } else {
      any_samples = true;
    }
  }
  if (profile.sample_set == SampleSet::all && !profile.quantile_accuracy) {
    out.push_back(
        "the models share no (task, sample id, epoch): figures use each model's own samples "
        "and are not directly comparable");
  }
  if (any_samples && !summary_models.empty()) {
    out.push_back(fmt::format("summary-table figures for {} are not from these samples and "
                              "cover a different set of tasks",
                              join(summary_models)));
  }
}

void coverage_warnings(const std::string& model, const Coverage& coverage, SampleSet set,
                       std::vector<std::string>& out) {
  if (coverage.missing > 0) {
    out.push_back(fmt::format("{}: missing {} that other models have", model,
                              samples(coverage.missing)));
  }
  if (coverage.extra > 0 && set == SampleSet::common) {
    out.push_back(fmt::format("{}: {} of {} left out of the figures (not common to every model)",
                              model, coverage.extra, samples(coverage.samples)));
  }
}

void token_warnings(const std::string& model, const ModelChoice& choice, std::int64_t total,
                    std::vector<std::string>& out) {
  if (choice.tokens == TokensSource::counted && choice.without_reported_output < total) {
    out.push_back(fmt::format("{}: no reported output tokens for {} of {}: using counted tokens "
                              "(visible output only)",
                              model, choice.without_reported_output, samples(total)));
  }
  if (choice.tokenizers.size() > 1) {
    out.push_back(fmt::format("{}: samples were counted with different tokenizers ({})", model,
                              join(choice.tokenizers)));
  }
  if (choice.tokens == TokensSource::counted && !choice.tokenizer_exact) {
    out.push_back(fmt::format("{}: counted with {}, an approximation of this model's tokenizer",
                              model, join(choice.tokenizers)));
  }
}

// `binary`: every score of the model is 0 or 1.
void score_warnings(const Profile& profile, std::size_t model_index, bool binary, const Options& options,
                    std::vector<std::string>& out) {
  const ModelProfile& model = profile.models[model_index];
  const Figures& figures = model.all;
  if (model.score_from_table) {
    return;  // leaderboard_score_warning says it once for all such models
  }
  if (figures.scored == 0) {
    out.push_back(fmt::format("{}: no scores: listed but on no frontier", model.model));
    return;
  }
  if (figures.scored < figures.samples) {
    out.push_back(fmt::format("{}: no score for {} of {}", model.model,
                              figures.samples - figures.scored, samples(figures.samples)));
  }
  if (!binary && !options.correct_at) {
    out.push_back(fmt::format("{}: scores are not all 0 or 1: a sample counts as correct only "
                              "at score >= 1 unless a correct-at threshold is set",
                              model.model));
  }
}

// Returns, per model of `profile`, whether every score of its rows is 0 or
// 1. One pass over the rows: a pass per model read 330k rows of 144 bytes
// eight times for 1 GB of traces.
std::vector<bool> binary_scores(const Profile& profile) {
  std::vector<bool> binary(profile.models.size(), true);
  for (const Row& row : profile.rows) {
    if (row.score && *row.score != 0.0 && *row.score != 1.0) {
      binary[row.model] = false;
    }
  }
  return binary;
}

void cost_warnings(const Profile& profile, const ModelProfile& model, const ModelChoice& choice,
                   std::vector<std::string>& out) {
  if (!profile.price_source.empty() && model.cost_source != CostSource::prices) {
    const std::string fallback =
        model.cost_source == CostSource::trace ? "using the costs the traces report" : "unpriced";
    if (choice.ambiguous_keys.empty()) {
      out.push_back(fmt::format("{}: no price in {}: {}", model.model, profile.price_source,
                                fallback));
    } else {
      out.push_back(fmt::format("{}: price keys disagree ({}): {}", model.model,
                                join(choice.ambiguous_keys), fallback));
    }
  }
  if (model.all.cost_output_only_samples > 0) {
    out.push_back(fmt::format("{}: no reported input tokens for {}: cost covers output only",
                              model.model, samples(model.all.cost_output_only_samples)));
  }
  if (model.all.cost_from_counted_samples > 0) {
    out.push_back(fmt::format("{}: no reported output tokens for {}: costed from counted tokens",
                              model.model, samples(model.all.cost_from_counted_samples)));
  }
}

// One line for every model whose score is a per-model leaderboard score.
void leaderboard_score_warning(const Profile& profile, std::vector<std::string>& out) {
  std::vector<std::string> models;
  for (const ModelProfile& model : profile.models) {
    if (model.score_from_table) {
      models.push_back(model.model);
    }
  }
  if (!models.empty()) {
    out.push_back(fmt::format("per-model leaderboard scores for {}: no score intervals, and tokens per "
                              "correct answer need per-sample scores",
                              join(models)));
  }
}

// What a sample model's warnings need besides the profile.
struct ModelFacts {
  const ModelChoice* choice = nullptr;
  bool binary = true;  // every score is 0 or 1
};

// The global warnings, then each model's in model order. `facts` is indexed
// like profile.models; entries of summary models are not read. Coverage
// warnings only `with_coverage`: an approximate profile has no alignment.
std::vector<std::string> profile_warnings(const Profile& profile, const std::vector<ModelFacts>& facts,
                                          bool with_coverage, const Options& options) {
  std::vector<std::string> out;
  global_warnings(profile, out);
  leaderboard_score_warning(profile, out);
  for (std::size_t index = 0; index < profile.models.size(); ++index) {
    const ModelProfile& model = profile.models[index];
    if (model.from_summary) {
      if (!model.figures.score) {
        out.push_back(fmt::format("{}: no score: listed but on no frontier", model.model));
      }
      continue;
    }
    if (with_coverage) {
      coverage_warnings(model.model, model.coverage, profile.sample_set, out);
    }
    // coverage.samples: all of the model's samples, also in an approximate
    // profile, where it equals all.samples.
    token_warnings(model.model, *facts[index].choice, model.coverage.samples, out);
    score_warnings(profile, index, facts[index].binary, options, out);
    cost_warnings(profile, model, *facts[index].choice, out);
  }
  return out;
}

}  // namespace

std::vector<std::string> collect_warnings(const Profile& profile, const Alignment& alignment,
                                          const std::vector<ModelChoice>& choices,
                                          const std::vector<std::size_t>& profile_model,
                                          const Options& options) {
  std::vector<ModelFacts> facts(profile.models.size());
  const std::vector<bool> binary = binary_scores(profile);
  for (std::size_t model = 0; model < alignment.models.size(); ++model) {
    const std::size_t index = profile_model[model];
    facts[index] = {&choices[model], binary[index]};
  }
  return profile_warnings(profile, facts, true, options);
}

std::vector<std::string> collect_approx_warnings(const Profile& profile, const std::vector<ModelChoice>& choices,
                                                 const std::vector<bool>& binary, const Options& options) {
  std::vector<ModelFacts> facts(profile.models.size());
  for (std::size_t index = 0; index < profile.models.size(); ++index) {
    facts[index] = {&choices[index], binary[index]};
  }
  return profile_warnings(profile, facts, false, options);
}

}  // namespace tokprof::aggregate
