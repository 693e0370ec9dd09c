// Anthropic traces, two shapes recognised per record:
//   Messages response       {"type":"message","model","content":[blocks],"usage"}
//   Message Batches result  {"custom_id","result":{"type":"succeeded","message":<message>}}
// Content blocks: "text" -> output_text (concatenated), "thinking" ->
// reasoning_text (joined by blank lines); "redacted_thinking" holds no
// readable text and tool blocks are not output text, so both are left out
// (their tokens are still in usage.output).
// A batch result that is errored, canceled or expired is skipped with a
// warning and counted by the stream, like a failed OpenAI batch request.

#include <fmt/format.h>

#include "converter.hpp"
#include "usage.hpp"

namespace tokprof::trace {
namespace {

Result<void> read_block(const Fields& block, TraceRecord& record) {
  TOKPROF_TRY_ASSIGN(const auto type, block.text("type"));
  if (type == "text") {
    TOKPROF_TRY_ASSIGN(const auto text, block.required_text("text"));
    record.output_text += text;
  } else if (type == "thinking") {
    TOKPROF_TRY_ASSIGN(const auto thinking, block.required_text("thinking"));
    if (!record.reasoning_text.empty() && !thinking.empty()) {
      record.reasoning_text += "\n\n";
    }
    record.reasoning_text += thinking;
  }
  return {};
}

Result<TraceRecord> read_message(const Fields& message) {
  TraceRecord record;
  TOKPROF_TRY_ASSIGN(record.model, message.required_text("model"));
  TOKPROF_TRY_ASSIGN(auto id, message.id("id"));
  record.sample_id = id.value_or(std::string());
  const auto content = message.find("content");
  if (!content) {
    return message.missing("content");
  }
  if (content->is_string()) {
    TOKPROF_TRY_ASSIGN(record.output_text, message.required_text("content"));
  } else if (content->is_array()) {
    std::size_t index = 0;
    for (const JsonValue block : array_of(*content)) {
      TOKPROF_TRY(read_block(Fields(block, message.context(), fmt::format("content[{}].", index++)), record));
    }
  }
  if (const auto usage = message.object("usage")) {
    TOKPROF_TRY_ASSIGN(record.usage, read_anthropic_usage(*usage));
  }
  return record;
}

Result<std::string> error_text(const Fields& result) {
  TOKPROF_TRY_ASSIGN(const auto type, result.text("error.error.type"));
  TOKPROF_TRY_ASSIGN(const auto message, result.text("error.error.message"));
  if (!type && !message) {
    return std::string();
  }
  return fmt::format(" ({}: {})", type.value_or("error"), message.value_or(""));
}

Result<std::optional<TraceRecord>> read_batch_result(const Fields& line) {
  TOKPROF_TRY_ASSIGN(const std::string custom_id, line.required_id("custom_id"));
  TOKPROF_TRY_ASSIGN(const std::string type, line.required_text("result.type"));
  const auto result = line.object("result");
  if (type == "succeeded") {
    const auto message = result ? result->object("message") : std::nullopt;
    if (!message) {
      return line.missing("result.message");
    }
    TOKPROF_TRY_ASSIGN(TraceRecord record, read_message(*message));
    record.sample_id = custom_id;
    return record;
  }
  if (type == "errored" || type == "canceled" || type == "expired") {
    TOKPROF_TRY_ASSIGN(const std::string detail, error_text(*result));
    line.context().warn(fmt::format("skipped batch request \"{}\": {}{}", custom_id, type, detail));
    return std::nullopt;
  }
  return line.context().error(
      ErrorKind::invalid,
      fmt::format("field \"result.type\" is not succeeded, errored, canceled or expired: \"{}\" (format anthropic)",
                  type));
}

class AnthropicConverter final : public Converter {
 public:
  Result<std::optional<TraceRecord>> convert(JsonValue json, const RecordContext& context) override {
    const Fields record(json, context);
    if (record.find("custom_id") && record.find("result")) {
      return read_batch_result(record);
    }
    TOKPROF_TRY_ASSIGN(TraceRecord result, read_message(record));
    return result;
  }
};

}  // namespace

std::unique_ptr<Converter> make_anthropic_converter() {
  return std::make_unique<AnthropicConverter>();
}

}  // namespace tokprof::trace
