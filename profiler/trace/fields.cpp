#include "fields.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "base/strings.hpp"
#include "json_text.hpp"

namespace tokprof::trace {
namespace {

constexpr std::size_t k_shown_chars = 40;

// Returns `value` as a short phrase for messages: "high", 12, an object.
std::string describe(JsonValue value) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING: {
      const std::string_view text = value.get_string().value_unsafe();
      if (text.size() > k_shown_chars) {
        return fmt::format("\"{}...\"", text.substr(0, k_shown_chars));
      }
      return fmt::format("\"{}\"", text);
    }
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    default:
      return simdjson::to_string(value);
  }
}

std::string suffix(const RecordContext& context, const FieldLabel& label) {
  const std::string source =
      context.source_kind.empty() ? fmt::format("format {}", format_name(context.format)) : context.source_kind;
  if (label.pointer.empty()) {
    return fmt::format("({})", source);
  }
  return fmt::format("({}, pointer {})", source, label.pointer);
}

Unexpected wrong_type(const RecordContext& context, JsonValue value, const FieldLabel& label,
                      std::string_view expected) {
  return context.error(ErrorKind::invalid, fmt::format("field \"{}\" is not {}: {} {}", label.name, expected,
                                                       describe(value), suffix(context, label)));
}

std::optional<double> as_double(JsonValue value) {
  switch (value.type()) {
    case simdjson::dom::element_type::INT64:
      return static_cast<double>(value.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return static_cast<double>(value.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
      return value.get_double().value_unsafe();
    default:
      return std::nullopt;
  }
}

std::optional<std::int64_t> as_count(JsonValue value) {
  if (value.is_string()) {
    auto parsed = parse_int(value.get_string().value_unsafe());
    return parsed && *parsed >= 0 ? std::optional(*parsed) : std::nullopt;
  }
  const auto number = as_double(value);
  constexpr double k_max = 9.0e18;
  if (!number || *number < 0 || *number > k_max || *number != std::floor(*number)) {
    return std::nullopt;
  }
  if (value.type() == simdjson::dom::element_type::INT64) {
    return value.get_int64().value_unsafe();
  }
  return static_cast<std::int64_t>(*number);
}

}  // namespace

Unexpected RecordContext::error(ErrorKind kind, std::string message) const {
  if (index > 0) {
    message = fmt::format("record {}: {}", index, message);
  }
  return make_error_at(kind, std::move(message), file, line);
}

void RecordContext::warn(std::string message) const {
  if (warnings == nullptr) {
    return;
  }
  if (index > 0) {
    message = fmt::format("record {}: {}", index, message);
  }
  warnings->push_back(Warning{file, line, std::move(message)});
}

Result<std::optional<std::string>> read_text(const RecordContext& context, std::optional<JsonValue> value,
                                             const FieldLabel& label) {
  if (!value) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    return wrong_type(context, *value, label, "a string");
  }
  std::string text(value->get_string().value_unsafe());
  if (context.repaired) {
    restore_raw_bytes(text);
  }
  return text;
}

Result<std::optional<std::string>> read_id(const RecordContext& context, std::optional<JsonValue> value,
                                           const FieldLabel& label) {
  if (!value || value->is_string()) {
    return read_text(context, value, label);
  }
  if (value->is_int64() || value->is_uint64()) {
    return simdjson::to_string(*value);
  }
  return wrong_type(context, *value, label, "an id (a string or an integer)");
}

Result<std::optional<std::int64_t>> read_count(const RecordContext& context, std::optional<JsonValue> value,
                                               const FieldLabel& label) {
  if (!value) {
    return std::nullopt;
  }
  const auto count = as_count(*value);
  if (!count) {
    return wrong_type(context, *value, label, "a token count");
  }
  return count;
}

Result<std::optional<double>> read_number(const RecordContext& context, std::optional<JsonValue> value,
                                          const FieldLabel& label) {
  if (!value) {
    return std::nullopt;
  }
  if (value->is_bool()) {
    return value->get_bool().value_unsafe() ? 1.0 : 0.0;
  }
  if (value->is_string()) {
    const std::string_view text = value->get_string().value_unsafe();
    // issue 6: Python (Inspect, pandas) writes bare NaN and Infinity, which
    // the JSON readers quote before parsing: a missing value, not an error.
    if (text == "NaN" || text == "Infinity" || text == "-Infinity") {
      context.warn(fmt::format("field \"{}\" is {}: read as missing", label.name, text));
      return std::nullopt;
    }
    auto parsed = parse_double(text);
    if (!parsed) {
      return wrong_type(context, *value, label, "a number");
    }
    return *parsed;
  }
  const auto number = as_double(*value);
  if (!number || !std::isfinite(*number)) {
    return wrong_type(context, *value, label, "a number");
  }
  return number;
}

Unexpected missing_field(const RecordContext& context, const FieldLabel& label) {
  return context.error(ErrorKind::invalid, fmt::format("missing field \"{}\" {}", label.name, suffix(context, label)));
}

Fields::Fields(JsonValue root, const RecordContext& context, std::string prefix)
    : m_root(root), m_context(&context), m_prefix(std::move(prefix)) {}

FieldLabel Fields::label(std::string_view path) const {
  return FieldLabel{m_prefix + std::string(path), {}};
}

std::optional<JsonValue> Fields::find(std::string_view path) const {
  return resolve_dotted(m_root, path);
}

std::optional<Fields> Fields::object(std::string_view path) const {
  const auto value = find(path);
  if (!value || !value->is_object()) {
    return std::nullopt;
  }
  return Fields(*value, *m_context, m_prefix + std::string(path) + ".");
}

Result<std::string> Fields::required_text(std::string_view path) const {
  TOKPROF_TRY_ASSIGN(auto text, read_text(*m_context, find(path), label(path)));
  if (!text) {
    return missing(path);
  }
  return std::move(*text);
}

Result<std::optional<std::string>> Fields::text(std::string_view path) const {
  return read_text(*m_context, find(path), label(path));
}

Result<std::string> Fields::required_id(std::string_view path) const {
  TOKPROF_TRY_ASSIGN(auto text, read_id(*m_context, find(path), label(path)));
  if (!text) {
    return missing(path);
  }
  return std::move(*text);
}

Result<std::optional<std::string>> Fields::id(std::string_view path) const {
  return read_id(*m_context, find(path), label(path));
}

Result<std::optional<std::int64_t>> Fields::count(std::string_view path) const {
  return read_count(*m_context, find(path), label(path));
}

Result<std::optional<double>> Fields::number(std::string_view path) const {
  return read_number(*m_context, find(path), label(path));
}

Unexpected Fields::missing(std::string_view path) const {
  return missing_field(*m_context, label(path));
}

}  // namespace tokprof::trace
