// read_scores and ScoreTable lookups: see scores.hpp.

#include "scores.hpp"

#include <fmt/format.h>

#include "base/strings.hpp"
#include "table.hpp"

namespace tokprof::trace {
namespace {

std::string_view without_provider(std::string_view model) {
  const std::size_t slash = model.rfind('/');
  return slash == std::string_view::npos ? model : model.substr(slash + 1);
}

Result<void> check_columns(const std::string& path, const TableRow& row) {
  if (!row.cell(Column::model)) {
    return make_error_at(ErrorKind::invalid,
                         "score file has no model column (looked for model, model_name, name, model_id, generator)",
                         path, row.line);
  }
  if (!row.cell(Column::record_score) && !row.cell(Column::score)) {
    return make_error_at(ErrorKind::invalid,
                         "score file has no score column (looked for score, value, correct, accuracy, acc, "
                         "exact_match, preference, reward, intelligence_index, win_rate)",
                         path, row.line);
  }
  return {};
}

Result<std::optional<double>> read_score(const std::string& path, const TableRow& row) {
  const Column column = row.cell(Column::record_score) ? Column::record_score : Column::score;
  auto score = parse_cell_number(*row.cell(column));
  if (!score) {
    return row_error(path, row, fmt::format("column \"{}\": {}", row.column_name(column), score.error().message));
  }
  return *score;
}

template <typename Map, typename Key>
Result<void> insert(const std::string& path, const TableRow& row, Map& table, const Key& key, double score,
                    std::string_view what) {
  const auto [found, inserted] = table.emplace(key, score);
  if (!inserted && found->second != score) {
    return row_error(path, row,
                     fmt::format("{} scored twice with different values ({} and {})", what, found->second, score));
  }
  return {};
}

Result<void> add_row(const std::string& path, const TableRow& row, ScoreTable& table) {
  TOKPROF_TRY(check_columns(path, row));
  const std::string model(trim(*row.cell(Column::model)));
  TOKPROF_TRY_ASSIGN(const auto score, read_score(path, row));
  if (model.empty() || !score) {
    return {};  // an unscored row: absent, not zero
  }
  const auto id = row.cell(Column::sample_id);
  if (!id) {
    return insert(path, row, table.per_model, model, *score, fmt::format("model \"{}\"", model));
  }
  const std::pair key{model, std::string(trim(*id))};
  return insert(path, row, table.per_sample, key, *score,
                fmt::format("sample \"{}\" of model \"{}\"", key.second, model));
}

}  // namespace

std::optional<double> ScoreTable::sample_score(const std::string& model, const std::string& id) const {
  if (const auto found = per_sample.find({model, id}); found != per_sample.end()) {
    return found->second;
  }
  // Visit each model once: keys sort by model, and model + '\0' is the
  // smallest name after `model`.
  const std::string_view bare = without_provider(model);
  for (auto it = per_sample.begin(); it != per_sample.end();
       it = per_sample.lower_bound({it->first.first + '\0', std::string()})) {
    if (without_provider(it->first.first) == bare) {
      if (const auto found = per_sample.find({it->first.first, id}); found != per_sample.end()) {
        return found->second;
      }
    }
  }
  return std::nullopt;
}

std::optional<double> ScoreTable::model_score(const std::string& model) const {
  if (const auto found = per_model.find(model); found != per_model.end()) {
    return found->second;
  }
  const std::string_view bare = without_provider(model);
  for (const auto& [name, score] : per_model) {
    if (without_provider(name) == bare) {
      return score;
    }
  }
  return std::nullopt;
}

Result<ScoreTable> read_scores(const std::string& path) {
  TOKPROF_TRY_ASSIGN(const auto rows, read_table_rows(path));
  ScoreTable table;
  for (const auto& row : rows) {
    TOKPROF_TRY(add_row(path, row, table));
  }
  if (table.empty()) {
    return make_error_at(ErrorKind::invalid, "score file holds no scores", path);
  }
  return table;
}

}  // namespace tokprof::trace
