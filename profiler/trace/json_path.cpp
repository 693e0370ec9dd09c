#include "json_path.hpp"

#include <charconv>

#include <fmt/format.h>

namespace tokprof::trace {
namespace {

std::optional<std::int64_t> as_index(std::string_view key) {
  std::string_view digits = key;
  if (!digits.empty() && digits.front() == '-') {
    digits.remove_prefix(1);
  }
  if (digits.empty() || (digits.size() > 1 && digits.front() == '0')) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), value);
  if (ec != std::errc() || end != key.data() + key.size()) {
    return std::nullopt;
  }
  return value;
}

PathStep make_step(std::string key) {
  PathStep step;
  step.index = as_index(key);
  step.key = std::move(key);
  return step;
}

Result<std::string> unescape_segment(std::string_view segment, std::string_view pointer) {
  std::string key;
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '~') {
      key += segment[i];
      continue;
    }
    if (i + 1 < segment.size() && (segment[i + 1] == '0' || segment[i + 1] == '1')) {
      key += segment[i + 1] == '0' ? '~' : '/';
      ++i;
      continue;
    }
    return make_error(ErrorKind::usage,
                      fmt::format("invalid JSON pointer \"{}\": \"~\" must be followed by 0 or 1", pointer));
  }
  return key;
}

std::optional<simdjson::dom::element> step_into(simdjson::dom::element value, std::string_view key,
                                                std::optional<std::int64_t> index) {
  if (value.is_object()) {
    simdjson::dom::element child;
    if (value.get_object().at_key(key).get(child) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    return child;
  }
  if (value.is_array() && index) {
    const simdjson::dom::array array = value.get_array().value_unsafe();
    const auto size = static_cast<std::int64_t>(array.size());
    const std::int64_t at = *index < 0 ? size + *index : *index;
    if (at < 0 || at >= size) {
      return std::nullopt;
    }
    return array.at(static_cast<std::size_t>(at)).value_unsafe();
  }
  return std::nullopt;
}

// A missing value and JSON null read the same.
std::optional<simdjson::dom::element> unless_null(std::optional<simdjson::dom::element> value) {
  return value && value->is_null() ? std::nullopt : value;
}

bool is_dotted_separator(char c) { return c == '.' || c == '[' || c == ']'; }

}  // namespace

Result<Path> parse_pointer(std::string_view pointer) {
  Path path;
  if (pointer.empty()) {
    return path;
  }
  if (pointer.front() != '/') {
    return make_error(ErrorKind::usage, fmt::format("invalid JSON pointer \"{}\": it must start with \"/\"", pointer));
  }
  std::size_t start = 1;
  while (true) {
    const std::size_t stop = pointer.find('/', start);
    const std::string_view segment = pointer.substr(start, stop == std::string_view::npos ? stop : stop - start);
    TOKPROF_TRY_ASSIGN(std::string key, unescape_segment(segment, pointer));
    path.push_back(make_step(std::move(key)));
    if (stop == std::string_view::npos) {
      return path;
    }
    start = stop + 1;
  }
}

std::optional<simdjson::dom::element> resolve(simdjson::dom::element root, const Path& path) {
  std::optional<simdjson::dom::element> value = root;
  for (const auto& step : path) {
    value = step_into(*value, step.key, step.index);
    if (!value) {
      return std::nullopt;
    }
  }
  return unless_null(value);
}

std::optional<simdjson::dom::element> resolve_dotted(simdjson::dom::element root, std::string_view path) {
  std::optional<simdjson::dom::element> value = root;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t stop = start;
    while (stop < path.size() && !is_dotted_separator(path[stop])) {
      ++stop;
    }
    if (stop > start) {  // separators in a row make no empty step, as in parse_dotted
      const std::string_view key = path.substr(start, stop - start);
      // Only an array step needs the key as an index.
      value = step_into(*value, key, value->is_array() ? as_index(key) : std::nullopt);
      if (!value) {
        return std::nullopt;
      }
    }
    start = stop + 1;
  }
  return unless_null(value);
}

}  // namespace tokprof::trace
