#include "aggregate.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "align.hpp"
#include "profile_parts.hpp"
#include "figures.hpp"
#include "rows.hpp"
#include "warnings.hpp"

namespace tokprof::aggregate {

Result<void> validate_summary(const SummaryRow& row) {
  if (row.model.empty()) {
    return make_error_at(ErrorKind::invalid, "summary row without a model name", row.file,
                         row.line);
  }
  const bool bad_score = row.score && !std::isfinite(*row.score);
  const bool bad_cost = row.cost_usd && (!std::isfinite(*row.cost_usd) || *row.cost_usd < 0);
  const bool bad_tasks = row.tasks && *row.tasks <= 0;
  if (row.output_tokens < 0 || bad_score || bad_cost || bad_tasks) {
    return make_error_at(ErrorKind::invalid,
                         fmt::format("summary row for \"{}\" has a negative or non-finite value",
                                     row.model),
                         row.file, row.line);
  }
  return {};
}

Result<std::map<std::string, std::size_t>> model_index(const std::vector<std::string>& sample_models,
                                                       const std::vector<SummaryRow>& summaries) {
  std::map<std::string, std::string> origin;
  for (const std::string& model : sample_models) {
    origin.emplace(model, "the samples");
  }
  for (const SummaryRow& row : summaries) {
    TOKPROF_TRY(validate_summary(row));
    const std::string where = format_location(row.file, row.line);
    const auto [it, inserted] = origin.emplace(row.model, where);
    if (!inserted) {
      return make_error_at(ErrorKind::invalid,
                           fmt::format("model \"{}\" appears in a summary table and in {}",
                                       row.model, it->second),
                           row.file, row.line);
    }
  }
  std::map<std::string, std::size_t> index;
  for (const auto& [model, where] : origin) {
    index.emplace(model, index.size());
  }
  return index;
}

ModelProfile summary_model(const SummaryRow& row) {
  ModelProfile model;
  model.model = row.model;
  model.from_summary = true;
  model.tokens_source = TokensSource::summary;
  model.summary_tasks = row.tasks;
  model.source = format_location(row.file, row.line);
  Figures& figures = model.figures;
  figures.score = row.score;
  figures.output.total = row.output_tokens;
  const double tasks = static_cast<double>(row.tasks.value_or(0));
  figures.output.mean = ratio(static_cast<double>(row.output_tokens), tasks);
  if (row.score && row.output_tokens > 0) {
    figures.score_per_million_tokens =
        *row.score / (static_cast<double>(row.output_tokens) / 1e6);
  }
  if (row.cost_usd) {
    model.cost_source = CostSource::summary;
    figures.cost_usd = row.cost_usd;
    figures.cost_per_sample_usd = ratio(*row.cost_usd, tasks);
  }
  model.all = figures;
  return model;
}

namespace {

void fill_sample_model(ModelProfile& model, const ModelChoice& choice, const Profile& profile,
                       const std::vector<std::size_t>& all, const std::vector<std::size_t>& set) {
  model.tokens_source = choice.tokens;
  model.cost_source = choice.cost;
  model.price_key = choice.price_key;
  model.tokenizers = choice.tokenizers;
  model.tokenizer_exact = choice.tokenizer_exact;
  model.all = compute_figures(profile.rows, all, profile.average);
  model.figures = compute_figures(profile.rows, set, profile.average);
  std::map<std::size_t, std::vector<std::size_t>> by_task;
  for (const std::size_t index : set) {
    by_task[profile.rows[index].task].push_back(index);
  }
  for (const auto& [task, indices] : by_task) {
    model.tasks.push_back(TaskFigures{profile.tasks[task],
                                      compute_figures(profile.rows, indices, Average::micro)});
  }
}

// Fills profile.models (sorted by name, as `index` orders them) with the
// summary models and the figures of the sample-based ones.
void add_models(Profile& profile, const Alignment& alignment,
                const std::vector<ModelChoice>& choices,
                const std::vector<std::size_t>& profile_model,
                const std::vector<SummaryRow>& summaries,
                const std::map<std::string, std::size_t>& index) {
  profile.models.resize(index.size());
  for (const auto& [name, position] : index) {
    profile.models[position].model = name;
  }
  for (const SummaryRow& row : summaries) {
    profile.models[index.at(row.model)] = summary_model(row);
  }
  std::vector<std::vector<std::size_t>> all(index.size());
  std::vector<std::vector<std::size_t>> set(index.size());
  for (std::size_t i = 0; i < profile.rows.size(); ++i) {
    const Row& row = profile.rows[i];
    all[row.model].push_back(i);
    if (profile.sample_set == SampleSet::all || profile.keys[row.key].common) {
      set[row.model].push_back(i);
    }
  }
  for (std::size_t model = 0; model < alignment.models.size(); ++model) {
    const std::size_t target = profile_model[model];
    profile.models[target].coverage = alignment.coverage[model];
    fill_sample_model(profile.models[target], choices[model], profile, all[target], set[target]);
  }
}

}  // namespace

void apply_model_scores(Profile& profile, const std::map<std::string, double>& model_scores) {
  for (ModelProfile& model : profile.models) {
    const auto found = model_scores.find(model.model);
    if (model.from_summary || model.figures.scored > 0 || found == model_scores.end()) {
      continue;
    }
    model.score_from_table = true;
    for (Figures* figures : {&model.figures, &model.all}) {
      figures->score = found->second;
      if (figures->output.total > 0) {
        figures->score_per_million_tokens =
            found->second / (static_cast<double>(figures->output.total) / 1e6);
      }
    }
  }
}

void add_frontiers(Profile& profile) {
  std::vector<ParetoPoint> tokens;
  std::vector<ParetoPoint> cost;
  bool any_cost = false;
  for (const ModelProfile& model : profile.models) {
    const Figures& figures = model.figures;
    tokens.push_back({model.model, static_cast<double>(figures.output.total), figures.score});
    cost.push_back({model.model, figures.cost_usd, figures.score});
    any_cost = any_cost || figures.cost_usd.has_value();
  }
  profile.tokens_frontier = compute_frontier(tokens);
  if (any_cost) {
    profile.cost_frontier = compute_frontier(cost);
  }
}

Result<void> add_baseline(Profile& profile, const std::string& baseline) {
  const ModelProfile* base = nullptr;
  for (const ModelProfile& model : profile.models) {
    base = model.model == baseline ? &model : base;
  }
  if (base == nullptr) {
    return make_error(ErrorKind::invalid,
                      fmt::format("baseline model \"{}\" is not in the profile", baseline));
  }
  const Figures reference = base->figures;
  for (ModelProfile& model : profile.models) {
    BaselineDelta delta;
    delta.tokens_ratio = ratio(static_cast<double>(model.figures.output.total),
                               static_cast<double>(reference.output.total));
    if (model.figures.score && reference.score) {
      delta.score_difference = *model.figures.score - *reference.score;
    }
    if (model.figures.cost_usd && reference.cost_usd) {
      delta.cost_ratio = ratio(*model.figures.cost_usd, *reference.cost_usd);
    }
    model.vs_baseline = delta;
  }
  profile.baseline = baseline;
  return {};
}

namespace {

// What build_profile knows once the rows are built: from here on nothing
// reads the samples.
struct RowsStage {
  Profile profile;
  Alignment alignment;
  std::vector<ModelChoice> choices;
  std::vector<std::size_t> profile_model;  // alignment model index -> profile model index
  std::map<std::string, std::size_t> index;
};

// Builds the rows of `samples`; with `release` (the same table, handed
// over) each block of samples is freed as soon as its rows are made.
Result<RowsStage> build_rows(const SampleTable& samples, SampleTable* release,
                             const std::vector<SummaryRow>& summaries, const Options& options) {
  if (options.correct_at && !std::isfinite(*options.correct_at)) {
    return make_error(ErrorKind::invalid, "the correct-at threshold must be a finite number");
  }
  RowsStage stage;
  TOKPROF_TRY_ASSIGN(stage.alignment, align_samples(samples));
  TOKPROF_TRY_ASSIGN(stage.index, model_index(stage.alignment.models, summaries));
  TOKPROF_TRY_ASSIGN(stage.choices, choose_models(samples, stage.alignment, options));

  Profile& profile = stage.profile;
  const Alignment& alignment = stage.alignment;
  profile.average = options.average;
  profile.correct_at = options.correct_at.value_or(1.0);
  profile.tokens_mode = options.tokens;
  profile.price_source = options.prices ? options.prices->source() : std::string();
  profile.common_keys = alignment.common_keys;
  profile.all_keys = static_cast<std::int64_t>(alignment.keys.size());
  profile.sample_set =
      alignment.common_keys > 0 || samples.empty() ? SampleSet::common : SampleSet::all;
  profile.tasks = alignment.tasks;
  for (const std::string& model : alignment.models) {
    stage.profile_model.push_back(stage.index.at(model));
  }
  profile.key_ids = samples.id_storage();
  TOKPROF_TRY_ASSIGN(profile.rows, make_rows(samples, release, alignment, stage.choices, stage.profile_model,
                                             profile.correct_at, profile.files));
  return stage;
}

// Everything after the rows.
Result<Profile> finish_profile(RowsStage stage, const std::vector<SummaryRow>& summaries, const Options& options) {
  Profile& profile = stage.profile;
  profile.keys = std::move(stage.alignment.keys);
  add_models(profile, stage.alignment, stage.choices, stage.profile_model, summaries, stage.index);
  apply_model_scores(profile, options.model_scores);
  add_frontiers(profile);
  if (options.baseline) {
    TOKPROF_TRY(add_baseline(profile, *options.baseline));
  }
  profile.warnings = collect_warnings(profile, stage.alignment, stage.choices, stage.profile_model, options);
  if (options.bootstrap) {
    TOKPROF_TRY(add_bootstrap(profile, *options.bootstrap));
  }
  if (options.volume_per_month) {
    TOKPROF_TRY(add_projection(profile, *options.volume_per_month));
  }
  return std::move(profile);
}

}  // namespace

Result<Profile> build_profile(const std::vector<Sample>& samples, const std::vector<SummaryRow>& summaries,
                              const Options& options) {
  return build_profile(SampleTable(samples), summaries, options);
}

Result<Profile> build_profile(const SampleTable& samples, const std::vector<SummaryRow>& summaries,
                              const Options& options) {
  TOKPROF_TRY_ASSIGN(RowsStage stage, build_rows(samples, nullptr, summaries, options));
  return finish_profile(std::move(stage), summaries, options);
}

Result<Profile> build_profile(SampleTable&& samples, const std::vector<SummaryRow>& summaries,
                              const Options& options) {
  TOKPROF_TRY_ASSIGN(RowsStage stage, build_rows(samples, &samples, summaries, options));
  samples = SampleTable{};  // the bootstrap's memory comes after, not on top
  return finish_profile(std::move(stage), summaries, options);
}

}  // namespace tokprof::aggregate
