#include "columns.hpp"

#include <algorithm>
#include <cctype>
#include <span>

#include <fmt/format.h>

#include "base/strings.hpp"

namespace tokprof::trace {
namespace {

constexpr std::string_view k_model[] = {"model", "model_name", "name", "model_id", "generator"};
constexpr std::string_view k_score[] = {"score", "intelligence_index", "index", "accuracy", "win_rate"};
constexpr std::string_view k_record_score[] = {"score", "value",       "correct",    "accuracy",
                                               "acc",   "exact_match", "preference", "reward"};
constexpr std::string_view k_output_tokens[] = {"output_tokens", "total_output_tokens", "tokens", "output_tokens_used"};
constexpr std::string_view k_mean_output_tokens[] = {"avg_tokens", "avg_output_tokens", "mean_output_tokens",
                                                     "tokens_per_task", "output_tokens_per_task"};
constexpr std::string_view k_cost[] = {"cost_usd", "cost", "total_cost", "cost_to_run"};
constexpr std::string_view k_mean_cost[] = {"cost_per_task", "avg_cost"};
constexpr std::string_view k_task_count[] = {"task_count", "tasks", "n_tasks", "num_tasks"};
constexpr std::string_view k_input_tokens[] = {"input_tokens", "total_input_tokens"};
constexpr std::string_view k_mean_input_tokens[] = {"input_tokens_per_task", "avg_input_tokens"};
constexpr std::string_view k_sample_id[] = {"sample_id", "id", "question_id", "uid", "custom_id", "doc_id"};

std::span<const std::string_view> aliases(Column column) {
  switch (column) {
    case Column::model:
      return k_model;
    case Column::score:
      return k_score;
    case Column::record_score:
      return k_record_score;
    case Column::output_tokens:
      return k_output_tokens;
    case Column::mean_output_tokens:
      return k_mean_output_tokens;
    case Column::cost:
      return k_cost;
    case Column::mean_cost:
      return k_mean_cost;
    case Column::task_count:
      return k_task_count;
    case Column::input_tokens:
      return k_input_tokens;
    case Column::mean_input_tokens:
      return k_mean_input_tokens;
    case Column::sample_id:
      return k_sample_id;
  }
  return {};
}

double suffix_multiplier(char suffix) {
  switch (suffix) {
    case 'k':
    case 'K':
      return 1e3;
    case 'M':
      return 1e6;
    case 'B':
    case 'G':
      return 1e9;
    case 'T':
      return 1e12;
    default:
      return 0;
  }
}

}  // namespace

std::string normalize_column(std::string_view name) {
  std::string out(trim(name));
  for (char& c : out) {
    c = (c == ' ' || c == '-') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<std::size_t> find_column(const std::vector<std::string>& names, Column column) {
  for (const std::string_view alias : aliases(column)) {
    const auto found = std::find(names.begin(), names.end(), alias);
    if (found != names.end()) {
      return static_cast<std::size_t>(found - names.begin());
    }
  }
  return std::nullopt;
}

Result<std::optional<double>> parse_cell_number(std::string_view cell) {
  std::string text(trim(cell));
  if (text.empty()) {
    return std::nullopt;
  }
  if (text.front() == '$') {
    text.erase(0, 1);
  }
  text.erase(std::remove(text.begin(), text.end(), ','), text.end());
  double multiplier = 1;
  if (!text.empty() && suffix_multiplier(text.back()) != 0) {
    multiplier = suffix_multiplier(text.back());
    text.pop_back();
  }
  auto value = parse_double(text);
  if (!value) {
    return make_error(ErrorKind::invalid, fmt::format("not a number: \"{}\"", cell));
  }
  return *value * multiplier;
}

}  // namespace tokprof::trace
