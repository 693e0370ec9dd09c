#include "prices.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/strings.hpp"

namespace tokprof::aggregate {

namespace {

std::string lowered(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

std::string_view last_segment(std::string_view key) {
  const std::size_t slash = key.rfind('/');
  return slash == std::string_view::npos ? key : key.substr(slash + 1);
}

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Line of byte offset `byte` in `text`, for parse errors.
std::int64_t line_of(std::string_view text, std::size_t byte) {
  const std::size_t end = std::min(byte, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n');
}

// Reads one optional per-token price; strings holding a number are accepted
// because hand-edited price files sometimes quote them.
Result<std::optional<double>> read_price(const nlohmann::json& entry, const char* field,
                                         const std::string& key, std::string_view source) {
  const auto it = entry.find(field);
  if (it == entry.end() || it->is_null()) {
    return std::optional<double>();
  }
  std::optional<double> value;
  if (it->is_number()) {
    value = it->get<double>();
  } else if (it->is_string()) {
    const auto parsed = parse_double(it->get_ref<const std::string&>());
    if (parsed) {
      value = *parsed;
    }
  }
  if (!value || *value < 0) {
    return make_error_at(ErrorKind::invalid,
                         fmt::format("\"{}\": {} is not a price: {}", key, field, it->dump()),
                         std::string(source));
  }
  return value;
}

Result<std::optional<ModelPrice>> read_entry(const nlohmann::json& entry, const std::string& key,
                                             std::string_view source) {
  if (!entry.is_object()) {
    return std::optional<ModelPrice>();
  }
  TOKPROF_TRY_ASSIGN(const auto input, read_price(entry, "input_cost_per_token", key, source));
  TOKPROF_TRY_ASSIGN(const auto output, read_price(entry, "output_cost_per_token", key, source));
  TOKPROF_TRY_ASSIGN(const auto cache_read,
                     read_price(entry, "cache_read_input_token_cost", key, source));
  TOKPROF_TRY_ASSIGN(const auto cache_write,
                     read_price(entry, "cache_creation_input_token_cost", key, source));
  TOKPROF_TRY_ASSIGN(const auto reasoning,
                     read_price(entry, "output_cost_per_reasoning_token", key, source));
  if (!input || !output) {
    return std::optional<ModelPrice>();
  }
  return std::optional<ModelPrice>(ModelPrice{*input, *output, cache_read, cache_write, reasoning});
}

}  // namespace

void PriceTable::add(const std::string& key, const ModelPrice& price) {
  const std::string lower = lowered(key);
  const bool is_new = m_entries.find(lower) == m_entries.end();
  m_entries[lower] = Entry{key, price};
  if (is_new) {
    m_by_segment[std::string(last_segment(lower))].push_back(lower);
  }
}

PriceMatch PriceTable::find_undated(const std::string& lower) const {
  std::string_view name = lower;
  while (true) {
    const auto it = m_entries.find(std::string(name));
    if (it != m_entries.end()) {
      return PriceMatch{it->second.key, it->second.price, {}};
    }
    const std::size_t slash = name.find('/');
    if (slash == std::string_view::npos) {
      break;
    }
    name.remove_prefix(slash + 1);
  }
  const auto segment = m_by_segment.find(std::string(name));
  if (segment == m_by_segment.end()) {
    return {};
  }
  // m_by_segment lists keys in insertion order; report them sorted.
  std::vector<std::string> keys = segment->second;
  std::sort(keys.begin(), keys.end());
  const Entry& first = m_entries.at(keys.front());
  const bool agree = std::all_of(keys.begin(), keys.end(), [&](const std::string& key) {
    return m_entries.at(key).price == first.price;
  });
  if (agree) {
    return PriceMatch{first.key, first.price, {}};
  }
  PriceMatch ambiguous;
  for (const std::string& key : keys) {
    ambiguous.ambiguous.push_back(m_entries.at(key).key);
  }
  return ambiguous;
}

PriceMatch PriceTable::find(std::string_view model) const {
  const std::string lower = lowered(model);
  PriceMatch match = find_undated(lower);
  if (match.price || !match.ambiguous.empty()) {
    return match;
  }
  const std::string_view undated = strip_date_suffix(lower);
  if (undated.size() == lower.size()) {
    return match;
  }
  return find_undated(std::string(undated));
}

std::string_view strip_date_suffix(std::string_view name) {
  // "-2024-08-06": 11 characters.
  if (name.size() > 11 && name[name.size() - 11] == '-' && name[name.size() - 6] == '-' &&
      name[name.size() - 3] == '-' && all_digits(name.substr(name.size() - 10, 4)) &&
      all_digits(name.substr(name.size() - 5, 2)) && all_digits(name.substr(name.size() - 2))) {
    return name.substr(0, name.size() - 11);
  }
  // "-20241022" or "@20250514": 9 characters.
  if (name.size() > 9 && (name[name.size() - 9] == '-' || name[name.size() - 9] == '@') &&
      all_digits(name.substr(name.size() - 8))) {
    return name.substr(0, name.size() - 9);
  }
  return name;
}

Result<PriceTable> parse_litellm_prices(std::string_view json_text, std::string_view source_name) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(json_text.begin(), json_text.end());
  } catch (const nlohmann::json::parse_error& error) {
    return make_error_at(ErrorKind::parse, fmt::format("invalid price file: {}", error.what()),
                         std::string(source_name), line_of(json_text, error.byte));
  } catch (const nlohmann::json::exception& error) {  // a number beyond a double's range (1e400)
    return make_error_at(ErrorKind::parse, fmt::format("invalid price file: {}", error.what()),
                         std::string(source_name));
  }
  if (!document.is_object()) {
    return make_error_at(ErrorKind::invalid,
                         "a LiteLLM price file must be a JSON object keyed by model",
                         std::string(source_name));
  }
  PriceTable table{std::string(source_name)};
  std::int64_t skipped = 0;
  for (const auto& [key, entry] : document.items()) {
    if (key == "sample_spec") {
      continue;
    }
    TOKPROF_TRY_ASSIGN(const auto price, read_entry(entry, key, source_name));
    if (price) {
      table.add(key, *price);
    } else {
      ++skipped;
    }
  }
  table.set_skipped(skipped);
  return table;
}

SampleCost cost_of_usage(const ModelPrice& price, const ReportedUsage& usage,
                         std::int64_t fallback_output) {
  SampleCost cost;
  if (usage.input) {
    const auto cache_read = static_cast<double>(usage.cache_read.value_or(0));
    const auto cache_write = static_cast<double>(usage.cache_write.value_or(0));
    const double uncached =
        std::max(0.0, static_cast<double>(*usage.input) - cache_read - cache_write);
    cost.usd = uncached * price.input + cache_read * price.cache_read.value_or(price.input) +
               cache_write * price.cache_write.value_or(price.input);
  } else {
    cost.output_only = true;
  }
  const auto output = static_cast<double>(usage.output.value_or(fallback_output));
  if (price.reasoning && usage.reasoning) {
    const double reasoning = std::min(static_cast<double>(*usage.reasoning), output);
    cost.usd += (output - reasoning) * price.output + reasoning * *price.reasoning;
  } else {
    cost.usd += output * price.output;
  }
  return cost;
}

}  // namespace tokprof::aggregate
