#pragma once
// Reads a trace file to the end through open_trace, as the CLI does, and
// returns a transcript of what came out (records, errors, warnings), checking
// the invariants every trace reader keeps whatever its input:
// - every Error names the file it is about;
// - every record says it came from that file (or from an entry of it, as
//   "log.eval:samples/1_epoch_1.json");
// - the stream names the format it reads (the forced one, if any);
// - the stream makes progress: it ends within `max_calls` calls to next().
// Shared by the trace fuzz targets, which compare two transcripts of the
// same file to check that reading is deterministic.

#include <cstddef>
#include <string>

#include <fmt/format.h>

#include "fuzz_support.hpp"
#include "trace/reader.hpp"

namespace tokprof::fuzz {

inline std::string describe(const trace::TraceRecord& r) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", r.model, r.task, r.sample_id, r.epoch,
                     r.output_text, r.reasoning_text, r.score ? fmt::format("{}", *r.score) : "-",
                     r.cost_usd ? fmt::format("{}", *r.cost_usd) : "-", r.usage.input.value_or(-1),
                     r.usage.output.value_or(-1), r.usage.reasoning.value_or(-1), r.usage.cache_read.value_or(-1),
                     r.where.line, r.reference_output_tokens.value_or(-1));
}

inline bool names_file(const std::string& where, const std::string& path) {
  return where == path || (where.size() > path.size() && where.starts_with(path) && where[path.size()] == ':');
}

// `max_calls`: a record takes at least one byte, an error at least one line
// (or one archive entry), so a stream that needs more calls than the bytes
// it reads is stuck.
inline std::string read_transcript(const std::string& path, const trace::ReadOptions& options,
                                   std::size_t max_calls) {
  auto stream = trace::open_trace(path, options);
  if (!stream) {
    check(!stream.error().file.empty(), "an open_trace error names no file");
    return "open error: " + stream.error().to_string();
  }
  const trace::Format format = (*stream)->format();
  check(format != trace::Format::automatic, "a stream does not say which format it reads");
  check(options.format == trace::Format::automatic || format == options.format,
        "a stream reads another format than the one forced");
  std::string transcript;
  for (std::size_t calls = 0;; ++calls) {
    check(calls <= max_calls, "the record stream makes no progress");
    auto record = (*stream)->next();
    for (const auto& warning : (*stream)->take_warnings()) {
      transcript += "warning: " + warning.to_string() + "\n";
    }
    if (!record) {
      check(!record.error().file.empty(), "a record error names no file");
      transcript += "error: " + record.error().to_string() + "\n";
      continue;
    }
    if (!*record) {
      break;
    }
    check(names_file((*record)->where.file, path), "a record does not name its file");
    transcript += describe(**record);
  }
  return transcript;
}

}  // namespace tokprof::fuzz
