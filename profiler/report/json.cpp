// The JSON report, schema "tokprof.report/1": every figure of the Profile,
// keys in a fixed order, absent figures as null (never left out, so that
// consumers can rely on the keys). A change that removes or renames a key,
// or changes a meaning, bumps the schema version; adding keys does not.

#include <nlohmann/json.hpp>

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

Json standing_json(const aggregate::Frontier* frontier, const std::string& model) {
  const auto* entry = frontier != nullptr ? frontier_entry(*frontier, model) : nullptr;
  if (entry == nullptr || !entry->eligible) {
    return nullptr;
  }
  return Json{{"on_frontier", entry->on_frontier}, {"dominated_by", entry->dominated_by}};
}

Json model_json(const Profile& profile, const ModelProfile& model) {
  Json tasks = Json::array();
  for (const aggregate::TaskFigures& task : model.tasks) {
    tasks.push_back(Json{{"task", task.task}, {"figures", figures_json(task.figures)}});
  }
  Json baseline = nullptr;
  if (model.vs_baseline) {
    baseline = Json{{"tokens_ratio", optional_json(model.vs_baseline->tokens_ratio)},
                    {"score_difference", optional_json(model.vs_baseline->score_difference)},
                    {"cost_ratio", optional_json(model.vs_baseline->cost_ratio)}};
  }
  const aggregate::Frontier* cost = profile.cost_frontier ? &*profile.cost_frontier : nullptr;
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
      {"frontier", Json{{"tokens", standing_json(&profile.tokens_frontier, model.model)},
                        {"cost", standing_json(cost, model.model)}}},
      {"figures", figures_json(model.figures)},
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
                        {"reported_output_tokens", optional_json(row.reported)},
                        {"reported_reasoning_tokens", optional_json(row.reported_reasoning)},
                        {"score", optional_json(row.score)},
                        {"correct", row.score ? Json(row.correct) : Json(nullptr)},
                        {"cost_usd", optional_json(row.cost_usd)},
                        {"cost_output_only", row.cost_output_only},
                        {"reported_cost_usd", optional_json(row.reported_cost_usd)},
                        {"where", row.where}});
  }
  return rows;
}

Json settings_json(const ReportData& data) {
  const Profile& profile = data.profile;
  return Json{{"average", aggregate::to_string(profile.average)},
              {"correct_at", profile.correct_at},
              {"tokens", aggregate::to_string(profile.tokens_mode)},
              {"tokenizer", data.run.tokenizer_mode},
              {"prices", data.run.price_file.empty() ? Json(nullptr) : Json(data.run.price_file)},
              {"baseline", optional_json(profile.baseline)}};
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
      {"sample_set", Json{{"used", aggregate::to_string(profile.sample_set)},
                          {"common_keys", profile.common_keys},
                          {"all_keys", profile.all_keys}}},
      {"tasks", profile.tasks},
      {"models", std::move(models)},
      {"frontiers",
       Json{{"tokens", frontier_json(profile.tokens_frontier, "output_tokens_total")},
            {"cost", profile.cost_frontier ? frontier_json(*profile.cost_frontier, "cost_usd")
                                           : Json(nullptr)}}},
      {"warnings", all_warnings(data)}};
  if (per_sample) {
    document["samples"] = sample_rows_json(profile);
  }
  // Replace rather than throw on invalid UTF-8 in names taken from traces.
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace tokprof::report
