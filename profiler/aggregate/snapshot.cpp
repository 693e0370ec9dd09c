// Reading a JSON report (tokprof.report/1) back into a Snapshot: only the
// figures diff and check compare, so that later additions to the schema
// cannot break it.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "diff.hpp"

namespace tokprof::aggregate {

namespace {

using Json = nlohmann::json;

std::optional<double> number_at(const Json& object, const char* key) {
  if (!object.is_object()) {
    return std::nullopt;
  }
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? std::optional(it->get<double>()) : std::nullopt;
}

std::optional<Interval> interval_at(const Json& intervals, const char* key) {
  if (!intervals.is_object() || !intervals.contains(key)) {
    return std::nullopt;
  }
  const Json& value = intervals.at(key);
  const auto low = number_at(value, "low");
  const auto high = number_at(value, "high");
  return low && high ? std::optional(Interval{*low, *high}) : std::nullopt;
}

SnapshotFigures read_figures(const Json& figures, const Json& intervals) {
  SnapshotFigures out;
  out.samples = static_cast<std::int64_t>(number_at(figures, "samples").value_or(0));
  out.score = number_at(figures, "score");
  out.mean_tokens = number_at(figures.value("output_tokens", Json::object()), "mean");
  out.cost_per_sample = number_at(figures, "cost_per_sample_usd");
  out.score_interval = interval_at(intervals, "score");
  out.mean_tokens_interval = interval_at(intervals, "output_tokens_mean");
  out.cost_per_sample_interval = interval_at(intervals, "cost_per_sample_usd");
  return out;
}

Result<Snapshot> read_snapshot(const Json& document, const std::string& source) {
  if (!document.is_object() || document.value("schema", "") != "tokprof.report/1") {
    return make_error_at(ErrorKind::invalid,
                         "not a tokprof JSON report (schema tokprof.report/1); write one with "
                         "`tokprof profile --report json`",
                         source);
  }
  Snapshot snapshot;
  snapshot.source = source;
  const Json settings = document.value("settings", Json::object());
  snapshot.confidence = number_at(settings.value("bootstrap", Json::object()), "confidence");
  for (const Json& model : document.value("models", Json::array())) {
    SnapshotModel entry;
    entry.model = model.value("model", "");
    entry.figures = read_figures(model.value("figures", Json::object()),
                                 model.value("intervals", Json::object()));
    for (const Json& task : model.value("tasks", Json::array())) {
      entry.tasks.push_back({task.value("task", ""),
                             read_figures(task.value("figures", Json::object()),
                                          task.value("intervals", Json::object()))});
    }
    snapshot.models.push_back(std::move(entry));
  }
  return snapshot;
}

}  // namespace

Result<Snapshot> parse_snapshot(std::string_view text, const std::string& source) {
  try {
    return read_snapshot(Json::parse(text), source);
  } catch (const Json::exception& error) {
    return make_error_at(ErrorKind::parse, fmt::format("invalid JSON: {}", error.what()), source);
  }
}

}  // namespace tokprof::aggregate
