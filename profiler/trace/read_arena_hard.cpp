// Arena-Hard-Auto model answers (github.com/lmarena/arena-hard-auto), both
// layouts:
//   v0.1  {"question_id","model_id","choices":[{"turns":[{"content","token_len"}]}],
//          "conv_metadata":{"token_len"}}
//         (token_len may be only in conv_metadata; FastChat/MT-Bench files
//         have turns as plain strings, and may have several turns)
//   v2.0  {"uid","model","messages":[...,{"role":"assistant","content":{"answer"}}],
//          "metadata":{"token_len"}}
// token_len is a count made by upstream's gen_answer.py, not API usage: it
// goes to reference_output_tokens, with the tokenizer upstream used for that
// layout (cl100k_base for v0.1, o200k_base for v2.0; verified on every record
// of ../shared/traces-real).
//
// The answer files carry no task: the question's category lives in a
// separate question.jsonl. The task is therefore the name of the nearest
// directory above the file whose name contains "arena-hard"
// (".../arena-hard-v2.0/model_answer/o3-mini.jsonl" -> "arena-hard-v2.0"),
// else "arena-hard-v0.1" or "arena-hard-v2.0" after the record's layout.
//
// A question file (records with a question but no answer) holds nothing to
// profile: its records are skipped, with one warning for the file.

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "converter.hpp"

namespace tokprof::trace {
namespace {

constexpr std::string_view k_v01_task = "arena-hard-v0.1";
constexpr std::string_view k_v20_task = "arena-hard-v2.0";

std::string task_from_path(const std::string& path) {
  std::error_code ignored;
  std::filesystem::path dir = std::filesystem::absolute(path, ignored).lexically_normal().parent_path();
  while (!dir.empty() && dir != dir.root_path()) {
    std::string name = dir.filename().string();
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.find("arena-hard") != std::string::npos) {
      return name;
    }
    dir = dir.parent_path();
  }
  return {};
}

// Reads one v0.1 turn, a string or {"content", "token_len"}.
Result<void> read_turn(const Fields& turns_owner, JsonValue turn, std::size_t index, TraceRecord& record,
                       std::optional<std::int64_t>& tokens, bool& all_counted) {
  if (index > 0) {
    record.output_text += "\n\n";
  }
  const std::string path = fmt::format("choices[0].turns[{}]", index);
  if (turn.is_string()) {
    TOKPROF_TRY_ASSIGN(const auto text, turns_owner.required_text(path));
    record.output_text += text;
    all_counted = false;
    return {};
  }
  TOKPROF_TRY_ASSIGN(const auto text, turns_owner.required_text(path + ".content"));
  TOKPROF_TRY_ASSIGN(const auto count, turns_owner.count(path + ".token_len"));
  record.output_text += text;
  if (count) {
    tokens = tokens.value_or(0) + *count;
  } else {
    all_counted = false;
  }
  return {};
}

Result<TraceRecord> read_v01(const Fields& answer) {
  TraceRecord record;
  TOKPROF_TRY_ASSIGN(record.model, answer.required_text("model_id"));
  TOKPROF_TRY_ASSIGN(record.sample_id, answer.required_id("question_id"));
  const auto turns = answer.find("choices[0].turns");
  if (!turns || !turns->is_array() || turns->get_array().value_unsafe().size() == 0) {
    return answer.missing("choices[0].turns[0]");
  }
  std::optional<std::int64_t> tokens;
  bool all_counted = true;
  std::size_t index = 0;
  for (const JsonValue turn : array_of(*turns)) {
    TOKPROF_TRY(read_turn(answer, turn, index++, record, tokens, all_counted));
  }
  if (!all_counted) {
    tokens.reset();
  }
  TOKPROF_TRY_ASSIGN(const auto conversation_tokens, answer.count("conv_metadata.token_len"));
  record.reference_output_tokens = tokens ? tokens : conversation_tokens;
  record.reference_tokenizer = record.reference_output_tokens ? "cl100k_base" : "";
  return record;
}

Result<TraceRecord> read_v20(const Fields& answer) {
  TraceRecord record;
  TOKPROF_TRY_ASSIGN(record.model, answer.required_text("model"));
  TOKPROF_TRY_ASSIGN(record.sample_id, answer.required_id("uid"));
  const auto content = answer.find("messages[-1].content");
  if (content && content->is_string()) {
    TOKPROF_TRY_ASSIGN(record.output_text, answer.required_text("messages[-1].content"));
  } else {
    TOKPROF_TRY_ASSIGN(record.output_text, answer.required_text("messages[-1].content.answer"));
    TOKPROF_TRY_ASSIGN(auto reasoning, answer.text("messages[-1].content.reasoning"));
    record.reasoning_text = reasoning.value_or(std::string());
  }
  TOKPROF_TRY_ASSIGN(record.reference_output_tokens, answer.count("metadata.token_len"));
  record.reference_tokenizer = record.reference_output_tokens ? "o200k_base" : "";
  return record;
}

bool is_question(const Fields& record) {
  return (record.find("question_id") && record.find("turns")) || (record.find("uid") && record.find("prompt"));
}

class ArenaHardConverter final : public Converter {
 public:
  explicit ArenaHardConverter(std::string task) : m_task(std::move(task)) {}

  Result<std::optional<TraceRecord>> convert(JsonValue json, const RecordContext& context) override {
    const Fields answer(json, context);
    TraceRecord record;
    if (answer.find("choices")) {
      TOKPROF_TRY_ASSIGN(record, read_v01(answer));
      record.task = m_task.empty() ? std::string(k_v01_task) : m_task;
    } else if (answer.find("messages")) {
      TOKPROF_TRY_ASSIGN(record, read_v20(answer));
      record.task = m_task.empty() ? std::string(k_v20_task) : m_task;
    } else if (is_question(answer)) {
      return skip_question(context);
    } else {
      return context.error(ErrorKind::invalid,
                           "missing field \"choices\" (v0.1) or \"messages\" (v2.0) (format arena-hard)");
    }
    return record;
  }

 private:
  std::optional<TraceRecord> skip_question(const RecordContext& context) {
    if (!m_warned_question) {
      m_warned_question = true;
      RecordContext whole_file = context;
      whole_file.line = 0;
      whole_file.index = 0;
      whole_file.warn("skipped an Arena-Hard question file: it holds prompts, not model answers");
    }
    return std::nullopt;
  }

  std::string m_task;
  bool m_warned_question = false;
};

}  // namespace

std::unique_ptr<Converter> make_arena_hard_converter(const std::string& path) {
  return std::make_unique<ArenaHardConverter>(task_from_path(path));
}

}  // namespace tokprof::trace
