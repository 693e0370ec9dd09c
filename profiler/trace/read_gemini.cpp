// Google Gemini traces, recognised per record:
//   generateContent response  {"candidates":[{"content":{"parts":[...]}}],"usageMetadata","modelVersion","responseId"}
//   batch output line         {"key":"...","response":<response>} (a failed
//                             request has "error"/"status" and no response:
//                             skipped with a warning, like OpenAI's)
// Parts of candidates[0].content: {"text"} is the answer, {"text","thought":true}
// a thought summary (visible reasoning). Usage (usage.hpp): promptTokenCount
// already includes cachedContentTokenCount; thoughtsTokenCount sits beside
// candidatesTokenCount, so canonical output is their sum.

#include <fmt/format.h>

#include "eval_logs.hpp"
#include "usage.hpp"

namespace tokprof::trace {
namespace {

Result<void> read_part(const Fields& part, TraceRecord& record) {
  TOKPROF_TRY_ASSIGN(const auto text, part.text("text"));
  if (!text) {
    return {};  // function calls, inline data: not text
  }
  TOKPROF_TRY_ASSIGN(const auto thought, part.number("thought"));
  if (thought.value_or(0) != 0) {
    if (!record.reasoning_text.empty() && !text->empty()) {
      record.reasoning_text += "\n\n";
    }
    record.reasoning_text += *text;
  } else {
    record.output_text += *text;
  }
  return {};
}

Result<TraceRecord> read_response(const Fields& response) {
  TraceRecord record;
  TOKPROF_TRY_ASSIGN(record.model, response.required_text("modelVersion"));
  TOKPROF_TRY_ASSIGN(auto id, response.id("responseId"));
  record.sample_id = id.value_or(std::string());
  const auto parts = response.find("candidates[0].content.parts");
  if (parts && parts->is_array()) {
    std::size_t index = 0;
    for (const JsonValue part : array_of(*parts)) {
      TOKPROF_TRY(read_part(Fields(part, response.context(), fmt::format("candidates[0].content.parts[{}].", index++)),
                            record));
    }
  }
  if (const auto usage = response.object("usageMetadata")) {
    TOKPROF_TRY_ASSIGN(record.usage, read_any_usage(*usage));
  }
  return record;
}

Result<std::string> failure_reason(const Fields& line) {
  for (const std::string_view key : {"error", "status"}) {
    if (const auto error = line.object(key)) {
      TOKPROF_TRY_ASSIGN(const auto message, error->text("message"));
      return message.value_or(std::string("error"));
    }
    TOKPROF_TRY_ASSIGN(const auto text, line.text(key));
    if (text && !text->empty()) {
      return *text;
    }
  }
  return std::string("no response");
}

class GeminiConverter final : public Converter {
 public:
  Result<std::optional<TraceRecord>> convert(JsonValue json, const RecordContext& context) override {
    const Fields line(json, context);
    if (line.find("candidates") || line.find("usageMetadata")) {
      TOKPROF_TRY_ASSIGN(TraceRecord record, read_response(line));
      return record;
    }
    TOKPROF_TRY_ASSIGN(const auto key, line.id("key"));
    const auto response = line.object("response");
    if (!response) {
      TOKPROF_TRY_ASSIGN(const std::string reason, failure_reason(line));
      context.warn(fmt::format("skipped batch request \"{}\": {}", key.value_or(""), reason));
      return std::nullopt;
    }
    TOKPROF_TRY_ASSIGN(TraceRecord record, read_response(*response));
    if (key) {
      record.sample_id = *key;
    }
    return record;
  }
};

}  // namespace

std::unique_ptr<Converter> make_gemini_converter() {
  return std::make_unique<GeminiConverter>();
}

}  // namespace tokprof::trace
