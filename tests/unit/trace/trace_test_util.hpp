#pragma once
// Helpers for the trace reader tests: write a file into the per-run temp
// directory, read every record of a trace.

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "trace/reader.hpp"

namespace tokprof::test {

// Writes `content` to `path` (parent directories created) and returns `path`.
inline std::string write_file(const std::string& path, const std::string& content) {
  const std::filesystem::path target(path);
  if (target.has_parent_path()) {
    std::filesystem::create_directories(target.parent_path());
  }
  std::ofstream(target, std::ios::binary) << content;
  return path;
}

struct ReadAll {
  std::vector<trace::TraceRecord> records;
  std::vector<trace::Warning> warnings;
  std::int64_t skipped = 0;
  trace::Format format = trace::Format::automatic;
};

// Reads every record of `path`, or returns the first Error.
inline Result<ReadAll> read_all(const std::string& path, const trace::ReadOptions& options = {}) {
  TOKPROF_TRY_ASSIGN(auto stream, trace::open_trace(path, options));
  ReadAll all;
  all.format = stream->format();
  while (true) {
    TOKPROF_TRY_ASSIGN(auto record, stream->next());
    for (auto& warning : stream->take_warnings()) {
      all.warnings.push_back(std::move(warning));
    }
    if (!record) {
      break;
    }
    all.records.push_back(std::move(*record));
  }
  all.skipped = stream->skipped();
  return all;
}

struct ReadSkipping {
  std::vector<trace::TraceRecord> records;
  std::vector<std::string> errors;  // the bad records, as --keep-going lists them
};

// Reads `path` as --keep-going does: a record-level Error is listed and
// reading goes on; opening `path` must succeed.
inline ReadSkipping read_skipping(const std::string& path, const trace::ReadOptions& options = {}) {
  ReadSkipping all;
  auto stream = trace::open_trace(path, options);
  if (!stream) {
    FAIL(stream.error().to_string());
  }
  // A stream that kept returning an Error would never end: bound the loop.
  for (int calls = 0; calls < 100000; ++calls) {
    auto record = (*stream)->next();
    if (!record) {
      all.errors.push_back(record.error().to_string());
      if (record.error().kind == ErrorKind::io) {
        return all;  // not skippable (reader.hpp)
      }
      continue;
    }
    if (!*record) {
      return all;
    }
    all.records.push_back(std::move(**record));
  }
  FAIL("the stream did not end");
  return all;
}

// Returns the message of the Error reading `path` gives ("" if none).
inline std::string read_error(const std::string& path, const trace::ReadOptions& options = {}) {
  const auto all = read_all(path, options);
  return all ? std::string() : all.error().to_string();
}

// Reads `path`, which must succeed, and returns its records.
inline ReadAll read_ok(const std::string& path, const trace::ReadOptions& options = {}) {
  auto all = read_all(path, options);
  if (!all) {
    FAIL(all.error().to_string());
  }
  return std::move(*all);
}

}  // namespace tokprof::test
