#pragma once
// A small CSV reader (RFC 4180: quoted fields, "" inside quotes, newlines in
// quoted fields, CRLF or LF) for summary tables and score files, which are
// small enough to read whole. Internal to tokprof_trace.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace tokprof::trace {

struct CsvRow {
  std::vector<std::string> cells;
  std::int64_t line = 0;  // 1-based line the row starts on
};

// Splits `text` into rows; blank lines are skipped and a leading UTF-8 BOM
// is dropped. The separator is ',' unless the first line has tabs and no
// commas (TSV). An unterminated quoted field is an Error located at the line
// where it starts.
[[nodiscard]] Result<std::vector<CsvRow>> parse_csv(std::string_view text);

}  // namespace tokprof::trace
