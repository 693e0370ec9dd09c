#pragma once
// Column names of summary tables and score files, matched with aliases, and
// the numbers people write in such tables. Internal to tokprof_trace; the
// alias lists are documented in summary.hpp and scores.hpp.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace tokprof::trace {

enum class Column {
  model,
  score,          // summary tables and leaderboards
  record_score,   // per-sample score files: also value, correct, acc, ...
  output_tokens,  // total
  mean_output_tokens,
  cost,
  mean_cost,
  task_count,
  input_tokens,
  mean_input_tokens,
  sample_id,
};

// Returns `name` lower-cased and trimmed, with spaces and '-' turned into '_'
// ("Intelligence Index" -> "intelligence_index").
[[nodiscard]] std::string normalize_column(std::string_view name);

// Returns the position in `names` (normalised) of the first alias of
// `column`, trying aliases in order of preference.
[[nodiscard]] std::optional<std::size_t> find_column(const std::vector<std::string>& names, Column column);

// Parses a table cell as a number: "58000000", "58,000,000", "58M", "1.2k",
// "$2,088.50", "0.7". An empty cell is std::nullopt; anything else that is
// not a number is an Error quoting the cell.
[[nodiscard]] Result<std::optional<double>> parse_cell_number(std::string_view cell);

}  // namespace tokprof::trace
