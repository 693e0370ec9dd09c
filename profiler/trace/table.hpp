#pragma once
// Rows of a table file, whatever its syntax: CSV/TSV with a header, JSONL
// objects, or a JSON array of objects (also under "models", "rows" or
// "data"). Summary tables and score files are read through this. Internal to
// tokprof_trace.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "columns.hpp"

namespace tokprof::trace {

struct TableRow {
  std::vector<std::string> names;  // normalised column names (columns.hpp)
  std::vector<std::string> cells;  // one per name; JSON numbers in decimal, true/false as 1/0, null as ""
  std::int64_t line = 0;           // 1-based line (CSV, JSONL); 0 inside a JSON document
  std::int64_t index = 0;          // 1-based record number inside a JSON document; 0 otherwise

  // Returns the cell of the first alias of `column`, or std::nullopt when the
  // row has no such column.
  [[nodiscard]] std::optional<std::string_view> cell(Column column) const;
  // Returns the original (normalised) name of the column `column` matched.
  [[nodiscard]] std::string column_name(Column column) const;
};

// Reads every row of the table at `path` (CSV/TSV by file name, else JSON or
// JSONL). Errors name the file and line.
[[nodiscard]] Result<std::vector<TableRow>> read_table_rows(const std::string& path);

// Returns an Error about `row` of `path`: "path:line: message", with
// "record N: " before the message inside a JSON document.
[[nodiscard]] Unexpected row_error(const std::string& path, const TableRow& row, std::string message);

}  // namespace tokprof::trace
