#include "table.hpp"

#include <fmt/format.h>

#include "base/file.hpp"
#include "csv.hpp"
#include "file_kind.hpp"
#include "json_records.hpp"
#include "json_text.hpp"

namespace tokprof::trace {
namespace {

constexpr std::string_view k_row_containers[] = {"models", "rows", "data"};

Result<std::vector<TableRow>> read_csv_rows(const std::string& path) {
  TOKPROF_TRY_ASSIGN(const std::string text, read_file(path));
  auto parsed = parse_csv(text);
  if (!parsed) {
    Error error = parsed.error();
    error.file = path;
    return Unexpected(std::move(error));
  }
  if (parsed->empty()) {
    return make_error_at(ErrorKind::invalid, "empty file: no header row", path);
  }
  std::vector<std::string> names;
  for (const auto& cell : parsed->front().cells) {
    names.push_back(normalize_column(cell));
  }
  std::vector<TableRow> rows;
  for (std::size_t i = 1; i < parsed->size(); ++i) {
    CsvRow& csv = (*parsed)[i];
    csv.cells.resize(names.size());
    rows.push_back(TableRow{names, std::move(csv.cells), csv.line, 0});
  }
  return rows;
}

std::string cell_text(JsonValue value, bool repaired) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING: {
      std::string text(value.get_string().value_unsafe());
      if (repaired) {
        restore_raw_bytes(text);
      }
      return text;
    }
    case simdjson::dom::element_type::BOOL:
      return value.get_bool().value_unsafe() ? "1" : "0";
    case simdjson::dom::element_type::NULL_VALUE:
      return {};
    default:
      return simdjson::to_string(value);
  }
}

TableRow json_row(JsonValue record, const RecordContext& context) {
  TableRow row;
  row.line = context.line;
  row.index = context.index;
  for (const auto field : object_of(record)) {
    row.names.push_back(normalize_column(field.key));
    row.cells.push_back(cell_text(field.value, context.repaired));
  }
  return row;
}

// Returns the pointer to the row array when the document wraps it.
std::string container_pointer(JsonRecordSource& source) {
  if (source.context().index != 0) {
    return {};
  }
  const auto object = source.value().get_object().value_unsafe();
  simdjson::dom::element model;
  if (object.at_key("model").get(model) == simdjson::SUCCESS) {
    return {};
  }
  for (const std::string_view key : k_row_containers) {
    simdjson::dom::element found;
    if (object.at_key(key).get(found) == simdjson::SUCCESS && found.is_array()) {
      return fmt::format("/{}", key);
    }
  }
  return {};
}

Result<std::vector<TableRow>> read_json_rows(const std::string& path) {
  std::vector<Warning> warnings;
  TOKPROF_TRY_ASSIGN(auto source, JsonRecordSource::open(path, std::string(), warnings));
  const std::string pointer = container_pointer(*source);
  if (!pointer.empty()) {
    TOKPROF_TRY_ASSIGN(source, JsonRecordSource::open(path, pointer, warnings));
  }
  std::vector<TableRow> rows;
  while (true) {
    TOKPROF_TRY_ASSIGN(const bool got, source->next());
    if (!got) {
      return rows;
    }
    rows.push_back(json_row(source->value(), source->context()));
  }
}

}  // namespace

std::optional<std::string_view> TableRow::cell(Column column) const {
  const auto found = find_column(names, column);
  if (!found) {
    return std::nullopt;
  }
  return std::string_view(cells[*found]);
}

std::string TableRow::column_name(Column column) const {
  const auto found = find_column(names, column);
  return found ? names[*found] : std::string();
}

Result<std::vector<TableRow>> read_table_rows(const std::string& path) {
  if (is_table_name(path)) {
    return read_csv_rows(path);
  }
  return read_json_rows(path);
}

Unexpected row_error(const std::string& path, const TableRow& row, std::string message) {
  if (row.index > 0) {
    message = fmt::format("record {}: {}", row.index, message);
  }
  return make_error_at(ErrorKind::invalid, std::move(message), path, row.line);
}

}  // namespace tokprof::trace
