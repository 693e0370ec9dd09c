#pragma once
// Vendor usage objects -> the canonical Usage of record.hpp.
//
// The one thing to get right (peers' most reported cost bug): who counts
// cached prompt tokens inside the input total.
//   OpenAI Chat:   prompt_tokens includes prompt_tokens_details.cached_tokens;
//                  completion_tokens includes completion_tokens_details.reasoning_tokens.
//   Responses:     input_tokens includes input_tokens_details.cached_tokens;
//                  output_tokens includes output_tokens_details.reasoning_tokens.
//   Anthropic:     input_tokens EXCLUDES cache_read_input_tokens and
//                  cache_creation_input_tokens, so canonical input is the sum;
//                  output_tokens includes thinking.
//   Inspect:       input_tokens excludes input_tokens_cache_read/_write (as Anthropic).
//   Gemini:        promptTokenCount includes cachedContentTokenCount, but
//                  thoughtsTokenCount sits BESIDE candidatesTokenCount, so
//                  canonical output is their sum.
// Internal to tokprof_trace.

#include "base/error.hpp"
#include "fields.hpp"
#include "record.hpp"

namespace tokprof::trace {

// Reads an OpenAI Chat Completions `usage` object (also OpenRouter's and
// DeepSeek's additions: cache_write_tokens, prompt_cache_hit_tokens).
[[nodiscard]] Result<Usage> read_chat_usage(const Fields& usage);

// Reads an OpenAI Responses API `usage` object.
[[nodiscard]] Result<Usage> read_responses_usage(const Fields& usage);

// Reads an Anthropic Messages `usage` object, adding cache reads and writes
// back into the input.
[[nodiscard]] Result<Usage> read_anthropic_usage(const Fields& usage);

// Reads a usage object of any shape above, recognised by its keys; an object
// with only input_tokens/output_tokens reads the same in every convention.
[[nodiscard]] Result<Usage> read_any_usage(const Fields& usage);

}  // namespace tokprof::trace
