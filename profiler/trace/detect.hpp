#pragma once
// Content-based format detection from the keys of a file's first record.
// Internal to tokprof_trace; the rules are listed in traces/README.md.

#include "base/error.hpp"
#include "fields.hpp"
#include "format.hpp"

namespace tokprof::trace {

// Returns the format whose records look like `first`, or an Error located at
// the record that lists its top-level keys.
[[nodiscard]] Result<Format> detect_record_format(JsonValue first, const RecordContext& context);

}  // namespace tokprof::trace
