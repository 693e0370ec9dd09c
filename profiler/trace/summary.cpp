// read_summary_table: see summary.hpp for the columns and the rule for
// means per task.

#include "summary.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "base/strings.hpp"
#include "table.hpp"

namespace tokprof::trace {
namespace {

// A figure that may come as a total or as a mean per task.
struct Figure {
  std::optional<double> value;
  bool mean = false;
  std::string column;  // the column it came from, for messages
};

Result<std::optional<double>> number_cell(const std::string& path, const TableRow& row, Column column) {
  const auto cell = row.cell(column);
  if (!cell) {
    return std::nullopt;
  }
  auto number = parse_cell_number(*cell);
  if (!number) {
    return row_error(path, row, fmt::format("column \"{}\": {}", row.column_name(column), number.error().message));
  }
  return *number;
}

Result<Figure> read_figure(const std::string& path, const TableRow& row, Column total, Column mean) {
  TOKPROF_TRY_ASSIGN(const auto total_value, number_cell(path, row, total));
  if (total_value) {
    return Figure{total_value, false, row.column_name(total)};
  }
  TOKPROF_TRY_ASSIGN(const auto mean_value, number_cell(path, row, mean));
  return Figure{mean_value, mean_value.has_value(), row.column_name(mean)};
}

Result<void> check_columns(const std::string& path, const TableRow& row) {
  const auto require = [&](bool present, std::string_view what, std::string_view looked_for) -> Result<void> {
    if (!present) {
      return make_error_at(ErrorKind::invalid,
                           fmt::format("summary table has no {} column (looked for {})", what, looked_for), path);
    }
    return {};
  };
  TOKPROF_TRY(require(row.cell(Column::model).has_value(), "model", "model, model_name, name, model_id"));
  TOKPROF_TRY(
      require(row.cell(Column::score).has_value(), "score", "score, intelligence_index, index, accuracy, win_rate"));
  const bool tokens = row.cell(Column::output_tokens) || row.cell(Column::mean_output_tokens);
  return require(tokens, "output token", "output_tokens, tokens, avg_tokens, tokens_per_task, ...");
}

// Turns `figure` into a total (or leaves a mean when `per_task`).
Result<std::optional<double>> settle(const std::string& path, const TableRow& row, const Figure& figure,
                                     const ModelSummary& summary, const std::string& tokens_column) {
  if (!figure.value) {
    return std::nullopt;
  }
  if (figure.mean && summary.task_count) {
    return *figure.value * static_cast<double>(*summary.task_count);
  }
  if (figure.mean != summary.output_tokens_per_task) {
    return row_error(path, row,
                     fmt::format("column \"{}\" is {} but \"{}\" is {}, and the row has no task count to convert",
                                 figure.column, figure.mean ? "a mean per task" : "a total", tokens_column,
                                 figure.mean ? "a total" : "a mean per task"));
  }
  return figure.value;
}

Result<ModelSummary> read_row(const std::string& path, const TableRow& row) {
  ModelSummary summary;
  summary.model = std::string(trim(*row.cell(Column::model)));
  if (summary.model.empty()) {
    return row_error(path, row, "empty model name");
  }
  TOKPROF_TRY_ASSIGN(const auto score, number_cell(path, row, Column::score));
  if (!score) {
    return row_error(path, row, fmt::format("no score for model \"{}\"", summary.model));
  }
  summary.score = *score;
  TOKPROF_TRY_ASSIGN(const auto tasks, number_cell(path, row, Column::task_count));
  if (tasks) {
    if (*tasks < 1 || *tasks != std::floor(*tasks)) {
      return row_error(path, row,
                       fmt::format("column \"{}\": not a task count: {}", row.column_name(Column::task_count), *tasks));
    }
    summary.task_count = static_cast<std::int64_t>(*tasks);
  }
  TOKPROF_TRY_ASSIGN(const Figure tokens, read_figure(path, row, Column::output_tokens, Column::mean_output_tokens));
  if (!tokens.value) {
    return row_error(path, row, fmt::format("no output tokens for model \"{}\"", summary.model));
  }
  summary.output_tokens_per_task = tokens.mean && !summary.task_count;
  TOKPROF_TRY_ASSIGN(const auto output, settle(path, row, tokens, summary, tokens.column));
  summary.output_tokens = *output;
  TOKPROF_TRY_ASSIGN(const Figure cost, read_figure(path, row, Column::cost, Column::mean_cost));
  TOKPROF_TRY_ASSIGN(summary.cost_usd, settle(path, row, cost, summary, tokens.column));
  TOKPROF_TRY_ASSIGN(const Figure input, read_figure(path, row, Column::input_tokens, Column::mean_input_tokens));
  TOKPROF_TRY_ASSIGN(summary.input_tokens, settle(path, row, input, summary, tokens.column));
  summary.where = SourceLocation{path, row.line};
  return summary;
}

}  // namespace

Result<std::vector<ModelSummary>> read_summary_table(const std::string& path) {
  TOKPROF_TRY_ASSIGN(const auto rows, read_table_rows(path));
  if (rows.empty()) {
    return make_error_at(ErrorKind::invalid, "summary table has no rows", path);
  }
  std::vector<ModelSummary> summaries;
  std::map<std::string, std::string> first_seen;
  for (const auto& row : rows) {
    TOKPROF_TRY(check_columns(path, row));
    TOKPROF_TRY_ASSIGN(ModelSummary summary, read_row(path, row));
    const std::string here = row.index > 0 ? fmt::format("record {}", row.index) : fmt::format("line {}", row.line);
    const auto [seen, inserted] = first_seen.emplace(summary.model, here);
    if (!inserted) {
      return row_error(path, row, fmt::format("model \"{}\" listed twice (first on {})", summary.model, seen->second));
    }
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

}  // namespace tokprof::trace
