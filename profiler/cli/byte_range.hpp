#pragma once
// `tokprof profile --byte-range START:END FILE`: profile one slice of a big
// JSON Lines file, so that a cluster can cut a file into shards without
// splitting it on disk.
//
// A record belongs to the slice in which its first byte lies: START snaps
// forward to the start of the next line (unless it is 0 or already one), and
// END likewise. Consecutive slices [0,a) [a,b) [b,size) therefore hold every
// record exactly once, wherever a and b fall.
//
// The slice is copied to a temporary file whose first lines are blank, one
// per line before the slice, so that every record keeps the line number it
// has in FILE (readers skip blank lines); samples and messages are then
// relocated from the temporary path to FILE. This keeps the trace readers
// unaware of ranges, at the cost of counting the newlines before START.

#include <cstdint>
#include <optional>
#include <string>

#include "base/error.hpp"
#include "pipeline.hpp"

namespace tokprof::cli {

struct ByteRange {
  std::uint64_t start = 0;
  std::optional<std::uint64_t> end;  // empty: to the end of the file
};

// Parses "START:END" or "START:" (bytes, END exclusive).
[[nodiscard]] Result<ByteRange> parse_byte_range(const std::string& text);

// A slice of a file copied to a temporary file, removed on destruction.
class RangeFile {
 public:
  RangeFile() = default;
  RangeFile(const RangeFile&) = delete;
  RangeFile& operator=(const RangeFile&) = delete;
  ~RangeFile();

  // Copies the records of `path` that start in `range` to a temporary file.
  // Errors: `path` cannot be read, or is compressed (a byte range of a
  // compressed stream means nothing).
  [[nodiscard]] Result<void> open(const std::string& path, const ByteRange& range);

  // Returns true if the slice holds no record (nothing to scan).
  [[nodiscard]] bool empty() const { return m_empty; }
  [[nodiscard]] const std::string& temporary_path() const { return m_temporary; }

  // Rewrites the temporary path to the original one in `scanned`.
  void relocate(ScanResult& scanned) const;

 private:
  std::string m_original;
  std::string m_temporary;
  bool m_empty = true;
};

}  // namespace tokprof::cli
