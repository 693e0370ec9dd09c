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

std::optional<simdjson::dom::element> step_into(simdjson::dom::element value, const PathStep& step) {
  if (value.is_object()) {
    simdjson::dom::element child;
    if (value.get_object().at_key(step.key).get(child) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    return child;
  }
  if (value.is_array() && step.index) {
    const simdjson::dom::array array = value.get_array().value_unsafe();
    const auto size = static_cast<std::int64_t>(array.size());
    const std::int64_t at = *step.index < 0 ? size + *step.index : *step.index;
    if (at < 0 || at >= size) {
      return std::nullopt;
    }
    return array.at(static_cast<std::size_t>(at)).value_unsafe();
  }
  return std::nullopt;
}

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

Path parse_dotted(std::string_view path) {
  Path steps;
  std::string key;
  const auto flush = [&] {
    if (!key.empty()) {
      steps.push_back(make_step(std::move(key)));
      key.clear();
    }
  };
  for (const char c : path) {
    if (c == '.' || c == '[' || c == ']') {
      flush();
    } else {
      key += c;
    }
  }
  flush();
  return steps;
}

std::optional<simdjson::dom::element> resolve(simdjson::dom::element root, const Path& path) {
  std::optional<simdjson::dom::element> value = root;
  for (const auto& step : path) {
    value = step_into(*value, step);
    if (!value) {
      return std::nullopt;
    }
  }
  if (value->is_null()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace tokprof::trace
