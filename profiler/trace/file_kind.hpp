#pragma once
// What a file name says about its content. Internal to tokprof_trace.

#include <string>
#include <string_view>

namespace tokprof::trace {

// Returns the lower-cased extension of `path` that names its content, after
// dropping a compression suffix: "a.JSONL.gz" -> ".jsonl", "b.csv" -> ".csv",
// "c" -> "".
[[nodiscard]] std::string content_extension(std::string_view path);

// Returns true when `path` names JSONL (.jsonl, .ndjson, .jsonlines).
[[nodiscard]] bool is_jsonl_name(std::string_view path);

// Returns true when `path` names a CSV or TSV table.
[[nodiscard]] bool is_table_name(std::string_view path);

}  // namespace tokprof::trace
