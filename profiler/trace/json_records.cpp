#include "json_records.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/strings.hpp"
#include "eval_logs.hpp"  // quote_nonfinite
#include "file_kind.hpp"
#include "json_path.hpp"
#include "json_text.hpp"

namespace tokprof::trace {
namespace {

constexpr std::string_view k_utf8_warning = "invalid UTF-8 in the record; its text is read as raw bytes";

std::string_view type_phrase(JsonValue value) {
  switch (value.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    default:
      return "a scalar";
  }
}

// Returns the 1-based line and a description of the first syntax error in
// `text`, found with nlohmann, whose errors carry a position (simdjson's do not).
std::pair<std::int64_t, std::string> locate_syntax_error(const std::string& text) {
  try {
    const auto parsed = nlohmann::json::parse(text);
    (void)parsed;
  } catch (const nlohmann::json::parse_error& error) {
    const std::size_t stop = std::min<std::size_t>(error.byte, text.size());
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(stop), '\n');
    const std::string what = error.what();
    const std::size_t colon = what.find(": ", what.find("column"));
    return {line, colon == std::string::npos ? std::string() : what.substr(colon + 2)};
  } catch (const nlohmann::json::exception&) {
    return {0, {}};
  }
  return {0, {}};
}

}  // namespace

std::string describe_json_error(simdjson::error_code code) {
  switch (code) {
    case simdjson::TAPE_ERROR:
      return "improper structure: missing or extra commas, brackets or keys";
    case simdjson::STRING_ERROR:
      return "bad string: invalid escape or unescaped control character";
    case simdjson::UNCLOSED_STRING:
      return "unclosed string";
    case simdjson::NUMBER_ERROR:
      return "bad number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "bad literal (not true, false or null)";
    case simdjson::EMPTY:
      return "no JSON value";
    case simdjson::DEPTH_ERROR:
      return "nested too deeply";
    case simdjson::UTF8_ERROR:
      return "invalid UTF-8";
    default:
      return simdjson::error_message(code);
  }
}

JsonRecordSource::JsonRecordSource(std::string path, std::vector<Warning>& warnings) : m_path(std::move(path)) {
  m_context.file = m_path;
  m_context.warnings = &warnings;
}

JsonRecordSource::~JsonRecordSource() = default;

Result<std::unique_ptr<JsonRecordSource>> JsonRecordSource::open(const std::string& path,
                                                                 const std::string& records_pointer,
                                                                 std::vector<Warning>& warnings) {
  TOKPROF_TRY_ASSIGN(auto bytes, open_source(path));
  std::unique_ptr<JsonRecordSource> source(new JsonRecordSource(path, warnings));
  source->m_lines = std::make_unique<LineReader>(std::move(bytes), path);
  TOKPROF_TRY(source->start(records_pointer));
  return source;
}

Result<void> JsonRecordSource::start(const std::string& records_pointer) {
  std::string_view line;
  do {
    TOKPROF_TRY_ASSIGN(const bool got, m_lines->next(line));
    if (!got) {
      return make_error_at(ErrorKind::invalid, "empty file: no records", m_path);
    }
  } while (trim(line).empty());
  if (is_jsonl_name(m_path)) {
    TOKPROF_TRY(parse_line(line, m_lines->last_line_unterminated()));
    m_first_pending = true;
    return {};
  }
  bool repaired = false;
  const bool may_be_jsonl = records_pointer.empty();
  if (may_be_jsonl && parse_repairing(line, repaired) == simdjson::SUCCESS && m_value.is_object()) {
    m_context.line = m_lines->line_number();
    m_context.repaired = repaired;
    if (repaired) {
      m_context.warn(std::string(k_utf8_warning));
    }
    m_first_pending = true;
    return {};
  }
  // Not one object per line: gather the whole document, keeping the skipped
  // blank lines so that syntax errors get the right line numbers.
  std::string text(static_cast<std::size_t>(m_lines->line_number() - 1), '\n');
  text.append(line);
  while (true) {
    TOKPROF_TRY_ASSIGN(const bool got, m_lines->next(line));
    if (!got) {
      break;
    }
    text += '\n';
    text.append(line);
  }
  m_lines.reset();
  return load_document(std::move(text), records_pointer);
}

simdjson::error_code JsonRecordSource::parse_repairing(std::string_view text, bool& repaired) {
  const auto parse = [&](std::string_view input) {
    m_padded.resize(input.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(m_padded.data(), input.data(), input.size());
    return m_parser.parse(m_padded.data(), input.size(), false).get(m_value);
  };
  repaired = false;
  simdjson::error_code code = parse(text);
  std::string fixed;
  if (code == simdjson::UTF8_ERROR) {
    fixed = repair_invalid_utf8(text);
    if (!fixed.empty()) {
      repaired = true;
      code = parse(fixed);
      text = fixed;
    }
  }
  if (code == simdjson::STRING_ERROR) {
    std::string unpaired = repair_lone_surrogates(text);
    if (!unpaired.empty()) {
      repaired = true;
      code = parse(unpaired);
      fixed = std::move(unpaired);
      text = fixed;
    }
  }
  // issue 6: bare NaN/Infinity (Python's json.dumps) are quoted, so that the
  // field readers take them as missing values, with a warning.
  if (code != simdjson::SUCCESS && code != simdjson::UTF8_ERROR &&
      (text.find("NaN") != std::string_view::npos || text.find("Infinity") != std::string_view::npos)) {
    const std::string quoted = quote_nonfinite(text);
    if (quoted.size() != text.size()) {
      code = parse(quoted);
    }
  }
  return code;
}

Result<void> JsonRecordSource::parse_line(std::string_view line, bool last_unterminated) {
  m_context.line = m_lines->line_number();
  m_context.index = 0;
  bool repaired = false;
  const simdjson::error_code code = parse_repairing(line, repaired);
  if (code != simdjson::SUCCESS) {
    const std::string what = fmt::format("invalid JSON ({})", describe_json_error(code));
    if (last_unterminated) {
      return m_context.error(ErrorKind::parse,
                             fmt::format("truncated last line (no newline at the end of the file): {}", what));
    }
    return m_context.error(ErrorKind::parse, what);
  }
  m_context.repaired = repaired;
  if (repaired) {
    m_context.warn(std::string(k_utf8_warning));
  }
  if (!m_value.is_object()) {
    return m_context.error(ErrorKind::invalid,
                           fmt::format("a JSONL record must be a JSON object, found {}", type_phrase(m_value)));
  }
  return {};
}

Result<void> JsonRecordSource::load_document(std::string text, const std::string& records_pointer) {
  m_document = true;
  m_context.line = 0;
  bool repaired = false;
  const simdjson::error_code code = parse_repairing(text, repaired);
  if (code != simdjson::SUCCESS) {
    const auto [line, what] = locate_syntax_error(text);
    return make_error_at(ErrorKind::parse,
                         fmt::format("invalid JSON ({})", what.empty() ? describe_json_error(code) : what), m_path,
                         line);
  }
  // The DOM holds copies of every string: the padded text is no longer needed.
  std::string().swap(m_padded);
  m_context.repaired = repaired;
  if (repaired) {
    m_context.warn("invalid UTF-8 in the document; its text is read as raw bytes");
  }
  JsonValue records = m_value;
  if (!records_pointer.empty()) {
    TOKPROF_TRY_ASSIGN(const Path path, parse_pointer(records_pointer));
    const auto found = resolve(m_value, path);
    if (!found || !(found->is_array() || found->is_object())) {
      return make_error_at(ErrorKind::invalid,
                           fmt::format("records pointer {} does not lead to an array or object", records_pointer),
                           m_path);
    }
    records = *found;
  }
  if (!records.is_array()) {
    if (!records.is_object()) {
      return make_error_at(ErrorKind::invalid,
                           fmt::format("a record must be a JSON object, found {}", type_phrase(records)), m_path);
    }
    m_first_pending = true;  // one record: the object itself
    m_value = records;
    return {};
  }
  m_array = records.get_array().value_unsafe();
  m_array_size = m_array.size();
  // Hand the first record out next, so that it can be looked at first.
  TOKPROF_TRY_ASSIGN(const bool got, next_element());
  if (!got) {
    return make_error_at(ErrorKind::invalid, "no records: the document is an empty array", m_path);
  }
  m_first_pending = true;
  return {};
}

Result<bool> JsonRecordSource::next() {
  if (m_first_pending) {
    m_first_pending = false;
    return true;
  }
  return m_document ? next_element() : next_line();
}

Result<bool> JsonRecordSource::next_line() {
  std::string_view line;
  do {
    auto got = m_lines->next(line);
    if (!got) {
      // The bytes could not be read (an I/O error, a corrupt or truncated
      // .gz/.zst): not a bad record but the end of what can be read, which
      // callers must not skip (ErrorKind::io is what tells them).
      Error error = std::move(got).error();
      error.kind = ErrorKind::io;
      return Unexpected(std::move(error));
    }
    if (!*got) {
      return false;
    }
  } while (trim(line).empty());
  TOKPROF_TRY(parse_line(line, m_lines->last_line_unterminated()));
  return true;
}

Result<bool> JsonRecordSource::next_element() {
  if (m_array_next >= m_array_size) {
    return false;
  }
  if (m_array_next == 0) {
    m_array_iterator = m_array.begin();
  } else {
    ++m_array_iterator;
  }
  ++m_array_next;
  m_value = *m_array_iterator;
  m_context.index = static_cast<std::int64_t>(m_array_next);
  if (!m_value.is_object()) {
    return m_context.error(ErrorKind::invalid,
                           fmt::format("a record must be a JSON object, found {}", type_phrase(m_value)));
  }
  return true;
}

}  // namespace tokprof::trace
