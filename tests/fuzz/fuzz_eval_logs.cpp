// Fuzzes the readers of evaluation frameworks' logs (issue 7): Inspect AI
// (.json document and .eval ZIP archive), lm-evaluation-harness (samples
// JSONL and results JSON), OpenTelemetry GenAI spans (OTLP JSON, one
// document or one per line) and Gemini (generateContent responses and batch
// lines), each forced and through auto-detection, through open_trace and a
// real file as the CLI reads them. The first byte picks the variant (file
// name, format, --scorer / --task-attr); the rest is the file's content.
//
// Invariants, beyond "no crash, no hang, no sanitizer report": those of
// trace_transcript.hpp (errors and records name the file, the stream names
// its format and makes progress), and reading the file twice gives the same
// records, errors and warnings.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "trace/reader.hpp"
#include "trace/zip.hpp"
#include "trace_transcript.hpp"

using namespace tokprof;

namespace {

struct Variant {
  // lm-eval takes the task from the file name and the model from the
  // directory ("meta-llama__Llama-3.1-8B-Instruct" -> meta-llama/...).
  std::string_view directory;
  std::string_view name;
  trace::Format format;
  std::string_view scorer;     // --scorer; empty: the first one
  std::string_view task_attr;  // --task-attr; empty: none
};

constexpr std::string_view k_logs = "logs";
constexpr std::string_view k_lm_eval_model = "meta-llama__Llama-3.1-8B-Instruct";
constexpr std::string_view k_samples = "samples_gsm8k_2025-09-14T10-11-12.345678.jsonl";
constexpr std::string_view k_results = "results_2025-09-14T10-11-12.345678.json";

// Seeds depend on this order (their first byte): append, never reorder.
constexpr Variant k_variants[] = {
    {k_logs, "log.json", trace::Format::inspect, "", ""},
    {k_logs, "log.eval", trace::Format::inspect, "", ""},
    {k_logs, "log.json", trace::Format::automatic, "", ""},
    {k_logs, "log.eval", trace::Format::automatic, "", ""},
    {k_logs, "log.eval", trace::Format::automatic, "model_graded_fact", ""},
    {k_lm_eval_model, k_samples, trace::Format::lm_eval, "", ""},
    {k_lm_eval_model, k_results, trace::Format::lm_eval, "", ""},
    {k_lm_eval_model, k_samples, trace::Format::automatic, "", ""},
    {k_lm_eval_model, k_results, trace::Format::automatic, "", ""},
    {k_lm_eval_model, k_samples, trace::Format::automatic, "exact_match,flexible-extract", ""},
    {k_logs, "spans.jsonl", trace::Format::otel, "", ""},
    {k_logs, "trace.json", trace::Format::otel, "", ""},
    {k_logs, "spans.jsonl", trace::Format::automatic, "", "eval.task"},
    {k_logs, "trace.json", trace::Format::automatic, "", ""},
    {k_logs, "batch.jsonl", trace::Format::gemini, "", ""},
    {k_logs, "response.json", trace::Format::gemini, "", ""},
    {k_logs, "batch.jsonl", trace::Format::automatic, "", ""},
    {k_logs, "response.json", trace::Format::automatic, "", ""},
};

// Returns how many bytes the readers may see in `path`: its own, plus what
// its ZIP entries say they hold when it is an archive (an .eval log's
// records come out of decompressed entries, which may outgrow the file).
std::size_t readable_bytes(const std::string& path, std::size_t size) {
  std::size_t total = size;
  auto archive = trace::ZipArchive::open(path);
  if (!archive) {
    return total;
  }
  for (const auto& entry : archive->entries()) {
    const std::size_t room = std::numeric_limits<std::size_t>::max() - total;
    total += entry.size < room ? entry.size : room;
  }
  return total;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const Variant& variant = k_variants[data[0] % std::size(k_variants)];
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  trace::ReadOptions options(variant.format);
  options.scorer = variant.scorer;
  options.task_attr = variant.task_attr;
  const tokprof::fuzz::TempNamedFile file(content, variant.directory, variant.name);
  // One call per readable byte, plus one per archive entry and the end.
  const std::size_t max_calls = readable_bytes(file.path(), size) + size + 2;
  const std::string first = tokprof::fuzz::read_transcript(file.path(), options, max_calls);
  const std::string second = tokprof::fuzz::read_transcript(file.path(), options, max_calls);
  tokprof::fuzz::check(first == second, "reading the same file twice gave different results");
  return 0;
}
