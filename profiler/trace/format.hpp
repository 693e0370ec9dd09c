#pragma once
// Trace formats and the warnings a reader may raise while reading one.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace tokprof::trace {

// The layout of a trace file. `automatic` asks open_trace to sniff the first
// record; later formats (Inspect AI, lm-eval, OTel, Gemini) join this list.
enum class Format {
  automatic,
  mapped,      // any JSON/JSONL, read through a FieldMapping
  openai,      // Chat Completions, Batch API output, Responses API
  anthropic,   // Messages, Message Batches results
  arena_hard,  // Arena-Hard-Auto model answers, v0.1 and v2.0 layouts
  summary,     // per-model aggregates (CSV or JSON), read by read_summary_table
  // Evaluation frameworks' own logs (issue 7, eval_logs.hpp):
  inspect,  // Inspect AI .json and .eval logs
  lm_eval,  // lm-evaluation-harness samples_*.jsonl (and results_*.json, skipped)
  otel,     // OpenTelemetry GenAI spans in OTLP JSON
  gemini,   // Gemini generateContent responses and batch output lines
};

// Parses a format name as written on the command line ("auto", "openai",
// "arena-hard" or "arena_hard", ...). Unknown names are an ErrorKind::usage
// Error that lists the known ones.
[[nodiscard]] Result<Format> parse_format(std::string_view name);

// Returns the canonical name of `format`, as used in messages ("arena-hard").
[[nodiscard]] std::string_view format_name(Format format);

// Something worth telling the user that does not stop reading: a record kept
// with repaired text, a failed batch request that was skipped.
struct Warning {
  std::string file;
  std::int64_t line = 0;  // 1-based; 0 when the warning is about the whole file
  std::string message;

  // Returns "file:line: message" ("file: message" when `line` is 0).
  [[nodiscard]] std::string to_string() const;
};

}  // namespace tokprof::trace
