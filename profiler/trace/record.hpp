#pragma once
// TraceRecord: one model answer read from a trace, in tokprof's own terms,
// whatever the file format. Readers translate each vendor's usage semantics
// into the canonical ones below, so nothing downstream knows about vendors.

#include <cstdint>
#include <optional>
#include <string>

namespace tokprof::trace {

// API-reported token usage, normalised to one convention:
// - `input` counts every prompt token, cached ones included; `cache_read` and
//   `cache_write` are parts of it (Anthropic and Inspect report input without
//   them: their readers add them back);
// - `output` counts every generated token, reasoning included; `reasoning` is
//   a part of it (Gemini reports thoughts beside candidates: its reader adds
//   them).
// A field the trace does not have stays empty; it is never invented.
struct Usage {
  std::optional<std::int64_t> input;
  std::optional<std::int64_t> output;
  std::optional<std::int64_t> reasoning;
  std::optional<std::int64_t> cache_read;
  std::optional<std::int64_t> cache_write;

  [[nodiscard]] bool empty() const {
    return !input && !output && !reasoning && !cache_read && !cache_write;
  }
};

// Where a record came from, for messages and for --per-sample output.
struct SourceLocation {
  std::string file;
  std::int64_t line = 0;  // 1-based line of the record (JSONL), or 0
};

struct TraceRecord {
  std::string model;      // as the trace names it ("gpt-4o-2024-08-06", "openai/o3")
  std::string task;       // benchmark, eval or category; empty when unknown
  std::string sample_id;  // the record's id within its task; empty when unknown
  std::int64_t epoch = 1; // repeated runs of one sample (Inspect epochs)
  std::string output_text;     // the visible answer
  std::string reasoning_text;  // visible reasoning or its summary, when present
  std::optional<double> score;     // sample score, usually in [0, 1]
  std::optional<double> cost_usd;  // cost reported by the trace (OpenRouter, Inspect)
  // An output token count the trace itself claims, made by some tokenizer
  // over the visible answer (Arena-Hard's token_len); not API usage.
  std::optional<std::int64_t> reference_output_tokens;
  std::string reference_tokenizer;  // who made that count ("cl100k_base"); empty when unknown
  Usage usage;
  SourceLocation where;
};

}  // namespace tokprof::trace
