// lm-evaluation-harness per-sample logs (--log_samples), written as
//   <output>/<model_name_sanitized>/samples_<task>_<date_id>.jsonl
//   <output>/<model_name_sanitized>/results_<date_id>.json
// One line per document: {"doc_id","doc","target","arguments","resps",
// "filtered_resps","filter","metrics":[names],<one key per metric>}.
//   task   <task> of the file name (the date id, "2024-05-13T12-34-56.123456",
//          is cut at the last "_" followed by a year)
//   model  results_<date_id>.json: "model_name", else config.model_args
//          "pretrained=" / "model=" value; else the directory name, whose "__"
//          lm-eval wrote for "/"
//   output every string of "resps", flattened and joined by blank lines:
//          the raw generations (before filters), one per request and repeat,
//          which is what the model spent tokens on. Loglikelihood tasks have
//          [logprob, is_greedy] pairs there and no text.
//   score  the key named by --scorer, else by the first entry of "metrics"
//   filter a task with several filters (gsm8k: strict-match, flexible-extract)
//          logs every document once per filter, with the same resps: only the
//          lines of one filter are read (--scorer METRIC,FILTER as in
//          results_*.json keys, else the first line's), the others skipped
//   usage  none: lm-eval records no token usage; tokprof counts.
// results_*.json itself holds aggregates only: its record is skipped.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "base/file.hpp"
#include "eval_logs.hpp"

namespace tokprof::trace {
namespace {

namespace fs = std::filesystem;

struct FileNames {
  std::string task;
  std::string date_id;
};

bool starts_with_year(std::string_view text) {
  return text.size() >= 5 && std::all_of(text.begin(), text.begin() + 4, [](unsigned char c) { return std::isdigit(c); }) &&
         text[4] == '-';
}

// Splits "samples_gsm8k_cot_2024-05-13T12-34-56.123456.jsonl".
FileNames parse_file_name(const std::string& path) {
  std::string stem = fs::path(path).filename().string();
  for (const std::string_view suffix : {".gz", ".zst", ".jsonl", ".json"}) {
    if (stem.ends_with(suffix)) {
      stem.resize(stem.size() - suffix.size());
    }
  }
  if (!stem.starts_with("samples_")) {
    return {};
  }
  stem.erase(0, std::string_view("samples_").size());
  for (std::size_t cut = stem.rfind('_'); cut != std::string::npos && cut > 0; cut = stem.rfind('_', cut - 1)) {
    if (starts_with_year(std::string_view(stem).substr(cut + 1))) {
      return {stem.substr(0, cut), stem.substr(cut + 1)};
    }
  }
  return {stem, {}};
}

std::string model_from_args(const std::string& args) {
  for (const std::string_view key : {"pretrained=", "model="}) {
    std::size_t at = args.find(key);
    while (at != std::string::npos && at > 0 && args[at - 1] != ',') {
      at = args.find(key, at + 1);
    }
    if (at != std::string::npos) {
      const std::size_t begin = at + key.size();
      return args.substr(begin, args.find(',', begin) - begin);
    }
  }
  return {};
}

// Returns the model named by results_<date_id>.json beside `path`, or "".
std::string model_from_results(const std::string& path, const std::string& date_id) {
  const fs::path results = fs::path(path).parent_path() / fmt::format("results_{}.json", date_id);
  std::error_code error;
  if (date_id.empty() || !fs::exists(results, error)) {
    return {};
  }
  const auto text = read_file(results.string());
  if (!text) {
    return {};
  }
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object()) {
    return {};
  }
  if (json.contains("model_name") && json["model_name"].is_string() && !json["model_name"].get<std::string>().empty()) {
    return json["model_name"].get<std::string>();
  }
  const auto config = json.find("config");
  if (config != json.end() && config->is_object() && config->contains("model_args")) {
    const auto& args = (*config)["model_args"];
    if (args.is_string()) {
      return model_from_args(args.get<std::string>());
    }
    for (const char* key : {"pretrained", "model"}) {
      if (args.is_object() && args.contains(key) && args[key].is_string()) {
        return args[key].get<std::string>();
      }
    }
  }
  return {};
}

std::string model_from_directory(const std::string& path) {
  const std::string sanitized = fs::absolute(fs::path(path)).parent_path().filename().string();
  std::string name;
  for (std::size_t i = 0; i < sanitized.size(); ++i) {
    if (sanitized.compare(i, 2, "__") == 0) {
      name.push_back('/');
      ++i;
    } else {
      name.push_back(sanitized[i]);
    }
  }
  return name;
}

void append_strings(JsonValue value, std::string& out) {
  if (value.is_string()) {
    if (!out.empty()) {
      out += "\n\n";
    }
    out += value.get_string().value_unsafe();
  } else if (value.is_array()) {
    for (const JsonValue item : array_of(value)) {
      append_strings(item, out);
    }
  }
}

class LmEvalConverter final : public Converter {
 public:
  LmEvalConverter(const std::string& path, std::string scorer) : m_scorer(std::move(scorer)) {
    if (const std::size_t comma = m_scorer.find(','); comma != std::string::npos) {
      m_filter = m_scorer.substr(comma + 1);
      m_scorer.resize(comma);
    }
    const FileNames names = parse_file_name(path);
    m_task = names.task;
    m_model = model_from_results(path, names.date_id);
    if (m_model.empty()) {
      m_model = model_from_directory(path);
    }
  }

  Result<std::optional<TraceRecord>> convert(JsonValue json, const RecordContext& context) override {
    const Fields line(json, context);
    if (!line.find("doc_id") && line.find("results")) {
      return skip_results_file(context);
    }
    TOKPROF_TRY_ASSIGN(const auto filter, line.text("filter"));
    if (filter && !keep_filter(*filter, context)) {
      return std::nullopt;
    }
    TraceRecord record;
    record.model = m_model;
    record.task = m_task;
    TOKPROF_TRY_ASSIGN(record.sample_id, line.required_id("doc_id"));
    const auto resps = line.find("resps");
    if (!resps) {
      return line.missing("resps");
    }
    append_strings(*resps, record.output_text);
    TOKPROF_TRY_ASSIGN(record.score, read_score(line));
    return record;
  }

 private:
  Result<std::optional<double>> read_score(const Fields& line) {
    std::vector<std::string> metrics;
    if (const auto listed = line.find("metrics"); listed && listed->is_array()) {
      for (const JsonValue name : array_of(*listed)) {
        if (name.is_string()) {
          metrics.emplace_back(name.get_string().value_unsafe());
        }
      }
    }
    if (metrics.empty() && m_scorer.empty()) {
      return std::nullopt;
    }
    const std::string chosen = m_scorer.empty() ? metrics.front() : m_scorer;
    if (!m_warned && metrics.size() > 1 && m_scorer.empty()) {
      m_warned = true;
      file_warning(line.context(), fmt::format("several metrics; scoring with \"{}\", not {} (pick one with --scorer)",
                                               chosen, fmt::join(metrics.begin() + 1, metrics.end(), ", ")));
    }
    return line.number(chosen);
  }

  bool keep_filter(const std::string& filter, const RecordContext& context) {
    if (m_filter.empty()) {
      m_filter = filter;
    }
    if (filter == m_filter) {
      return true;
    }
    if (!m_warned_filter) {
      m_warned_filter = true;
      file_warning(context, fmt::format("several filters; reading \"{}\", skipping the lines of \"{}\" (pick one "
                                        "with --scorer METRIC,FILTER)",
                                        m_filter, filter));
    }
    return false;
  }

  static void file_warning(const RecordContext& context, std::string message) {
    RecordContext whole = context;
    whole.line = 0;
    whole.index = 0;
    whole.warn(std::move(message));
  }

  std::optional<TraceRecord> skip_results_file(const RecordContext& context) {
    file_warning(context, "skipped an lm-eval results file: it holds aggregates, not samples");
    return std::nullopt;
  }

  std::string m_scorer;
  std::string m_task;
  std::string m_model;
  std::string m_filter;
  bool m_warned = false;
  bool m_warned_filter = false;
};

}  // namespace

std::unique_ptr<Converter> make_lm_eval_converter(const std::string& path, const std::string& scorer) {
  return std::make_unique<LmEvalConverter>(path, scorer);
}

}  // namespace tokprof::trace
