#include "usage.hpp"

namespace tokprof::trace {
namespace {

std::optional<std::int64_t> sum(std::optional<std::int64_t> a, std::optional<std::int64_t> b) {
  if (!a && !b) {
    return std::nullopt;
  }
  return a.value_or(0) + b.value_or(0);
}

// Anthropic and Inspect leave cache traffic out of the input count.
Usage add_cache_to_input(Usage usage) {
  if (usage.input) {
    usage.input = *usage.input + usage.cache_read.value_or(0) + usage.cache_write.value_or(0);
  }
  return usage;
}

Result<Usage> read_inspect_usage(const Fields& fields) {
  Usage usage;
  TOKPROF_TRY_ASSIGN(usage.input, fields.count("input_tokens"));
  TOKPROF_TRY_ASSIGN(usage.output, fields.count("output_tokens"));
  TOKPROF_TRY_ASSIGN(usage.reasoning, fields.count("reasoning_tokens"));
  TOKPROF_TRY_ASSIGN(usage.cache_read, fields.count("input_tokens_cache_read"));
  TOKPROF_TRY_ASSIGN(usage.cache_write, fields.count("input_tokens_cache_write"));
  return add_cache_to_input(usage);
}

Result<Usage> read_gemini_usage(const Fields& fields) {
  Usage usage;
  TOKPROF_TRY_ASSIGN(usage.input, fields.count("promptTokenCount"));
  TOKPROF_TRY_ASSIGN(usage.cache_read, fields.count("cachedContentTokenCount"));
  TOKPROF_TRY_ASSIGN(const auto candidates, fields.count("candidatesTokenCount"));
  TOKPROF_TRY_ASSIGN(usage.reasoning, fields.count("thoughtsTokenCount"));
  usage.output = sum(candidates, usage.reasoning);
  return usage;
}

}  // namespace

Result<Usage> read_chat_usage(const Fields& fields) {
  Usage usage;
  TOKPROF_TRY_ASSIGN(usage.input, fields.count("prompt_tokens"));
  TOKPROF_TRY_ASSIGN(usage.output, fields.count("completion_tokens"));
  TOKPROF_TRY_ASSIGN(usage.reasoning, fields.count("completion_tokens_details.reasoning_tokens"));
  TOKPROF_TRY_ASSIGN(usage.cache_read, fields.count("prompt_tokens_details.cached_tokens"));
  if (!usage.cache_read) {
    TOKPROF_TRY_ASSIGN(usage.cache_read, fields.count("prompt_cache_hit_tokens"));  // DeepSeek
  }
  TOKPROF_TRY_ASSIGN(usage.cache_write, fields.count("prompt_tokens_details.cache_write_tokens"));
  return usage;
}

Result<Usage> read_responses_usage(const Fields& fields) {
  Usage usage;
  TOKPROF_TRY_ASSIGN(usage.input, fields.count("input_tokens"));
  TOKPROF_TRY_ASSIGN(usage.output, fields.count("output_tokens"));
  TOKPROF_TRY_ASSIGN(usage.reasoning, fields.count("output_tokens_details.reasoning_tokens"));
  TOKPROF_TRY_ASSIGN(usage.cache_read, fields.count("input_tokens_details.cached_tokens"));
  TOKPROF_TRY_ASSIGN(usage.cache_write, fields.count("input_tokens_details.cache_write_tokens"));
  return usage;
}

Result<Usage> read_anthropic_usage(const Fields& fields) {
  Usage usage;
  TOKPROF_TRY_ASSIGN(usage.input, fields.count("input_tokens"));
  TOKPROF_TRY_ASSIGN(usage.output, fields.count("output_tokens"));
  TOKPROF_TRY_ASSIGN(usage.reasoning, fields.count("output_tokens_details.thinking_tokens"));
  TOKPROF_TRY_ASSIGN(usage.cache_read, fields.count("cache_read_input_tokens"));
  TOKPROF_TRY_ASSIGN(usage.cache_write, fields.count("cache_creation_input_tokens"));
  if (!usage.cache_write) {
    // Only the 5-minute/1-hour breakdown is present in some SDK dumps.
    TOKPROF_TRY_ASSIGN(const auto short_lived, fields.count("cache_creation.ephemeral_5m_input_tokens"));
    TOKPROF_TRY_ASSIGN(const auto long_lived, fields.count("cache_creation.ephemeral_1h_input_tokens"));
    usage.cache_write = sum(short_lived, long_lived);
  }
  return add_cache_to_input(usage);
}

Result<Usage> read_any_usage(const Fields& fields) {
  const auto has = [&](std::string_view key) { return fields.find(key).has_value(); };
  if (has("prompt_tokens") || has("completion_tokens")) {
    return read_chat_usage(fields);
  }
  if (has("promptTokenCount") || has("candidatesTokenCount") || has("thoughtsTokenCount")) {
    return read_gemini_usage(fields);
  }
  if (has("cache_read_input_tokens") || has("cache_creation_input_tokens") || has("cache_creation")) {
    return read_anthropic_usage(fields);
  }
  if (has("input_tokens_cache_read") || has("input_tokens_cache_write") || has("reasoning_tokens")) {
    return read_inspect_usage(fields);
  }
  return read_responses_usage(fields);
}

}  // namespace tokprof::trace
