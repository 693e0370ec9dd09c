#pragma once
// FieldMapping: how to read a TraceRecord out of any JSON record, so that a
// trace in an unknown layout needs a command-line option, not code.
//
// String syntax (the --map option), entries separated by commas:
//   model=/generator,output=/output,id=/instruction,score=/preference,task=/dataset
//   model==gpt-4o            (two '=': a constant, the same for every record)
// Pointers are JSON pointers (RFC 6901: "/a/0/b", "~1" for '/', "~0" for '~'),
// extended with negative array indexes counting from the end
// ("/messages/-1/content"). A pointer or constant cannot contain a comma in
// the string syntax; use a mapping file for those.
//
// File syntax (JSON), the same fields as keys:
//   {"model": "/generator", "task": {"constant": "alpaca_eval"}, "score": "/preference"}

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace tokprof::trace {

// The TraceRecord fields a mapping can fill. `usage` points at a whole usage
// object (OpenAI, Anthropic, Responses, Inspect or Gemini shape, recognised
// by its keys); the *_tokens fields point at single counts and win over it.
enum class MappedField {
  model,
  task,
  id,
  epoch,
  output,
  reasoning,
  score,
  cost,
  usage,
  input_tokens,
  output_tokens,
  reasoning_tokens,
  cache_read_tokens,
  cache_write_tokens,
  reference_tokens,
};

// Returns the name of `field` in the mapping syntax ("cache_read_tokens").
[[nodiscard]] std::string_view mapped_field_name(MappedField field);

// Where one field comes from: a JSON pointer, or a constant.
struct FieldSource {
  MappedField field = MappedField::model;
  std::string pointer;                  // set unless `constant` is
  std::optional<std::string> constant;  // the text after "==", or a file's {"constant": v}
};

struct FieldMapping {
  std::vector<FieldSource> sources;  // at most one per field, in the order given
  // In a whole-document JSON file, a pointer to the array holding the records
  // ("/samples"); empty means the document itself (an array or one record).
  std::string records;

  // Returns the source of `field`, or nullptr when the mapping leaves it out.
  [[nodiscard]] const FieldSource* find(MappedField field) const;
};

// Parses the string syntax in `spec`. Errors (ErrorKind::usage) name the
// entry: an unknown field, a field given twice, a pointer that does not start
// with '/', a bad "~" escape, a constant that is not a number for a numeric
// field.
[[nodiscard]] Result<FieldMapping> parse_field_mapping(std::string_view spec);

// Reads a mapping file (a JSON object, see above) from `path`. Errors name
// the file.
[[nodiscard]] Result<FieldMapping> read_field_mapping(const std::string& path);

}  // namespace tokprof::trace
