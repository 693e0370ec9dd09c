// Inspect AI eval logs (UKGovernmentBEIS/inspect_ai, src/inspect_ai/log/):
//   .json  one EvalLog document: {"version","status","eval":{task,model},...,"samples":[EvalSample]}
//   .eval  a ZIP archive: header.json (the EvalLog without samples; while
//          running, _journal/start.json instead) and samples/{id}_epoch_{n}.json,
//          one EvalSample each; summaries.json and reductions.json are not read.
// One record per EvalSample, epochs included (TraceRecord::epoch):
//   model  eval.model, else the sample's output.model
//   task   eval.task
//   output output.choices[0].message.content: a string, or blocks whose
//          "text" blocks are the answer and "reasoning" blocks (ContentReasoning)
//          the visible reasoning; output.completion when there are no choices.
//          "attachment://<hash>" strings are looked up in sample.attachments.
//   usage  sample.model_usage[model] (every call of the sample), else
//          output.usage; Inspect's input_tokens leaves cache reads and writes
//          out, usage.hpp adds them back. total_cost -> cost_usd.
//   score  sample.scores[--scorer or the first scorer].value, converted as
//          Inspect's value_to_float does: C/I/P/N -> 1/0/0.5/0, "yes"/"true"
//          -> 1, "no"/"false" -> 0, numbers and booleans as they are. A NaN
//          score (Python writes bare NaN, quoted before parsing) is missing.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "base/file.hpp"
#include "eval_logs.hpp"
#include "usage.hpp"
#include "zip.hpp"

namespace tokprof::trace {
namespace {

constexpr std::string_view k_attachment = "attachment://";

struct Header {
  std::string task;
  std::string model;
};

Result<Header> read_header(const Fields& log) {
  Header header;
  TOKPROF_TRY_ASSIGN(header.task, log.required_text("eval.task"));
  TOKPROF_TRY_ASSIGN(auto model, log.text("eval.model"));
  header.model = model.value_or(std::string());
  return header;
}

// Returns the keys of the object `value`, in order. Kept out of line: GCC 12
// inlining simdjson's object iterator into a caller warns of a null dereference.
[[gnu::noinline]] std::vector<std::string> key_names(JsonValue value) {
  std::vector<std::string> names;
  simdjson::dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    return names;
  }
  for (const auto field : object) {
    names.emplace_back(field.key);
  }
  return names;
}

// Converts a Score value as inspect_ai.scorer.value_to_float does, except
// that a NaN (or infinite) value and a list or dict value are missing.
class ScoreReader {
 public:
  explicit ScoreReader(std::string scorer) : m_scorer(std::move(scorer)) {}

  Result<std::optional<double>> read(const Fields& sample) {
    const auto scores = sample.object("scores");
    if (!scores) {
      // Logs written before scores became a dict keep one "score".
      const auto legacy = sample.object("score");
      return legacy ? value_of(*legacy, "score") : std::optional<double>();
    }
    const std::vector<std::string> names = key_names(scores->root());
    if (names.empty()) {
      return std::nullopt;
    }
    std::string chosen = m_scorer.empty() ? names.front() : m_scorer;
    if (std::find(names.begin(), names.end(), chosen) == names.end()) {
      // Another task of the same run may have it: warn, do not stop.
      if (!m_warned_missing) {
        m_warned_missing = true;
        warn_file(sample, fmt::format("no scorer \"{}\" (scorers: {}); samples without it have no score", chosen,
                                      fmt::join(names, ", ")));
      }
      return std::nullopt;
    }
    if (names.size() > 1 && m_scorer.empty() && !m_warned_scorers) {
      m_warned_scorers = true;
      std::vector<std::string> others(names.begin() + 1, names.end());
      warn_file(sample, fmt::format("several scorers; scoring with \"{}\", not {} (pick one with --scorer)", chosen,
                                    fmt::join(others, ", ")));
    }
    const auto score = scores->object(chosen);
    return score ? value_of(*score, chosen) : std::optional<double>();
  }

 private:
  static void warn_file(const Fields& sample, std::string message) {
    RecordContext whole = sample.context();
    whole.line = 0;
    whole.index = 0;
    whole.warn(std::move(message));
  }

  Result<std::optional<double>> value_of(const Fields& score, const std::string& name) {
    const auto value = score.find("value");
    if (!value) {
      return std::nullopt;
    }
    if (value->is_string()) {
      return from_text(score, std::string(value->get_string().value_unsafe()), name);
    }
    if (value->is_array() || value->is_object()) {
      score.context().warn(fmt::format("score \"{}\" is a list or dict; the sample has no score", name));
      return std::nullopt;
    }
    return score.number("value");
  }

  static std::optional<double> from_text(const Fields& score, const std::string& text, const std::string& name) {
    if (text == "C") {
      return 1.0;
    }
    if (text == "I" || text == "N") {
      return 0.0;
    }
    if (text == "P") {
      return 0.5;
    }
    if (text == "NaN" || text == "Infinity" || text == "-Infinity") {
      score.context().warn(fmt::format("score \"{}\" is {}; the sample has no score", name, text));
      return std::nullopt;
    }
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "yes" || lower == "true") {
      return 1.0;
    }
    if (lower == "no" || lower == "false") {
      return 0.0;
    }
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(number)) {
      return number;
    }
    // Inspect counts an unconvertible value as 0 (with a warning); so do we.
    score.context().warn(fmt::format("score \"{}\" value \"{}\" is not a known score; counted as 0", name, text));
    return 0.0;
  }

  std::string m_scorer;
  bool m_warned_scorers = false;
  bool m_warned_missing = false;
};

std::string resolve(const std::string& text, const std::optional<Fields>& attachments) {
  if (!text.starts_with(k_attachment) || !attachments) {
    return text;
  }
  const auto found = attachments->find(std::string_view(text).substr(k_attachment.size()));
  if (found && found->is_string()) {
    return std::string(found->get_string().value_unsafe());
  }
  return text;
}

void append(std::string& out, const std::string& part, std::string_view separator) {
  if (!out.empty() && !part.empty()) {
    out += separator;
  }
  out += part;
}

Result<void> read_block(const Fields& block, const std::optional<Fields>& attachments, TraceRecord& record) {
  TOKPROF_TRY_ASSIGN(const auto type, block.text("type"));
  if (type == "text") {
    TOKPROF_TRY_ASSIGN(const auto text, block.text("text"));
    record.output_text += resolve(text.value_or(std::string()), attachments);
  } else if (type == "reasoning") {
    TOKPROF_TRY_ASSIGN(const auto redacted, block.number("redacted"));
    // Redacted reasoning holds an encrypted blob, not text: use its summary.
    TOKPROF_TRY_ASSIGN(auto text, block.text(redacted.value_or(0) != 0 ? "summary" : "reasoning"));
    append(record.reasoning_text, resolve(text.value_or(std::string()), attachments), "\n\n");
  }
  return {};
}

Result<void> read_output(const Fields& sample, const std::optional<Fields>& attachments, TraceRecord& record) {
  const auto message = sample.object("output.choices[0].message");
  const auto content = message ? message->find("content") : std::nullopt;
  if (content && content->is_array()) {
    std::size_t index = 0;
    for (const JsonValue block : array_of(*content)) {
      const Fields fields(block, sample.context(), fmt::format("output.choices[0].message.content[{}].", index++));
      TOKPROF_TRY(read_block(fields, attachments, record));
    }
    return {};
  }
  TOKPROF_TRY_ASSIGN(auto text, message ? message->text("content") : sample.text("output.completion"));
  if (!text) {
    TOKPROF_TRY_ASSIGN(text, sample.text("output.completion"));
  }
  record.output_text = resolve(text.value_or(std::string()), attachments);
  return {};
}

// Returns sample.model_usage's entry for `model` (or its only entry), else output.usage.
std::optional<Fields> usage_object(const Fields& sample, const std::string& model) {
  if (const auto per_model = sample.object("model_usage")) {
    const auto entries = object_of(per_model->root());
    if (const auto own = per_model->object(model)) {
      return own;
    }
    if (entries.size() == 1) {
      return Fields((*entries.begin()).value, sample.context(), "model_usage.");
    }
  }
  return sample.object("output.usage");
}

Result<void> read_usage(const Fields& sample, TraceRecord& record) {
  const auto usage = usage_object(sample, record.model);
  if (!usage) {
    return {};
  }
  TOKPROF_TRY_ASSIGN(record.usage, read_any_usage(*usage));
  const auto cost = usage->find("total_cost");
  if (cost && cost->is_number()) {
    TOKPROF_TRY_ASSIGN(record.cost_usd, usage->number("total_cost"));
  }
  return {};
}

Result<TraceRecord> read_sample(const Fields& sample, const Header& header, ScoreReader& scores) {
  TraceRecord record;
  record.task = header.task;
  record.model = header.model;
  if (record.model.empty()) {
    TOKPROF_TRY_ASSIGN(record.model, sample.required_text("output.model"));
  }
  TOKPROF_TRY_ASSIGN(record.sample_id, sample.required_id("id"));
  TOKPROF_TRY_ASSIGN(const auto epoch, sample.count("epoch"));
  record.epoch = epoch.value_or(1);
  const auto attachments = sample.object("attachments");
  TOKPROF_TRY(read_output(sample, attachments, record));
  TOKPROF_TRY(read_usage(sample, record));
  TOKPROF_TRY_ASSIGN(record.score, scores.read(sample));
  return record;
}

// Reads all of `path`, decompressing .gz/.zst.
Result<std::string> read_whole(const std::string& path) {
  TOKPROF_TRY_ASSIGN(auto source, open_source(path));
  std::string text;
  std::string buffer(1 << 16, '\0');
  while (true) {
    TOKPROF_TRY_ASSIGN(const std::size_t got, source->read(buffer.data(), buffer.size()));
    if (got == 0) {
      return text;
    }
    text.append(buffer.data(), got);
  }
}

// Inspect AI logs, one sample per batch.
class InspectStream final : public QueueStream {
 public:
  InspectStream(const std::string& path, const ReadOptions& options)
      : QueueStream(path, Format::inspect), m_scores(options.scorer) {
    m_context.format = Format::inspect;
    m_context.file = path;
    m_context.warnings = &m_warnings;
  }

  Result<void> open() {
    TOKPROF_TRY_ASSIGN(const std::string prefix, read_whole_prefix());
    if (has_zip_magic(prefix)) {
      return open_archive();
    }
    return open_document();
  }

 protected:
  // One sample per batch: a bad sample is queued as its Error, and the
  // samples after it are still read (--keep-going).
  Result<bool> fill(Queue& queue) override {
    const auto entries = m_archive ? m_entries.size() : m_samples.size();
    if (m_next >= entries) {
      return false;
    }
    queue.push_back(m_archive ? read_entry(*m_entries.at(m_next++)) : read_document_sample(m_next++));
    return true;
  }

 private:
  Result<std::string> read_whole_prefix() {
    TOKPROF_TRY_ASSIGN(auto source, open_source(path()));
    std::string prefix(4, '\0');
    TOKPROF_TRY_ASSIGN(const std::size_t got, source->read(prefix.data(), prefix.size()));
    prefix.resize(got);
    return prefix;
  }

  // Parses `text` (quoting bare NaN first if simdjson rejects it).
  Result<JsonValue> parse(std::string text, const std::string& where) {
    m_text = std::move(text);
    JsonValue root;
    if (m_parser.parse(m_text).get(root) != simdjson::SUCCESS) {
      m_text = quote_nonfinite(m_text);
      const auto code = m_parser.parse(m_text).get(root);
      if (code != simdjson::SUCCESS) {
        return make_error_at(ErrorKind::parse, fmt::format("invalid JSON ({})", describe_error(code)), where);
      }
    }
    if (!root.is_object()) {
      return make_error_at(ErrorKind::parse, "not a JSON object", where);
    }
    return root;
  }

  static std::string describe_error(simdjson::error_code code) { return simdjson::error_message(code); }

  Result<void> open_document() {
    TOKPROF_TRY_ASSIGN(std::string text, read_whole(path()));
    TOKPROF_TRY_ASSIGN(const JsonValue root, parse(std::move(text), path()));
    const Fields log(root, m_context);
    TOKPROF_TRY_ASSIGN(m_header, read_header(log));
    const auto samples = log.find("samples");
    if (samples && samples->is_array()) {
      for (const JsonValue sample : array_of(*samples)) {
        m_samples.push_back(sample);
      }
    }
    if (m_samples.empty()) {
      m_context.warn("the Inspect log holds no samples (written with --no-log-samples?)");
    }
    return {};
  }

  Result<void> open_archive() {
    TOKPROF_TRY_ASSIGN(auto archive, ZipArchive::open(path()));
    m_archive = std::move(archive);
    const ZipEntry* header = m_archive->find("header.json");
    if (header == nullptr) {
      header = m_archive->find("_journal/start.json");  // a run still in progress
    }
    if (header == nullptr) {
      return make_error_at(ErrorKind::invalid, "Inspect .eval archive without header.json", path());
    }
    const std::string where = fmt::format("{}:{}", path(), header->name);
    TOKPROF_TRY_ASSIGN(std::string text, m_archive->read(*header));
    TOKPROF_TRY_ASSIGN(const JsonValue root, parse(std::move(text), where));
    RecordContext context = m_context;
    context.file = where;
    TOKPROF_TRY_ASSIGN(m_header, read_header(Fields(root, context)));
    for (const ZipEntry& entry : m_archive->entries()) {
      if (entry.name.starts_with("samples/") && entry.name.ends_with(".json")) {
        m_entries.push_back(&entry);
      }
    }
    if (m_entries.empty()) {
      m_context.warn("the Inspect log holds no samples (written with --no-log-samples?)");
    }
    return {};
  }

  Result<TraceRecord> read_document_sample(std::size_t at) {
    m_context.index = static_cast<std::int64_t>(at + 1);
    TOKPROF_TRY_ASSIGN(auto record, read_sample(Fields(m_samples.at(at), m_context), m_header, m_scores));
    record.where = SourceLocation{path(), 0};
    return record;
  }

  // Reads one samples/*.json entry. A corrupt entry is a bad sample, not an
  // unreadable file: the archive's directory located every other entry.
  Result<TraceRecord> read_entry(const ZipEntry& entry) {
    RecordContext context = m_context;
    context.file = fmt::format("{}:{}", path(), entry.name);
    TOKPROF_TRY_ASSIGN(std::string text, m_archive->read(entry));
    TOKPROF_TRY_ASSIGN(const JsonValue root, parse(std::move(text), context.file));
    TOKPROF_TRY_ASSIGN(auto record, read_sample(Fields(root, context), m_header, m_scores));
    record.where = SourceLocation{context.file, 0};
    return record;
  }

  RecordContext m_context;
  ScoreReader m_scores;
  Header m_header;
  simdjson::dom::parser m_parser;
  std::string m_text;  // what m_parser's document was parsed from
  std::vector<JsonValue> m_samples;
  std::optional<ZipArchive> m_archive;
  std::vector<const ZipEntry*> m_entries;
  std::size_t m_next = 0;
};

}  // namespace

Result<std::unique_ptr<RecordStream>> open_inspect_stream(const std::string& path, const ReadOptions& options) {
  auto stream = std::make_unique<InspectStream>(path, options);
  TOKPROF_TRY(stream->open());
  return std::unique_ptr<RecordStream>(std::move(stream));
}

}  // namespace tokprof::trace
