// OpenTelemetry GenAI spans in OTLP JSON (the file exporter's lines and
// collector dumps): {"resourceSpans":[{"resource":{"attributes":[...]},
// "scopeSpans":[{"spans":[{"spanId","name","attributes":[{key,value}],"events"}]}]}]}.
// One record per GenAI model call, i.e. per span with gen_ai.request.model
// or gen_ai.response.model whose gen_ai.operation.name (when set) is chat,
// generate_content or text_completion. Other spans (HTTP, agents, tools,
// embeddings) are skipped and counted, with one warning per file.
//   model  gen_ai.response.model, else gen_ai.request.model
//   id     gen_ai.response.id, else the spanId
//   task   the attribute named by --task-attr, on the span or its resource
//   output gen_ai.output.messages (a JSON string: [{"role","parts":[{"type":
//          "text"|"reasoning","content"}]}]), on the span or on one of its
//          events (gen_ai.client.inference.operation.details)
//   usage  gen_ai.usage.input_tokens (or the deprecated prompt_tokens),
//          output_tokens (completion_tokens), cache_read.input_tokens,
//          cache_creation.input_tokens, reasoning.output_tokens. The
//          conventions already count cache in input and reasoning in output.
// Attribute values: {"stringValue"}, {"intValue"} as a number or a decimal
// string, {"doubleValue"}; unknown fields are ignored, as OTLP requires.

#include <fmt/format.h>

#include <map>

#include "eval_logs.hpp"
#include "json_records.hpp"

namespace tokprof::trace {
namespace {

using Attributes = std::map<std::string, JsonValue, std::less<>>;

void collect(JsonValue owner, Attributes& out) {
  simdjson::dom::element list;
  if (!owner.is_object() || object_of(owner).at_key("attributes").get(list) != simdjson::SUCCESS || !list.is_array()) {
    return;
  }
  for (const JsonValue item : array_of(list)) {
    std::string_view key;
    simdjson::dom::element value;
    if (item.is_object() && object_of(item).at_key("key").get(key) == simdjson::SUCCESS &&
        object_of(item).at_key("value").get(value) == simdjson::SUCCESS) {
      out.emplace(std::string(key), value);
    }
  }
}

class Span {
 public:
  Span(JsonValue span, const RecordContext& context) : m_span(span), m_context(&context) { collect(span, m_attributes); }

  [[nodiscard]] const Attributes& attributes() const { return m_attributes; }

  // Returns the string value of attribute `key` (ints printed), or nullopt.
  [[nodiscard]] Result<std::optional<std::string>> text(std::string_view key) const {
    const auto found = m_attributes.find(key);
    if (found == m_attributes.end()) {
      return std::nullopt;
    }
    const Fields value(found->second, *m_context, fmt::format("{}.", key));
    TOKPROF_TRY_ASSIGN(auto text, value.text("stringValue"));
    if (!text) {
      TOKPROF_TRY_ASSIGN(text, value.id("intValue"));
    }
    return text;
  }

  // Returns the token count of the first attribute of `keys` present, or nullopt.
  [[nodiscard]] Result<std::optional<std::int64_t>> count(std::initializer_list<std::string_view> keys) const {
    for (const auto key : keys) {
      const auto found = m_attributes.find(key);
      if (found == m_attributes.end()) {
        continue;
      }
      const Fields value(found->second, *m_context, fmt::format("{}.", key));
      TOKPROF_TRY_ASSIGN(auto count, value.count("intValue"));
      if (!count) {
        TOKPROF_TRY_ASSIGN(count, value.count("doubleValue"));
      }
      if (!count) {
        TOKPROF_TRY_ASSIGN(count, value.count("stringValue"));
      }
      return count;
    }
    return std::nullopt;
  }

  [[nodiscard]] JsonValue json() const { return m_span; }

 private:
  JsonValue m_span;
  const RecordContext* m_context;
  Attributes m_attributes;
};

bool is_model_call(const Span& span) {
  const auto& attributes = span.attributes();
  if (!attributes.contains("gen_ai.request.model") && !attributes.contains("gen_ai.response.model")) {
    return false;
  }
  const auto operation = span.text("gen_ai.operation.name");
  if (!operation || !*operation) {
    return true;
  }
  const std::string& name = **operation;
  return name == "chat" || name == "generate_content" || name == "text_completion";
}

// Appends the parts of gen_ai.output.messages (JSON text) to `record`.
// Kept out of line: GCC 12 inlining simdjson's iterators warns of a null dereference.
[[gnu::noinline]] Result<void> read_messages(std::string_view json, const RecordContext& context, TraceRecord& record) {
  simdjson::dom::parser parser;
  JsonValue document;
  simdjson::dom::array messages;
  if (parser.parse(json).get(document) != simdjson::SUCCESS || document.get_array().get(messages) != simdjson::SUCCESS) {
    context.warn("gen_ai.output.messages is not a JSON array; the span has no output text");
    return {};
  }
  for (const JsonValue message : messages) {
    simdjson::dom::element parts;
    if (!message.is_object() || object_of(message).at_key("parts").get(parts) != simdjson::SUCCESS ||
        !parts.is_array()) {
      continue;
    }
    for (const JsonValue part : array_of(parts)) {
      const Fields fields(part, context, "gen_ai.output.messages.");
      TOKPROF_TRY_ASSIGN(const auto type, fields.text("type"));
      TOKPROF_TRY_ASSIGN(const auto content, fields.text("content"));
      if (type == "text") {
        record.output_text += content.value_or(std::string());
      } else if (type == "reasoning") {
        record.reasoning_text += content.value_or(std::string());
      }
    }
  }
  return {};
}

Result<void> read_output(const Span& span, const RecordContext& context, TraceRecord& record) {
  TOKPROF_TRY_ASSIGN(auto messages, span.text("gen_ai.output.messages"));
  simdjson::dom::element events;
  if (!messages && object_of(span.json()).at_key("events").get(events) == simdjson::SUCCESS && events.is_array()) {
    for (const JsonValue event : array_of(events)) {
      const Span as_span(event, context);
      TOKPROF_TRY_ASSIGN(messages, as_span.text("gen_ai.output.messages"));
      if (messages) {
        break;
      }
    }
  }
  if (messages) {
    TOKPROF_TRY(read_messages(*messages, context, record));
  }
  return {};
}

Result<TraceRecord> read_span(const Span& span, const Span& resource, const std::string& task_attr,
                              const RecordContext& context) {
  TraceRecord record;
  TOKPROF_TRY_ASSIGN(auto model, span.text("gen_ai.response.model"));
  if (!model) {
    TOKPROF_TRY_ASSIGN(model, span.text("gen_ai.request.model"));
  }
  record.model = model.value_or(std::string());
  TOKPROF_TRY_ASSIGN(auto id, span.text("gen_ai.response.id"));
  if (!id) {
    TOKPROF_TRY_ASSIGN(id, Fields(span.json(), context).id("spanId"));
  }
  record.sample_id = id.value_or(std::string());
  if (!task_attr.empty()) {
    TOKPROF_TRY_ASSIGN(auto task, span.text(task_attr));
    if (!task) {
      TOKPROF_TRY_ASSIGN(task, resource.text(task_attr));
    }
    record.task = task.value_or(std::string());
  }
  TOKPROF_TRY_ASSIGN(record.usage.input, span.count({"gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"}));
  TOKPROF_TRY_ASSIGN(record.usage.output,
                     span.count({"gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"}));
  TOKPROF_TRY_ASSIGN(record.usage.cache_read, span.count({"gen_ai.usage.cache_read.input_tokens",
                                                          "gen_ai.usage.cache_read_input_tokens"}));
  TOKPROF_TRY_ASSIGN(record.usage.cache_write, span.count({"gen_ai.usage.cache_creation.input_tokens",
                                                           "gen_ai.usage.cache_creation_input_tokens"}));
  TOKPROF_TRY_ASSIGN(record.usage.reasoning,
                     span.count({"gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens"}));
  TOKPROF_TRY(read_output(span, context, record));
  return record;
}

// Returns the array at `key` of `owner`, trying `legacy` too (OTLP before 1.0
// called scopeSpans instrumentationLibrarySpans).
std::optional<simdjson::dom::array> array_at(JsonValue owner, std::string_view key, std::string_view legacy = {}) {
  simdjson::dom::element found;
  if (owner.is_object() && object_of(owner).at_key(key).get(found) == simdjson::SUCCESS && found.is_array()) {
    return array_of(found);
  }
  if (!legacy.empty()) {
    return array_at(owner, legacy);
  }
  return std::nullopt;
}

class OtelStream final : public QueueStream {
 public:
  OtelStream(const std::string& path, const ReadOptions& options)
      : QueueStream(path, Format::otel), m_task_attr(options.task_attr) {}

  Result<void> open() {
    TOKPROF_TRY_ASSIGN(m_source, JsonRecordSource::open(path(), std::string(), m_warnings));
    return {};
  }

 protected:
  Result<bool> fill(Queue& queue) override {
    TOKPROF_TRY_ASSIGN(const bool got, m_source->next());
    if (!got) {
      warn_skipped();
      return false;
    }
    RecordContext& context = m_source->context();
    context.format = Format::otel;
    const auto resources = array_at(m_source->value(), "resourceSpans");
    if (!resources) {
      return context.error(ErrorKind::invalid, "not an OTLP trace document (no resourceSpans array)");
    }
    // Errors inside a span leave out the record number, which
    // context.error() puts before the span number (read_one).
    m_span_context = context;
    m_span_context.index = 0;
    m_span_number = 0;
    for (const JsonValue resource : *resources) {
      simdjson::dom::element resource_object;
      const bool has_resource = resource.is_object() &&
                                object_of(resource).at_key("resource").get(resource_object) == simdjson::SUCCESS;
      const Span resource_attributes(has_resource ? resource_object : resource, m_span_context);
      const auto scopes = array_at(resource, "scopeSpans", "instrumentationLibrarySpans");
      if (scopes) {
        read_scopes(*scopes, resource_attributes, context, queue);
      }
    }
    return true;
  }

 private:
  void read_scopes(simdjson::dom::array scopes, const Span& resource, const RecordContext& context, Queue& queue) {
    for (const JsonValue scope : scopes) {
      const auto spans = array_at(scope, "spans");
      if (!spans) {
        continue;
      }
      for (const JsonValue span_json : *spans) {
        read_one(span_json, resource, context, queue);
      }
    }
  }

  // Queues the record of one span, or its Error: a bad span is one bad
  // record, and the other spans of its document are still read.
  void read_one(JsonValue span_json, const Span& resource, const RecordContext& context, Queue& queue) {
    ++m_span_number;
    const Span span(span_json, m_span_context);
    if (!is_model_call(span)) {
      ++m_skipped;
      ++m_skipped_here;
      return;
    }
    auto record = read_span(span, resource, m_task_attr, m_span_context);
    if (!record) {
      const Error& error = record.error();
      queue.push_back(context.error(error.kind, fmt::format("span {}: {}", m_span_number, error.message)));
      return;
    }
    record->where = SourceLocation{path(), context.line};
    queue.push_back(std::move(record));
  }

  void warn_skipped() {
    if (m_skipped_here > 0) {
      m_warnings.push_back(
          Warning{path(), 0, fmt::format("skipped {} spans that are not GenAI model calls", m_skipped_here)});
      m_skipped_here = 0;
    }
  }

  std::string m_task_attr;
  std::unique_ptr<JsonRecordSource> m_source;
  std::int64_t m_skipped_here = 0;
  RecordContext m_span_context;    // the current document's, without its record number
  std::int64_t m_span_number = 0;  // 1-based position of the span in its document or line
};

}  // namespace

Result<std::unique_ptr<RecordStream>> open_otel_stream(const std::string& path, const ReadOptions& options) {
  auto stream = std::make_unique<OtelStream>(path, options);
  TOKPROF_TRY(stream->open());
  return std::unique_ptr<RecordStream>(std::move(stream));
}

}  // namespace tokprof::trace
