// Fuzzes the trace readers (open_trace and RecordStream) through a real
// file, as the CLI reads them. The first byte picks the file name and the
// format (plain JSONL, a whole JSON document, each vendor format forced, a
// field mapping, and the .gz/.zst decompressors fed raw bytes); the rest is
// the file's content.
//
// Invariants, beyond "no crash, no hang, no sanitizer report":
// - every Error names the file it is about;
// - every record says it came from that file;
// - the stream makes progress: after a record-level Error in JSONL it moves
//   on to the next line (--keep-going), and it ends within one call per line;
// - reading the file twice gives the same records and the same errors.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "trace/reader.hpp"
#include "trace_transcript.hpp"

using namespace tokprof;

namespace {

struct Variant {
  std::string_view suffix;
  trace::Format format;
  std::string_view mapping;  // empty: none
};

constexpr Variant k_variants[] = {
    {".jsonl", trace::Format::automatic, ""},
    {".json", trace::Format::automatic, ""},
    {".jsonl", trace::Format::openai, ""},
    {".jsonl", trace::Format::anthropic, ""},
    {".jsonl", trace::Format::arena_hard, ""},
    // The mappings of traces/mapped/, so that its samples make good seeds.
    {".jsonl", trace::Format::automatic,
     "model=/run/model,task=/task,id=/item/id,output=/response/text,usage=/response/usage,score=/grade/correct"},
    {".json", trace::Format::mapped, "model=/generator,output=/output,id=/instruction,score=/preference,task=/dataset"},
    {".log", trace::Format::automatic, ""},
    {".jsonl.gz", trace::Format::automatic, ""},
    {".jsonl.zst", trace::Format::automatic, ""},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const Variant& variant = k_variants[data[0] % std::size(k_variants)];
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  trace::ReadOptions options;
  options.format = variant.format;
  if (!variant.mapping.empty()) {
    auto mapping = trace::parse_field_mapping(variant.mapping);
    tokprof::fuzz::check(mapping.has_value(), "the target's own mapping does not parse");
    options.mapping = std::move(*mapping);
  }
  const tokprof::fuzz::TempFile file(content, variant.suffix);
  // A record takes at least one byte, an error at least one line: more calls
  // than bytes (plus the end) means the stream is stuck.
  const std::string first = tokprof::fuzz::read_transcript(file.path(), options, size + 2);
  const std::string second = tokprof::fuzz::read_transcript(file.path(), options, size + 2);
  tokprof::fuzz::check(first == second, "reading the same file twice gave different results");
  return 0;
}
