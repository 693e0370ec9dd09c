#include "records.hpp"

#include <pybind11/stl.h>

#include "aggregate/aggregate.hpp"
#include "aggregate/approx_profile.hpp"
#include "aggregate/partial.hpp"
#include "base/parallel.hpp"
#include "cli/sample_keys.hpp"
#include "cli/tokenizer_cache.hpp"
#include "cli/version.hpp"
#include "report/report.hpp"

namespace py = pybind11;

namespace tokprof::python {
namespace {

// One record's texts, copied out of Python so that counting can run
// without the GIL.
struct Texts {
  std::string output;
  std::string reasoning;
};

template <typename T>
std::optional<T> optional_item(const py::dict& dict, const char* key) {
  if (!dict.contains(key) || dict[key].is_none()) {
    return std::nullopt;
  }
  return dict[key].cast<T>();
}

std::string text_item(const py::dict& dict, const char* key) {
  return optional_item<std::string>(dict, key).value_or("");
}

aggregate::Sample sample_of(const py::dict& record, std::size_t index) {
  aggregate::Sample s;
  if (!record.contains("model")) {
    throw py::value_error("record " + std::to_string(index) + " has no \"model\"");
  }
  s.model = record["model"].cast<std::string>();
  s.task = text_item(record, "task");
  s.sample_id = record.contains("id") ? py::str(record["id"]).cast<std::string>() : std::to_string(index);
  s.epoch = optional_item<std::int64_t>(record, "epoch").value_or(1);
  s.score = optional_item<double>(record, "score");
  s.reported_cost_usd = optional_item<double>(record, "cost");
  if (record.contains("usage") && !record["usage"].is_none()) {
    const py::dict usage = record["usage"].cast<py::dict>();
    s.usage = {optional_item<std::int64_t>(usage, "input"), optional_item<std::int64_t>(usage, "output"),
               optional_item<std::int64_t>(usage, "reasoning"), optional_item<std::int64_t>(usage, "cache_read"),
               optional_item<std::int64_t>(usage, "cache_write")};
  }
  s.file = "<records>";
  s.line = static_cast<std::int64_t>(index) + 1;
  return s;
}

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) {
    throw py::value_error(result.error().to_string());
  }
  return std::move(*result);
}

// Counts every record's tokens with its model's tokenizer, on threads.
std::vector<aggregate::Sample> count_records(const py::list& records, const ProfileSettings& settings,
                                             std::vector<std::string>& warnings) {
  std::vector<aggregate::Sample> samples;
  std::vector<Texts> texts;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const py::dict record = records[i].cast<py::dict>();
    samples.push_back(sample_of(record, i));
    texts.push_back({text_item(record, "output"), text_item(record, "reasoning")});
  }
  py::gil_scoped_release release;
  cli::TokenizerCache cache(settings.tokenizer, tokenizer::Registry::builtin(), "");
  std::vector<cli::CountingTokenizer> counters(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    counters[i] = value_or_throw(cache.for_model(samples[i].model));
  }
  parallel_for(
      samples.size(), settings.threads,
      [&](std::size_t i) {
        const auto reasoning = static_cast<std::int64_t>(counters[i].tokenizer->count(texts[i].reasoning));
        samples[i].counted_reasoning_tokens = reasoning;
        samples[i].counted_output_tokens =
            static_cast<std::int64_t>(counters[i].tokenizer->count(texts[i].output)) + reasoning;
        samples[i].tokenizer = counters[i].tokenizer->name();
        samples[i].tokenizer_exact = counters[i].exact;
      },
      16);
  warnings = cache.take_warnings();
  return samples;
}

template <typename Enum>
Enum enum_setting(const std::string& text, std::initializer_list<Enum> values, const char* name) {
  for (const Enum value : values) {
    if (aggregate::to_string(value) == text) {
      return value;
    }
  }
  throw py::value_error(std::string("bad ") + name + " \"" + text + "\"");
}

aggregate::PartialSettings partial_settings(const ProfileSettings& settings) {
  aggregate::PartialSettings out;
  out.tool_version = std::string(cli::k_tokprof_version);
  out.tokenizer = settings.tokenizer;
  out.average = enum_setting(settings.average, {aggregate::Average::macro, aggregate::Average::micro}, "average");
  out.correct_at = settings.correct_at;
  out.tokens = enum_setting(settings.tokens,
                            {aggregate::TokensMode::automatic, aggregate::TokensMode::reported,
                             aggregate::TokensMode::counted},
                            "tokens");
  return out;
}

aggregate::Partial partial_of(const py::list& records, const ProfileSettings& settings) {
  aggregate::Partial partial;
  partial.settings = partial_settings(settings);
  if (settings.approx_quantiles && !(*settings.approx_quantiles > 0 && *settings.approx_quantiles < 1)) {
    throw py::value_error("approx_quantiles must be a relative accuracy between 0 and 1 (e.g. 0.01)");
  }
  auto samples = count_records(records, settings, partial.warnings);
  if (!settings.approx_quantiles) {
    partial.samples = std::move(samples);
    return partial;
  }
  // As `tokprof profile --approx-quantiles`: the checks build_profile would
  // make on each sample, then sums and sketches instead of the samples.
  cli::SampleKeys keys;
  for (const aggregate::Sample& sample : samples) {
    if (auto added = keys.add(sample); !added) {
      throw py::value_error(added.error().to_string());
    }
  }
  partial.approx = value_or_throw(
      aggregate::approx_sums(samples, *settings.approx_quantiles, settings.correct_at.value_or(1.0)));
  return partial;
}

// Builds and renders the JSON report of a (merged) partial, as a dict.
py::object report_of(const aggregate::Partial& partial, const ReportSettings& settings) {
  std::string text;
  {
    py::gil_scoped_release release;
    aggregate::Options options;
    if (settings.bootstrap < 0) {
      throw py::value_error("bootstrap must be a number of replicates (0 for none)");
    }
    if (settings.bootstrap > 0) {
      options.bootstrap = aggregate::BootstrapOptions{
          .replicates = settings.bootstrap, .seed = settings.seed, .threads = settings.threads};
    }
    options.average = partial.settings.average;
    options.correct_at = partial.settings.correct_at;
    options.tokens = partial.settings.tokens;
    options.model_scores = partial.model_scores;
    report::ReportData data;
    data.profile = partial.approx  // approximate partials (--approx-quantiles) have sums, not samples
                       ? value_or_throw(aggregate::build_approx_profile(*partial.approx, partial.summaries, options))
                       : value_or_throw(aggregate::build_profile(partial.samples, partial.summaries, options));
    data.run.tool_version = std::string(cli::k_tokprof_version);
    data.run.inputs = partial.inputs;
    data.run.tokenizer_mode = partial.settings.tokenizer;
    data.warnings = partial.warnings;
    for (const aggregate::SkippedEntry& skipped : partial.skipped) {
      data.warnings.push_back(skipped.where + ": skipped: " + skipped.reason);
    }
    report::RenderOptions render;
    render.per_sample = settings.per_sample;
    text = value_or_throw(report::render(report::Format::json, data, render));
  }
  return py::module_::import("json").attr("loads")(text);
}

}  // namespace

py::object profile_records(const py::list& records, const ProfileSettings& settings, const ReportSettings& report) {
  return report_of(partial_of(records, settings), report);
}

std::string partial_of_records(const py::list& records, const ProfileSettings& settings) {
  return value_or_throw(aggregate::serialise_partial(partial_of(records, settings)));
}

py::object merge_partial_texts(const std::vector<std::string>& partials, const ReportSettings& report) {
  std::vector<aggregate::Partial> parsed;
  std::vector<std::string> names;
  for (const std::string& text : partials) {
    names.push_back("partial " + std::to_string(names.size() + 1));
    parsed.push_back(value_or_throw(aggregate::parse_partial(text, names.back())));
  }
  return report_of(value_or_throw(aggregate::merge_partials(parsed, names, &cli::warning_merge_key)), report);
}

}  // namespace tokprof::python
