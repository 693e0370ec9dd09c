// Approximate sums as JSON (partial_approx.hpp). A group of sums is an
// array under "group_columns", like a sample row, so that a cell costs a
// few hundred bytes; exact sums are their non-overlapping parts, and a
// sketch its zero count, its first bucket index and the counts from there on. Nothing is
// rounded: a parsed partial merges exactly as the one written.

#include "partial_approx.hpp"

#include <fmt/format.h>

namespace tokprof::aggregate {
namespace {

using Json = nlohmann::ordered_json;

const std::vector<std::string> k_group_columns = {
    "samples",          "counted_output",     "counted_reasoning",  "reported_output_samples",
    "reported_output",  "counted_of_reported", "reported_reasoning_samples", "reported_reasoning",
    "scored",           "correct",            "non_binary_scores",  "score_sum",
    "reported_cost_samples", "reported_cost_sum", "input_samples", "uncached_input",
    "cache_read",       "cache_write",        "priced_output",      "priced_output_with_reasoning",
    "priced_reasoning"};

// The integer fields of GroupSums, in column order, around the two sums.
std::vector<std::int64_t GroupSums::*> integer_fields_before_score() {
  return {&GroupSums::samples,          &GroupSums::counted_output,     &GroupSums::counted_reasoning,
          &GroupSums::reported_output_samples, &GroupSums::reported_output, &GroupSums::counted_of_reported,
          &GroupSums::reported_reasoning_samples, &GroupSums::reported_reasoning, &GroupSums::scored,
          &GroupSums::correct,          &GroupSums::non_binary_scores};
}

std::vector<std::int64_t GroupSums::*> integer_fields_after_cost() {
  return {&GroupSums::input_samples, &GroupSums::uncached_input, &GroupSums::cache_read, &GroupSums::cache_write,
          &GroupSums::priced_output, &GroupSums::priced_output_with_reasoning, &GroupSums::priced_reasoning};
}

Json group_json(const GroupSums& sums) {
  Json row = Json::array();
  for (const auto field : integer_fields_before_score()) {
    row.push_back(sums.*field);
  }
  row.push_back(sums.score.parts());
  row.push_back(sums.reported_cost_samples);
  row.push_back(sums.reported_cost.parts());
  for (const auto field : integer_fields_after_cost()) {
    row.push_back(sums.*field);
  }
  return row;
}

ExactSum parse_exact_sum(const Json& parts) {
  ExactSum sum;
  for (const Json& part : parts) {
    sum.add(part.get<double>());
  }
  return sum;
}

GroupSums parse_group(const Json& row) {
  if (!row.is_array() || row.size() != k_group_columns.size()) {
    throw std::invalid_argument(fmt::format("a group of sums must have {} columns", k_group_columns.size()));
  }
  GroupSums sums;
  std::size_t column = 0;
  for (const auto field : integer_fields_before_score()) {
    sums.*field = row[column++].get<std::int64_t>();
  }
  sums.score = parse_exact_sum(row[column++]);
  sums.reported_cost_samples = row[column++].get<std::int64_t>();
  sums.reported_cost = parse_exact_sum(row[column++]);
  for (const auto field : integer_fields_after_cost()) {
    sums.*field = row[column++].get<std::int64_t>();
  }
  return sums;
}

// Buckets as one run of counts from the lowest occupied index to the
// highest, zeros included: a sketch's size then follows the range of its
// values (at most ~700 buckets for token counts), not how often each occurs.
Json sketch_json(const QuantileSketch& sketch) {
  Json counts = Json::array();
  const auto& buckets = sketch.buckets();
  const std::int32_t first = buckets.empty() ? 0 : buckets.begin()->first;
  for (const auto& [index, count] : buckets) {
    while (static_cast<std::int64_t>(counts.size()) < static_cast<std::int64_t>(index) - first) {
      counts.push_back(0);
    }
    counts.push_back(count);
  }
  return Json{{"zeros", sketch.zeros()}, {"first", first}, {"counts", std::move(counts)}};
}

QuantileSketch parse_sketch(const Json& json, double alpha) {
  QuantileSketch sketch = QuantileSketch::create(alpha).value();
  sketch.add_zeros(json.at("zeros").get<std::uint64_t>());
  const auto first = json.at("first").get<std::int32_t>();
  const Json& counts = json.at("counts");
  if (counts.size() > (std::size_t{1} << 31) || static_cast<std::int64_t>(first) + counts.size() > (std::int64_t{1} << 31)) {
    throw std::out_of_range("sketch buckets out of range");
  }
  for (std::size_t offset = 0; offset < counts.size(); ++offset) {
    if (const auto count = counts[offset].get<std::uint64_t>(); count > 0) {
      sketch.add_to_bucket(static_cast<std::int32_t>(first + static_cast<std::int64_t>(offset)), count);
    }
  }
  return sketch;
}

template <typename T>
Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

std::optional<std::int64_t> optional_integer(const Json& value) {
  return value.is_null() ? std::nullopt : std::optional(value.get<std::int64_t>());
}

Json cell_json(const std::string& model, const std::string& task, const ApproxCell& cell) {
  return Json{{"model", model},
              {"task", task},
              {"all", group_json(cell.all)},
              {"scored", group_json(cell.scored)},
              {"max_counted", optional_json(cell.max_counted)},
              {"max_reported", optional_json(cell.max_reported)},
              {"counted", sketch_json(cell.counted)},
              {"reported", sketch_json(cell.reported)}};
}

}  // namespace

void add_approx_json(const ApproxSums& sums, Json& doc) {
  doc["quantiles"] = Json{{"sketch", "DDSketch"}, {"relative_accuracy", sums.alpha}};
  doc["group_columns"] = k_group_columns;
  Json cells = Json::array();
  for (const auto& [key, cell] : sums.cells) {
    cells.push_back(cell_json(key.first, key.second, cell));
  }
  doc["cells"] = std::move(cells);
  Json models = Json::object();
  for (const auto& [model, counting] : sums.models) {
    models[model] = Json{{"tokenizers", counting.tokenizers}, {"tokenizer_exact", counting.tokenizer_exact}};
  }
  doc["model_counting"] = std::move(models);
}

ApproxSums parse_approx_json(const Json& doc) {
  if (doc.at("group_columns").get<std::vector<std::string>>() != k_group_columns) {
    throw std::invalid_argument("unexpected group_columns");
  }
  const Json& quantiles = doc.at("quantiles");
  if (quantiles.at("sketch").get<std::string>() != "DDSketch") {
    throw std::invalid_argument("unknown quantile sketch");
  }
  ApproxSums sums;
  sums.alpha = quantiles.at("relative_accuracy").get<double>();
  if (!QuantileSketch::create(sums.alpha)) {
    throw std::invalid_argument(fmt::format("bad relative accuracy {}", sums.alpha));
  }
  for (const Json& json : doc.at("cells")) {
    ApproxCell cell(sums.alpha);
    cell.all = parse_group(json.at("all"));
    cell.scored = parse_group(json.at("scored"));
    cell.max_counted = optional_integer(json.at("max_counted"));
    cell.max_reported = optional_integer(json.at("max_reported"));
    cell.counted = parse_sketch(json.at("counted"), sums.alpha);
    cell.reported = parse_sketch(json.at("reported"), sums.alpha);
    const auto key = std::make_pair(json.at("model").get<std::string>(), json.at("task").get<std::string>());
    if (!sums.cells.emplace(key, std::move(cell)).second) {
      throw std::invalid_argument(fmt::format("two cells for model \"{}\", task \"{}\"", key.first, key.second));
    }
  }
  for (const auto& [model, json] : doc.at("model_counting").items()) {
    sums.models[model] = ModelCounting{json.at("tokenizers").get<std::set<std::string>>(),
                                       json.at("tokenizer_exact").get<bool>()};
  }
  return sums;
}

}  // namespace tokprof::aggregate
