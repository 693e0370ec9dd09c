// The JSON report, schema "tokprof.report/1": every figure of the Profile,
// keys in a fixed order, absent figures as null (never left out, so that
// consumers can rely on the keys). A change that removes or renames a key,
// or changes a meaning, bumps the schema version; adding keys does not.

#include <nlohmann/json.hpp>

#include "aggregate/sample.hpp"
#include "text.hpp"
#include "writers.hpp"

namespace tokprof::report {

namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json token_stats_json(const aggregate::TokenStats& stats) {
  return Json{{"total", stats.total},
              {"mean", optional_json(stats.mean)},
              {"median", optional_json(stats.median)},
              {"p90", optional_json(stats.p90)},
              {"max", optional_json(stats.max)}};
}

Json figures_json(const Figures& f) {
  return Json{{"samples", f.samples},
              {"scored", f.scored},
              {"correct", f.correct},
              {"score", optional_json(f.score)},
              {"output_tokens", token_stats_json(f.output)},
              {"counted_output_tokens", f.counted_output},
              {"counted_reasoning_tokens", f.counted_reasoning},
              {"reported_output_samples", f.reported_output_samples},
              {"reported_output_tokens", f.reported_output},
              {"reported_reasoning_samples", f.reported_reasoning_samples},
              {"reported_reasoning_tokens", f.reported_reasoning},
              {"hidden_reasoning_tokens", optional_json(f.hidden_reasoning)},
              {"tokens_per_correct", optional_json(f.tokens_per_correct)},
              {"score_per_million_tokens", optional_json(f.score_per_million_tokens)},
              {"cost_usd", optional_json(f.cost_usd)},
              {"cost_per_sample_usd", optional_json(f.cost_per_sample_usd)},
              {"cost_per_correct_usd", optional_json(f.cost_per_correct_usd)},
              {"cost_output_only_samples", f.cost_output_only_samples},
              {"cost_from_counted_samples", f.cost_from_counted_samples},
              {"reported_cost_usd", optional_json(f.reported_cost_usd)}};
}

Json interval_json(const std::optional<aggregate::Interval>& interval) {
  return interval ? Json{{"low", interval->low}, {"high", interval->high}} : Json(nullptr);
}

Json intervals_json(const std::optional<aggregate::FigureIntervals>& intervals) {
  if (!intervals) {
    return nullptr;
  }
  const aggregate::FigureIntervals& i = *intervals;
  return Json{{"score", interval_json(i.score)},
              {"output_tokens_total", interval_json(i.output_total)},
              {"output_tokens_mean", interval_json(i.output_mean)},
              {"tokens_per_correct", interval_json(i.tokens_per_correct)},
              {"score_per_million_tokens", interval_json(i.score_per_million_tokens)},
              {"cost_usd", interval_json(i.cost_usd)},
              {"cost_per_sample_usd", interval_json(i.cost_per_sample_usd)},
              {"cost_per_correct_usd", interval_json(i.cost_per_correct_usd)}};
}

Json delta_json(const aggregate::BaselineDelta& delta) {
  return Json{{"tokens_ratio", optional_json(delta.tokens_ratio)},
              {"score_difference", optional_json(delta.score_difference)},
              {"cost_ratio", optional_json(delta.cost_ratio)},
              {"tokens_ratio_interval", interval_json(delta.tokens_ratio_interval)},
              {"score_difference_interval", interval_json(delta.score_difference_interval)},
              {"cost_ratio_interval", interval_json(delta.cost_ratio_interval)}};
}

Json projection_json(const Profile& profile, const ModelProfile& model) {
  if (!model.projection || !profile.volume_per_month) {
    return nullptr;
  }
  return Json{{"samples_per_month", *profile.volume_per_month},
              {"monthly_cost_usd", model.projection->monthly_usd},
              {"interval", interval_json(model.projection->interval)}};
}

Json standing_json(const aggregate::Frontier* frontier, const std::string& model,
                   std::optional<double> stability) {
  const auto* entry = frontier != nullptr ? frontier_entry(*frontier, model) : nullptr;
  if (entry == nullptr || !entry->eligible) {
    return nullptr;
  }
  return Json{{"on_frontier", entry->on_frontier},
              {"dominated_by", entry->dominated_by},
              {"stability", optional_json(stability)}};
}

Json model_json(const Profile& profile, const ModelProfile& model) {
  Json tasks = Json::array();
  for (const aggregate::TaskFigures& task : model.tasks) {
    tasks.push_back(Json{{"task", task.task},
                         {"figures", figures_json(task.figures)},
                         {"intervals", intervals_json(task.intervals)}});
  }
  const Json baseline = model.vs_baseline ? delta_json(*model.vs_baseline) : Json(nullptr);
  const aggregate::Frontier* cost = profile.cost_frontier ? &*profile.cost_frontier : nullptr;
  const auto stability = model.stability.value_or(aggregate::FrontierStability{});
  return Json{
      {"model", model.model},
      {"origin", model.from_summary ? "summary" : "samples"},
      {"source", model.source.empty() ? Json(nullptr) : Json(model.source)},
      {"summary_tasks", optional_json(model.summary_tasks)},
      {"tokens_source", aggregate::to_string(model.tokens_source)},
      {"tokenizers", model.tokenizers},
      {"tokenizer_exact", model.from_summary ? Json(nullptr) : Json(model.tokenizer_exact)},
      {"cost_source", aggregate::to_string(model.cost_source)},
      {"price_key", model.price_key.empty() ? Json(nullptr) : Json(model.price_key)},
      {"coverage", Json{{"samples", model.coverage.samples},
                        {"common", model.coverage.common},
                        {"missing", model.coverage.missing},
                        {"extra", model.coverage.extra}}},
      {"frontier",
       Json{{"tokens", standing_json(&profile.tokens_frontier, model.model, stability.tokens)},
            {"cost", standing_json(cost, model.model, stability.cost)}}},
      {"figures", figures_json(model.figures)},
      {"intervals", intervals_json(model.intervals)},
      {"projection", projection_json(profile, model)},
      {"all_samples", figures_json(model.all)},
      {"tasks", std::move(tasks)},
      {"vs_baseline", std::move(baseline)}};
}

Json frontier_json(const aggregate::Frontier& frontier, const char* x) {
  return Json{{"x", x}, {"members", frontier.members}};
}

Json sample_rows_json(const Profile& profile) {
  Json rows = Json::array();
  for (const aggregate::Row& row : profile.rows) {
    const aggregate::SampleKey& key = profile.keys[row.key];
    rows.push_back(Json{{"model", profile.models[row.model].model},
                        {"task", profile.tasks[row.task]},
                        {"sample_id", key.sample_id},
                        {"epoch", key.epoch},
                        {"common", key.common},
                        {"output_tokens", row.tokens},
                        {"counted_output_tokens", row.counted},
                        {"counted_reasoning_tokens", row.counted_reasoning},
                        {"reported_output_tokens", optional_json(row.reported.get())},
                        {"reported_reasoning_tokens", optional_json(row.reported_reasoning.get())},
                        {"score", optional_json(row.score.get())},
                        {"correct", row.score ? Json(row.correct) : Json(nullptr)},
                        {"cost_usd", optional_json(row.cost_usd.get())},
                        {"cost_output_only", row.cost_output_only},
                        {"reported_cost_usd", optional_json(row.reported_cost_usd.get())},
                        {"where", aggregate::format_location(profile.files[row.file], row.line)}});
  }
  return rows;
}

Json bootstrap_json(const Profile& profile) {
  if (!profile.bootstrap) {
    return nullptr;
  }
  const aggregate::BootstrapInfo& info = *profile.bootstrap;
  return Json{{"replicates", info.replicates},
              {"seed", info.seed},
              {"confidence", info.confidence},
              {"keys", info.keys},
              {"unit", "key (task, sample_id, epoch), paired across models, stratified by task"},
              {"interval", "percentile"}};
}

Json comparisons_json(const Profile& profile) {
  Json out = Json::array();
  for (const aggregate::Comparison& comparison : profile.comparisons) {
    out.push_back(Json{{"model", comparison.model},
                       {"reference", comparison.reference},
                       {"delta", delta_json(comparison.delta)}});
  }
  return out;
}

Json settings_json(const ReportData& data) {
  const Profile& profile = data.profile;
  Json settings{{"average", aggregate::to_string(profile.average)},
                {"correct_at", profile.correct_at},
                {"tokens", aggregate::to_string(profile.tokens_mode)},
                {"tokenizer", data.run.tokenizer_mode},
                {"prices", data.run.price_file.empty() ? Json(nullptr) : Json(data.run.price_file)},
                {"baseline", optional_json(profile.baseline)},
                {"bootstrap", bootstrap_json(profile)},
                {"volume_per_month", optional_json(profile.volume_per_month)}};
  // Only in approximate mode, so that exact reports keep their bytes.
  if (profile.quantile_accuracy) {
    settings["quantiles"] = "approximate";
    settings["quantile_sketch"] = "DDSketch";
    settings["quantile_relative_accuracy"] = *profile.quantile_accuracy;
  }
  return settings;
}

// Approximate profiles have no sample keys: the key counts are unknown.
Json sample_set_json(const Profile& profile) {
  const bool keyed = !profile.quantile_accuracy;
  return Json{{"used", aggregate::to_string(profile.sample_set)},
              {"common_keys", keyed ? Json(profile.common_keys) : Json(nullptr)},
              {"all_keys", keyed ? Json(profile.all_keys) : Json(nullptr)}};
}

// issue 6: the records --keep-going skipped, counted per file.
Json skipped_json(const ReportData& data) {
  Json files = Json::array();
  std::int64_t total = 0;
  for (const SkippedFile& file : data.skipped_files) {
    files.push_back(Json{{"file", file.file}, {"records", file.records}});
    total += file.records;
  }
  return Json{{"records", total}, {"files", std::move(files)}};
}

}  // namespace

std::string write_json(const ReportData& data, bool per_sample) {
  const Profile& profile = data.profile;
  Json models = Json::array();
  for (const ModelProfile& model : profile.models) {
    models.push_back(model_json(profile, model));
  }
  Json document{
      {"schema", "tokprof.report/1"},
      {"generator", Json{{"name", "tokprof"},
                         {"version", data.run.tool_version},
                         {"generated_at", data.run.generated_at}}},
      {"title", data.run.title},
      {"inputs", data.run.inputs},
      {"settings", settings_json(data)},
      {"sample_set", sample_set_json(profile)},
      {"tasks", profile.tasks},
      {"models", std::move(models)},
      {"frontiers",
       Json{{"tokens", frontier_json(profile.tokens_frontier, "output_tokens_total")},
            {"cost", profile.cost_frontier ? frontier_json(*profile.cost_frontier, "cost_usd")
                                           : Json(nullptr)}}},
      {"comparisons", comparisons_json(profile)},
      {"warnings", all_warnings(data)}};
  if (per_sample) {
    document["samples"] = sample_rows_json(profile);
  }
  if (!data.skipped_files.empty()) {  // issue 6: --keep-going
    document["skipped"] = skipped_json(data);
  }
  // Replace rather than throw on invalid UTF-8 in names taken from traces.
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace tokprof::report
