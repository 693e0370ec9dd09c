#pragma once
// The façade of tokprof_trace: trace files in, TraceRecords out.
//
//   auto inputs = expand_inputs({"traces/"});          // files, sorted
//   auto stream = open_trace(path, ReadOptions{});     // format sniffed
//   while (auto record = (*stream)->next()) { ... }    // one at a time
//
// Formats, their detection and field tables are documented in
// traces/README.md. Library code never prints: warnings (repaired text,
// skipped batch requests) collect in the stream for the caller to show.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "format.hpp"
#include "mapping.hpp"
#include "record.hpp"
#include "scores.hpp"
#include "summary.hpp"

namespace tokprof::trace {

struct ReadOptions {
  ReadOptions() = default;
  // Reads as `format_`, through `mapping_` when given.
  explicit ReadOptions(Format format_, std::optional<FieldMapping> mapping_ = std::nullopt)
      : format(format_), mapping(std::move(mapping_)) {}

  Format format = Format::automatic;
  // With Format::mapped, or with Format::automatic and a mapping that names
  // the model, the mapping reads every field. With a vendor format (forced
  // or detected), its fields override what the vendor reader found
  // (`--map task==gsm8k`, `--map id=/metadata/qid`).
  std::optional<FieldMapping> mapping;
  // Inspect AI and lm-eval: the scorer (metric) whose value is the sample's
  // score; empty for the first one the log lists (`--scorer`).
  std::string scorer;
  // OpenTelemetry: the span or resource attribute naming the task
  // (`--task-attr`); empty for no task.
  std::string task_attr;
};

// A stream of the records of one trace file.
class RecordStream {
 public:
  virtual ~RecordStream() = default;

  // Returns the next record, std::nullopt after the last one, or an Error
  // located at the file and line ("a.jsonl:17: missing field "model" (format
  // openai)"). Streams resume after a record-level Error: the bad record (a
  // JSONL line that is not JSON, a record missing a field, an array element
  // that is not an object, an Inspect sample, an OTel span) is consumed and
  // the next call reads the next one, which is how --keep-going skips it.
  // An ErrorKind::io Error (the bytes cannot be read: I/O error, corrupt or
  // truncated .gz/.zst) is not resumable: after it, and after the end,
  // next() returns std::nullopt. A whole JSON document that does not parse
  // fails open_trace instead.
  [[nodiscard]] virtual Result<std::optional<TraceRecord>> next() = 0;

  // Returns the format being read (never Format::automatic).
  [[nodiscard]] virtual Format format() const = 0;

  // Returns the path the stream reads.
  [[nodiscard]] virtual const std::string& path() const = 0;

  // Moves out the warnings raised so far; drain it as records are read to
  // keep memory flat on large files.
  [[nodiscard]] virtual std::vector<Warning> take_warnings() = 0;

  // Returns how many records were skipped on purpose so far (failed batch
  // requests, question files); each skip also raised a warning.
  [[nodiscard]] virtual std::int64_t skipped() const = 0;
};

// Opens the trace at `path` ("-" for standard input; .gz/.zst are
// decompressed). With Format::automatic the format comes from the mapping
// (see ReadOptions) or from the keys of the first record. Errors: the file
// cannot be read, is empty, its first record is not JSON, its format cannot
// be detected (the message lists the record's keys), or it is a summary
// table (read those with read_summary_table).
[[nodiscard]] Result<std::unique_ptr<RecordStream>> open_trace(const std::string& path, const ReadOptions& options);

// Returns the format of the file at `path`: Format::summary for .csv/.tsv
// files and for JSON whose first record has only model, score and token
// columns, else the format the first record shows. Errors as open_trace.
[[nodiscard]] Result<Format> detect_format(const std::string& path);

// Expands `paths` into the files to read, in order: a file is kept as given
// (whatever its name); a directory is walked recursively, skipping hidden
// files and directories (names starting with '.'), keeping only .json,
// .jsonl and .csv files and their .gz/.zst variants, sorted by path. A path
// that does not exist is an Error, and so is a directory holding no such file.
[[nodiscard]] Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& paths);

}  // namespace tokprof::trace
