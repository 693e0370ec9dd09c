// OpenAI traces, three shapes recognised per record:
//   Chat Completions response  {"object":"chat.completion","model","choices":[{"message":{...}}],"usage"}
//   Batch API output line      {"custom_id","response":{"status_code","body":<response>},"error"}
//   Responses API object       {"object":"response","model","output":[...],"usage"}
// A batch line whose request failed (error set, no response, or a status
// other than 200) is skipped with a warning and counted by the stream: a
// batch commonly has a few expired requests, and stopping the whole run for
// them would be worse than reporting them. The usage conventions are in
// usage.hpp.

#include <fmt/format.h>

#include "converter.hpp"
#include "usage.hpp"

namespace tokprof::trace {
namespace {

constexpr std::string_view k_reasoning_separator = "\n\n";

void append_joined(std::string& out, std::string_view part, std::string_view separator) {
  if (!out.empty() && !part.empty()) {
    out += separator;
  }
  out += part;
}

// Reads message.content: a string, null, or an array of {type, text} parts.
Result<std::string> read_chat_content(const Fields& message) {
  const auto content = message.find("content");
  if (!content || !content->is_array()) {
    TOKPROF_TRY_ASSIGN(auto text, message.text("content"));
    if (!text) {
      TOKPROF_TRY_ASSIGN(text, message.text("refusal"));
    }
    return text.value_or(std::string());
  }
  std::string text;
  std::size_t index = 0;
  for (const JsonValue part : array_of(*content)) {
    const Fields fields(part, message.context(), fmt::format("content[{}].", index++));
    TOKPROF_TRY_ASSIGN(const auto piece, fields.text("text"));
    text += piece.value_or(std::string());
  }
  return text;
}

Result<void> read_openrouter_cost(const Fields& usage, TraceRecord& record) {
  TOKPROF_TRY_ASSIGN(record.cost_usd, usage.number("cost"));
  return {};
}

Result<TraceRecord> read_chat(const Fields& body) {
  TraceRecord record;
  TOKPROF_TRY_ASSIGN(record.model, body.required_text("model"));
  TOKPROF_TRY_ASSIGN(auto id, body.id("id"));
  record.sample_id = id.value_or(std::string());
  const auto message = body.object("choices[0].message");
  if (!message) {
    return body.missing("choices[0].message");
  }
  TOKPROF_TRY_ASSIGN(record.output_text, read_chat_content(*message));
  // OpenAI-compatible servers that return reasoning text: DeepSeek, OpenRouter.
  TOKPROF_TRY_ASSIGN(auto reasoning, message->text("reasoning_content"));
  if (!reasoning) {
    TOKPROF_TRY_ASSIGN(reasoning, message->text("reasoning"));
  }
  record.reasoning_text = reasoning.value_or(std::string());
  const auto choices = body.find("choices");
  if (choices && choices->is_array() && choices->get_array().value_unsafe().size() > 1) {
    body.context().warn("the response has several choices; tokprof reads the first (usage covers them all)");
  }
  if (const auto usage = body.object("usage")) {
    TOKPROF_TRY_ASSIGN(record.usage, read_chat_usage(*usage));
    TOKPROF_TRY(read_openrouter_cost(*usage, record));
  }
  return record;
}

// Appends the text of the parts of `item`'s array `key` whose type is `type`.
Result<void> append_parts(const Fields& item, std::string_view key, std::string_view type, std::string& out,
                          std::string_view separator) {
  const auto parts = item.find(key);
  if (!parts || !parts->is_array()) {
    return {};
  }
  std::size_t index = 0;
  for (const JsonValue part : array_of(*parts)) {
    const Fields fields(part, item.context(), fmt::format("{}[{}].", key, index++));
    TOKPROF_TRY_ASSIGN(const auto part_type, fields.text("type"));
    if (part_type == type) {
      TOKPROF_TRY_ASSIGN(const auto text, fields.required_text(type == "refusal" ? "refusal" : "text"));
      append_joined(out, text, separator);
    }
  }
  return {};
}

Result<void> read_response_item(const Fields& item, TraceRecord& record) {
  TOKPROF_TRY_ASSIGN(const auto type, item.text("type"));
  if (type == "reasoning") {
    std::string raw;
    TOKPROF_TRY(append_parts(item, "content", "reasoning_text", raw, k_reasoning_separator));
    if (raw.empty()) {
      TOKPROF_TRY(append_parts(item, "summary", "summary_text", raw, k_reasoning_separator));
    }
    append_joined(record.reasoning_text, raw, k_reasoning_separator);
  } else if (type == "message") {
    TOKPROF_TRY(append_parts(item, "content", "output_text", record.output_text, ""));
    TOKPROF_TRY(append_parts(item, "content", "refusal", record.output_text, ""));
  }
  return {};
}

Result<TraceRecord> read_responses(const Fields& body) {
  TraceRecord record;
  TOKPROF_TRY_ASSIGN(record.model, body.required_text("model"));
  TOKPROF_TRY_ASSIGN(auto id, body.id("id"));
  record.sample_id = id.value_or(std::string());
  const auto output = body.find("output");
  if (output && output->is_array()) {
    std::size_t index = 0;
    for (const JsonValue item : array_of(*output)) {
      TOKPROF_TRY(read_response_item(Fields(item, body.context(), fmt::format("output[{}].", index++)), record));
    }
  }
  if (record.output_text.empty()) {
    // The SDK's convenience property, present in some dumps.
    TOKPROF_TRY_ASSIGN(auto text, body.text("output_text"));
    record.output_text = text.value_or(std::string());
  }
  if (const auto usage = body.object("usage")) {
    TOKPROF_TRY_ASSIGN(record.usage, read_responses_usage(*usage));
  }
  return record;
}

bool is_responses_object(const Fields& body) {
  const auto object = body.find("object");
  if (object && object->is_string()) {
    return object->get_string().value_unsafe() == "response";
  }
  return !body.find("choices") && body.find("output");
}

Result<std::string> failure_reason(const Fields& line) {
  if (const auto error = line.object("error")) {
    TOKPROF_TRY_ASSIGN(const auto code, error->text("code"));
    TOKPROF_TRY_ASSIGN(const auto message, error->text("message"));
    return fmt::format("{}: {}", code.value_or("error"), message.value_or(""));
  }
  const auto response = line.object("response");
  if (!response) {
    return std::string("no response");
  }
  TOKPROF_TRY_ASSIGN(const auto status, response->count("status_code"));
  if (status && *status != 200) {
    TOKPROF_TRY_ASSIGN(const auto message, response->text("body.error.message"));
    return fmt::format("HTTP status {}: {}", *status, message.value_or(""));
  }
  return std::string();
}

Result<std::optional<TraceRecord>> read_batch_line(const Fields& line) {
  TOKPROF_TRY_ASSIGN(const std::string custom_id, line.required_id("custom_id"));
  TOKPROF_TRY_ASSIGN(const std::string failure, failure_reason(line));
  if (!failure.empty()) {
    line.context().warn(fmt::format("skipped batch request \"{}\": {}", custom_id, failure));
    return std::nullopt;
  }
  const auto body = line.object("response.body");
  if (!body) {
    return line.missing("response.body");
  }
  TOKPROF_TRY_ASSIGN(TraceRecord record, is_responses_object(*body) ? read_responses(*body) : read_chat(*body));
  record.sample_id = custom_id;
  return record;
}

class OpenAiConverter final : public Converter {
 public:
  Result<std::optional<TraceRecord>> convert(JsonValue json, const RecordContext& context) override {
    const Fields record(json, context);
    if (record.find("custom_id") && (record.find("response") || record.find("error"))) {
      return read_batch_line(record);
    }
    TOKPROF_TRY_ASSIGN(TraceRecord result, is_responses_object(record) ? read_responses(record) : read_chat(record));
    return result;
  }
};

}  // namespace

std::unique_ptr<Converter> make_openai_converter() {
  return std::make_unique<OpenAiConverter>();
}

}  // namespace tokprof::trace
