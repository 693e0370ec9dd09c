#pragma once
// JsonRecordSource: the records of one JSON or JSONL file, one at a time.
//
// JSONL (one object per line) is streamed: a line is read, parsed with a
// reused simdjson parser and handed out, so memory follows the longest line,
// not the file. A single JSON document (an OpenAI response, an array of
// them, an object holding the record array at a mapping's `records` pointer)
// is read whole, as such files are small in practice and JSON cannot be
// split without parsing it.
//
// Which one a file is: names ending in .jsonl, .ndjson or .jsonlines (before
// any .gz/.zst) are JSONL. Anything else is JSONL when its first non-blank
// line is a complete JSON object on its own and no records pointer is given,
// and one document otherwise.
//
// Records that simdjson rejects for invalid UTF-8 or lone surrogate escapes
// are repaired and kept, with a warning (json_text.hpp).
// Internal to tokprof_trace.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "base/error.hpp"
#include "base/file.hpp"
#include "fields.hpp"

namespace tokprof::trace {

class JsonRecordSource {
 public:
  // Opens `path`; `records_pointer` (may be empty) locates the record array
  // inside a whole document. `warnings` must outlive the source. A file with
  // no record at all ("empty file"), a first line that is not JSON in a JSONL
  // file, or a document that is not JSON is an Error.
  [[nodiscard]] static Result<std::unique_ptr<JsonRecordSource>> open(const std::string& path,
                                                                      const std::string& records_pointer,
                                                                      std::vector<Warning>& warnings);

  JsonRecordSource(const JsonRecordSource&) = delete;
  JsonRecordSource& operator=(const JsonRecordSource&) = delete;
  ~JsonRecordSource();

  // Moves to the next record and returns true, or returns false at the end.
  // An invalid JSONL line is an Error located at its line ("truncated last
  // line" when it is the last one and lacks its newline); the line is
  // consumed, so the next call reads the next line. Bytes that cannot be
  // read (I/O error, corrupt .gz/.zst) are an ErrorKind::io Error, after
  // which there is nothing more to read.
  [[nodiscard]] Result<bool> next();

  // Returns the current record, valid until the next call to next(). Right
  // after open() it is the first record (which next() then hands out), so
  // that the format can be detected from it.
  [[nodiscard]] JsonValue value() const { return m_value; }
  // Returns where the current record is; readers may set its `format`.
  [[nodiscard]] RecordContext& context() { return m_context; }
  // Returns true when the file is read as one JSON document, not as JSONL.
  [[nodiscard]] bool whole_document() const { return m_document; }

 private:
  JsonRecordSource(std::string path, std::vector<Warning>& warnings);

  [[nodiscard]] Result<void> start(const std::string& records_pointer);
  [[nodiscard]] Result<bool> next_line();
  [[nodiscard]] Result<bool> next_element();
  [[nodiscard]] Result<void> load_document(std::string text, const std::string& records_pointer);
  [[nodiscard]] Result<void> parse_line(std::string_view line, bool last_unterminated);
  // Parses `text`, repairing it once or twice if simdjson rejects its UTF-8.
  [[nodiscard]] simdjson::error_code parse_repairing(std::string_view text, bool& repaired);

  std::string m_path;
  RecordContext m_context;
  std::unique_ptr<LineReader> m_lines;
  simdjson::dom::parser m_parser;
  std::string m_padded;          // the text being parsed, with simdjson's padding after it
  bool m_first_pending = false;  // the current record is parsed but not handed out yet
  bool m_document = false;
  simdjson::dom::array m_array;  // whole document: the records
  simdjson::dom::array::iterator m_array_iterator;
  std::size_t m_array_next = 0;
  std::size_t m_array_size = 0;
  JsonValue m_value;
};

// Returns a short English description of a simdjson parse error.
[[nodiscard]] std::string describe_json_error(simdjson::error_code code);

}  // namespace tokprof::trace
