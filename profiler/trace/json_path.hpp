#pragma once
// Paths into a simdjson DOM record: the JSON pointers of a FieldMapping, and
// the dotted paths ("choices[0].message.content") the vendor readers use.
// Both become the same Path, and both may index arrays from the end.
// Internal to tokprof_trace.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "base/error.hpp"

namespace tokprof::trace {

// One step of a Path: an object key, which doubles as an array index when it
// is an integer (JSON pointers do not say which one they mean).
struct PathStep {
  std::string key;
  std::optional<std::int64_t> index;  // set when `key` is an integer; negative counts from the end
};

using Path = std::vector<PathStep>;

// Parses the JSON pointer `pointer` ("" is the whole record). A pointer that
// does not start with '/' or has a '~' not followed by 0 or 1 is an Error.
[[nodiscard]] Result<Path> parse_pointer(std::string_view pointer);

// Parses a dotted path written in tokprof's own code: "a.b[0].c", "m[-1]".
// The caller owns the text, so it is trusted.
[[nodiscard]] Path parse_dotted(std::string_view path);

// Returns the value at `path` under `root`, or std::nullopt when a step is
// missing or the value there is JSON null (an absent field and a null one
// mean the same to a reader).
[[nodiscard]] std::optional<simdjson::dom::element> resolve(simdjson::dom::element root, const Path& path);

}  // namespace tokprof::trace
