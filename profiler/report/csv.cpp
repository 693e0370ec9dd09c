// The CSV report: one row per model (level "model", task empty) and one per
// model × task (level "task"), all figures as plain numbers (no 58M, no $),
// absent figures as empty cells. Quoting and line ends follow RFC 4180:
// CRLF after every record, and a field with a comma, a double quote, CR or
// LF is enclosed in double quotes with its quotes doubled. Approximate
// reports end each record with "quantiles" ("approximate") and
// "quantile_relative_accuracy".

#include <optional>

#include "text.hpp"
#include "writers.hpp"

namespace tokprof::report {

namespace {

std::string quote(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    return field;
  }
  std::string quoted = "\"";
  for (const char c : field) {
    quoted += c == '"' ? "\"\"" : std::string(1, c);
  }
  return quoted + "\"";
}

std::string cell(std::optional<double> value) {
  return value ? format_number(*value) : std::string();
}

std::string cell(std::optional<std::int64_t> value) {
  return value ? std::to_string(*value) : std::string();
}

std::string flag(const aggregate::Frontier* frontier, const std::string& model) {
  if (frontier == nullptr) {
    return {};
  }
  const auto* entry = frontier_entry(*frontier, model);
  return entry != nullptr && entry->on_frontier ? "1" : "0";
}

std::string dominators(const aggregate::Frontier& frontier, const std::string& model) {
  const auto* entry = frontier_entry(frontier, model);
  std::string joined;
  for (const std::string& name : entry != nullptr ? entry->dominated_by : std::vector<std::string>{}) {
    joined += (joined.empty() ? "" : ";") + name;
  }
  return joined;
}

constexpr const char* k_header[] = {
    "level", "model", "task", "samples", "scored", "correct", "score", "tokens_source",
    "output_tokens_total", "output_tokens_mean", "output_tokens_median", "output_tokens_p90",
    "output_tokens_max", "counted_output_tokens", "counted_reasoning_tokens",
    "reported_output_samples", "reported_output_tokens", "reported_reasoning_tokens",
    "hidden_reasoning_tokens", "tokens_per_correct", "score_per_million_tokens", "cost_source",
    "cost_usd", "cost_per_sample_usd", "cost_per_correct_usd", "cost_output_only_samples",
    "on_tokens_frontier", "on_cost_frontier", "dominated_by_tokens",
    // issue 9: bootstrap intervals (low, high), frontier stability, projection
    "score_low", "score_high", "output_tokens_total_low", "output_tokens_total_high",
    "output_tokens_mean_low", "output_tokens_mean_high", "tokens_per_correct_low",
    "tokens_per_correct_high", "cost_per_sample_usd_low", "cost_per_sample_usd_high",
    "tokens_frontier_stability", "cost_frontier_stability", "monthly_cost_usd",
    "monthly_cost_usd_low", "monthly_cost_usd_high"};

void append_record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    out += (i == 0 ? "" : ",") + quote(fields[i]);
  }
  out += "\r\n";
}

// A summary model has no samples: its published task count stands in.
std::vector<std::string> figure_fields(const ModelProfile& model, const Figures& f) {
  if (model.from_summary) {
    return {cell(model.summary_tasks), "", "", cell(f.score)};
  }
  return {std::to_string(f.samples),
          std::to_string(f.scored),
          std::to_string(f.correct),
          cell(f.score)};
}

std::vector<std::string> token_fields(const ModelProfile& model, const Figures& f) {
  if (model.from_summary) {
    return {std::to_string(f.output.total), cell(f.output.mean), "", "", "", "", "", "", "", "",
            "", "", cell(f.score_per_million_tokens)};
  }
  return {std::to_string(f.output.total),
          cell(f.output.mean),
          cell(f.output.median),
          cell(f.output.p90),
          cell(f.output.max),
          std::to_string(f.counted_output),
          std::to_string(f.counted_reasoning),
          std::to_string(f.reported_output_samples),
          std::to_string(f.reported_output),
          std::to_string(f.reported_reasoning),
          cell(f.hidden_reasoning),
          cell(f.tokens_per_correct),
          cell(f.score_per_million_tokens)};
}

void append_interval(std::vector<std::string>& fields, const std::optional<aggregate::Interval>& interval) {
  fields.push_back(interval ? format_number(interval->low) : std::string());
  fields.push_back(interval ? format_number(interval->high) : std::string());
}

void append_uncertainty(std::vector<std::string>& fields, const ModelProfile& model,
                        const std::optional<aggregate::FigureIntervals>& intervals, bool model_level) {
  const aggregate::FigureIntervals i = intervals.value_or(aggregate::FigureIntervals{});
  for (const auto* interval : {&i.score, &i.output_total, &i.output_mean, &i.tokens_per_correct,
                               &i.cost_per_sample_usd}) {
    append_interval(fields, *interval);
  }
  const aggregate::FrontierStability stability =
      model_level ? model.stability.value_or(aggregate::FrontierStability{}) : aggregate::FrontierStability{};
  fields.push_back(cell(stability.tokens));
  fields.push_back(cell(stability.cost));
  const bool projected = model_level && model.projection;
  fields.push_back(projected ? format_number(model.projection->monthly_usd) : std::string());
  append_interval(fields, projected ? model.projection->interval : std::nullopt);
}

std::vector<std::string> record(const Profile& profile, const ModelProfile& model,
                                const std::string& task, const Figures& f, bool model_level,
                                const std::optional<aggregate::FigureIntervals>& intervals) {
  std::vector<std::string> fields = {model_level ? "model" : "task", model.model, task};
  for (auto&& part : figure_fields(model, f)) {
    fields.push_back(std::move(part));
  }
  fields.emplace_back(aggregate::to_string(model.tokens_source));
  for (auto&& part : token_fields(model, f)) {
    fields.push_back(std::move(part));
  }
  const std::string cost_source(aggregate::to_string(model.cost_source));
  for (auto&& part : {cost_source, cell(f.cost_usd), cell(f.cost_per_sample_usd),
                      cell(f.cost_per_correct_usd), std::to_string(f.cost_output_only_samples)}) {
    fields.push_back(part);
  }
  const aggregate::Frontier* cost = profile.cost_frontier ? &*profile.cost_frontier : nullptr;
  fields.push_back(model_level ? flag(&profile.tokens_frontier, model.model) : "");
  fields.push_back(model_level ? flag(cost, model.model) : "");
  fields.push_back(model_level ? dominators(profile.tokens_frontier, model.model) : "");
  append_uncertainty(fields, model, intervals, model_level);
  return fields;
}

}  // namespace

// Approximate mode (--approx-quantiles) appends two columns that say how
// the median and p90 were made; exact reports keep their columns.
void append_quantile_fields(const Profile& profile, std::vector<std::string>& fields) {
  if (profile.quantile_accuracy) {
    fields.emplace_back("approximate");
    fields.push_back(format_number(*profile.quantile_accuracy));
  }
}

std::string write_csv(const ReportData& data) {
  const Profile& profile = data.profile;
  std::string out;
  std::vector<std::string> header(std::begin(k_header), std::end(k_header));
  if (profile.quantile_accuracy) {
    header.emplace_back("quantiles");
    header.emplace_back("quantile_relative_accuracy");
  }
  append_record(out, header);
  for (const ModelProfile* model : models_by_score(profile)) {
    auto fields = record(profile, *model, "", model->figures, true, model->intervals);
    append_quantile_fields(profile, fields);
    append_record(out, fields);
  }
  for (const ModelProfile* model : models_by_score(profile)) {
    for (const aggregate::TaskFigures& task : model->tasks) {
      auto fields = record(profile, *model, task.task, task.figures, false, task.intervals);
      append_quantile_fields(profile, fields);
      append_record(out, fields);
    }
  }
  return out;
}

}  // namespace tokprof::report
