#pragma once
// Readers of evaluation frameworks' own logs (issue 7): Inspect AI, lm-eval,
// OpenTelemetry GenAI spans, Gemini. Inspect and OTel files hold many
// records per JSON document, so they get their own RecordStream (a queue
// filled one document or one archive entry at a time); lm-eval and Gemini
// records are one per line and use the Converter of converter.hpp.
// Internal to tokprof_trace.

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "converter.hpp"
#include "reader.hpp"

namespace tokprof::trace {

// A RecordStream over a queue that a subclass fills in batches. A batch
// holds records and, in their place, the Errors of its bad records (an
// Inspect sample or an OTel span missing a field), which next() hands out
// in order so that --keep-going skips them and reads on (reader.hpp).
class QueueStream : public RecordStream {
 public:
  QueueStream(std::string path, Format format) : m_path(std::move(path)), m_format(format) {}

  Result<std::optional<TraceRecord>> next() override;
  [[nodiscard]] Format format() const override { return m_format; }
  [[nodiscard]] const std::string& path() const override { return m_path; }
  std::vector<Warning> take_warnings() override { return std::exchange(m_warnings, {}); }
  [[nodiscard]] std::int64_t skipped() const override { return m_skipped; }

 protected:
  using Queue = std::deque<Result<TraceRecord>>;

  // Appends the next batch of records to `queue` and returns true, or
  // returns false at the end of the file. An Error that spoils the whole
  // batch (an OTel line that is not JSON) is returned after the batch is
  // consumed, so that the next call reads the next batch; an ErrorKind::io
  // Error ends the stream.
  [[nodiscard]] virtual Result<bool> fill(Queue& queue) = 0;

  std::vector<Warning> m_warnings;
  std::int64_t m_skipped = 0;

 private:
  std::string m_path;
  Format m_format;
  Queue m_queue;
  bool m_done = false;
};

// Returns `json` with the bare NaN, Infinity and -Infinity that Python's
// json module writes (outside strings) replaced by the strings "NaN",
// "Infinity" and "-Infinity", which simdjson accepts; `json` unchanged when
// it has none.
[[nodiscard]] std::string quote_nonfinite(std::string_view json);

// Returns true when `prefix` (the first bytes of a file) looks like an
// Inspect AI .json log: an object whose first keys include "version" and
// "eval" (Inspect writes them first). Used before parsing, because such
// logs may hold bare NaN that the generic JSON reader rejects.
[[nodiscard]] bool looks_like_inspect_json(std::string_view prefix);

// Opens an Inspect AI log, a .eval archive or a .json document.
[[nodiscard]] Result<std::unique_ptr<RecordStream>> open_inspect_stream(const std::string& path,
                                                                        const ReadOptions& options);

// Opens an OTLP JSON trace file (one document, or one per line).
[[nodiscard]] Result<std::unique_ptr<RecordStream>> open_otel_stream(const std::string& path,
                                                                     const ReadOptions& options);

// Returns the reader of lm-evaluation-harness samples_*.jsonl lines; `path`
// supplies the task and model (see read_lm_eval.cpp), `scorer` picks the metric.
[[nodiscard]] std::unique_ptr<Converter> make_lm_eval_converter(const std::string& path, const std::string& scorer);

// Returns the reader of Gemini generateContent responses and batch output lines.
[[nodiscard]] std::unique_ptr<Converter> make_gemini_converter();

}  // namespace tokprof::trace
