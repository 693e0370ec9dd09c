#pragma once
// Paths into a simdjson DOM record: the JSON pointers of a FieldMapping, and
// the dotted paths ("choices[0].message.content") the vendor readers use.
// A pointer is parsed once into a Path; a dotted path is walked in place.
// Both may index arrays from the end.
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

// Returns the value at `path` under `root`, or std::nullopt when a step is
// missing or the value there is JSON null (an absent field and a null one
// mean the same to a reader).
[[nodiscard]] std::optional<simdjson::dom::element> resolve(simdjson::dom::element root, const Path& path);

// Returns the value at the dotted path `path` ("a.b[0].c", "m[-1]": tokprof's
// own readers write these, so the text is trusted) under `root`, as
// resolve() does. It walks the text in place: the readers look up a dozen
// fields of every record, and building a Path (a vector of strings) for
// each was 1-2% of `tokprof profile`.
[[nodiscard]] std::optional<simdjson::dom::element> resolve_dotted(simdjson::dom::element root,
                                                                   std::string_view path);

}  // namespace tokprof::trace
