#pragma once
// File input and output: whole-file reads for small inputs (vocabularies,
// configs), a streaming line reader for traces of any size, and atomic
// writes so that a report is either complete or absent.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "error.hpp"

namespace tokprof {

// Reads all of `path` into a string. Errors name the path and the OS reason.
[[nodiscard]] Result<std::string> read_file(const std::string& path);

// Writes `content` to `path` atomically: the bytes go to a temporary file in
// the same directory, which is flushed to disk and renamed over `path`. A
// reader of `path` sees the old file or the new one, never a partial one.
[[nodiscard]] Result<void> write_file_atomic(const std::string& path, std::string_view content);

// A source of bytes: a plain file, or a decompressor in front of one.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `buffer`; returns 0 at the end of input.
  // A read error is an Error, never an early end of input.
  [[nodiscard]] virtual Result<std::size_t> read(char* buffer, std::size_t size) = 0;
};

// Opens `path` for streaming ("-" is standard input). Files ending in .gz or
// .zst, or starting with the gzip or zstd magic bytes, are decompressed on
// the fly.
[[nodiscard]] Result<std::unique_ptr<ByteSource>> open_source(const std::string& path);

// Splits a ByteSource into lines on '\n' only (U+2028 and lone '\r' are part
// of a line, as JSONL requires). A line may be of any length; memory grows
// with the longest line, not with the file.
class LineReader {
 public:
  LineReader(std::unique_ptr<ByteSource> source, std::string path);

  // Sets `line` to the next line without its '\n' (and a '\r' before it) and
  // returns true; returns false at the end of input. `line` stays valid until
  // the next call.
  [[nodiscard]] Result<bool> next(std::string_view& line);

  // Returns the 1-based number of the line last returned.
  [[nodiscard]] std::int64_t line_number() const { return m_line_number; }
  [[nodiscard]] const std::string& path() const { return m_path; }
  // Returns true if the last line returned ended without a '\n'.
  [[nodiscard]] bool last_line_unterminated() const { return m_unterminated; }

 private:
  std::unique_ptr<ByteSource> m_source;
  std::string m_path;
  std::string m_buffer;
  std::size_t m_begin = 0;  // start of unread data in m_buffer
  std::size_t m_end = 0;    // end of valid data in m_buffer
  bool m_eof = false;
  bool m_unterminated = false;
  std::int64_t m_line_number = 0;
};

}  // namespace tokprof
