#pragma once
// Typed access to the fields of one JSON record, with errors and warnings in
// one style: "traces/a.jsonl:17: missing field "model" (format openai)".
// Internal to tokprof_trace.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "base/error.hpp"
#include "format.hpp"
#include "json_path.hpp"

namespace tokprof::trace {

using JsonValue = simdjson::dom::element;

// Return `value` (which must be an array, or an object) by value. Iterate
// over these, never over `get_array().value_unsafe()` directly: that is a
// reference into a temporary, dead before a range-for starts.
[[nodiscard]] inline simdjson::dom::array array_of(JsonValue value) {
  return value.get_array().value_unsafe();
}
[[nodiscard]] inline simdjson::dom::object object_of(JsonValue value) {
  return value.get_object().value_unsafe();
}

// What a converter knows about the record in hand.
struct RecordContext {
  Format format = Format::automatic;
  std::string file;
  std::int64_t line = 0;    // 1-based line of a JSONL record; 0 inside a whole document
  std::int64_t index = 0;   // 1-based position in a whole document's record array; 0 for JSONL
  bool repaired = false;    // strings hold stand-ins for raw bytes (json_text.hpp)
  std::string source_kind;  // names the input in messages instead of "format <name>" ("score file")
  std::vector<Warning>* warnings = nullptr;

  // Returns an Error of `kind` located at this record; inside a whole
  // document the message starts with "record N: ".
  [[nodiscard]] Unexpected error(ErrorKind kind, std::string message) const;
  // Adds a warning located at this record.
  void warn(std::string message) const;
};

// How a field is named in messages: `name` ("usage.prompt_tokens") and, for
// mapped fields, the pointer it was read through.
struct FieldLabel {
  std::string name;
  std::string pointer;
};

// Each read_* returns std::nullopt when `value` is absent, the converted value
// when it has the right type, and an ErrorKind::invalid Error naming `label`
// otherwise.
// Accepts a string.
[[nodiscard]] Result<std::optional<std::string>> read_text(const RecordContext& context, std::optional<JsonValue> value,
                                                           const FieldLabel& label);
// Accepts a string or an integer (printed in decimal).
[[nodiscard]] Result<std::optional<std::string>> read_id(const RecordContext& context, std::optional<JsonValue> value,
                                                         const FieldLabel& label);
// Accepts a non-negative integer, also written as 12.0 or "12".
[[nodiscard]] Result<std::optional<std::int64_t>> read_count(const RecordContext& context,
                                                             std::optional<JsonValue> value, const FieldLabel& label);
// Accepts a finite number, a boolean (1 or 0) or a numeric string ("0.7").
[[nodiscard]] Result<std::optional<double>> read_number(const RecordContext& context, std::optional<JsonValue> value,
                                                        const FieldLabel& label);
// Returns the "missing field" Error for `label`.
[[nodiscard]] Unexpected missing_field(const RecordContext& context, const FieldLabel& label);

// A JSON object of the record (the record itself or a nested one) read with
// dotted paths; `prefix` names it in messages ("response.body.").
class Fields {
 public:
  Fields(JsonValue root, const RecordContext& context, std::string prefix = {});

  // Returns the value at dotted `path`, or std::nullopt when absent or null.
  [[nodiscard]] std::optional<JsonValue> find(std::string_view path) const;
  // Returns a Fields over the object at `path`, or std::nullopt when absent.
  [[nodiscard]] std::optional<Fields> object(std::string_view path) const;
  // Returns the string at `path`; absent is a "missing field" Error.
  [[nodiscard]] Result<std::string> required_text(std::string_view path) const;
  // Returns the string at `path`, std::nullopt when absent (read_text).
  [[nodiscard]] Result<std::optional<std::string>> text(std::string_view path) const;
  // Returns the id at `path`; absent is a "missing field" Error.
  [[nodiscard]] Result<std::string> required_id(std::string_view path) const;
  // Returns the id at `path`, std::nullopt when absent (read_id).
  [[nodiscard]] Result<std::optional<std::string>> id(std::string_view path) const;
  // Returns the token count at `path`, std::nullopt when absent (read_count).
  [[nodiscard]] Result<std::optional<std::int64_t>> count(std::string_view path) const;
  // Returns the number at `path`, std::nullopt when absent (read_number).
  [[nodiscard]] Result<std::optional<double>> number(std::string_view path) const;
  // Returns the "missing field" Error for `path`.
  [[nodiscard]] Unexpected missing(std::string_view path) const;

  // Returns the object these fields are read from.
  [[nodiscard]] JsonValue root() const { return m_root; }
  // Returns where the record is, for errors and warnings.
  [[nodiscard]] const RecordContext& context() const { return *m_context; }

 private:
  [[nodiscard]] FieldLabel label(std::string_view path) const;

  JsonValue m_root;
  const RecordContext* m_context;
  std::string m_prefix;
};

}  // namespace tokprof::trace
