// Serialising and parsing "tokprof.partial/1" documents (partial.hpp).
//
// Samples are arrays under a column list rather than objects, and model,
// task, file and tokenizer names are indices into tables: a partial of a
// million samples stays near 60 bytes a sample. Doubles are written in the
// shortest form that reads back to the same bits, so a merge loses nothing.

#include "partial.hpp"

#include "partial_approx.hpp"

#include <cmath>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tokprof::aggregate {
namespace {

using Json = nlohmann::ordered_json;

// The columns of a sample row, in order. A reader checks the list, so a
// partial written with other columns is refused rather than misread.
const std::vector<std::string> k_sample_columns = {
    "model",        "task",       "sample_id",   "epoch",           "counted_output_tokens",
    "counted_reasoning_tokens", "input", "output", "reasoning",     "cache_read",
    "cache_write",  "score",      "reported_cost_usd", "tokenizer", "tokenizer_exact",
    "file",         "line"};

// Interns strings as indices into a table, in first-seen order.
class StringTable {
 public:
  std::size_t index(const std::string& text) {
    const auto [it, added] = m_indices.try_emplace(text, m_strings.size());
    if (added) {
      m_strings.push_back(text);
    }
    return it->second;
  }
  [[nodiscard]] const std::vector<std::string>& strings() const { return m_strings; }

 private:
  std::unordered_map<std::string, std::size_t> m_indices;
  std::vector<std::string> m_strings;
};

template <typename T>
Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

template <typename T>
std::optional<T> optional_value(const Json& value) {
  return value.is_null() ? std::nullopt : std::optional<T>(value.get<T>());
}

bool finite(const std::optional<double>& value) {
  return !value || std::isfinite(*value);
}

Json settings_json(const PartialSettings& settings) {
  return Json{{"tokprof", settings.tool_version},     {"tokenizer", settings.tokenizer},
              {"registry", settings.registry},        {"scores", settings.scores},
              {"scorer", settings.scorer},
              {"average", to_string(settings.average)}, {"correct_at", optional_json(settings.correct_at)},
              {"tokens", to_string(settings.tokens)}};
}

Json sample_row(const Sample& s, StringTable& models, StringTable& tasks, StringTable& files,
                StringTable& tokenizers) {
  return Json::array({models.index(s.model), tasks.index(s.task), s.sample_id, s.epoch, s.counted_output_tokens,
                      s.counted_reasoning_tokens, optional_json(s.usage.input), optional_json(s.usage.output),
                      optional_json(s.usage.reasoning), optional_json(s.usage.cache_read),
                      optional_json(s.usage.cache_write), optional_json(s.score),
                      optional_json(s.reported_cost_usd), tokenizers.index(s.tokenizer), s.tokenizer_exact,
                      files.index(s.file), s.line});
}

Json summary_json(const SummaryRow& row) {
  return Json{{"model", row.model},
              {"score", optional_json(row.score)},
              {"output_tokens", row.output_tokens},
              {"cost_usd", optional_json(row.cost_usd)},
              {"tasks", optional_json(row.tasks)},
              {"file", row.file},
              {"line", row.line}};
}

template <typename Enum>
Enum parse_enum(const std::string& text, std::initializer_list<Enum> values) {
  for (const Enum value : values) {
    if (to_string(value) == text) {
      return value;
    }
  }
  throw std::invalid_argument(fmt::format("unknown setting value \"{}\"", text));
}

PartialSettings parse_settings(const Json& json) {
  PartialSettings settings;
  settings.tool_version = json.at("tokprof").get<std::string>();
  settings.tokenizer = json.at("tokenizer").get<std::string>();
  settings.registry = json.at("registry").get<std::string>();
  settings.scores = json.at("scores").get<std::vector<std::string>>();
  settings.scorer = json.value("scorer", std::string());  // a key added after the first partials
  settings.average = parse_enum(json.at("average").get<std::string>(), {Average::macro, Average::micro});
  settings.correct_at = optional_value<double>(json.at("correct_at"));
  settings.tokens = parse_enum(json.at("tokens").get<std::string>(),
                               {TokensMode::automatic, TokensMode::reported, TokensMode::counted});
  return settings;
}

const std::string& table_entry(const std::vector<std::string>& table, const Json& index, const char* what) {
  const auto i = index.get<std::size_t>();
  if (i >= table.size()) {
    throw std::out_of_range(fmt::format("{} index {} out of range", what, i));
  }
  return table[i];
}

struct Tables {
  std::vector<std::string> models, tasks, files, tokenizers;
};

Sample parse_sample(const Json& row, const Tables& tables) {
  if (!row.is_array() || row.size() != k_sample_columns.size()) {
    throw std::invalid_argument(fmt::format("a sample row must have {} columns", k_sample_columns.size()));
  }
  Sample s;
  s.model = table_entry(tables.models, row[0], "model");
  s.task = table_entry(tables.tasks, row[1], "task");
  s.sample_id = row[2].get<std::string>();
  s.epoch = row[3].get<std::int64_t>();
  s.counted_output_tokens = row[4].get<std::int64_t>();
  s.counted_reasoning_tokens = row[5].get<std::int64_t>();
  s.usage = {optional_value<std::int64_t>(row[6]), optional_value<std::int64_t>(row[7]),
             optional_value<std::int64_t>(row[8]), optional_value<std::int64_t>(row[9]),
             optional_value<std::int64_t>(row[10])};
  s.score = optional_value<double>(row[11]);
  s.reported_cost_usd = optional_value<double>(row[12]);
  s.tokenizer = table_entry(tables.tokenizers, row[13], "tokenizer");
  s.tokenizer_exact = row[14].get<bool>();
  s.file = table_entry(tables.files, row[15], "file");
  s.line = row[16].get<std::int64_t>();
  return s;
}

SummaryRow parse_summary(const Json& json) {
  SummaryRow row;
  row.model = json.at("model").get<std::string>();
  row.score = optional_value<double>(json.at("score"));
  row.output_tokens = json.at("output_tokens").get<std::int64_t>();
  row.cost_usd = optional_value<double>(json.at("cost_usd"));
  row.tasks = optional_value<std::int64_t>(json.at("tasks"));
  row.file = json.at("file").get<std::string>();
  row.line = json.at("line").get<std::int64_t>();
  return row;
}

// Partials written before "file" was added name the file only in "where"
// ("file:line", or "file" for a whole-file error).
SkippedEntry parse_skipped(const Json& json) {
  SkippedEntry entry{json.at("where").get<std::string>(), json.at("reason").get<std::string>(),
                     json.value("file", std::string())};
  if (entry.file.empty()) {
    const auto colon = entry.where.rfind(':');
    const bool has_line = colon != std::string::npos && colon + 1 < entry.where.size() &&
                          entry.where.find_first_not_of("0123456789", colon + 1) == std::string::npos;
    entry.file = has_line ? entry.where.substr(0, colon) : entry.where;
  }
  return entry;
}

void parse_samples(const Json& doc, Partial& partial) {
  if (doc.at("sample_columns").get<std::vector<std::string>>() != k_sample_columns) {
    throw std::invalid_argument("unexpected sample_columns");
  }
  const Tables tables{doc.at("models").get<std::vector<std::string>>(), doc.at("tasks").get<std::vector<std::string>>(),
                      doc.at("files").get<std::vector<std::string>>(),
                      doc.at("tokenizers").get<std::vector<std::string>>()};
  for (const Json& row : doc.at("samples")) {
    partial.samples.push_back(parse_sample(row, tables));
  }
}

// The schema string, when it is one of the two kinds of partial.
std::string partial_schema(const Json& doc) {
  const auto schema = doc.is_object() ? doc.find("schema") : doc.end();
  const bool known = schema != doc.end() && schema->is_string() &&
                     (schema->get_ref<const std::string&>() == k_partial_schema ||
                      schema->get_ref<const std::string&>() == k_approx_partial_schema);
  if (!known) {
    throw std::invalid_argument(fmt::format("not a partial profile (expected schema \"{}\" or \"{}\")",
                                            k_partial_schema, k_approx_partial_schema));
  }
  return schema->get<std::string>();
}

Partial parse_document(const Json& doc) {
  const bool approximate = partial_schema(doc) == k_approx_partial_schema;
  Partial partial;
  partial.settings = parse_settings(doc.at("settings"));
  partial.inputs = doc.at("inputs").get<std::vector<std::string>>();
  if (const auto reading = doc.find("reading"); reading != doc.end()) {  // a key added after the first partials
    partial.reading = reading->get<std::map<std::string, std::string>>();
  }
  if (approximate) {
    partial.approx = parse_approx_json(doc);
  } else {
    parse_samples(doc, partial);
  }
  for (const Json& row : doc.at("summaries")) {
    partial.summaries.push_back(parse_summary(row));
  }
  for (const auto& [model, score] : doc.at("model_scores").items()) {
    partial.model_scores[model] = score.get<double>();
  }
  partial.warnings = doc.at("warnings").get<std::vector<std::string>>();
  for (const Json& entry : doc.at("skipped")) {
    partial.skipped.push_back(parse_skipped(entry));
  }
  return partial;
}

}  // namespace

Result<std::string> serialise_partial(const Partial& partial) {
  StringTable models, tasks, files, tokenizers;
  Json samples = Json::array();
  for (const Sample& s : partial.samples) {
    if (!finite(s.score) || !finite(s.reported_cost_usd)) {
      return make_error_at(ErrorKind::invalid, "a partial profile cannot hold a non-finite score or cost", s.file,
                           s.line);
    }
    samples.push_back(sample_row(s, models, tasks, files, tokenizers));
  }
  Json summaries = Json::array();
  for (const SummaryRow& row : partial.summaries) {
    summaries.push_back(summary_json(row));
  }
  Json skipped = Json::array();
  for (const SkippedEntry& entry : partial.skipped) {
    skipped.push_back(Json{{"where", entry.where}, {"reason", entry.reason}, {"file", entry.file}});
  }
  Json model_scores = Json::object();
  for (const auto& [model, score] : partial.model_scores) {
    model_scores[model] = score;
  }
  Json doc{{"schema", partial.approx ? k_approx_partial_schema : k_partial_schema},
           {"settings", settings_json(partial.settings)},
           {"inputs", partial.inputs},
           {"reading", partial.reading}};
  if (partial.approx) {
    add_approx_json(*partial.approx, doc);
  } else {
    doc["models"] = models.strings();
    doc["tasks"] = tasks.strings();
    doc["files"] = files.strings();
    doc["tokenizers"] = tokenizers.strings();
    doc["sample_columns"] = k_sample_columns;
    doc["samples"] = std::move(samples);
  }
  doc["summaries"] = std::move(summaries);
  doc["model_scores"] = std::move(model_scores);
  doc["warnings"] = partial.warnings;
  doc["skipped"] = std::move(skipped);
  // Names come from traces: replace invalid UTF-8 rather than fail.
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<Partial> parse_partial(std::string_view text, const std::string& name) {
  try {
    return parse_document(Json::parse(text));
  } catch (const std::exception& error) {
    return make_error_at(ErrorKind::parse, fmt::format("bad partial profile: {}", error.what()), name);
  }
}

}  // namespace tokprof::aggregate
